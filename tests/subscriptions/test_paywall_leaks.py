"""Nothing leaks: a premium article's paywalled text reaches subscribers only.

Every path that serves content is fetched as each kind of non-subscriber, and the raw
bytes of every response are searched for text that only the paywalled part contains.
"""

import html
import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

import pytest
from django.test import Client
from django.utils.html import strip_tags

from manchette.articles.models import ArticlePage, SectionPage
from manchette.subscriptions.entitlements import free_paragraphs
from manchette.subscriptions.models import PaywallSettings
from tests.conftest import DemoSite, ModuleDatabase, Newsroom, paragraph

pytestmark = pytest.mark.django_db

NON_SUBSCRIBERS = ["anonymous", "free_reader", "expired", "cancelled_after_period_end"]
FREE_WORD = "coquelicot"  # in the standfirst, which anyone may read: search finds the article with it
PREMIUM_WORD = "xylophonique"  # only in the paywalled part
MARKERS = [f"MARQUEUR-PREMIUM-{n}" for n in range(1, 6)]


@dataclass
class PremiumStory:
    article: ArticlePage
    section: SectionPage
    tag_slug: str
    secrets: list[str]  # strings only the paywalled part contains
    search_word: str  # a word only the paywalled part contains (echoed by the search page)


@pytest.fixture(scope="module")
def _module_story(module_db: ModuleDatabase) -> PremiumStory:
    return module_db.build(lambda: build_story(module_db.newsroom()))


@pytest.fixture
def story(_module_story: PremiumStory, db) -> PremiumStory:
    """The premium story, built once for the module (each test's changes are rolled back)."""
    return _module_story


def build_story(newsroom: Newsroom) -> PremiumStory:
    section = newsroom.section(title="Enquêtes", slug="enquetes")
    body = [
        paragraph("Premier paragraphe libre, où fleurit une pâquerette."),
        ("subheading", "Un intertitre libre"),
        paragraph("Deuxième paragraphe libre."),
        paragraph("Troisième paragraphe libre, le dernier avant le mur."),
        paragraph(f"{MARKERS[0]} Quatrième paragraphe, le premier réservé, au son {PREMIUM_WORD}."),
        ("subheading", f"{MARKERS[1]} Un intertitre réservé"),
        ("quote", {"text": f"{MARKERS[2]} Une citation réservée", "attribution": "Une source"}),
        paragraph(f"<b>{MARKERS[3]}</b> Cinquième paragraphe, en gras au début."),
        paragraph(f'Dernier paragraphe, avec un <a href="https://example.org/">{MARKERS[4]}</a>.'),
    ]
    article = newsroom.article(
        section,
        title="Une enquête réservée aux abonnés",
        standfirst=f"Un chapô que tout le monde peut lire, où pousse un {FREE_WORD}.",
        body=body,
        premium=True,
        tags=["Enquête exclusive"],
    )
    return PremiumStory(article, section, "enquete-exclusive", MARKERS, PREMIUM_WORD)


PAGE, NOT_FOUND, NEWSROOM_LOGIN = "page", "404", "newsroom login"


