"""The demo lead article, home page and a section page, as a reader's browser shows them."""

import re

import pytest
from playwright.sync_api import expect

from manchette.demo import content

from .conftest import (
    VIEWPORTS,
    assert_no_horizontal_overflow,
    assert_no_serious_axe_violations,
    assert_only_live_server_requests,
    screenshot,
)

pytestmark = pytest.mark.browser

LEAD = content.ARTICLES[0]


def _body_values(block_type: str) -> list:
    return [value for kind, value in LEAD["body"] if kind == block_type]


def _section_titled(page, title: str):
    return page.locator("section", has=page.get_by_role("heading", name=title))


def _visible(locator, what: str):
    expect(locator.first, f"{what} should be visible").to_be_visible()
    return locator.first


@pytest.mark.parametrize("width", VIEWPORTS)
def test_article_page_shows_every_element(demo_site, width):
    opened = demo_site.open_page(demo_site.lead.url, VIEWPORTS[width])
    page = opened.page
    screenshot(page, f"article-{width}")
    article = page.locator("main article").first

    # 1. Kicker and section
    _visible(article.get_by_text(LEAD["kicker"], exact=True), "kicker")
    section_link = _visible(
        article.locator("header").get_by_role("link", name=demo_site.section.title), "section"
    )
    assert section_link.get_attribute("href") == demo_site.section.url

    # 2. One h1, the headline; the standfirst
    expect(page.locator("h1")).to_have_count(1)
    expect(page.locator("h1")).to_have_text(LEAD["title"])
    expect(page.locator("h1")).to_be_visible()
    _visible(article.get_by_text(LEAD["standfirst"], exact=True), "standfirst")

    # 3. Byline
    _visible(article.get_by_text(re.compile(r"^Par .+")), "byline")
    for author in demo_site.lead.authors:
        expect(article.get_by_text(re.compile(r"^Par "))).to_contain_text(
            author.initials if demo_site.lead.agency else author.name
        )

    # 4. Hero photo: responsive image with dimensions, decoded; caption and credit
    hero = article.locator("figure").first
    image = _visible(hero.locator("img"), "hero image")
    assert int(image.get_attribute("width")) > 0 and int(image.get_attribute("height")) > 0
    assert len(image.get_attribute("srcset").split(",")) >= 2, "the hero image has no srcset"
    assert image.get_attribute("sizes")
    assert image.get_attribute("alt") == LEAD["image"]["alt"]
    assert image.get_attribute("loading") != "lazy", "the hero image is above the fold: not lazy"
    natural_width = image.evaluate("img => img.decode().then(() => img.naturalWidth)")
    assert natural_width > 0, "the hero image did not decode"
    caption = _visible(hero.locator("figcaption"), "hero caption")
    expect(caption).to_contain_text(LEAD["image"]["caption"])
    expect(caption).to_contain_text(f"© {LEAD['image']['credit']}")

    # 5. Reading time, publication date and update time
    _visible(article.get_by_text(re.compile(r"Temps de lecture : \d+ min")), "reading time")
    dates = _visible(article.get_by_text(re.compile(r"^Publié le")), "dates")
    times = dates.locator("time[datetime]")
    expect(times.first).to_be_visible()
    expect(times.first).to_have_text(re.compile(r"^\d{1,2} \w+ \d{4} à \d{1,2}h\d{2}$"))
    if LEAD.get("updated_hours_ago") is not None:
        expect(dates).to_contain_text("mis à jour le")
        expect(times).to_have_count(2)

    # 6. Audio: the section is there, with its heading
    audio = _visible(_section_titled(page, "Écouter l'article"), "audio")
    expect(audio).to_contain_text("abonnés")

    # 7. Body: subheadings, quotes in « », "À lire aussi"
    for subheading in _body_values("subheading"):
        _visible(article.get_by_role("heading", name=subheading, exact=True), f"subheading {subheading!r}")
    quotes = article.locator("blockquote")
    expect(quotes).to_have_count(len(_body_values("quote")))
    _visible(quotes, "quote")
    expect(quotes.first).to_have_text(re.compile(r"^\s*«\s.+\s»\s*$", re.DOTALL))
    read_also = _visible(article.locator(".read-also"), "À lire aussi")
    expect(read_also).to_contain_text("À lire aussi")
    link = _visible(read_also.get_by_role("link"), "À lire aussi link")
    href = link.get_attribute("href")
    assert href and href != demo_site.lead.url, f"'À lire aussi' points nowhere useful: {href!r}"
    if related := _body_values("related"):
        expect(link).to_have_text(related[0]["label"])
    for figure_image in article.locator(".article__body figure img").all():
        assert figure_image.get_attribute("width") and figure_image.get_attribute("height")
        assert figure_image.get_attribute("loading") == "lazy"

    # 8. Newsletter block of the section
    newsletter = _visible(page.locator("[aria-labelledby='newsletter-title']"), "newsletter")
    expect(newsletter.get_by_role("heading")).to_contain_text(demo_site.section.title)

    # 9. "À ne pas manquer"
    must_read = _visible(_section_titled(page, "À ne pas manquer"), "must read")
    assert must_read.get_by_role("link").count() >= 1

    # 10. Comments
    _visible(page.get_by_role("heading", name="Commentaires (0)"), "comments")

    assert_only_live_server_requests(opened, demo_site)
    assert_no_horizontal_overflow(page, f"article at {width}px")
    assert_no_serious_axe_violations(page, f"article at {width}px")
    assert not opened.console_errors, opened.console_errors


@pytest.mark.parametrize("width", VIEWPORTS)
def test_home_page_shows_the_lead(demo_site, width):
    opened = demo_site.open_page("/", VIEWPORTS[width])
    page = opened.page
    screenshot(page, f"home-{width}")

    from manchette.articles.services import published_articles

    newest = published_articles().first()  # the front page leads with the latest story
    lead = page.locator(".lead, [aria-label='À la une']").first
    expect(lead).to_be_visible()
    lead_link = _visible(lead.get_by_role("link", name=newest.title), "home page lead")
    assert lead_link.get_attribute("href") == newest.url
    lead_image = _visible(lead.locator("img"), "lead image")
    assert lead_image.evaluate("img => img.decode().then(() => img.naturalWidth)") > 0
    for section in content.SECTIONS:
        nav = page.get_by_role("navigation", name="Rubriques")
        expect(nav.get_by_role("link", name=section["title"])).to_be_visible()

    assert_only_live_server_requests(opened, demo_site)
    assert_no_horizontal_overflow(page, f"home at {width}px")
    assert_no_serious_axe_violations(page, f"home at {width}px")


@pytest.mark.parametrize("width", VIEWPORTS)
def test_section_page_lists_its_articles(demo_site, width):
    opened = demo_site.open_page(demo_site.section.url, VIEWPORTS[width])
    page = opened.page
    screenshot(page, f"section-{width}")

    expect(page.locator("h1")).to_have_text(demo_site.section.title)
    listed = _visible(page.locator("main").get_by_role("link", name=LEAD["title"]), "the lead in its section")
    assert listed.get_attribute("href") == demo_site.lead.url
    cards = page.locator("main article")
    assert cards.count() >= 2

    assert_only_live_server_requests(opened, demo_site)
    assert_no_horizontal_overflow(page, f"section at {width}px")
    assert_no_serious_axe_violations(page, f"section at {width}px")
