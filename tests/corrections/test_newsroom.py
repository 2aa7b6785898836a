"""Who adds a notice and how: editors from the admin (a button on the article), never
journalists; nobody edits or deletes one once added; every notice is logged under its
editor's name, refused with a clear reason when it cannot be added, and purges the
article and the corrections page from the shared cache."""

from datetime import timedelta
from html import unescape

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.test import Client
from django.utils import timezone
from wagtail.models import ModelLogEntry

from manchette.articles.models import ArticlePage
from manchette.corrections import services
from manchette.corrections.models import Correction
from manchette.newsroom.services import EDITORS, JOURNALISTS
from tests.conftest import Newsroom
from tests.stack.test_purging import PurgeRecorder, recorder  # noqa: F401 (a real HTTP server taking the PURGEs)

TEXT = "Le conseil municipal s'est réuni mardi, et non lundi."


@pytest.fixture
def article(newsroom: Newsroom) -> ArticlePage:
    return newsroom.article(
        newsroom.section(slug="ville"),
        slug="le-conseil",
        first_published_at=timezone.now() - timedelta(days=1),
    )


def _logged_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _form(article: ArticlePage, **fields: str) -> dict[str, str]:
    return {
        "article": str(article.pk),
        "kind": Correction.Kind.RECTIFICATIF,
        "text": TEXT,
        "dated_at": timezone.localtime().strftime("%Y-%m-%d %H:%M"),
        **fields,
    }


def test_an_editor_adds_a_notice_from_the_article_and_it_is_logged(article: ArticlePage, make_user) -> None:
    editor = make_user(EDITORS)
    client = _logged_in(editor)
    header = client.get(f"/admin/pages/{article.pk}/edit/").content.decode()
    assert f"/admin/corrections/new/?article={article.pk}" in header, "the button on the article"
    form = client.get("/admin/corrections/new/", {"article": article.pk})
    assert form.status_code == 200

    response = client.post("/admin/corrections/new/", _form(article))

    assert response.status_code == 302, response.content.decode()[:2000]
    correction = Correction.objects.get()
    assert (correction.article_id, correction.text, correction.added_by) == (article.pk, TEXT, editor)
    entry = ModelLogEntry.objects.get(action="wagtail.create", object_id=str(correction.pk))
    assert entry.user == editor
    listing = client.get("/admin/corrections/")
    assert listing.status_code == 200 and article.title in unescape(listing.content.decode())


def test_a_journalist_may_not_add_one(article: ArticlePage, make_user) -> None:
    client = _logged_in(make_user(JOURNALISTS))
    assert "/admin/corrections/new/" not in client.get(f"/admin/pages/{article.pk}/edit/").content.decode()
    response = client.post("/admin/corrections/new/", _form(article))
    assert response.status_code in (302, 403)
    assert not Correction.objects.exists()


def test_nobody_edits_or_deletes_a_notice_not_even_a_superuser(article: ArticlePage) -> None:
    correction = services.add_correction(article, Correction.Kind.RECTIFICATIF, TEXT, by=None)
    admin = get_user_model().objects.create_superuser("chef", "chef@example.test", None)
    client = _logged_in(admin)

    client.post(f"/admin/corrections/edit/{correction.pk}/", _form(article, text="Autre chose."))
    client.post(f"/admin/corrections/delete/{correction.pk}/")

    correction.refresh_from_db()
    assert correction.text == TEXT
    page = client.get(f"/admin/corrections/edit/{correction.pk}/")
    assert page.status_code == 200 and TEXT in unescape(page.content.decode()), "shown, read-only"


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"text": "   "}, "Le texte du rectificatif est vide."),
        ({"dated_at": "2999-01-01 10:00"}, "La date du rectificatif est dans le futur."),
        ({"dated_at": "2001-01-01 10:00"}, "La date du rectificatif précède la publication de l'article."),
    ],
)
def test_a_notice_that_cannot_be_added_says_why(
    article: ArticlePage, make_user, fields: dict[str, str], message: str
) -> None:
    response = _logged_in(make_user(EDITORS)).post("/admin/corrections/new/", _form(article, **fields))
    assert response.status_code == 200
    assert message in unescape(response.content.decode())
    assert not Correction.objects.exists()


def test_only_a_published_article_takes_a_notice(newsroom: Newsroom) -> None:
    draft = newsroom.article(newsroom.section(), live=False)
    with pytest.raises(ValidationError) as refused:
        services.add_correction(draft, Correction.Kind.RECTIFICATIF, TEXT, by=None)
    assert refused.value.messages == ["Un rectificatif ne s'ajoute qu'à un article publié."]


def test_a_notice_purges_the_article_and_the_corrections_page(
    article: ArticlePage,
    recorder: PurgeRecorder,  # noqa: F811 - the fixture imported above
    django_capture_on_commit_callbacks,
) -> None:
    recorder.take()
    with django_capture_on_commit_callbacks(execute=True):
        services.add_correction(article, Correction.Kind.RECTIFICATIF, TEXT, by=None)
    purged = recorder.take()
    assert {
        "/ville/le-conseil/",
        "/ville/",
        "/",
        "/rss.xml",
        "/rectificatifs/",
        "/rectificatifs/rss.xml",
    } <= purged


def test_the_simulated_newsroom_corrects_with_a_rectificatif(
    article: ArticlePage, monkeypatch: pytest.MonkeyPatch
) -> None:
    from simulation import newsroom as simulated

    # The driver drops stale connections between its steps; here the test's transaction is the
    # connection, which PostgreSQL would lose (Django closes a connection left in a transaction).
    monkeypatch.setattr(simulated, "close_old_connections", lambda: None)
    get_user_model().objects.create_superuser("chef", "chef@example.test", None)
    standfirst = article.standfirst
    simulated.correct(article.pk, "une date était fausse")

    assert Correction.objects.get().text == "une date était fausse"
    article.refresh_from_db()
    assert article.standfirst == standfirst