def content_paths(story: PremiumStory) -> Iterator[tuple[str, str]]:
    """Every URL a reader can reach that serves this article's content, or might; and what
    each must answer: the page (200, after redirects), a 404, or the newsroom's login."""
    url = story.article.url
    page_id = story.article.pk
    section = story.section
    for path in [
        url,
        f"{url}?print=1",  # query strings a reader may add: the same page, never more of it
        f"{url}?format=json",
        f"{url}?amp=1",
        f"{url}?page=2",
        url.rstrip("/"),  # without the trailing slash: redirected, followed
        "/",
        section.url,
        f"{section.url}?page=2",
        f"/tags/{story.tag_slug}/",
        f"/tags/{story.tag_slug}/?page=2",
        f"/recherche/?q={story.search_word}",
        f"/recherche/?q={FREE_WORD}",
        f"/recherche/?q={FREE_WORD}&page=2",
        "/rss.xml",
        f"/rubriques/{section.slug}/rss.xml",
        "/sitemap.xml",
        "/sitemap-news.xml",
        "/robots.txt",
    ]:
        yield path, PAGE
    # No AMP version, no public API: these must stay 404s, not pages that happen to be empty.
    for path in [
        f"{url}amp/",
        "/api/",
        "/api/v2/pages/",
        f"/api/v2/pages/{page_id}/",
        "/api/v2/pages/?type=articles.ArticlePage&fields=body",
    ]:
        yield path, NOT_FOUND
    # The newsroom's views of the page (draft, preview, admin API, revisions) need its login.
    for path in [
        f"/admin/api/main/pages/{page_id}/",
        f"/admin/pages/{page_id}/view_draft/",
        f"/admin/pages/{page_id}/edit/preview/",
        f"/admin/pages/{page_id}/edit/",
        f"/admin/pages/{page_id}/revisions/",
        f"/admin/pages/{page_id}/history/",
    ]:
        yield path, NEWSROOM_LOGIN


def answer(client: Client, path: str, expected: str):
    """The response to a reader's request for `path`, checked against what it must be."""
    if expected == NEWSROOM_LOGIN:
        response = client.get(path)  # not followed: the login page is the newsroom's business
        assert response.status_code == 302, path
        assert response["Location"].startswith("/admin/login/"), (path, response["Location"])
        return response
    response = fetch(client, path)
    assert response.status_code == (404 if expected == NOT_FOUND else 200), path
    return response


_JSON_ESCAPE = re.compile(r"\\u([0-9a-fA-F]{4})")


def leaked(body: bytes, secrets: list[str]) -> list[str]:
    """The secrets found in a response, raw or once HTML/JSON entities are decoded."""
    raw = body.decode("utf-8", errors="replace")
    json_unescaped = _JSON_ESCAPE.sub(lambda match: chr(int(match.group(1), 16)), raw)
    texts = [raw, html.unescape(raw), json_unescaped, html.unescape(json_unescaped)]
    return [secret for secret in secrets if any(secret in text for text in texts)]


def fetch(client: Client, path: str):
    return client.get(path, follow=True)


@pytest.mark.parametrize("kind", NON_SUBSCRIBERS)
def test_no_path_serves_the_paywalled_text_to_a_non_subscriber(
    kind: str, client_of_kind: Callable[[str], Client], story: PremiumStory
) -> None:
    client = client_of_kind(kind)
    leaks = {}
    for path, expected in content_paths(story):
        response = answer(client, path, expected)
        if found := leaked(response.content, story.secrets):
            leaks[path] = found
    assert leaks == {}


def test_the_checked_paths_do_serve_the_article(client_of_kind, story: PremiumStory) -> None:
    """The leak test means something only if those paths show the article at all."""
    client = client_of_kind("anonymous")
    title = story.article.title.encode()
    for path in [
        story.article.url,
        "/",
        story.section.url,
        f"/tags/{story.tag_slug}/",
        f"/recherche/?q={FREE_WORD}",
        "/rss.xml",
        f"/rubriques/{story.section.slug}/rss.xml",
        "/sitemap-news.xml",
    ]:
        response = fetch(client, path)
        assert response.status_code == 200, path
        assert title in response.content or story.article.url.encode() in response.content, path
    assert story.article.url.encode() in fetch(client, "/sitemap.xml").content


def test_search_cannot_tell_what_the_paywalled_part_says(client_of_kind, story: PremiumStory) -> None:
    """Finding the article by a word of its paywalled part would reveal that word."""
    for kind in ("anonymous", "free_reader"):
        page = fetch(client_of_kind(kind), f"/recherche/?q={story.search_word}").content.decode()
        assert story.article.url not in page, kind


def test_subscriber_reads_everything_privately(client_of_kind, story: PremiumStory) -> None:
    response = client_of_kind("subscriber").get(story.article.url)

    assert response.status_code == 200
    assert leaked(response.content, story.secrets) == story.secrets
    cache_control = response["Cache-Control"]
    assert "private" in cache_control
    assert "public" not in cache_control
    assert "s-maxage" not in cache_control
    assert 'class="paywall"' not in response.content.decode()


