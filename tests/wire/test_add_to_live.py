"""Issue 26: « Ajouter au direct » on the wire screen makes an entry of an ongoing live from
the story, credited to the agency, at once; only for who may post on that live."""

from django.test import Client
from django.urls import reverse

from manchette.live.models import LiveEntry
from manchette.newsroom.services import JOURNALISTS
from manchette.wire import ingest
from manchette.wire.models import Story
from tests.live.conftest import make_live

from .test_stories import g2


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_a_story_becomes_a_live_entry_credited_to_the_agency(make_feed, newsroom, make_user, client) -> None:
    feed = make_feed()
    ingest.ingest_file(
        feed, "flash.xml", g2("urn:flash", 1, "Séisme au large de Nice", body="<p>La terre a tremblé.</p>")
    )
    story = Story.objects.get(guid="urn:flash")
    section, author = newsroom.section(), newsroom.author(name="Léa Lambert", initials="L. L.")
    live = make_live(section, author)
    journalist = _client(make_user(JOURNALISTS))

    screen = journalist.get(reverse("wire_story", args=[story.pk])).content.decode()
    assert "Ajouter au direct" in screen and live.title in screen
    response = journalist.post(
        reverse("wire_add_to_live", args=[story.pk]), {"live": live.pk, "author": author.pk}
    )

    assert response.status_code == 302
    entry = LiveEntry.objects.get(page=live)
    assert entry.title == "Séisme au large de Nice" and entry.agency == story.agency
    page = client.get(live.url).content.decode()
    assert "La terre a tremblé." in page
    assert f"Par L. L. avec {story.agency.short_name}" in page


def test_a_live_must_be_chosen_and_published(make_feed, newsroom, make_user) -> None:
    feed = make_feed()
    ingest.ingest_file(feed, "flash.xml", g2("urn:flash", 1, "Séisme au large de Nice"))
    story = Story.objects.get(guid="urn:flash")
    draft = make_live(newsroom.section(), newsroom.author(), live=False)
    journalist = _client(make_user(JOURNALISTS))
    url = reverse("wire_add_to_live", args=[story.pk])

    for chosen in ("x", "", draft.pk):
        response = journalist.post(url, {"live": chosen}, follow=True)
        assert "Choisissez le direct." in response.content.decode()
    assert not LiveEntry.objects.exists()
    assert draft.title not in journalist.get(reverse("wire_story", args=[story.pk])).content.decode()
