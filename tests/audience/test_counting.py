"""The beacon's endpoint: a view counted as sums only, never a reader; robots and bad input."""

from datetime import date, timedelta
from urllib.parse import urlencode

import pytest
from django.db import connection
from django.test import Client
from django.utils import timezone

from manchette.audience import referrers, services
from manchette.audience.models import DailyViews, HourlyViews, Source
from manchette.audience.robots import is_robot
from tests.conftest import Newsroom

BROWSER = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0"
ADDRESS = "203.0.113.77"
REFERRER = "https://www.lemonde.fr/politique/article/2026/12/07/un-titre.html?ref=abc"


def _send(client: Client, **fields) -> object:
    headers = {"HTTP_USER_AGENT": fields.pop("user_agent", BROWSER), "REMOTE_ADDR": ADDRESS}
    for name, value in fields.pop("headers", {}).items():
        headers[f"HTTP_{name.upper().replace('-', '_')}"] = value
    # The page's script puts the fields in the address, where Varnish's log sees them.
    return client.post(f"/mesure/?{urlencode(fields)}", **headers)


def _total(**filters) -> int:
    return sum(DailyViews.objects.filter(**filters).values_list("views", flat=True))


@pytest.fixture
def article(newsroom: Newsroom):
    return newsroom.article(newsroom.section())


def test_a_view_is_counted_per_day_and_hour_with_its_source(client: Client, article) -> None:
    for _ in range(3):
        assert _send(client, k="articlepage", p=article.pk, r="www.google.fr").status_code == 204
    response = _send(client, k="articlepage", p=article.pk, r="www.lemonde.fr")
    assert response.status_code == 204 and not response.cookies
    assert _send(client, k="articlepage", p=article.pk, r="", n="1").status_code == 204

    now = timezone.localtime()
    rows = {(row.source, row.domain): row.views for row in DailyViews.objects.filter(object_id=article.pk)}
    assert rows == {(Source.SEARCH, ""): 3, (Source.OTHER, "lemonde.fr"): 1, (Source.NEWSLETTER, ""): 1}
    assert set(DailyViews.objects.values_list("day", flat=True)) == {now.date()}
    hour = now.replace(minute=0, second=0, microsecond=0)
    assert sum(HourlyViews.objects.filter(hour=hour).values_list("views", flat=True)) == 5


def test_nothing_stored_names_a_reader(client: Client, article) -> None:
    """Every column of every audience row, and the limiter's cache keys, hold no address,
    browser description or referring address."""
    _send(client, k="articlepage", p=article.pk, r=REFERRER.split("/")[2])
    stored = []
    with connection.cursor() as cursor:
        for table in (DailyViews._meta.db_table, HourlyViews._meta.db_table):
            cursor.execute(f"SELECT * FROM {table}")  # noqa: S608 (our own table names)
            stored += [str(value) for row in cursor.fetchall() for value in row]
        cursor.execute("SELECT cache_key, value FROM manchette_shared_cache")
        stored += [str(value) for row in cursor.fetchall() for value in row]
    text = " ".join(stored)
    assert stored
    for secret in (ADDRESS, "Firefox", "Mozilla", "/politique/", "ref=abc"):
        assert secret not in text


def test_robots_previews_and_prefetches_are_not_counted(client: Client, article) -> None:
    for agent in (
        "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
        "facebookexternalhit/1.1",
        "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/120.0",
        "curl/8.5.0",
        "",
    ):
        assert _send(client, k="articlepage", p=article.pk, user_agent=agent).status_code == 204
    prefetches = ({"Sec-Purpose": "prefetch"}, {"Sec-Purpose": "prefetch;prerender"}, {"Purpose": "prefetch"})
    for header in prefetches:
        assert _send(client, k="articlepage", p=article.pk, headers=header).status_code == 204
    assert DailyViews.objects.count() == 0


