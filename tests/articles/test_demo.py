"""The demo newsroom that `make run` loads, and its pages as a reader gets them.

The demo is loaded once for the module (see `shared_demo_site`); every test runs in its
own savepoint, so loading it again, as one test does, is undone afterwards.
"""

import json
import re
from datetime import timedelta
from io import StringIO

import pytest
from bs4 import BeautifulSoup
from django.apps import apps
from django.contrib.auth import authenticate
from django.core.management import call_command
from django.test import Client
from django.utils import timezone
from wagtail.images.models import Image
from wagtail.models import Page, Revision

from manchette.articles.models import Agency, ArticlePage, Author, SectionPage
from manchette.demo.loader import DEMO_PASSWORD, load_demo
from manchette.live.models import LivePage
from manchette.newsroom.services import EDITORS, JOURNALISTS
from tests.conftest import DemoSite, ModuleDatabase

MONTHS = "janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre"
LONG_DATE = re.compile(rf"\d{{1,2}} ({MONTHS}) \d{{4}} à \d{{1,2}}h\d{{2}}")


@pytest.fixture(scope="module", autouse=True)
def _rendered_once(_module_demo_site: DemoSite, module_db: ModuleDatabase) -> None:
    """Every demo page requested once, so that image renditions exist for all the tests here."""
    demo = _module_demo_site
    pages = [demo.home, *demo.sections.values(), *demo.articles.values()]
    module_db.render(*(page for page in pages if page.live))


def _soup(response) -> BeautifulSoup:
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def _text(tag) -> str:
    assert tag is not None
    return " ".join(tag.get_text(" ", strip=True).split())


# --------------------------------------------------------------------------- the loader


def test_demo_has_sections_articles_authors_and_agencies(shared_demo_site: DemoSite) -> None:
    sections = SectionPage.objects.live().child_of(shared_demo_site.home)
    assert sections.count() >= 3
    assert ArticlePage.objects.live().count() >= 12
    assert Agency.objects.count() >= 2
    assert Author.objects.count() >= 2
    # Every section has articles, and the agencies sign some of them.
    for section in sections:
        assert ArticlePage.objects.live().child_of(section).exists(), section.title
    assert ArticlePage.objects.live().filter(agency__isnull=False).values("agency").distinct().count() >= 2
    assert shared_demo_site.summary["articles"] == ArticlePage.objects.count()


def test_demo_articles_are_complete(shared_demo_site: DemoSite) -> None:
    for article in shared_demo_site.live_articles():
        label = article.slug
        assert article.title and article.standfirst and article.kicker, label
        assert article.authors, label
        assert article.hero_image is not None, label
        assert article.hero_alt and article.hero_caption and article.hero_credit, label
        assert article.tags.exists(), label
        assert article.first_published_at is not None, label
        assert any(block.block_type == "paragraph" for block in article.body), label
    assert any(a.premium for a in shared_demo_site.live_articles())
    assert any(not a.premium for a in shared_demo_site.live_articles())


def test_demo_pictures_are_generated_images(shared_demo_site: DemoSite) -> None:
    pictures = Image.objects.filter(title__startswith="Démo")
    assert pictures.count() >= 12
    for picture in pictures:
        assert picture.width > picture.height > 0
        with picture.open_file() as handle:
            assert handle.read(3) == b"\xff\xd8\xff"  # a JPEG


def test_loading_the_demo_twice_changes_nothing(shared_demo_site: DemoSite) -> None:
    def snapshot() -> tuple[dict[str, int], list[tuple]]:
        rows = {model._meta.label: model._default_manager.count() for model in apps.get_models()}
        pages = list(
            Page.objects.order_by("pk").values_list(
                "pk", "path", "live", "latest_revision_id", "first_published_at", "last_published_at"
            )
        )
        return rows, pages

    rows_before, pages_before = snapshot()
    assert rows_before["wagtailcore.Page"] == Page.objects.count() > 12
    assert rows_before["wagtailcore.Revision"] == Revision.objects.count() > 0
    assert rows_before["wagtailimages.Image"] == Image.objects.count() > 0

    summary = load_demo()

    assert summary == {"articles": 0, "people": 0}
    rows_after, pages_after = snapshot()
    assert rows_after == rows_before
    assert pages_after == pages_before


