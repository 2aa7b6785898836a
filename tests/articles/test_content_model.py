"""The content model: bylines, "À ne pas manquer", the paywall cut, page tree rules."""

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.test import Client

from manchette.articles.models import MUST_READ_COUNT, ArticlePage, HomePage, SectionPage
from manchette.articles.structured_data import PAYWALLED_CSS_CLASS
from manchette.subscriptions import entitlements
from manchette.subscriptions.models import PaywallSettings
from tests.conftest import ModuleDatabase, Newsroom, paragraph

# --------------------------------------------------------------------------- bylines


def test_byline_of_one_author_is_their_full_name(newsroom: Newsroom) -> None:
    lea = newsroom.author("Léa Lambert", "L. L.")
    article = newsroom.article(newsroom.section(), authors=[lea])
    assert article.byline == "Par Léa Lambert"


def test_byline_of_two_authors_joins_them_with_et(newsroom: Newsroom) -> None:
    lea = newsroom.author("Léa Lambert", "L. L.")
    thomas = newsroom.author("Thomas Mercier", "T. M.")
    article = newsroom.article(newsroom.section(), authors=[lea, thomas])
    assert article.byline == "Par Léa Lambert et Thomas Mercier"


def test_byline_of_three_authors_keeps_their_order(newsroom: Newsroom) -> None:
    authors = [
        newsroom.author("Nadia Benali", "N. B."),
        newsroom.author("Léa Lambert", "L. L."),
        newsroom.author("Thomas Mercier", "T. M."),
    ]
    article = newsroom.article(newsroom.section(), authors=authors)
    assert article.byline == "Par Nadia Benali, Léa Lambert et Thomas Mercier"


def test_agency_copy_is_signed_with_initials_avec_the_agency(newsroom: Newsroom) -> None:
    agency = newsroom.agency("Agence Méridien Nouvelles", "AMN")
    article = newsroom.article(
        newsroom.section(), authors=[newsroom.author("Léa Lambert", "L. L.")], agency=agency
    )
    assert article.byline == "Par L. L. avec AMN"


def test_agency_copy_by_two_authors(newsroom: Newsroom) -> None:
    agency = newsroom.agency("Presse continentale associée", "PCA")
    authors = [newsroom.author("Léa Lambert", "L. L."), newsroom.author("Thomas Mercier", "T. M.")]
    article = newsroom.article(newsroom.section(), authors=authors, agency=agency)
    assert article.byline == "Par L. L. et T. M. avec PCA"


def test_byline_is_rendered_under_the_standfirst(newsroom: Newsroom, client: Client) -> None:
    agency = newsroom.agency("Agence Méridien Nouvelles", "AMN")
    article = newsroom.article(
        newsroom.section(), authors=[newsroom.author("Léa Lambert", "L. L.")], agency=agency
    )
    soup = BeautifulSoup(client.get(article.url).content, "html.parser")
    byline = soup.select_one("article header .article__byline")
    assert byline is not None
    assert byline.get_text(" ", strip=True) == "Par L. L. avec AMN"
    assert "article__standfirst" in byline.find_previous_sibling("p")["class"]


# --------------------------------------------------------------------------- "À ne pas manquer"


@pytest.fixture(scope="module")
def _two_sections(module_db: ModuleDatabase) -> tuple[list[ArticlePage], list[ArticlePage]]:
    def build() -> tuple[list[ArticlePage], list[ArticlePage]]:
        newsroom = module_db.newsroom()
        international, politique = newsroom.section("International"), newsroom.section("Politique")
        first = [newsroom.article(international, title=f"International {n}") for n in range(5)]
        second = [newsroom.article(politique, title=f"Politique {n}") for n in range(3)]
        return first[::-1], second[::-1]

    return module_db.build(build)


@pytest.fixture
def two_sections(_two_sections, db) -> tuple[list[ArticlePage], list[ArticlePage]]:
    """Five articles in one section and three in another, each list newest first (built once)."""
    return _two_sections


def test_must_read_completes_with_the_latest_of_the_same_section(two_sections) -> None:
    international, _politique = two_sections
    article = international[2]
    picks = article.must_read()
    expected = [a for a in international if a.pk != article.pk][: MUST_READ_COUNT]
    assert [a.pk for a in picks] == [a.pk for a in expected]


def test_editor_picks_come_first_in_their_order(newsroom: Newsroom, two_sections) -> None:
    international, politique = two_sections
    article = international[0]
    newsroom.pick(article, politique[2], politique[0])
    picks = article.must_read()
    expected = [politique[2], politique[0], international[1], international[2]]
    assert [a.pk for a in picks] == [a.pk for a in expected]


