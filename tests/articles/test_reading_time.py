"""Reading time: French words (standfirst + body) at 195 words a minute, rounded up, at least 1."""

import pytest

from manchette.articles.models import ArticlePage
from manchette.articles.reading_time import FRENCH_WORDS_PER_MINUTE, count_words, reading_minutes
from tests.conftest import Newsroom, paragraph, words


def test_speed_is_the_french_reading_speed_the_comment_justifies() -> None:
    assert FRENCH_WORDS_PER_MINUTE == 195


@pytest.mark.parametrize(
    ("word_count", "minutes"),
    [(0, 1), (1, 1), (194, 1), (195, 1), (196, 2), (390, 2), (391, 3), (585, 3), (586, 4)],
)
def test_minutes_are_rounded_up_and_never_below_one(word_count: int, minutes: int) -> None:
    assert reading_minutes(word_count) == minutes


@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("", 0),
        ("Bonjour", 1),
        ("l’eau de la rivière", 4),  # an elided article and its noun read as one word
        ("aujourd'hui, peut-être", 2),
        ("<p>Un <b>mot</b> <a href='https://example.test/x-y-z'>lié</a></p>", 3),  # tags are not words
        ("« Nous pompons » — dit-elle ; 60 %", 4),  # punctuation and symbols are not words
        ("Élise   marchait\n\nvers   Saint-Louis", 4),
    ],
)
def test_words_are_counted_as_a_reader_reads_them(text: str, count: int) -> None:
    assert count_words(text) == count


def _article_with(newsroom: Newsroom, standfirst: str, body: list) -> ArticlePage:
    return newsroom.article(newsroom.section(), standfirst=standfirst, body=body)


@pytest.mark.parametrize(
    ("standfirst_words", "body_words", "minutes"),
    [
        (1, 0, 1),  # the standfirst is required: the shortest article there is
        (20, 175, 1),  # 195 words: exactly one minute
        (20, 176, 2),  # 196 words: the 196th word starts a second minute
        (100, 290, 2),
        (100, 291, 3),
    ],
)
def test_reading_time_is_computed_on_save_from_standfirst_and_body(
    newsroom: Newsroom, standfirst_words: int, body_words: int, minutes: int
) -> None:
    body = [paragraph(words(body_words, start=1000))] if body_words else []
    article = _article_with(newsroom, words(standfirst_words), body)

    stored = ArticlePage.objects.get(pk=article.pk)
    assert stored.reading_time == minutes


def test_subheadings_and_quotes_are_read_too(newsroom: Newsroom) -> None:
    body = [
        paragraph(words(100)),
        ("subheading", words(50, start=200)),
        ("quote", {"text": words(40, start=300), "attribution": words(5, start=400)}),
    ]
    # standfirst 1 + paragraph 100 + subheading 50 + quote 40 + attribution 5 = 196 words.
    article = _article_with(newsroom, "Chapô", body)
    assert ArticlePage.objects.get(pk=article.pk).reading_time == 2


def test_images_and_related_links_add_no_reading_time(newsroom: Newsroom) -> None:
    section = newsroom.section()
    other = newsroom.article(section, title=words(30))
    image = newsroom.image(width=320, height=180)
    article = newsroom.article(section, standfirst=words(195), body=[("related", other), ("image", image)])
    assert ArticlePage.objects.get(pk=article.pk).reading_time == 1


def test_reading_time_follows_a_published_revision(newsroom: Newsroom) -> None:
    article = _article_with(newsroom, words(10), [paragraph(words(100, start=10))])
    assert ArticlePage.objects.get(pk=article.pk).reading_time == 1

    article.body = [paragraph(words(600, start=10))]  # 610 words: 4 minutes
    article.save_revision().publish()

    assert ArticlePage.objects.get(pk=article.pk).reading_time == 4


def test_reading_time_is_not_editable_in_the_newsroom() -> None:
    assert ArticlePage._meta.get_field("reading_time").editable is False
