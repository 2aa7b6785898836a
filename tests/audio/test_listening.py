"""Who gets the audio: subscribers only, through links signed for them that expire; Range requests."""

from datetime import timedelta
from pathlib import Path

import pytest
from django.test import Client, override_settings

from manchette.audio import services, views
from manchette.audio.models import ArticleAudio
from manchette.audio.storage import audio_storage
from tests.audio.conftest import short_article
from tests.conftest import ModuleDatabase, Newsroom


@pytest.fixture(scope="module")
def _module_audio(module_db: ModuleDatabase, tmp_path_factory: pytest.TempPathFactory) -> tuple[str, int]:
    """One article spoken once for the module (its folder, its audio's id); tests only read it."""
    folder = str(tmp_path_factory.mktemp("audio"))
    with override_settings(AUDIO_ROOT=folder):
        audio = module_db.build(lambda: services.generate(short_article(module_db.newsroom()).pk).audio)
    return folder, audio.pk


@pytest.fixture(autouse=True)
def _audio_folder(settings, _module_audio: tuple[str, int]) -> None:
    settings.AUDIO_ROOT = _module_audio[0]


@pytest.fixture
def audio(_module_audio: tuple[str, int], db) -> ArticleAudio:
    return ArticleAudio.objects.select_related("article").get(pk=_module_audio[1])


def _file(audio) -> bytes:
    with audio_storage().open(audio.file_name, "rb") as file:
        return file.read()


def test_a_subscriber_gets_the_whole_file(audio, subscriber, logged_in) -> None:
    response = logged_in(subscriber).get(services.listening_url(audio, subscriber))
    assert response.status_code == 200
    assert response.content == _file(audio)
    assert response["Content-Type"] == "audio/mpeg"
    assert response["Content-Length"] == str(audio.byte_size)
    assert response["Accept-Ranges"] == "bytes"
    cache_control = {part.strip() for part in response["Cache-Control"].split(",")}
    assert "private" in cache_control and "public" not in cache_control


@pytest.mark.parametrize(
    ("header", "first", "last"),
    [("bytes=100-199", 100, 199), ("bytes=1000-", 1000, None), ("bytes=-300", -300, None)],
)
def test_a_range_request_gets_that_part(audio, subscriber, logged_in, header, first, last) -> None:
    response = logged_in(subscriber).get(services.listening_url(audio, subscriber), HTTP_RANGE=header)
    whole = _file(audio)
    part = whole[first : None if last is None else last + 1]
    assert response.status_code == 206
    assert response.content == part
    start = first if first >= 0 else len(whole) + first
    assert response["Content-Range"] == f"bytes {start}-{start + len(part) - 1}/{len(whole)}"
    assert response["Content-Length"] == str(len(part))


def test_an_open_range_is_answered_a_part_at_a_time(audio, subscriber, logged_in, monkeypatch) -> None:
    # Each answer is read whole, so that no worker waits on the listener (issue 21): a browser's
    # `bytes=0-` gets at most MOST_BYTES_PER_ANSWER, and asks again from where it stopped.
    monkeypatch.setattr(views, "MOST_BYTES_PER_ANSWER", 1000)
    url = services.listening_url(audio, subscriber)
    whole = _file(audio)
    response = logged_in(subscriber).get(url, HTTP_RANGE="bytes=0-")
    assert response.status_code == 206
    assert response.content == whole[:1000]
    assert response["Content-Range"] == f"bytes 0-999/{len(whole)}"
    assert response["Content-Length"] == "1000"
    following = logged_in(subscriber).get(url, HTTP_RANGE="bytes=1000-")
    assert following.content == whole[1000:2000]


def test_a_range_past_the_end_is_refused(audio, subscriber, logged_in) -> None:
    url = services.listening_url(audio, subscriber)
    response = logged_in(subscriber).get(url, HTTP_RANGE="bytes=99999999-")
    assert response.status_code == 416
    assert response["Content-Range"] == f"bytes */{audio.byte_size}"


