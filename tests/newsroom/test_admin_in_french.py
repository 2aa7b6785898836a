"""The newsroom's admin, as journalists and editors use it: ASCII addresses, French wording,
a start page at the sections, a dashboard with their work, one button to approve."""

import re
from datetime import timedelta

import pytest
from django.contrib.humanize.templatetags.humanize import naturaltime
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation
from wagtail.admin.templatetags.wagtailadmin_tags import timesince_simple
from wagtail.models import Collection, Page
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from manchette.articles.models import ArticlePage, SectionPage
from manchette.newsroom.services import EDITORS, JOURNALISTS, ROOT_COLLECTION, ROOT_TITLE, ensure_newsroom
from manchette.newsroom.wagtail_hooks import newsroom_start_page
from tests.conftest import Newsroom, paragraph

from .admin_forms import article_form


@pytest.fixture
def section(newsroom: Newsroom) -> SectionPage:
    return newsroom.section("Économie", slug="economie")


@pytest.fixture
def journalist(make_user):
    return make_user(JOURNALISTS, username="journaliste", first_name="Julien", last_name="Robert")


@pytest.fixture
def editor(make_user):
    return make_user(EDITORS, username="editrice", first_name="Élise", last_name="Marchand")


def _logged_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _new_article_form(title: str, author_id: int, slug: str = "le-budget-soumis", **actions: str) -> dict:
    return article_form(
        title=title, slug=slug, authors=inline_formset([{"author": author_id}]), **actions
    )


# --------------------------------------------------------------------------- 9. ASCII slugs


@pytest.mark.parametrize(
    ("slug", "accepted"), [("a-lille-le-marche-rouvre", True), ("à-lille-le-marché-rouvre", False)]
)
def test_an_article_posted_through_the_admin_needs_an_ascii_address(
    journalist, section: SectionPage, newsroom: Newsroom, slug: str, accepted: bool
) -> None:
    url = reverse("wagtailadmin_pages:add", args=["articles", "articlepage", section.pk])
    form = _new_article_form("À Lille, le marché rouvre", newsroom.author().pk, slug=slug)
    response = _logged_in(journalist).post(url, form)

    created = ArticlePage.objects.child_of(section)
    if accepted:
        assert response.status_code == 302, response.context and response.context["form"].errors
        assert created.get().slug == slug
    else:
        assert response.status_code == 200
        errors = response.context["form"].errors["slug"]
        assert any("lettres" in error for error in errors), errors  # said in French
        assert not created.exists()


def test_a_section_posted_with_an_accented_address_is_refused(editor, newsroom: Newsroom) -> None:
    url = reverse("wagtailadmin_pages:add", args=["articles", "sectionpage", newsroom.home.pk])
    form = nested_form_data(
        {"title": "Société", "slug": "société", "intro": "", "comments": inline_formset([])}
    )
    response = _logged_in(editor).post(url, {**form, "seo_title": "", "search_description": ""})
    assert response.status_code == 200
    assert "slug" in response.context["form"].errors
    assert not SectionPage.objects.child_of(newsroom.home).exists()


def test_an_address_made_from_the_title_on_the_server_is_ascii(section: SectionPage) -> None:
    article = ArticlePage(title="À Lille, le marché de Noël rouvre", slug="", standfirst="Un chapô.")
    section.add_child(instance=article)
    assert article.slug == "a-lille-le-marche-de-noel-rouvre"


def test_the_editors_slug_field_cleans_to_ascii(journalist, section: SectionPage) -> None:
    url = reverse("wagtailadmin_pages:add", args=["articles", "articlepage", section.pk])
    html = _logged_in(journalist).get(url).content.decode()
    slug_input = re.search(r'<input[^>]*name="slug"[^>]*>', html).group()
    assert 'data-controller="w-slug"' in slug_input
    # Unicode is on only when the attribute says so; with it, typed accents would stay.
    assert "allow-unicode" not in slug_input


# --------------------------------------------------------------------------- 10. approving publishes


@pytest.fixture
def submitted(journalist, section: SectionPage, newsroom: Newsroom) -> ArticlePage:
    client = _logged_in(journalist)
    url = reverse("wagtailadmin_pages:add", args=["articles", "articlepage", section.pk])
    response = client.post(
        url, _new_article_form("Le budget soumis", newsroom.author().pk, **{"action-submit": "action-submit"})
    )
    assert response.status_code == 302, response.context and response.context["form"].errors
    article = ArticlePage.objects.child_of(section).get()
    assert article.current_workflow_state is not None
    return article


def test_a_reviewer_sees_one_approve_and_publish_button_not_two(editor, submitted: ArticlePage) -> None:
    url = reverse("wagtailadmin_pages:edit", args=[submitted.pk])
    html = _logged_in(editor).get(url).content.decode()
    assert "Approuver et publier" in html
    assert 'name="action-publish"' not in html
    assert "Annuler la relecture" in html  # not "Annuler le workflow"


