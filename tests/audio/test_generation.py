"""Generating an article's audio: what is said, a playable file, idempotence, stale files, failures."""

from array import array
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.utils import timezone

from manchette.audio import engines, services, tasks
from manchette.audio.models import ArticleAudio
from manchette.audio.storage import audio_storage
from tests.audio.conftest import decode, probe_seconds, short_article
from tests.conftest import Newsroom, paragraph


def _files(article_id: int) -> list[str]:
    try:
        return sorted(audio_storage().listdir(f"articles/{article_id}")[1])
    except FileNotFoundError:
        return []


def _path(audio: ArticleAudio) -> Path:
    return Path(audio_storage().path(audio.file_name))


def test_spoken_text_is_the_opening_then_each_section_without_captions_or_links(newsroom: Newsroom) -> None:
    article = short_article(newsroom)
    sections = services.spoken_sections(article)
    assert [section.title for section in sections] == ["", "Les causes", "La suite"]
    assert sections[0].text == (
        "Le budget est voté. Un vote serré. Un article de Léa Lambert. "
        "Le conseil a voté le treize septembre deux mille vingt-trois."
    )
    assert sections[1].text == "Les causes. Une hausse de douze pour cent."
    assert sections[2].text == "La suite. Le maire : Nous verrons."
    said = " ".join(section.text for section in sections)
    assert "Une légende" not in said and "autre article" not in said


def test_the_byline_names_every_author_and_the_agency(newsroom: Newsroom) -> None:
    section = newsroom.section()
    article = newsroom.article(
        section,
        authors=[newsroom.author(name="Léa Lambert"), newsroom.author(name="Marc Morel")],
        agency=newsroom.agency(name="Agence France-Presse", short_name="AFP"),
    )
    opening = services.spoken_sections(article)[0].text
    assert "Un article de Léa Lambert et Marc Morel, avec Agence France-Presse." in opening


def test_generation_makes_a_playable_file_with_its_duration_size_and_chapters(newsroom: Newsroom) -> None:
    article = short_article(newsroom)
    generation = services.generate(article.pk)
    audio = generation.audio
    assert generation.made and audio.status == ArticleAudio.Status.READY
    path = _path(audio)
    assert audio.byte_size == path.stat().st_size > 0
    decoded = probe_seconds(path)
    assert audio.duration > 0
    assert abs(decoded - audio.duration) <= 0.05 * audio.duration
    assert audio.engine == "espeak-ng/fr-fr/165" and audio.error == ""
    # Constant 32 kbit/s: the size follows from the duration.
    assert audio.byte_size == pytest.approx(audio.duration * 32000 / 8, rel=0.05)
    assert [chapter["title"] for chapter in audio.chapters] == ["Les causes", "La suite"]


def test_chapters_start_where_the_decoded_audio_speaks_again_after_the_pause(newsroom: Newsroom) -> None:
    audio = services.generate(short_article(newsroom).pk).audio
    rate = 8000
    samples = array("h", decode(_path(audio), rate))
    for chapter in audio.chapters:
        start = int(chapter["start"] * rate)
        pause = samples[start - int(0.6 * rate) : start - int(0.1 * rate)]
        speech = samples[start : start + int(0.5 * rate)]
        assert max(abs(value) for value in pause) < 500, chapter
        assert max(abs(value) for value in speech) > 2000, chapter


def test_generation_is_idempotent_for_an_unchanged_text(newsroom: Newsroom) -> None:
    article = short_article(newsroom)
    first = services.generate(article.pk).audio
    second = services.generate(article.pk)
    assert not second.made
    assert second.audio.file_name == first.file_name
    assert second.audio.generated_at == first.generated_at
    assert _files(article.pk) == [Path(first.file_name).name]


@pytest.fixture
def republish(newsroom: Newsroom, settings, django_capture_on_commit_callbacks):
    """An article published (publishing queued its audio, the task ran), to publish again with changes."""
    settings.AUDIO_ON_PUBLISH = True
    with django_capture_on_commit_callbacks(execute=True):
        article = short_article(newsroom)
    first = ArticleAudio.objects.get(article=article)
    assert first.status == ArticleAudio.Status.READY

    def again(**changes) -> tuple[ArticleAudio, ArticleAudio]:
        for name, value in changes.items():
            setattr(article, name, value)
        with django_capture_on_commit_callbacks(execute=True):
            article.save_revision().publish()
        return first, ArticleAudio.objects.get(article=article)

    return again