def test_must_read_uses_other_sections_when_its_own_runs_out(newsroom: Newsroom, two_sections) -> None:
    international, politique = two_sections
    picks = politique[0].must_read()
    expected = [politique[1], politique[2], international[0], international[1]]
    assert [a.pk for a in picks] == [a.pk for a in expected]


def test_must_read_never_shows_the_article_itself(newsroom: Newsroom, two_sections) -> None:
    international, _politique = two_sections
    for article in international:
        assert article.pk not in [a.pk for a in article.must_read()]


def test_must_read_ignores_the_article_picked_for_itself(newsroom: Newsroom, two_sections) -> None:
    """An editor may pick the page itself in the chooser by mistake: the block must not show it."""
    international, _politique = two_sections
    article = international[0]
    newsroom.pick(article, article, international[3])
    picks = [a.pk for a in article.must_read()]
    assert article.pk not in picks
    assert picks[0] == international[3].pk


def test_must_read_shows_each_article_once(newsroom: Newsroom, two_sections) -> None:
    international, politique = two_sections
    article = international[0]
    newsroom.pick(article, politique[1], politique[1])
    picks = [a.pk for a in article.must_read()]
    assert len(picks) == len(set(picks)) == MUST_READ_COUNT


def test_must_read_skips_unpublished_articles(newsroom: Newsroom, two_sections) -> None:
    international, _politique = two_sections
    section = international[0].get_parent().specific
    draft = newsroom.article(section, title="Brouillon", live=False)
    newsroom.pick(international[0], draft)
    picks = [a.pk for a in international[0].must_read()]
    assert draft.pk not in picks
    assert len(picks) == MUST_READ_COUNT


def test_must_read_block_is_rendered_with_links_to_the_picks(
    newsroom: Newsroom, two_sections, client: Client
) -> None:
    international, politique = two_sections
    article = international[0]
    newsroom.pick(article, politique[1])
    soup = BeautifulSoup(client.get(article.url).content, "html.parser")
    block = soup.select_one("section.must-read")
    assert block is not None
    assert block.find("h2").get_text(strip=True) == "À ne pas manquer"
    links = [a["href"] for a in block.select("a[href]")]
    assert links[0] == politique[1].url
    assert article.url not in links
    assert len(links) == MUST_READ_COUNT


# --------------------------------------------------------------------------- the paywall cut


def _premium_body() -> list:
    return [
        paragraph("Premier paragraphe, libre."),
        ("subheading", "Un intertitre libre"),
        paragraph("Deuxième paragraphe, libre."),
        ("quote", {"text": "Une citation libre", "attribution": "Quelqu'un"}),
        paragraph("Troisième paragraphe, libre."),
        ("subheading", "Un intertitre avant la coupe"),
        paragraph("Quatrième paragraphe, réservé aux abonnés."),
        ("quote", {"text": "Une citation réservée aux abonnés", "attribution": "Une autre"}),
        paragraph("Cinquième paragraphe, réservé aux abonnés."),
    ]


def _texts(blocks) -> list[str]:
    return [block.value.source if block.block_type == "paragraph" else str(block.value) for block in blocks]


def test_premium_body_is_cut_after_the_free_paragraphs(newsroom: Newsroom) -> None:
    """The cut falls right after the last free paragraph: what follows it is for subscribers."""
    article = newsroom.article(newsroom.section(), premium=True, body=_premium_body())
    free_paragraphs = entitlements.free_paragraphs()
    free, premium = article.split_body(free_paragraphs)

    assert free_paragraphs == 3  # the newsroom's default setting
    assert sum(block.block_type == "paragraph" for block in free) == 3
    assert free[-1].block_type == "paragraph"
    assert [b.block_type for b in premium] == ["subheading", "paragraph", "quote", "paragraph"]
    assert premium[0].value == "Un intertitre avant la coupe"
    assert "Une citation réservée aux abonnés" not in " ".join(_texts(free))
    assert list(free) + list(premium) == list(article.body)


def test_blocks_after_the_last_free_paragraph_are_never_free(newsroom: Newsroom) -> None:
    """An interview: three paragraphs, then questions and answers as subheadings and quotes."""
    questions = [("subheading", f"Question {n} ?") for n in range(1, 4)]
    answers = [
        ("quote", {"text": f"Réponse {n}, réservée aux abonnés", "attribution": "L'invitée"})
        for n in range(1, 4)
    ]
    interview = [paragraph("Un."), paragraph("Deux."), paragraph("Trois.")]
    interview += [block for pair in zip(questions, answers, strict=True) for block in pair]
    article = newsroom.article(newsroom.section(), premium=True, body=interview)

    free, premium = article.split_body(3)

    assert [b.block_type for b in free] == ["paragraph"] * 3
    assert len(premium) == 6
    assert "réservée aux abonnés" not in " ".join(_texts(free))


