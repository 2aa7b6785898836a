"""`manage.py generate_audio`: all or selected articles, resumable, failures retried and reported."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from manchette.audio.models import ArticleAudio
from tests.conftest import Newsroom


def _run(*args: str) -> str:
    out = StringIO()
    call_command("generate_audio", *args, stdout=out, stderr=StringIO())
    return out.getvalue()


def test_generates_all_then_skips_what_is_up_to_date(newsroom: Newsroom) -> None:
    section = newsroom.section()
    first = newsroom.article(section, standfirst="Court.")
    second = newsroom.article(section, standfirst="Bref.")
    newsroom.article(section, live=False)
    output = _run()
    assert "2/2" in output and output.count("générée") == 2 and "█" in output
    assert ArticleAudio.objects.filter(status=ArticleAudio.Status.READY).count() == 2
    # A second run (or a run resumed after an interruption) redoes nothing.
    again = _run()
    assert again.count("à jour") == 2 and "générée" not in again
    assert _run(str(second.pk), "--force").count("générée") == 1
    assert ArticleAudio.objects.get(article=first).status == ArticleAudio.Status.READY


def test_failures_are_retried_listed_and_fail_the_command(newsroom: Newsroom, settings) -> None:
    article = newsroom.article(newsroom.section(), standfirst="Court.")
    settings.AUDIO_ESPEAK_VOICE = "pas-une-voix"
    with pytest.raises(CommandError, match="1 article"):
        _run("--retries", "1")
    audio = ArticleAudio.objects.get(article=article)
    assert audio.status == ArticleAudio.Status.FAILED and audio.attempts == 2  # the run, its retry

    settings.AUDIO_ESPEAK_VOICE = "fr-fr"
    assert "générée" in _run()  # a failed one is never skipped as done


def test_an_unknown_article_is_named(newsroom: Newsroom) -> None:
    with pytest.raises(CommandError, match="identifiant 999999"):
        _run("999999")