def test_a_changed_text_is_spoken_again_and_the_old_file_deleted(republish) -> None:
    first, second = republish(standfirst="Un vote très serré, à 23 h 13.")
    assert second.file_name != first.file_name
    assert second.text_hash != first.text_hash
    assert not audio_storage().exists(first.file_name)
    assert _files(second.article_id) == [Path(second.file_name).name]


def test_republishing_the_same_text_makes_no_new_file(republish) -> None:
    first, again = republish(seo_title="Un titre pour les moteurs")  # not said
    assert (again.file_name, again.generated_at) == (first.file_name, first.generated_at)


def test_files_left_by_an_interrupted_run_are_deleted(
    newsroom: Newsroom, django_capture_on_commit_callbacks
) -> None:
    article = newsroom.article(newsroom.section(), standfirst="Court.", body=[paragraph("Bref.")])
    leftover = audio_storage().save(f"articles/{article.pk}/interrompu.mp3", ContentFile(b"ID3"))
    with django_capture_on_commit_callbacks(execute=True):
        audio = services.generate(article.pk).audio
    assert not audio_storage().exists(leftover)
    assert _files(article.pk) == [Path(audio.file_name).name]


def test_deleting_the_article_deletes_its_file(
    newsroom: Newsroom, django_capture_on_commit_callbacks
) -> None:
    article = newsroom.article(newsroom.section(), standfirst="Court.")
    audio = services.generate(article.pk).audio
    with django_capture_on_commit_callbacks(execute=True):
        article.delete()
    assert not audio_storage().exists(audio.file_name)


def test_a_draft_has_no_audio(newsroom: Newsroom) -> None:
    draft = newsroom.article(newsroom.section(), live=False)
    assert services.generate(draft.pk).audio is None
    assert not ArticleAudio.objects.filter(article=draft).exists()


def test_a_failure_is_recorded_with_its_reason_then_retried(newsroom: Newsroom, settings) -> None:
    article = newsroom.article(newsroom.section(), standfirst="Court.")
    settings.AUDIO_ESPEAK_VOICE = "pas-une-voix"
    tasks.generate_audio.call(article.pk)  # the immediate backend cannot defer: no retry queued
    failed = ArticleAudio.objects.get(article=article)
    assert failed.status == ArticleAudio.Status.FAILED
    assert "espeak-ng a échoué" in failed.error and failed.attempts == 1
    assert failed.file_name == ""

    settings.AUDIO_ESPEAK_VOICE = "fr-fr"
    done = services.generate(article.pk).audio
    assert done.status == ArticleAudio.Status.READY and done.attempts == 0 and done.error == ""


def test_a_missing_program_is_a_clear_failure(newsroom: Newsroom, settings, tmp_path: Path) -> None:
    article = newsroom.article(newsroom.section(), standfirst="Court.")
    settings.AUDIO_PIPER_VOICE = str(tmp_path / "voix.onnx")
    assert isinstance(engines.configured_engine(), engines.PiperEngine)
    audio = services.generate(article.pk).audio
    assert audio.status == ArticleAudio.Status.FAILED
    assert audio.error == f"la voix Piper {tmp_path / 'voix.onnx'} est introuvable."


def test_espeak_is_the_default_engine(settings) -> None:
    settings.AUDIO_PIPER_VOICE = ""
    assert isinstance(engines.configured_engine(), engines.EspeakEngine)


def test_another_engine_makes_another_hash(newsroom: Newsroom) -> None:
    sections = services.spoken_sections(newsroom.article(newsroom.section()))
    assert services.text_hash(sections, engines.EspeakEngine("fr-fr")) != services.text_hash(
        sections, engines.EspeakEngine("fr-be")
    )


def test_a_failed_task_is_queued_again_later_a_few_times(newsroom: Newsroom, settings) -> None:
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
    settings.AUDIO_ESPEAK_VOICE = "pas-une-voix"
    article = newsroom.article(newsroom.section(), standfirst="Court.")
    for _attempt in range(tasks.MAX_ATTEMPTS):
        tasks.generate_audio.call(article.pk)  # what the worker runs
    retries = DBTaskResult.objects.filter(task_path=tasks.generate_audio.module_path).order_by("run_after")
    # Tried three times: the first two failures queued a later try, the third gave up.
    assert [retry.args_kwargs["args"] for retry in retries] == [[article.pk], [article.pk]]
    now = timezone.now()
    assert [round((retry.run_after - now).total_seconds() / 60) for retry in retries] == [5, 10]
    assert ArticleAudio.objects.get(article=article).attempts == tasks.MAX_ATTEMPTS
