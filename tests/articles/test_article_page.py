"""The article page: every element of DESIGN.md's list, structured data and social tags."""

import json
import re
from dataclasses import dataclass
from datetime import UTC, datetime, time
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup, Tag
from django.conf import settings
from django.test import Client
from django.urls import reverse

from manchette.articles.models import ArticlePage, SectionPage
from manchette.articles.structured_data import PAYWALLED_CSS_CLASS
from manchette.articles.templatetags.news import long_datetime, short_datetime
from manchette.newsletters.models import Newsletter
from tests.conftest import ModuleDatabase, Newsroom, paragraph, words

# 13 September 2023 at 23:13 in Paris (summer time, UTC+2), and an update the next morning.
PUBLISHED = datetime(2023, 9, 13, 21, 13, tzinfo=UTC)
UPDATED = datetime(2023, 9, 14, 6, 5, tzinfo=UTC)


@dataclass
class ArticleFixture:
    article: ArticlePage
    section: SectionPage
    related: ArticlePage
    siblings: list[ArticlePage]  # the section's other articles


def _soup(response) -> BeautifulSoup:
    assert response.status_code == 200, response.status_code
    return BeautifulSoup(response.content, "html.parser")


def _text(tag: Tag | None) -> str:
    assert tag is not None
    return " ".join(tag.get_text(" ", strip=True).split())


def _article(newsroom: Newsroom, section: SectionPage, related: ArticlePage, *, premium: bool) -> ArticlePage:
    body = [
        paragraph("Il est à peine six heures lorsque Rosa Alvarado soulève la planche du canal."),
        ("subheading", "Quinze ans de sécheresse"),
        paragraph("Dans la vallée du Huasco, la sécheresse n’est plus une saison."),
        ("quote", {"text": "On ne demande pas la lune.", "attribution": "Rosa Alvarado, viticultrice"}),
        ("related", related),
        paragraph("Les hydrologues chiliens parlent de mégasécheresse. " + words(500)),
        ("image", newsroom.image()),
        paragraph("Une phrase que seuls les abonnés lisent quand l'article leur est réservé."),
    ]
    return newsroom.article(
        section,
        title="Au Chili, la bataille de l’eau divise la vallée du Huasco",
        slug="chili-abonnes" if premium else "chili",
        kicker="Chili",
        standfirst="Entre mines de cuivre et villages rationnés, chacun revoit ses usages.",
        authors=[newsroom.author("Léa Lambert", "L. L.")],
        premium=premium,
        hero=newsroom.image(),
        hero_alt="Des sommets enneigés dominent des collines boisées.",
        hero_caption="Les sommets de la cordillère des Andes.",
        hero_credit="INÉS CARRASCO / AMN",
        body=body,
        tags=["Climat", "Eau"],
        first_published_at=PUBLISHED,
        updated_at=UPDATED,
    )


@pytest.fixture(scope="module")
def _articles(module_db: ModuleDatabase) -> dict[str, ArticleFixture]:
    def build() -> dict[str, ArticleFixture]:
        newsroom = module_db.newsroom()
        section = newsroom.section("International", slug="international")
        others = [newsroom.article(section, title=f"Autre article {n}") for n in range(3)]
        related = newsroom.article(section, title="Au Sénégal, la mer grignote le quartier des pêcheurs")
        free = _article(newsroom, section, related, premium=False)
        premium = _article(newsroom, section, related, premium=True)
        siblings = [*others, related]
        module_db.render(free, premium)
        return {
            "free": ArticleFixture(free, section, related, [*siblings, premium]),
            "premium": ArticleFixture(premium, section, related, [*siblings, free]),
        }

    return module_db.build(build)


@pytest.fixture
def free_article(_articles: dict[str, ArticleFixture], db) -> ArticleFixture:
    """A free article with every element, built once for this module."""
    return _articles["free"]


