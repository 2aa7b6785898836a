"""The demo lead article, as a visitor and as a subscriber see it, at phone and desktop widths.

The lead (first article of manchette/demo/content.py) is a premium long read: a visitor
gets its opening and the paywall, a subscriber the whole body. Between them, every
element of DESIGN.md's "What a reader sees" list is checked as visible.
"""

import re

import pytest
from playwright.sync_api import expect

from manchette.demo import content

from .conftest import VIEWPORTS, check_page_quality, screenshot

pytestmark = pytest.mark.browser

LEAD = content.ARTICLES[0]
FRENCH_MONTHS = (
    "janvier", "février", "mars", "avril", "mai", "juin",
    "juillet", "août", "septembre", "octobre", "novembre", "décembre",
)
# "1er décembre 2026 à 8h05", "13 septembre 2023 à 23h13". Playwright runs the pattern in
# the browser, where \w would not match the accents of "février", "août" or "décembre".
FRENCH_LONG_DATE = re.compile(
    rf"^(1er|[2-9]|[12]\d|3[01]) ({'|'.join(FRENCH_MONTHS)}) \d{{4}} à \d{{1,2}}h\d{{2}}$"
)
SUBSCRIBE = "S'abonner"
LOG_IN = "S'identifier"


def _body_values(block_type: str) -> list:
    return [value for kind, value in LEAD["body"] if kind == block_type]


def _section_titled(page, title: str):
    return page.locator("section", has=page.get_by_role("heading", name=title))


def _visible(locator, what: str):
    expect(locator.first, f"{what} should be visible").to_be_visible()
    return locator.first


def _decoded_width(image) -> int:
    return image.evaluate("img => img.decode().then(() => img.naturalWidth)")


def check_article_frame(page, live_demo) -> None:
    """What every reader sees: header, hero, dates, audio, newsletter, must-read, comments."""
    article = page.locator("main article").first

    # 1. Kicker and section
    _visible(article.get_by_text(LEAD["kicker"], exact=True), "kicker")
    section_link = _visible(
        article.locator("header").get_by_role("link", name=live_demo.section.title), "section"
    )
    assert section_link.get_attribute("href") == live_demo.section.url

    # 2. One h1, the headline; the standfirst
    expect(page.locator("h1")).to_have_count(1)
    expect(page.locator("h1")).to_have_text(LEAD["title"])
    expect(page.locator("h1")).to_be_visible()
    _visible(article.get_by_text(LEAD["standfirst"], exact=True), "standfirst")

    # 3. Byline
    byline = _visible(article.get_by_text(re.compile(r"^Par .+")), "byline")
    for author in live_demo.lead.authors:
        expect(byline).to_contain_text(author.initials if live_demo.lead.agency else author.name)

    # 4. Hero photo: responsive image with its dimensions, decoded; caption and credit
    hero = article.locator("figure").first
    image = _visible(hero.locator("img"), "hero image")
    assert int(image.get_attribute("width")) > 0 and int(image.get_attribute("height")) > 0
    assert len(image.get_attribute("srcset").split(",")) >= 2, "the hero image has no srcset"
    assert image.get_attribute("sizes")
    assert image.get_attribute("alt") == LEAD["image"]["alt"]
    assert image.get_attribute("loading") != "lazy", "the hero image is above the fold: not lazy"
    assert _decoded_width(image) > 0, "the hero image did not decode"
    caption = _visible(hero.locator("figcaption"), "hero caption")
    expect(caption).to_contain_text(LEAD["image"]["caption"])
    expect(caption).to_contain_text(f"© {LEAD['image']['credit']}")

    # 5. Reading time, publication date and update time
    _visible(article.get_by_text(re.compile(r"Temps de lecture : \d+ min")), "reading time")
    dates = _visible(article.get_by_text(re.compile(r"^Publié le")), "dates")
    times = dates.locator("time[datetime]")
    expect(times.first).to_be_visible()
    expect(times.first).to_have_text(FRENCH_LONG_DATE)
    if LEAD.get("updated_hours_ago") is not None:
        expect(dates).to_contain_text("mis à jour le")
        expect(times).to_have_count(2)

    # 6. Audio: the section, with its heading (its content depends on the reader)
    _visible(_section_titled(page, "Écouter l'article"), "audio")

    # 7. Body: at least the opening paragraphs
    _visible(article.locator(".article__body p"), "body paragraph")

    # 8. Newsletter block of the article's section
    newsletter = _visible(page.locator(".newsletter-box"), "newsletter")
    expect(newsletter.get_by_role("heading")).to_contain_text(live_demo.section.title)

    # 9. "À ne pas manquer"
    must_read = _visible(_section_titled(page, "À ne pas manquer"), "must read")
    assert must_read.get_by_role("link").count() >= 1

    # 10. Comments
    _visible(page.get_by_role("heading", name="Commentaires (0)"), "comments")


