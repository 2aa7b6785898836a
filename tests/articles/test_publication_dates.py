"""The article page's dates, in French, for every month, the first of a month and Paris's clock changes."""

from datetime import UTC, datetime

import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from django.test import Client

from tests.conftest import PARIS, Newsroom

# Written out here rather than taken from Django, so that a wrong catalogue would show.
FRENCH_MONTHS = [
    "janvier", "février", "mars", "avril", "mai", "juin",
    "juillet", "août", "septembre", "octobre", "novembre", "décembre",
]


def page_dates(newsroom: Newsroom, published: datetime, updated: datetime | None = None) -> list[str]:
    article = newsroom.article(newsroom.section(), first_published_at=published, updated_at=updated)
    response = Client().get(article.url)
    assert response.status_code == 200
    dates = BeautifulSoup(response.content, "html.parser").select_one(".article__dates")
    assert dates is not None
    return [time.get_text() for time in dates.find_all("time")]


@pytest.mark.parametrize("month", range(1, 13), ids=FRENCH_MONTHS)
def test_publication_date_names_the_month_in_french(newsroom: Newsroom, month: int) -> None:
    published = datetime(2027, month, 15, 10, 7, tzinfo=PARIS)

    assert page_dates(newsroom, published) == [f"15 {FRENCH_MONTHS[month - 1]} 2027 à 10h07"]


def test_the_first_of_the_month_is_written_as_an_ordinal(newsroom: Newsroom) -> None:
    published = datetime(2026, 12, 1, 8, 5, tzinfo=PARIS)
    updated = datetime(2026, 12, 2, 0, 40, tzinfo=PARIS)

    assert page_dates(newsroom, published, updated) == ["1er décembre 2026 à 8h05", "2 décembre 2026 à 0h40"]


def test_dates_follow_paris_time_across_the_clock_changes(newsroom: Newsroom) -> None:
    # Paris moves from UTC+1 to UTC+2 at 01:00 UTC on 28 March 2027, and back at 01:00
    # UTC on 31 October 2027; the page shows the time a Parisian read on the wall.
    before_spring = datetime(2027, 3, 28, 0, 59, tzinfo=UTC)
    after_spring = datetime(2027, 3, 28, 1, 0, tzinfo=UTC)
    assert page_dates(newsroom, before_spring, after_spring) == [
        "28 mars 2027 à 1h59",
        "28 mars 2027 à 3h00",
    ]

    before_autumn = datetime(2027, 10, 31, 0, 30, tzinfo=UTC)
    after_autumn = datetime(2027, 10, 31, 1, 30, tzinfo=UTC)
    assert page_dates(newsroom, before_autumn, after_autumn) == [
        "31 octobre 2027 à 2h30",
        "31 octobre 2027 à 2h30",
    ]


def test_english_readers_get_english_dates(newsroom: Newsroom) -> None:
    article = newsroom.article(
        newsroom.section(), first_published_at=datetime(2027, 8, 1, 18, 40, tzinfo=PARIS)
    )
    reader = Client()
    reader.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = reader.get(article.url)
    dates = BeautifulSoup(response.content, "html.parser").select_one(".article__dates")

    assert dates is not None
    assert dates.find("time").get_text() == "August 1, 2027 at 6:40 PM"
