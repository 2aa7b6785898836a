"""An agency corrects a story the newsroom took (issue 26): the people who worked on the
article and asked for alerts get a mail, the article's editor page says so, with a button
to add a rectificatif, and so does the desk's queue. A plain update does none of it."""

from html import unescape

from django.test import Client
from django.urls import reverse

from manchette.articles.models import ArticlePage
from manchette.newsroom.services import EDITORS
from manchette.wire import desk, ingest
from manchette.wire.models import AlertSubscription, Story

from .test_stories import g2

CORRECTION = '<signal qcode="sig:correction"/>'


def _published_take(make_feed, newsroom, editor):
    feed = make_feed()
    ingest.ingest_file(feed, "v1.xml", g2("urn:crue", 1, "La Loire en crue"))
    article = desk.take(Story.objects.get(), newsroom.section(), user=editor)
    ArticlePage.objects.get(pk=article.pk).save_revision(user=editor).publish()
    return feed, ArticlePage.objects.get(pk=article.pk)


def test_a_corrected_story_alerts_the_articles_people_who_asked(
    make_feed, newsroom, make_user, mailoutbox, django_capture_on_commit_callbacks
) -> None:
    editor = make_user(EDITORS, email="editrice@example.test")
    AlertSubscription.objects.create(user=editor)
    AlertSubscription.objects.create(
        user=make_user(EDITORS, email="autre@example.test")
    )  # not on this article
    feed, article = _published_take(make_feed, newsroom, editor)

    with django_capture_on_commit_callbacks(execute=True):
        ingest.ingest_file(feed, "v2.xml", g2("urn:crue", 2, "La Loire en crue", meta=CORRECTION))

    [message] = mailoutbox
    assert message.to == ["editrice@example.test"]
    assert message.subject == "[RECTIFICATIF] AFP — La Loire en crue"
    assert article.title in message.body and "version 2" in message.body
    assert reverse("wagtailadmin_pages:edit", args=[article.pk]) in message.body

    client = Client()
    client.force_login(editor)
    page = unescape(client.get(reverse("wagtailadmin_pages:edit", args=[article.pk])).content.decode())
    assert "L'agence a corrigé la dépêche (version 2)" in page
    assert f"/admin/corrections/new/?article={article.pk}" in page
    queue = unescape(client.get(reverse("wire_queue")).content.decode())
    assert "Corrigée par l'agence (version 2) depuis la reprise" in queue


def test_a_plain_update_is_no_correction(
    make_feed, newsroom, make_user, mailoutbox, django_capture_on_commit_callbacks
) -> None:
    editor = make_user(EDITORS, email="editrice@example.test")
    AlertSubscription.objects.create(user=editor)
    feed, article = _published_take(make_feed, newsroom, editor)

    with django_capture_on_commit_callbacks(execute=True):
        ingest.ingest_file(feed, "v2.xml", g2("urn:crue", 2, "La Loire en crue : la décrue"))

    assert mailoutbox == []
    client = Client()
    client.force_login(editor)
    page = unescape(client.get(reverse("wagtailadmin_pages:edit", args=[article.pk])).content.decode())
    assert "L'agence a corrigé" not in page
    assert "Nouvelle version de la dépêche (1 → 2)" in page
    queue = unescape(client.get(reverse("wire_queue")).content.decode())
    assert "Corrigée par l'agence" not in queue and "Nouvelle version depuis la reprise" in queue


def test_an_editor_who_did_not_ask_gets_no_mail(
    make_feed, newsroom, make_user, mailoutbox, django_capture_on_commit_callbacks
) -> None:
    editor = make_user(EDITORS, email="editrice@example.test")
    AlertSubscription.objects.create(user=editor, email=False)
    feed, _article = _published_take(make_feed, newsroom, editor)
    with django_capture_on_commit_callbacks(execute=True):
        ingest.ingest_file(feed, "v2.xml", g2("urn:crue", 2, "La Loire en crue", meta=CORRECTION))
    assert mailoutbox == []


def test_the_desks_queue_marks_corrections_without_a_query_per_story(
    make_feed, newsroom, make_user, django_assert_max_num_queries
) -> None:
    editor = make_user(EDITORS, email="editrice@example.test")
    feed = make_feed()
    for number in range(6):
        guid = f"urn:crue-{number}"
        ingest.ingest_file(feed, f"{number}-v1.xml", g2(guid, 1, f"Crue {number}"))
        desk.take(Story.objects.get(guid=guid), newsroom.section(), user=editor)
        meta = CORRECTION if number % 2 else ""
        ingest.ingest_file(feed, f"{number}-v2.xml", g2(guid, 2, f"Crue {number} : la décrue", meta=meta))
    client = Client()
    client.force_login(editor)
    client.get(reverse("wire_queue"))  # the admin's menus and session, read once
    with django_assert_max_num_queries(18) as counted:  # none per story: 6 or 60 cost the same
        queue = unescape(client.get(reverse("wire_queue")).content.decode())
    assert queue.count("Corrigée par l'agence (version 2) depuis la reprise") == 3
    assert queue.count("Nouvelle version depuis la reprise") == 3
    assert len([query for query in counted.captured_queries if "wire_storyversion" in query["sql"]]) == 1