@pytest.mark.parametrize("kind", ["past_due_in_period", "cancelled_with_time_left", "staff"])
def test_other_entitled_readers_read_everything(kind: str, client_of_kind, story: PremiumStory) -> None:
    response = client_of_kind(kind).get(story.article.url)
    assert leaked(response.content, story.secrets) == story.secrets
    assert "private" in response["Cache-Control"]


def test_anonymous_page_is_public_cookieless_and_shows_the_offer(client_of_kind, story: PremiumStory) -> None:
    response = client_of_kind("anonymous").get(story.article.url)
    page = response.content.decode()

    assert response.status_code == 200
    cache_control = response["Cache-Control"]
    assert "public" in cache_control
    assert "private" not in cache_control
    assert "no-cache" not in cache_control
    assert not response.cookies, f"an anonymous page set cookies: {list(response.cookies)}"
    assert "Set-Cookie" not in response.headers
    # The free part is there, then the offer.
    assert "Troisième paragraphe libre" in page
    assert 'class="paywall"' in page
    paywall = page[page.index('class="paywall"') :]
    assert "Déjà abonné ?" in paywall
    login_link = re.search(r'<a href="(/compte/login/[^"]*)">S(&#x27;|\')identifier</a>', paywall)
    assert login_link, "no S'identifier link in the paywall box"
    assert f"next={story.article.url}" in html.unescape(login_link.group(1)).replace("%2F", "/")
    assert 'href="/abonnement/"' in paywall


def test_anonymous_pages_are_the_same_bytes_for_everyone(story: PremiumStory) -> None:
    first, second = Client().get(story.article.url), Client().get(story.article.url)
    assert first.content == second.content


def test_logged_in_non_subscriber_sees_the_offer_without_the_login_link(client_of_kind, story) -> None:
    response = client_of_kind("free_reader").get(story.article.url)
    page = response.content.decode()
    assert 'class="paywall"' in page
    assert "Déjà abonné ?" not in page[page.index('class="paywall"') :]
    assert "private" in response["Cache-Control"]


def test_social_and_structured_data_carry_the_standfirst_only(client_of_kind, story: PremiumStory) -> None:
    response = client_of_kind("subscriber").get(story.article.url)
    page = response.content.decode()

    og = re.search(r'<meta property="og:description" content="([^"]*)"', page)
    assert og and html.unescape(og.group(1)) == story.article.standfirst
    description = re.search(r'<meta name="description" content="([^"]*)"', page)
    assert description and html.unescape(description.group(1)) == story.article.standfirst
    script = re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.S)
    assert script
    data = json.loads(script.group(1))
    assert data["isAccessibleForFree"] is False
    assert data["hasPart"]["cssSelector"] == ".article-premium"
    assert "articleBody" not in data
    assert leaked(script.group(1).encode(), story.secrets) == []
    # Even the subscriber's page declares the paywalled part where Google expects it.
    assert '<div class="article-premium">' in page


def test_paywall_cut_follows_the_admin_setting(client_of_kind, story: PremiumStory, paywall) -> None:
    paywall.free_paragraphs = 1
    paywall.save()
    page = client_of_kind("anonymous").get(story.article.url).content.decode()
    assert "Premier paragraphe libre" in page
    assert "Deuxième paragraphe libre" not in page
    assert leaked(page.encode(), story.secrets) == []


def test_free_article_is_whole_for_everyone(newsroom: Newsroom, client_of_kind) -> None:
    section = newsroom.section()
    article = newsroom.article(
        section, body=[paragraph(f"Paragraphe {n} FIN-LIBRE-{n}") for n in range(1, 7)], premium=False
    )
    page = client_of_kind("anonymous").get(article.url).content.decode()
    assert all(f"FIN-LIBRE-{n}" in page for n in range(1, 7))
    assert 'class="paywall"' not in page


