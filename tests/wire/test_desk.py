"""The desk's screens in the newsroom admin: the queue, a story, take, decisions, feeds."""

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse

from manchette.articles.models import ArticlePage
from manchette.newsroom.services import EDITORS, JOURNALISTS
from manchette.wire import desk as wire_desk
from manchette.wire import ingest
from manchette.wire.models import Story

from .test_stories import g2


@pytest.fixture
def desk(make_feed, newsroom):
    feed = make_feed()
    ingest.ingest_file(feed, "flash.xml", g2("urn:flash", 1, "Séisme au large de Nice", urgency=1))
    ingest.ingest_file(
        feed,
        "evil.xml",
        g2(
            "urn:evil",
            1,
            "Titre &lt;img src=x onerror=alert(1)&gt;",
            body="<p>&lt;script&gt;alert(1)&lt;/script&gt; Texte</p>",
        ),
    )
    return feed


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_queue_newest_first_with_badges_and_filters(desk, make_user):
    client = client_for(make_user(JOURNALISTS))
    page = client.get(reverse("wire_queue")).content.decode()
    assert page.index("Titre &lt;img") < page.index("Séisme au large de Nice")  # newest first
    assert "FLASH" in page and "<img src=x" not in page
    filtered = client.get(reverse("wire_queue"), {"urgency": "2"}).content.decode()
    assert "Séisme" in filtered and "Titre &lt;img" not in filtered
    searched = client.get(reverse("wire_queue"), {"keyword": "nice séisme"}).content.decode()
    assert "Séisme" in searched and "Titre &lt;img" not in searched
    assert client.get(reverse("wire_queue"), {"urgency": "abc", "agency": "x"}).status_code == 200


def test_the_menu_announces_alerts_of_the_last_hour(desk, make_user, clock):
    client = client_for(make_user(JOURNALISTS))
    # The sidebar cuts labels after about twenty characters: it showed "Fil d'agences (1 ale…".
    assert "Fil (1 alerte)" in client.get(reverse("wagtailadmin_home")).content.decode()
    clock.shift(timedelta(hours=1, minutes=1))
    page = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Fil d'agences" in page and "alerte)" not in page


def test_story_text_is_shown_inert(desk, make_user):
    story = Story.objects.get(guid="urn:evil")
    page = client_for(make_user(JOURNALISTS)).get(reverse("wire_story", args=[story.pk])).content.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt; Texte" in page
    assert "<script>alert(1)" not in page
    assert "Historique" in page and "evil.xml" in page


def test_take_then_a_new_version_shows_in_the_editor_and_the_wire(desk, make_user, newsroom):
    section = newsroom.section()
    story = Story.objects.get(guid="urn:flash")
    client = client_for(make_user(JOURNALISTS))
    author = newsroom.author(name="Léa Lambert", initials="L. L.")
    response = client.post(
        reverse("wire_take", args=[story.pk]), {"section": section.pk, "author": author.pk}
    )
    article = ArticlePage.objects.get(wire_takes__story=story)
    assert response.status_code == 302 and response.url == reverse(
        "wagtailadmin_pages:edit", args=[article.pk]
    )
    assert article.title == "Séisme au large de Nice" and not article.live
    assert article.byline == "Par L. L. avec AFP"
    ingest.ingest_file(
        desk, "flash2.xml", g2("urn:flash", 2, "Séisme au large de Nice : un mort", urgency=2)
    )
    editor_page = client.get(reverse("wagtailadmin_pages:edit", args=[article.pk])).content.decode()
    assert "Nouvelle version de la dépêche (1 → 2)" in editor_page
    story_page = client.get(reverse("wire_story", args=[story.pk])).content.decode()
    assert "un mort" in story_page and "wire-diff--added" in story_page
    assert "Nouvelle version depuis la reprise" in client.get(reverse("wire_queue")).content.decode()


def test_take_needs_a_section(desk, make_user):
    story = Story.objects.get(guid="urn:flash")
    response = client_for(make_user(JOURNALISTS)).post(
        reverse("wire_take", args=[story.pk]), {"section": "x"}
    )
    assert response.status_code == 302 and not ArticlePage.objects.exists()


def test_editor_decides_on_a_held_article(desk, make_user, newsroom):
    article = wire_desk.take(Story.objects.get(guid="urn:flash"), newsroom.section())
    article.save_revision().publish()
    desk.on_kill = "hold"
    desk.save()
    ingest.ingest_file(desk, "kill.xml", g2("urn:flash", 2, "Séisme", meta='<signal qcode="edStat:D"/>'))
    take = article.wire_takes.get()
    journalist, editor = make_user(JOURNALISTS), make_user(EDITORS)
    url = reverse("wire_decide", args=[take.pk])
    refused = client_for(journalist).post(url, {"action": "unpublish", "reason": "x"})
    assert (refused.status_code, refused.url) == (302, "/admin/")  # Wagtail's answer to PermissionDenied
    assert ArticlePage.objects.get(pk=article.pk).live
    client_for(editor).post(url, {"action": "unpublish", "reason": ""})
    assert ArticlePage.objects.get(pk=article.pk).live  # no reason, no decision
    client_for(editor).post(url, {"action": "unpublish", "reason": "Dépêche annulée : on retire."})
    assert not ArticlePage.objects.get(pk=article.pk).live
    decision = take.decisions.filter(action="unpublish").get()
    assert decision.user == editor and decision.reason == "Dépêche annulée : on retire."
    page = client_for(editor).get(reverse("wire_story", args=[take.story_id])).content.decode()
    assert "Dépêche annulée : on retire." in page and "ANNULÉE" in page


def test_feeds_in_the_admin_show_their_health(desk, make_user):
    admin = make_user(is_superuser=True, is_staff=True)
    page = client_for(admin).get(reverse("wire_feeds:index")).content.decode()
    assert desk.name in page
    assert client_for(admin).get(reverse("wire_feeds:inspect", args=[desk.pk])).status_code == 200


def test_two_stories_with_one_headline_become_two_drafts(desk, newsroom):
    """The desk creates its drafts through articles' own service, which gives each a slug of its
    own: a second agency's story under the same headline is a second draft, not an error."""
    section = newsroom.section()
    ingest.ingest_file(desk, "other.xml", g2("urn:autre-seisme", 1, "Séisme au large de Nice"))
    first = wire_desk.take(Story.objects.get(guid="urn:flash"), section)
    second = wire_desk.take(Story.objects.get(guid="urn:autre-seisme"), section)
    assert first.title == second.title == "Séisme au large de Nice"
    assert first.slug != second.slug
    assert not first.live and not second.live
    assert first.get_parent().pk == second.get_parent().pk == section.pk