@pytest.fixture
def premium_article(_articles: dict[str, ArticleFixture], db) -> ArticleFixture:
    """The same article, for subscribers."""
    return _articles["premium"]


# --------------------------------------------------------------------------- what a reader sees


def test_header_has_section_kicker_one_headline_standfirst_and_byline(
    free_article: ArticleFixture, client: Client
) -> None:
    soup = _soup(client.get(free_article.article.url))
    assert soup.html["lang"] == "fr"
    header = soup.select_one("main article header")
    assert header is not None

    section_link = header.select_one("a.article__section")
    assert section_link["href"] == free_article.section.url
    assert _text(section_link) == "International"
    assert _text(header.select_one(".article__kicker-label")) == "Chili"

    headlines = soup.find_all("h1")
    assert len(headlines) == 1
    assert _text(headlines[0]) == "Au Chili, la bataille de l’eau divise la vallée du Huasco"
    assert headlines[0].find_parent("header") is header
    assert _text(header.select_one(".article__standfirst")) == free_article.article.standfirst
    assert _text(header.select_one(".article__byline")) == "Par Léa Lambert"


def test_hero_figure_is_responsive_sized_captioned_and_credited(
    free_article: ArticleFixture, client: Client
) -> None:
    soup = _soup(client.get(free_article.article.url))
    figure = soup.select_one("article figure.article__hero")
    assert figure is not None
    img = figure.find("img")
    assert int(img["width"]) > 0 and int(img["height"]) > 0
    assert abs(int(img["width"]) / int(img["height"]) - 16 / 9) < 0.02  # the picture's own ratio
    assert img["alt"] == "Des sommets enneigés dominent des collines boisées."
    candidates = [c.strip().split() for c in img["srcset"].split(",")]
    assert len(candidates) >= 3
    assert all(len(c) == 2 and re.fullmatch(r"\d+w", c[1]) for c in candidates)
    assert img.get("sizes")
    assert img.get("loading") != "lazy"  # above the fold
    caption = _text(figure.find("figcaption"))
    assert caption.startswith("Les sommets de la cordillère des Andes.")
    assert caption.endswith("© INÉS CARRASCO / AMN")


def test_reading_time_and_dates_in_french(free_article: ArticleFixture, client: Client) -> None:
    soup = _soup(client.get(free_article.article.url))
    meta = soup.select_one(".article__meta")
    reading_time = free_article.article.reading_time
    assert reading_time == 3  # 542 words
    assert _text(meta.select_one(".article__reading-time")) == f"Temps de lecture : {reading_time} min"

    published, updated = meta.find_all("time")
    assert published["datetime"] == "2023-09-13T23:13:00+02:00"
    assert _text(published) == "13 septembre 2023 à 23h13"
    assert updated["datetime"] == "2023-09-14T08:05:00+02:00"
    assert _text(updated) == "14 septembre 2023 à 8h05"
    dates = " ".join(meta.select_one(".article__dates").get_text().split())
    assert dates == "Publié le 13 septembre 2023 à 23h13, mis à jour le 14 septembre 2023 à 8h05"


@pytest.mark.parametrize(
    ("moment", "long", "short"),
    [
        (datetime(2023, 9, 13, 21, 13, tzinfo=UTC), "13 septembre 2023 à 23h13", "13/09/2023 à 23:13"),
        (
            datetime(2024, 1, 1, 7, 5, tzinfo=UTC),
            "1er janvier 2024 à 8h05",
            "01/01/2024 à 08:05",
        ),  # winter time
        (
            datetime(2024, 8, 15, 22, 0, tzinfo=UTC),
            "16 août 2024 à 0h00",
            "16/08/2024 à 00:00",
        ),  # next day in Paris
    ],
)
def test_dates_read_the_french_way(moment: datetime, long: str, short: str) -> None:
    assert long_datetime(moment) == long
    assert short_datetime(moment) == short


