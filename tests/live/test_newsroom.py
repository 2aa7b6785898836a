"""The newsroom's side: who may post (editors; journalists once the live is published), the
short form on the live's desk, corrections and removals, and what a change purges."""

from django.test import Client
from django.urls import reverse

from manchette.live import entries
from manchette.live.models import LiveEntry, LivePage
from manchette.newsroom.services import EDITORS, JOURNALISTS
from tests.stack.test_purging import PurgeRecorder, recorder  # noqa: F401  (the fixture)

from .conftest import make_live


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_editors_post_always_journalists_once_an_editor_published_the_live(
    make_user, section, author, live: LivePage
) -> None:
    editor, journalist, reader = make_user(EDITORS), make_user(JOURNALISTS), make_user()
    draft = make_live(section, author, slug="en-preparation", live=False)

    assert entries.may_post(editor, live) and entries.may_post(editor, draft)
    assert entries.may_post(journalist, live)
    assert not entries.may_post(journalist, draft)
    assert not entries.may_post(reader, live)

    assert _client(journalist).get(reverse("live_desk", args=[draft.pk])).status_code in (302, 403)
    assert _client(reader).get(reverse("live_desk", args=[live.pk])).status_code in (302, 403)
    assert not LiveEntry.objects.exists()


def test_a_journalist_posts_a_key_event_from_the_desk_and_readers_see_it(
    make_user, client: Client, live: LivePage, author
) -> None:
    journalist = _client(make_user(JOURNALISTS))
    desk = reverse("live_desk", args=[live.pk])
    assert journalist.get(desk).status_code == 200

    response = journalist.post(
        desk,
        {
            "text": "Les secours évacuent le camping des Sables.\n\nAucun blessé <b>signalé</b>.",
            "title": "Évacuation",
            "author": author.pk,
            "key_event": "on",
        },
    )

    assert response.status_code == 302
    entry = LiveEntry.objects.get()
    assert entry.key_event and not entry.pinned and entry.author == author
    assert [block.block_type for block in entry.body] == ["paragraph", "paragraph"]
    page = client.get(live.url).content.decode()
    assert "Les secours évacuent le camping des Sables." in page
    assert "Aucun blessé &lt;b&gt;signalé&lt;/b&gt;." in page  # the form's text is text, never markup
    assert f'href="#{entry.anchor}"' in page  # in « L'essentiel »


def test_the_desk_form_says_what_is_missing(make_user, live: LivePage, newsroom) -> None:
    editor = _client(make_user(EDITORS))
    picture = newsroom.image()
    response = editor.post(reverse("live_desk", args=[live.pk]), {"text": "", "image": picture.pk})
    assert response.status_code == 200
    text = response.content.decode()
    assert "Champ requis." in text
    assert "Décrivez la photo pour les lecteurs qui ne la voient pas." in text
    assert not LiveEntry.objects.exists()


def test_correcting_pinning_and_removing_from_the_desk(
    make_user, client: Client, live: LivePage, post
) -> None:
    editor = _client(make_user(EDITORS))
    entry = post("Bilan provisoire : 12 blessés.")

    editor.post(
        reverse("live_correct", args=[entry.pk]), {"text": "Bilan provisoire : 21 blessés.", "title": ""}
    )
    editor.post(reverse("live_act", args=[entry.pk, "epingler"]))
    entry.refresh_from_db()
    assert entry.corrected_at is not None and entry.pinned
    page = client.get(live.url).content.decode()
    assert "21 blessés" in page and "12 blessés" not in page and "Entrée corrigée à" in page

    editor.post(reverse("live_act", args=[entry.pk, "retirer"]))
    entry.refresh_from_db()
    assert entry.deleted_at is not None and not entry.pinned and list(entry.body) == []
    assert "21 blessés" not in client.get(live.url).content.decode()
    assert editor.post(reverse("live_act", args=[entry.pk, "inconnu"])).status_code == 404


def test_posting_purges_the_live_its_pages_and_its_version_once_committed(
    recorder: PurgeRecorder,  # noqa: F811
    live: LivePage,
    post,
    django_capture_on_commit_callbacks,
) -> None:
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        post("Premier point.")
        assert recorder.purged == []
    for callback in callbacks:
        callback()

    assert recorder.take() == {live.url, f"{live.url}?page=2", f"/direct/{live.pk}/version.json"}
