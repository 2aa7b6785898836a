"""The newsroom sees each article's audio state and may have it made again."""

import pytest

from manchette.audio import services
from manchette.audio.models import ArticleAudio
from tests.conftest import Newsroom


@pytest.fixture
def article(newsroom: Newsroom):
    return newsroom.article(newsroom.section(), standfirst="Court.")


def _admin_client(client, make_user, group: str):
    client.force_login(make_user(group))
    return client


def test_the_edit_page_shows_the_audio_state(article, client, make_user) -> None:
    editor = _admin_client(client, make_user, "Éditeurs")
    assert "Audio : pas encore demandée" in editor.get(f"/admin/pages/{article.pk}/edit/").content.decode()
    audio = services.generate(article.pk).audio
    minutes, seconds = divmod(round(audio.duration), 60)
    html = editor.get(f"/admin/pages/{article.pk}/edit/").content.decode()
    assert f"Audio : prête ({minutes} min {seconds} s)" in html
    assert f"/admin/audio/article/{article.pk}/" in html


def test_a_failure_shows_its_reason(article, client, make_user, settings) -> None:
    settings.AUDIO_ESPEAK_VOICE = "pas-une-voix"
    services.generate(article.pk)
    editor = _admin_client(client, make_user, "Éditeurs")
    html = editor.get(f"/admin/audio/article/{article.pk}/").content.decode()
    assert "échec" in html and "espeak-ng a échoué" in html and "1 tentative" in html


def test_an_editor_has_it_made_again(article, client, make_user, django_capture_on_commit_callbacks) -> None:
    first = services.generate(article.pk).audio
    editor = _admin_client(client, make_user, "Éditeurs")
    with django_capture_on_commit_callbacks(execute=True):
        response = editor.post(f"/admin/audio/article/{article.pk}/")
    assert response.status_code == 302
    again = ArticleAudio.objects.get(article=article)
    assert again.status == ArticleAudio.Status.READY and again.generated_at > first.generated_at
    assert "sera refaite" in editor.get(response["Location"]).content.decode()


def test_a_journalist_sees_the_state_but_cannot_have_it_made_again(article, client, make_user) -> None:
    journalist = _admin_client(client, make_user, "Journalistes")
    page = journalist.get(f"/admin/audio/article/{article.pk}/")
    assert page.status_code == 200 and "Refaire la version audio" not in page.content.decode()
    refused = journalist.post(f"/admin/audio/article/{article.pk}/")
    assert (refused.status_code, refused["Location"]) == (302, "/admin/")  # Wagtail's "permission denied"
    assert not ArticleAudio.objects.filter(article=article).exists()


def test_a_reader_cannot_see_it(article, client, make_user) -> None:
    client.force_login(make_user())
    response = client.get(f"/admin/audio/article/{article.pk}/")
    assert response.status_code == 302 and response["Location"].startswith("/admin/login/")