@pytest.mark.parametrize(
    "fields",
    [
        {},
        {"k": "articlepage"},
        {"k": "articlepage", "p": "abc"},
        {"k": "articlepage", "p": "0"},
        {"k": "articlepage", "p": str(2**63)},
        {"k": "Article Page!", "p": "1"},
        {"k": "articlepage", "p": "1", "r": "exa mple.com/<script>"},
        {"k": "articlepage", "p": "1", "r": "x" * 300},
        {"k": "articlepage", "p": "1", "n": "yes"},
    ],
)
def test_bad_input_is_a_400_not_a_500(client: Client, db, fields: dict) -> None:
    response = _send(client, **fields)
    assert response.status_code == 400
    assert "invalide" in response.content.decode()


def test_unknown_pages_and_get_requests_count_nothing(client: Client, article) -> None:
    assert _send(client, k="articlepage", p=article.pk + 1000).status_code == 204
    assert _send(client, k="sectionpage", p=article.pk).status_code == 204
    assert client.get("/mesure/", {"k": "articlepage", "p": article.pk}).status_code == 405
    assert DailyViews.objects.count() == 0


def test_one_address_is_rate_limited(client: Client, article, settings) -> None:
    settings.AUDIENCE_RATE_LIMIT = "3/m/key"
    for _ in range(5):
        assert _send(client, k="articlepage", p=article.pk).status_code == 204
    assert _total() == 3


def test_sections_home_and_tags_are_counted(client: Client, newsroom: Newsroom) -> None:
    section = newsroom.section()
    article = newsroom.article(section, tags=["Budget"])
    tag = article.tags.get()
    for kind, object_id in (("sectionpage", section.pk), ("homepage", newsroom.home.pk), ("tag", tag.pk)):
        _send(client, k=kind, p=object_id)
        assert _total(kind=kind, object_id=object_id) == 1


@pytest.mark.parametrize(
    ("host", "newsletter", "expected"),
    [
        ("", False, (Source.DIRECT, "")),
        ("www.google.fr", False, (Source.SEARCH, "")),
        ("google.co.uk", False, (Source.SEARCH, "")),
        ("duckduckgo.com", False, (Source.SEARCH, "")),
        ("l.facebook.com", False, (Source.SOCIAL, "")),
        ("t.co", False, (Source.SOCIAL, "")),
        ("bsky.app", False, (Source.SOCIAL, "")),
        ("manchette.test", False, (Source.INTERNAL, "")),
        ("blog.example.org", False, (Source.OTHER, "blog.example.org")),
        ("notgoogle.example", False, (Source.OTHER, "notgoogle.example")),
        ("www.google.fr", True, (Source.NEWSLETTER, "")),
    ],
)
def test_referrer_categories(host: str, newsletter: bool, expected: tuple[str, str]) -> None:
    assert referrers.classify(referrers.clean_host(host), newsletter, "manchette.test") == expected


def test_own_browsers_are_not_robots() -> None:
    assert not is_robot(BROWSER)
    iphone = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 Safari/604.1"
    assert not is_robot(iphone)


def test_retention_deletes_old_days_and_hours(article, settings) -> None:
    settings.AUDIENCE_RETENTION_MONTHS = 25
    page = services.PageRef("articlepage", article.pk)
    now = timezone.now()
    services.record_view(page, Source.DIRECT, "", at=now)
    services.record_view(page, Source.DIRECT, "", at=now - timedelta(hours=49))
    services.record_view(page, Source.DIRECT, "", at=now - timedelta(days=25 * 31 + 5))
    services.count_action(article.pk, "paywall", at=now - timedelta(days=25 * 31 + 5))
    services.count_action(article.pk, "paywall", at=now)
    assert services.oldest_day_kept(date(2026, 12, 7)) == date(2024, 11, 1)

    from manchette.audience.reconciler import reconcile

    outcome = reconcile()
    assert outcome == {"hourly counts deleted": 2, "daily counts deleted": 1, "daily totals deleted": 1,
                       "action counts deleted": 1, "link click counts deleted": 0,
                       "articles settled": 2}  # the article kept, in the week's and the month's sums
    assert HourlyViews.objects.count() == 1
    assert DailyViews.objects.filter(day__lt=services.oldest_day_kept(timezone.localdate(now))).count() == 0
    assert _total() == 2