def test_a_visitor_is_refused_even_with_a_subscribers_link(audio, subscriber, client: Client) -> None:
    response = client.get(services.listening_url(audio, subscriber))
    assert response.status_code == 403
    assert "Connectez-vous" in response.content.decode()
    assert "no-store" in response["Cache-Control"]


def test_a_reader_without_subscription_is_refused(audio, make_user, logged_in) -> None:
    reader = make_user()
    response = logged_in(reader).get(services.listening_url(audio, reader))
    assert response.status_code == 403
    assert response.content.decode() == "L'écoute des articles est réservée aux abonnés."


def test_a_link_works_only_for_the_reader_it_was_made_for(audio, subscriber, make_user, logged_in) -> None:
    other = make_user()
    response = logged_in(other).get(services.listening_url(audio, subscriber))
    assert response.status_code == 403


def test_a_link_expires(audio, subscriber, logged_in, settings, clock) -> None:
    url = services.listening_url(audio, subscriber)
    client = logged_in(subscriber)
    clock.shift(timedelta(seconds=settings.AUDIO_URL_MAX_AGE - 60))
    assert client.get(url).status_code == 200
    clock.shift(timedelta(seconds=120))
    response = client.get(url)
    assert response.status_code == 403
    assert "expiré" in response.content.decode()


def test_a_forged_link_is_refused(audio, subscriber, logged_in) -> None:
    url = services.listening_url(audio, subscriber)
    forged = url.replace("/ecouter/", "/ecouter/x")
    assert logged_in(subscriber).get(forged).status_code == 403
    assert logged_in(subscriber).get("/audio/ecouter/1/").status_code == 403


def test_an_unpublished_article_is_no_longer_heard(audio, subscriber, logged_in) -> None:
    url = services.listening_url(audio, subscriber)
    audio.article.unpublish()
    assert logged_in(subscriber).get(url).status_code == 404


def test_a_link_to_an_earlier_version_is_gone(audio, subscriber, logged_in) -> None:
    url = services.listening_url(audio, subscriber)
    article = audio.article.specific
    article.standfirst = "Un autre chapô."
    article.save_revision().publish()
    services.generate(article.pk)
    assert logged_in(subscriber).get(url).status_code == 404


def test_the_file_is_not_under_media(audio, settings) -> None:
    path = Path(audio_storage().path(audio.file_name))
    assert not path.is_relative_to(Path(settings.MEDIA_ROOT))


def test_the_anonymous_article_page_carries_no_audio_link(audio, client: Client) -> None:
    html = client.get(audio.article.url).content.decode()
    assert "L'écoute des articles est réservée aux abonnés." in html
    assert "/audio/" not in html and ".mp3" not in html and "<audio" not in html


def test_a_subscriber_page_has_the_player_and_its_link_plays(audio, subscriber, logged_in) -> None:
    client = logged_in(subscriber)
    html = client.get(audio.article.url).content.decode()
    assert "<audio" in html and "Les causes" in html and "1,25×" in html
    start = html.index('src="/audio/ecouter/') + len('src="')
    url = html[start : html.index('"', start)]
    assert client.get(url).status_code == 200


def test_a_subscriber_sees_when_the_audio_is_not_ready_yet(newsroom: Newsroom, subscriber, logged_in) -> None:
    article = short_article(newsroom)
    html = logged_in(subscriber).get(article.url).content.decode()
    assert "La version audio de cet article n'est pas encore disponible." in html


def test_the_player_appears_once_the_audio_is_made(newsroom: Newsroom, subscriber, logged_in) -> None:
    """The page remembers the audio lookup per content generation: a new file must change it."""
    article = short_article(newsroom)
    client = logged_in(subscriber)
    assert "<audio" not in client.get(article.url).content.decode()  # "not ready yet", remembered

    services.generate(article.pk)

    html = client.get(article.url).content.decode()
    assert "<audio" in html and "La version audio de cet article n'est pas encore disponible." not in html