def test_article_never_updated_shows_no_update_time(newsroom: Newsroom, client: Client) -> None:
    article = newsroom.article(newsroom.section(), first_published_at=PUBLISHED)
    soup = _soup(client.get(article.url))
    times = soup.select(".article__meta time")
    assert len(times) == 1
    assert "mis à jour" not in _text(soup.select_one(".article__meta"))


def test_audio_section_is_reserved_for_subscribers(free_article: ArticleFixture, client: Client) -> None:
    soup = _soup(client.get(free_article.article.url))
    audio = soup.select_one("article section.article-audio")
    assert audio is not None
    assert _text(audio.find("h2")) == "Écouter l'article"
    assert "réservée aux abonnés" in _text(audio)
    assert audio.find("a", href=reverse("subscriptions:offers")) is not None
    assert audio.find("audio") is None  # visitors get no player


def test_body_has_paragraphs_subheadings_quotes_related_link_and_images(
    free_article: ArticleFixture, client: Client
) -> None:
    soup = _soup(client.get(free_article.article.url))
    body = soup.select_one("article .article__body")
    assert _text(body.find("p")).startswith("Il est à peine six heures")
    assert [_text(h) for h in body.select("h2.article__subheading")] == ["Quinze ans de sécheresse"]

    quote = body.select_one("figure.article__quote")
    assert re.fullmatch(r"«\s+On ne demande pas la lune\.\s+»", _text(quote.find("blockquote")))
    assert "\xa0»" in quote.find("blockquote").get_text()  # no line break before the closing guillemet
    assert _text(quote.find("figcaption")) == "Rosa Alvarado, viticultrice"

    read_also = body.select_one(".read-also")
    assert _text(read_also).startswith("À lire aussi")
    link = read_also.find("a")
    assert link["href"] == free_article.related.url
    assert _text(link) == free_article.related.title

    image = body.select_one("figure.article__figure img")
    assert image["loading"] == "lazy" and image["width"] and image["height"] and image["srcset"]
    assert "© PHOTOGRAPHE" in _text(body.select_one("figure.article__figure figcaption"))


def test_tags_link_to_their_pages(free_article: ArticleFixture, client: Client) -> None:
    soup = _soup(client.get(free_article.article.url))
    links = {_text(a): a["href"] for a in soup.select(".article__tags a")}
    assert links == {"Climat": "/tags/climat/", "Eau": "/tags/eau/"}
    assert "Au Chili" in client.get(links["Climat"]).content.decode()


def test_newsletter_block_of_the_section(free_article: ArticleFixture, client: Client) -> None:
    assert _soup(client.get(free_article.article.url)).select_one(".newsletter-box") is None  # none yet
    Newsletter.objects.create(
        name="La newsletter International", slug="international", pitch="Le monde, chaque mardi.",
        section=free_article.section, weekdays="1", send_time=time(11), sender_name="Manchette",
        sender_email="lettres@manchette.test",
    )
    newsletter = _soup(client.get(free_article.article.url)).select_one("article .newsletter-box")
    assert newsletter is not None
    assert "International" in _text(newsletter.find(["h2", "h3"]))
    assert "Tous les mardis à 11h" in _text(newsletter)
    assert "Mon compte" in _text(newsletter)


def test_must_read_and_comments_follow_the_article(free_article: ArticleFixture, client: Client) -> None:
    soup = _soup(client.get(free_article.article.url))
    must_read = soup.select_one("section.must-read")
    assert _text(must_read.find("h2")) == "À ne pas manquer"
    hrefs = {a["href"] for a in must_read.select("a[href]")}
    assert free_article.article.url not in hrefs
    assert hrefs <= {a.url for a in free_article.siblings}
    assert len(hrefs) == 4

    comments = soup.select_one("section.comments")
    assert _text(comments.find("h2")) == "Commentaires (0)"
    login = comments.find("a", string=re.compile("S'identifier"))
    assert login is not None and login["href"].startswith(reverse("account_login"))
    # In page order: article, then "À ne pas manquer", then the comments.
    order = [el.get("class", [""])[0] for el in soup.select("main > article, main > section")]
    assert order.index("must-read") < order.index("comments")