def test_load_demo_command_creates_nothing_the_second_time(shared_demo_site: DemoSite, db) -> None:
    output = StringIO()
    call_command("load_demo", stdout=output)
    assert re.search(r"\b0 article\(s\) and 0 account\(s\) created", output.getvalue()), output.getvalue()
    assert shared_demo_site.summary["articles"] >= 12  # what the first run created


def test_lead_story_is_long_enough_for_three_minutes(shared_demo_site: DemoSite) -> None:
    lead = shared_demo_site.lead()
    assert lead.reading_time >= 3, f"the home page lead {lead.slug!r} reads in {lead.reading_time} min"


def test_some_demo_article_reads_in_three_minutes_with_subheadings_quotes_and_a_related_link(
    shared_demo_site: DemoSite, client: Client, make_user
) -> None:
    article = shared_demo_site.richest_article()
    assert article.reading_time >= 3

    client.force_login(make_user(is_staff=True))  # staff read premium articles in full
    response = client.get(article.url)
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    body = soup.select_one(".article__body")
    assert body.select("h2.article__subheading")
    assert any(re.fullmatch(r"«\s.+\s»", q.get_text(strip=True), re.S) for q in body.select("blockquote")), (
        "no quote in « » in the body"
    )
    related = body.select_one(".read-also")
    assert related is not None and "À lire aussi" in related.get_text()
    target = next(b.value["article"] for b in article.body if b.block_type == "related")
    assert related.find("a")["href"] == target.url
    assert client.get(target.url).status_code == 200


def test_demo_quotes_are_not_doubly_guillemeted(shared_demo_site: DemoSite) -> None:
    for article in shared_demo_site.live_articles():
        for block in article.body:
            if block.block_type == "quote":
                assert not block.value["text"].startswith("«"), article.slug
                assert not block.value["text"].endswith("»"), article.slug


def test_demo_publication_times_spread_around_the_news_window(shared_demo_site: DemoSite) -> None:
    now = timezone.now()
    ages = [now - a.first_published_at for a in shared_demo_site.live_articles()]
    assert any(age < timedelta(hours=48) for age in ages)
    assert any(age > timedelta(hours=48) for age in ages)
    assert all(age >= timedelta(0) for age in ages)
    assert any(a.updated_at and a.updated_at > a.first_published_at for a in shared_demo_site.live_articles())


def test_demo_people_can_log_in_with_their_roles(shared_demo_site: DemoSite) -> None:
    editor = authenticate(username="editrice", password=DEMO_PASSWORD)
    journalist = authenticate(username="journaliste", password=DEMO_PASSWORD)
    admin = authenticate(username="admin", password=DEMO_PASSWORD)
    assert editor is not None and editor.groups.filter(name=EDITORS).exists()
    assert journalist is not None and journalist.groups.filter(name=JOURNALISTS).exists()
    assert admin is not None and admin.is_superuser
    article = shared_demo_site.lead()
    assert article.permissions_for_user(editor).can_publish()
    assert not article.permissions_for_user(journalist).can_publish()


# --------------------------------------------------------------------------- the pages