def test_the_journalist_still_saves_and_cannot_approve(journalist, submitted: ArticlePage) -> None:
    url = reverse("wagtailadmin_pages:edit", args=[submitted.pk])
    html = _logged_in(journalist).get(url).content.decode()
    assert "Approuver et publier" not in html
    assert "Annuler la relecture" in html


def test_approving_from_the_edit_form_says_the_article_is_live(editor, submitted: ArticlePage) -> None:
    form = _new_article_form("Le budget soumis", submitted.article_authors.get().author_id)
    form.update(
        {
            "slug": submitted.slug,
            "article_authors-0-id": str(submitted.article_authors.get().pk),
            "article_authors-INITIAL_FORMS": "1",
            "action-workflow-action": "true",
            "workflow-action-name": "approve",
        }
    )
    response = _logged_in(editor).post(
        reverse("wagtailadmin_pages:edit", args=[submitted.pk]), form, follow=True
    )
    texts = [str(message) for message in response.context["messages"]]
    assert ArticlePage.objects.get(pk=submitted.pk).live, texts
    assert "« Le budget soumis » est approuvé et en ligne." in texts, texts


# --------------------------------------------------------------------------- 11. French wording


def test_the_project_catalogue_overrides_wagtails_french() -> None:
    with translation.override("fr"):
        now = timezone.now()
        assert timesince_simple(now) == "à l'instant"  # not "Il y a 0 minute"
        assert naturaltime(now - timedelta(seconds=8)) == "il y a 8\xa0secondes"  # not "8 seconds ago"
        assert translation.gettext("Cancel workflow ") == "Annuler la relecture"
        assert "Ce(tte)" not in translation.gettext("Anyone can edit this %(model_name)s")


def test_the_roots_have_french_names(db) -> None:
    Page.objects.filter(depth=1).update(title="Root", draft_title="Root")
    Collection.objects.filter(depth=1).update(name="Root")
    ensure_newsroom()
    assert Page.get_first_root_node().title == ROOT_TITLE
    assert Collection.get_first_root_node().name == ROOT_COLLECTION


def test_the_help_menu_opens_manchettes_french_guide(journalist) -> None:
    client = _logged_in(journalist)
    home = client.get(reverse("wagtailadmin_home")).content.decode()
    guide_url = reverse("newsroom_editor_guide")
    assert guide_url in home
    assert "guide.wagtail.org" not in home
    guide = client.get(guide_url)
    assert guide.status_code == 200
    assert "Approuver et publier" in guide.content.decode()


def test_the_guide_is_for_the_newsroom_only(make_user) -> None:
    response = _logged_in(make_user()).get(reverse("newsroom_editor_guide"))
    assert response.status_code == 302
    assert reverse("wagtailadmin_login") in response["Location"]


# --------------------------------------------------------------------------- 13. start page and dashboard


def test_pages_opens_the_home_page_with_its_sections(editor, journalist, newsroom: Newsroom) -> None:
    assert newsroom_start_page(editor) == newsroom.home.page_ptr
    assert newsroom_start_page(journalist) == newsroom.home.page_ptr
    html = _logged_in(editor).get(reverse("wagtailadmin_home")).content.decode()
    assert reverse("wagtailadmin_explore", args=[newsroom.home.pk]) in html


def test_the_journalists_dashboard_shows_drafts_reviews_and_todays_publications(
    journalist, section: SectionPage, newsroom: Newsroom, submitted: ArticlePage, clock
) -> None:
    draft = newsroom.article(section, title="Mon brouillon sur les halles", live=False, body=[paragraph("x")])
    Page.objects.filter(pk=draft.pk).update(owner=journalist)
    newsroom.article(section, title="Publié ce matin", body=[paragraph("x")])
    yesterday = newsroom.article(section, title="Publié hier", body=[paragraph("x")])
    Page.objects.filter(pk=yesterday.pk).update(last_published_at=timezone.now() - timedelta(days=1))

    html = _logged_in(journalist).get(reverse("wagtailadmin_home")).content.decode()
    drafts, rest = html.split("Mes brouillons", 1)[1].split("En attente de relecture", 1)
    review, today = rest.split("Publié aujourd", 1)
    assert "Mon brouillon sur les halles" in drafts and "Le budget soumis" not in drafts
    assert "Le budget soumis" in review
    assert "Publié ce matin" in today and "Publié hier" not in today


def test_an_editor_reviews_from_wagtails_panel_with_its_buttons(editor, submitted: ArticlePage) -> None:
    html = _logged_in(editor).get(reverse("wagtailadmin_home")).content.decode()
    assert "À relire" in html and "Le budget soumis" in html
    assert "En attente de relecture" not in html  # the journalists' read-only list