def test_page_is_semantic_and_self_hosted(free_article: ArticleFixture, client: Client) -> None:
    soup = _soup(client.get(free_article.article.url))
    assert soup.select_one("main article header h1") is not None
    assert soup.select("article figure figcaption")
    assert len(soup.select("main > article > .article__meta time[datetime]")) == 2
    # Nothing the browser fetches comes from another host: styles, scripts, images, fonts.
    fetched = [tag.get("src") for tag in soup.find_all(["script", "img", "iframe", "audio", "video"])]
    fetched += [link.get("href") for link in soup.find_all("link", rel=["stylesheet", "icon", "preload"])]
    fetched += [c.split()[0] for img in soup.find_all("img", srcset=True) for c in img["srcset"].split(",")]
    for url in filter(None, fetched):
        assert not urlsplit(url).netloc, f"{url} is fetched from another host"
    assert len(soup.find_all("script", src=True)) <= 1  # little or no JavaScript


# --------------------------------------------------------------------------- JSON-LD


def _json_ld(soup: BeautifulSoup) -> dict:
    scripts = soup.find_all("script", type="application/ld+json")
    assert len(scripts) == 1
    return json.loads(scripts[0].string)


def test_json_ld_describes_a_news_article(free_article: ArticleFixture, client: Client) -> None:
    article = free_article.article
    data = _json_ld(_soup(client.get(article.url)))

    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "NewsArticle"
    assert data["headline"] == article.title
    assert data["description"] == article.standfirst
    assert datetime.fromisoformat(data["datePublished"]) == PUBLISHED
    assert datetime.fromisoformat(data["dateModified"]) == UPDATED
    assert data["author"] == [{"@type": "Person", "name": "Léa Lambert"}]
    assert data["publisher"]["@type"] in {"Organization", "NewsMediaOrganization"}
    assert data["publisher"]["name"] == settings.WAGTAIL_SITE_NAME
    assert data["publisher"]["logo"]["url"].startswith(("http://", "https://"))
    assert data["url"] == data["mainEntityOfPage"]["@id"] == article.get_full_url()
    assert data["articleSection"] == "International"
    assert data["isAccessibleForFree"] is True
    assert "hasPart" not in data

    images = data["image"]
    assert len(images) >= 1
    for url in images:
        parts = urlsplit(url)
        assert parts.scheme in {"http", "https"} and parts.netloc
        assert parts.path.startswith(settings.MEDIA_URL)
        assert (Path(settings.MEDIA_ROOT) / parts.path.removeprefix(settings.MEDIA_URL)).is_file()


def test_json_ld_of_a_premium_article_declares_the_paywalled_part(
    premium_article: ArticleFixture, client: Client, make_user
) -> None:
    article = premium_article.article
    anonymous = client.get(article.url)
    data = _json_ld(_soup(anonymous))
    assert data["isAccessibleForFree"] is False
    assert data["hasPart"]["@type"] == "WebPageElement"
    assert data["hasPart"]["isAccessibleForFree"] is False
    selector = data["hasPart"]["cssSelector"]
    assert selector == f".{PAYWALLED_CSS_CLASS}"
    # The paywalled text itself is never in the structured data.
    assert "seuls les abonnés lisent" not in json.dumps(data, ensure_ascii=False)

    subscriber = Client()
    subscriber.force_login(make_user(is_staff=True))
    soup = _soup(subscriber.get(article.url))
    paywalled = soup.select(selector)
    assert len(paywalled) == 1
    assert "seuls les abonnés lisent" in paywalled[0].get_text()
    assert _json_ld(soup)["hasPart"]["cssSelector"] == selector