def test_every_element_of_the_design_is_on_a_demo_article(
    shared_demo_site: DemoSite, client: Client, make_user
) -> None:
    article = shared_demo_site.richest_article()
    client.force_login(make_user(is_staff=True))  # reads the premium part, if any
    soup = _soup(client.get(article.url))
    page = soup.select_one("main > article")
    header = page.find("header")

    # 1. Kicker and section.
    assert _text(header.select_one(".article__kicker-label")) == article.kicker
    assert header.select_one("a.article__section")["href"] == article.get_parent().url
    # 2. One headline, then the standfirst.
    assert [_text(h) for h in soup.find_all("h1")] == [article.title]
    assert _text(header.select_one(".article__standfirst")) == article.standfirst
    # 3. Byline.
    assert _text(header.select_one(".article__byline")) == article.byline
    assert article.byline.startswith("Par ")
    # 4. Hero photo with caption and credit.
    hero = page.select_one("figure.article__hero")
    img = hero.find("img")
    assert img["width"] and img["height"] and img["srcset"] and img["alt"] == article.hero_alt
    assert _text(hero.find("figcaption")).endswith(f"© {article.hero_credit}")
    # 5. Reading time, publication and update times.
    reading_time = _text(page.select_one(".article__reading-time"))
    assert reading_time == f"Temps de lecture : {article.reading_time} min"
    published, updated = page.select(".article__meta time")
    assert LONG_DATE.fullmatch(_text(published)) and LONG_DATE.fullmatch(_text(updated))
    assert published["datetime"] < updated["datetime"]
    # 6. Audio.
    assert _text(page.select_one(".article-audio h2")) == "Écouter l'article"
    # 7. Body: subheadings, quotes in « », "À lire aussi", images.
    body = page.select_one(".article__body")
    assert body.select("h2.article__subheading")
    assert all(re.fullmatch(r"«\s.+\s»", _text(q), re.S) for q in body.select("blockquote"))
    assert body.select("blockquote")
    assert "À lire aussi" in _text(body.select_one(".read-also"))
    # 8. Newsletter of the section.
    assert article.get_parent().title in _text(page.select_one(".newsletter-box"))
    # 9. "À ne pas manquer".
    must_read = soup.select_one("section.must-read")
    assert _text(must_read.find("h2")) == "À ne pas manquer"
    assert len(must_read.select("a[href]")) >= 3
    # 10. Comments.
    assert _text(soup.select_one("section.comments h2")) == "Commentaires (0)"


def test_demo_premium_article_structured_data_matches_the_html(
    shared_demo_site: DemoSite, client: Client, make_user
) -> None:
    premium = next(a for a in shared_demo_site.live_articles() if a.premium and len(a.body) > 8)
    client.force_login(make_user(is_staff=True))
    soup = _soup(client.get(premium.url))
    data = json.loads(soup.find("script", type="application/ld+json").string)
    assert data["@type"] == "NewsArticle"
    assert data["isAccessibleForFree"] is False
    assert soup.select(data["hasPart"]["cssSelector"])


def test_every_demo_article_page_renders(shared_demo_site: DemoSite, client: Client) -> None:
    for article in shared_demo_site.live_articles():
        soup = _soup(client.get(article.url))
        assert [_text(h) for h in soup.find_all("h1")] == [article.title], article.slug
        data = json.loads(soup.find("script", type="application/ld+json").string)
        assert data["isAccessibleForFree"] is (not article.premium), article.slug
        assert ("hasPart" in data) is article.premium, article.slug


def test_demo_home_page_has_a_lead_and_a_block_per_section(
    shared_demo_site: DemoSite, client: Client
) -> None:
    soup = _soup(client.get("/"))
    lead = shared_demo_site.lead()
    lead_block = soup.select_one("section.lead")
    assert lead_block.find("a", href=lead.url) is not None
    assert _text(lead_block.select_one(".card__standfirst")) == lead.standfirst

    blocks = soup.select("section.section-block")
    titles = [_text(block.find("h2")) for block in blocks]
    assert titles == [section.title for section in shared_demo_site.sections.values()]
    linked = [a["href"] for block in blocks for a in block.select("h3 a")]
    assert lead.url not in linked  # the lead is not repeated below
    assert len(linked) == len(set(linked))


def test_demo_section_page_lists_its_articles_newest_first(
    shared_demo_site: DemoSite, client: Client
) -> None:
    for section in shared_demo_site.sections.values():
        soup = _soup(client.get(section.url))
        assert _text(soup.find("h1")) == section.title
        listed = [a["href"] for a in soup.select(".article-list h3 a")]
        # The section's lives are listed among its articles (the demo has one, finished).
        kinds = Page.objects.live().child_of(section).exact_type(ArticlePage, LivePage)
        expected = kinds.order_by("-first_published_at")
        assert listed == [a.url for a in expected]