# --------------------------------------------------------------------------- metered


def test_metered_reader_reads_two_articles_then_hits_the_wall(
    metered: PaywallSettings, newsroom: Newsroom, client_of_kind
) -> None:
    section = newsroom.section()
    articles = [
        newsroom.article(
            section,
            premium=True,
            body=[*(paragraph(f"Libre {n}.") for n in range(3)), paragraph(f"RESERVE-ARTICLE-{index}")],
        )
        for index in range(3)
    ]
    reader = client_of_kind("free_reader")
    pages = [reader.get(article.url).content.decode() for article in articles]

    assert "RESERVE-ARTICLE-0" in pages[0]
    assert "RESERVE-ARTICLE-1" in pages[1]
    assert "RESERVE-ARTICLE-2" not in pages[2]
    assert 'class="paywall"' in pages[2]
    assert "RESERVE-ARTICLE-0" in reader.get(articles[0].url).content.decode()
    # Anonymous readers are never metered.
    assert "RESERVE-ARTICLE-0" not in Client().get(articles[0].url).content.decode()


def test_premium_article_with_nothing_behind_the_wall_spends_no_metered_read(
    metered: PaywallSettings, newsroom: Newsroom, client_of_kind
) -> None:
    section = newsroom.section()
    short = newsroom.article(section, premium=True, body=[paragraph(f"Bref {n}.") for n in range(3)])
    long_reads = [
        newsroom.article(
            section,
            premium=True,
            body=[*(paragraph(f"Libre {n}.") for n in range(3)), paragraph(f"RESERVE-{i}")],
        )
        for i in range(2)
    ]
    reader = client_of_kind("free_reader")

    assert "Bref 2." in reader.get(short.url).content.decode()
    pages = [reader.get(article.url).content.decode() for article in long_reads]

    assert "RESERVE-0" in pages[0] and "RESERVE-1" in pages[1], "the short piece used up a metered read"


# --------------------------------------------------------------------------- the demo's premium story


def premium_sentences(article: ArticlePage) -> list[str]:
    """Runs of words taken from every paragraph, quote and subheading behind the paywall."""
    _free, paywalled = article.split_body(free_paragraphs())
    sentences = []
    for block in paywalled:
        if block.block_type == "paragraph":
            text = strip_tags(block.value.source)
        elif block.block_type == "subheading":
            text = block.value
        elif block.block_type == "quote":
            text = block.value["text"]
        else:
            continue
        words = html.unescape(text).split()
        sentences.append(" ".join(words[2:10]) if len(words) > 6 else " ".join(words))
    return sentences


def test_demo_premium_story_never_reaches_non_subscribers(demo_site: DemoSite, demo_clients) -> None:
    article = demo_site.articles["chili-bataille-eau-vallee-huasco"]
    assert article.premium
    secrets = premium_sentences(article)
    assert len(secrets) >= 10
    section = article.section
    tag_slug = article.tags.first().slug
    story = PremiumStory(article, section, tag_slug, secrets, search_word="hydrogéologue")

    for kind, client in demo_clients.items():
        if kind == "abonne@manchette.test":
            continue
        leaks = {}
        for path, expected in content_paths(story):
            response = answer(client, path, expected)
            if found := leaked(response.content, secrets):
                leaks[path] = found
        assert leaks == {}, kind

    subscriber_page = demo_clients["abonne@manchette.test"].get(article.url)
    assert leaked(subscriber_page.content, secrets) == secrets


@pytest.fixture
def demo_clients(demo_site: DemoSite) -> dict[str, Client]:
    """The demo's anonymous visitor, free reader and subscriber, logged in with their passwords."""
    from manchette.demo.loader import DEMO_PASSWORD

    clients = {"anonymous": Client()}
    for email in ["lecteur@manchette.test", "abonne@manchette.test"]:
        client = Client()
        response = client.post("/compte/login/", {"login": email, "password": DEMO_PASSWORD})
        assert response.status_code == 302, f"the demo login of {email} failed"
        clients[email] = client
    return clients