@pytest.mark.parametrize("width", VIEWPORTS)
def test_article_page_for_a_visitor(live_demo, width):
    opened = live_demo.open_page(live_demo.lead.url, VIEWPORTS[width])
    page = opened.page
    screenshot(page, f"article-{width}")
    check_article_frame(page, live_demo)

    audio = _section_titled(page, "Écouter l'article")
    expect(audio).to_contain_text("réservée aux abonnés")
    expect(audio.get_by_role("link", name=SUBSCRIBE)).to_be_visible()

    paywall = _visible(page.locator("[aria-labelledby='paywall-title']"), "paywall")
    expect(paywall.get_by_role("link", name=SUBSCRIBE)).to_be_visible()
    expect(paywall.get_by_role("link", name=LOG_IN)).to_be_visible()
    # The premium part never reaches a visitor, e.g. the article's last paragraph.
    expect(page.get_by_text(_body_values("paragraph")[-1][:80])).to_have_count(0)

    comments = _section_titled(page, "Commentaires (0)")
    expect(comments).to_contain_text("réservés aux abonnés")
    expect(comments.get_by_role("link", name=LOG_IN)).to_be_visible()

    check_page_quality(opened, live_demo, f"article for a visitor at {width}px")


@pytest.mark.parametrize("width", VIEWPORTS)
def test_article_page_for_a_subscriber(live_demo, width):
    opened = live_demo.open_page(live_demo.lead.url, VIEWPORTS[width], subscriber=True)
    page = opened.page
    screenshot(page, f"article-subscriber-{width}")
    check_article_frame(page, live_demo)
    article = page.locator("main article").first
    expect(page.locator("[aria-labelledby='paywall-title']")).to_have_count(0)

    # 7. Body: subheadings, quotes in « », "À lire aussi", images lazy with dimensions
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
    assert href and href != live_demo.lead.url, f"'À lire aussi' points nowhere useful: {href!r}"
    if related := _body_values("related"):
        expect(link).to_have_text(related[0]["label"])
    body_images = article.locator(".article__body figure img")
    expect(body_images).to_have_count(len(_body_values("image")))
    for body_image in body_images.all():
        assert body_image.get_attribute("width") and body_image.get_attribute("height")
        assert body_image.get_attribute("loading") == "lazy", "body images are below the fold: lazy"
        assert _decoded_width(body_image) > 0

    check_page_quality(opened, live_demo, f"article for a subscriber at {width}px")


@pytest.mark.parametrize("width", VIEWPORTS)
def test_home_page_shows_the_lead(live_demo, width):
    from manchette.articles.models import ArticlePage

    opened = live_demo.open_page("/", VIEWPORTS[width])
    page = opened.page
    screenshot(page, f"home-{width}")

    newest = ArticlePage.objects.published().first()  # the front page leads with the latest story
    lead = page.locator(".lead, [aria-label='À la une']").first
    expect(lead).to_be_visible()
    lead_link = _visible(lead.get_by_role("link", name=newest.title), "home page lead")
    assert lead_link.get_attribute("href") == newest.url
    assert _decoded_width(_visible(lead.locator("img"), "lead image")) > 0
    # Only the lead is a big card; the section blocks' cards are small, their pictures lazy.
    expect(page.locator(".card--lead")).to_have_count(1)
    for card_image in page.locator(".section-block img").all():
        assert card_image.get_attribute("loading") == "lazy"
        assert card_image.get_attribute("fetchpriority") != "high"
    nav = page.get_by_role("navigation", name="Rubriques")
    for section in content.SECTIONS:
        expect(nav.get_by_role("link", name=section["title"])).to_be_visible()
        expect(page.get_by_role("heading", name=section["title"], level=2)).to_be_visible()

    check_page_quality(opened, live_demo, f"home at {width}px")


@pytest.mark.parametrize("width", VIEWPORTS)
def test_section_page_lists_its_articles(live_demo, width):
    opened = live_demo.open_page(live_demo.section.url, VIEWPORTS[width])
    page = opened.page
    screenshot(page, f"section-{width}")

    expect(page.locator("h1")).to_have_text(live_demo.section.title)
    listed = _visible(page.locator("main").get_by_role("link", name=LEAD["title"]), "the lead in its section")
    assert listed.get_attribute("href") == live_demo.lead.url
    assert page.locator("main article").count() >= 2

    check_page_quality(opened, live_demo, f"section at {width}px")
