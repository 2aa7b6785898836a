"""An agency corrects a story the newsroom took (issue 26): the people who worked on the
article and asked for alerts get a mail, and the article's editor page says so, with a
button to add a rectificatif. A plain update does neither."""

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


def test_an_editor_who_did_not_ask_gets_no_mail(
    make_feed, newsroom, make_user, mailoutbox, django_capture_on_commit_callbacks
) -> None:
    editor = make_user(EDITORS, email="editrice@example.test")
    AlertSubscription.objects.create(user=editor, email=False)
    feed, _article = _published_take(make_feed, newsroom, editor)
    with django_capture_on_commit_callbacks(execute=True):
        ingest.ingest_file(feed, "v2.xml", g2("urn:crue", 2, "La Loire en crue", meta=CORRECTION))
    assert mailoutbox == []