def test_no_free_paragraph_puts_the_whole_body_behind_the_wall(newsroom: Newsroom) -> None:
    article = newsroom.article(newsroom.section(), premium=True, body=_premium_body())
    free, premium = article.split_body(0)
    assert free == [] and len(premium) == len(article.body)


def test_paywall_cut_follows_the_newsroom_setting(newsroom: Newsroom) -> None:
    settings = PaywallSettings.load()
    settings.free_paragraphs = 1
    settings.save()
    article = newsroom.article(newsroom.section(), premium=True, body=_premium_body())
    free, premium = article.split_body(entitlements.free_paragraphs())
    assert _texts(free) == ["<p>Premier paragraphe, libre.</p>"]
    assert sum(block.block_type == "paragraph" for block in premium) == 4


def test_free_article_is_never_cut(newsroom: Newsroom) -> None:
    article = newsroom.article(newsroom.section(), premium=False, body=_premium_body())
    free, premium = article.split_body(3)
    assert premium == []
    assert len(free) == len(article.body)


def test_short_premium_article_has_nothing_to_cut(newsroom: Newsroom) -> None:
    body = [paragraph("Un."), paragraph("Deux."), paragraph("Trois.")]
    article = newsroom.article(newsroom.section(), premium=True, body=body)
    free, premium = article.split_body(3)
    assert premium == [] and len(free) == 3


def _body_of(client: Client, article: ArticlePage) -> BeautifulSoup:
    soup = BeautifulSoup(client.get(article.url).content, "html.parser")
    body = soup.select_one(".article__body")
    assert body is not None
    return body


def test_subscriber_reads_the_premium_part_inside_article_premium(newsroom: Newsroom, client: Client) -> None:
    article = newsroom.article(newsroom.section(), premium=True, body=_premium_body())
    client.force_login(get_user_model().objects.create_user("abonne", "abonne@example.test", is_staff=True))
    body = _body_of(client, article)

    premium = body.select(f".{PAYWALLED_CSS_CLASS}")
    assert len(premium) == 1
    premium_text = premium[0].get_text(" ", strip=True)
    assert "Quatrième paragraphe" in premium_text and "Cinquième paragraphe" in premium_text
    assert "Troisième paragraphe" not in premium_text
    assert "Une citation réservée aux abonnés" in premium_text
    # The free part stays outside the premium wrapper.
    outside = [
        p.get_text(strip=True) for p in body.find_all("p") if not p.find_parent(class_=PAYWALLED_CSS_CLASS)
    ]
    assert "Premier paragraphe, libre." in outside and "Troisième paragraphe, libre." in outside
    assert body.select_one(".paywall") is None


def test_visitor_sees_the_free_part_and_the_paywall_only(newsroom: Newsroom, client: Client) -> None:
    article = newsroom.article(newsroom.section(), premium=True, body=_premium_body())
    response = client.get(article.url)
    html = response.content.decode()
    body = _body_of(client, article)

    assert "Troisième paragraphe, libre." in body.get_text()
    assert "Quatrième paragraphe" not in html and "Cinquième paragraphe" not in html
    assert "Une citation réservée aux abonnés" not in html
    paywall = body.select_one(".paywall")
    assert paywall is not None
    assert "réservée aux abonnés" in paywall.get_text()


def test_free_article_has_no_premium_wrapper_nor_paywall(newsroom: Newsroom, client: Client) -> None:
    article = newsroom.article(newsroom.section(), premium=False, body=_premium_body())
    body = _body_of(client, article)
    assert body.select(f".{PAYWALLED_CSS_CLASS}") == []
    assert body.select_one(".paywall") is None
    assert "Cinquième paragraphe, réservé aux abonnés." in body.get_text()


# --------------------------------------------------------------------------- page tree


def test_articles_live_in_sections_and_sections_on_the_home_page(newsroom: Newsroom) -> None:
    section = newsroom.section()
    article = newsroom.article(section)
    assert ArticlePage.can_create_at(section)
    assert not ArticlePage.can_create_at(newsroom.home)
    assert SectionPage.can_create_at(newsroom.home)
    assert not SectionPage.can_create_at(section)
    assert not ArticlePage.can_create_at(article)
    assert not HomePage.can_create_at(newsroom.home.get_parent())  # there is one home page


def test_article_fields_of_the_content_model() -> None:
    names = {field.name for field in ArticlePage._meta.get_fields()}
    expected = {
        "kicker",
        "title",
        "standfirst",
        "agency",
        "hero_image",
        "hero_alt",
        "hero_caption",
        "hero_credit",
        "body",
        "tags",
        "premium",
        "first_published_at",
        "updated_at",
        "reading_time",
        "article_authors",
        "must_reads",
    }
    assert expected <= names