def test_json_ld_cannot_break_out_of_its_script(newsroom: Newsroom, client: Client) -> None:
    title = "Un titre </script><script>alert('x')</script> & « guillemets »"
    article = newsroom.article(newsroom.section(), title=title, standfirst="<b>gras</b> & co")
    response = client.get(article.url)
    html = response.content.decode()
    assert "<script>alert(" not in html
    data = _json_ld(_soup(response))
    assert data["headline"] == title
    assert data["description"] == "<b>gras</b> & co"


def test_agency_copy_names_the_agency_as_source(newsroom: Newsroom, client: Client) -> None:
    agency = newsroom.agency("Agence Méridien Nouvelles", "AMN")
    article = newsroom.article(newsroom.section(), agency=agency)
    data = _json_ld(_soup(client.get(article.url)))
    assert data["sourceOrganization"]["name"] == "Agence Méridien Nouvelles"


# --------------------------------------------------------------------------- social tags


def test_open_graph_twitter_and_canonical(free_article: ArticleFixture, client: Client) -> None:
    article = free_article.article
    soup = _soup(client.get(article.url))

    def meta(key: str) -> str:
        tag = soup.find("meta", attrs={"property": key}) or soup.find("meta", attrs={"name": key})
        assert tag is not None, key
        return tag["content"]

    canonical = soup.find_all("link", rel="canonical")
    assert len(canonical) == 1
    assert canonical[0]["href"] == article.get_full_url()
    assert urlsplit(canonical[0]["href"]).scheme in {"http", "https"}
    assert meta("og:type") == "article"
    assert meta("og:title") == article.title
    assert meta("og:description") == article.standfirst
    assert meta("og:url") == article.get_full_url()
    assert meta("og:locale") == "fr_FR"
    assert urlsplit(meta("og:image")).netloc
    assert (meta("og:image:width"), meta("og:image:height")) == ("1200", "630")
    assert meta("og:image:alt") == article.hero_alt
    assert meta("twitter:card") == "summary_large_image"
    assert meta("twitter:title") == article.title
    assert meta("twitter:image") == meta("og:image")
    assert meta("article:section") == "International"
    assert datetime.fromisoformat(meta("article:published_time")) == PUBLISHED
    assert datetime.fromisoformat(meta("article:modified_time")) == UPDATED
    assert meta("description") == article.standfirst


def test_article_without_picture_has_no_image_tags(newsroom: Newsroom, client: Client) -> None:
    article = newsroom.article(newsroom.section())
    soup = _soup(client.get(article.url))
    assert soup.select_one("figure.article__hero") is None
    assert soup.find("meta", attrs={"property": "og:image"}) is None
    assert "image" not in _json_ld(soup)


# --------------------------------------------------------------------------- database work


def _queries_to_render(client: Client, article: ArticlePage) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(article.url)  # renditions are created on the first view; count a warm page
    with CaptureQueriesContext(connection) as queries:
        assert client.get(article.url).status_code == 200
    return len(queries)


def test_more_authors_tags_and_picks_cost_no_extra_query(newsroom: Newsroom, client: Client) -> None:
    section = newsroom.section("Politique")
    neighbours = [newsroom.article(section, hero=newsroom.image()) for _ in range(4)]
    plain, one_pick = (newsroom.article(section, hero=newsroom.image(), tags=["budget"]) for _ in range(2))
    crowded = newsroom.article(
        section,
        hero=newsroom.image(),
        authors=[newsroom.author() for _ in range(4)],
        tags=["budget", "sénat", "impôts", "retraites"],
    )
    newsroom.pick(plain, *neighbours)
    newsroom.pick(crowded, *neighbours)
    newsroom.pick(one_pick, neighbours[0])

    assert _queries_to_render(client, crowded) == _queries_to_render(client, plain)
    # Four picks with their pictures cost no more than one pick completed from the section.
    assert _queries_to_render(client, plain) <= _queries_to_render(client, one_pick)
