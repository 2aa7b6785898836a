"""Issue 24: an edition's article links go through a redirect that counts one click per link and
per day, never per reader, and leads only to the edition's own articles."""

import csv
import io
import re
from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test import Client
from django.utils import timezone

from manchette.audience import services
from manchette.audience.models import DailyLinkClicks
from manchette.audience.reconciler import reconcile
from manchette.newsletters import edition_links, mail
from manchette.newsletters.models import Edition, Signup
from manchette.newsroom.services import EDITORS, JOURNALISTS
from tests.conftest import Newsroom

from .conftest import SITE

BROWSER = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0"
ROBOT = "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)"


@pytest.fixture
def reader() -> Client:
    return Client(HTTP_USER_AGENT=BROWSER, REMOTE_ADDR="203.0.113.9")


def _article_links(edition: Edition) -> list[str]:
    html = mail.render_edition(edition).html
    return [link for link in dict.fromkeys(re.findall(r'href="([^"]+)"', html)) if "%%" not in link]


def _path(link: str) -> str:
    return "/" + link.split("://", 1)[1].split("/", 1)[1]


def _clicks() -> dict[tuple[int, int], int]:
    return {(row.edition_id, row.article_id): row.count for row in DailyLinkClicks.objects.all()}


def test_the_mails_article_links_are_wrapped_and_its_own_links_are_not(edition: Edition, settings) -> None:
    settings.SITE_URL = SITE
    links = _article_links(edition)
    articles = sorted(edition.articles.all(), key=lambda article: article.first_published_at, reverse=True)
    assert links == [SITE + edition_links.link_path(edition, article) for article in articles]
    assert all(link.startswith(f"{SITE}/newsletters/lien/{edition.pk}/") for link in links)
    rendered = mail.render_edition(edition)
    assert all(link in rendered.text for link in links)
    # A reader's copy: the preferences and unsubscribe links are theirs, straight to their pages.
    signup = Signup.objects.create(newsletter=edition.newsletter, email="lea@exemple.fr",
                                   status=Signup.Status.CONFIRMED)
    copy = mail.EditionMail(rendered).for_reader(1, signup.pk, signup.email).decode()
    body = copy.replace("=\r\n", "")
    assert f"{SITE}/newsletters/desinscription/" in body and f"{SITE}/newsletters/preferences/" in body
    assert "/newsletters/lien/" not in re.sub(r"/newsletters/lien/\d+/\d+/[0-9a-f]+/", "", body)


def test_a_click_counts_per_link_and_day_and_leads_to_the_article(edition: Edition, reader: Client) -> None:
    free, premium = sorted(edition.articles.all(), key=lambda article: article.title)
    free_link, premium_link = (_path(SITE + edition_links.link_path(edition, a)) for a in (free, premium))
    # Before the edition goes out, its links (in a test mail) lead to the article and count nothing.
    assert reader.get(free_link)["Location"] == free.url + "?utm_source=newsletter"
    assert _clicks() == {}
    Edition.objects.filter(pk=edition.pk).update(started_at=timezone.now(), status=Edition.Status.SENDING)
    for _ in range(2):
        response = reader.get(free_link)
        assert response.status_code == 302
        assert response["Location"] == free.url + "?utm_source=newsletter"
    assert reader.get(premium_link)["Location"] == premium.url + "?utm_source=newsletter"
    assert reader.head(premium_link).status_code == 302  # a scanner's HEAD: no click
    assert _clicks() == {(edition.pk, free.pk): 2, (edition.pk, premium.pk): 1}

    services.count_link_click(edition.pk, free.pk, at=timezone.now() - timedelta(days=1))
    # One row a day.
    assert DailyLinkClicks.objects.filter(edition_id=edition.pk, article_id=free.pk).count() == 2


def test_robots_and_prefetches_do_not_count(edition: Edition) -> None:
    link = edition_links.link_path(edition, edition.articles.first())
    assert Client(HTTP_USER_AGENT=ROBOT).get(link).status_code == 302
    assert Client().get(link).status_code == 302  # no user agent at all
    assert Client(HTTP_USER_AGENT=BROWSER, HTTP_SEC_PURPOSE="prefetch").get(link).status_code == 302
    assert _clicks() == {}


def test_a_click_sets_no_cookie_is_never_cached_and_keeps_no_reader(edition: Edition, reader: Client) -> None:
    response = reader.get(edition_links.link_path(edition, edition.articles.first()))
    assert response.status_code == 302
    assert not response.cookies
    cache_control = {part.strip() for part in response["Cache-Control"].split(",")}
    assert {"private", "no-store"} <= cache_control
    assert {field.name for field in DailyLinkClicks._meta.get_fields()} == {
        "id", "edition_id", "article_id", "day", "count"}
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT * FROM {DailyLinkClicks._meta.db_table}")  # noqa: S608 (our table)
        stored = " ".join(str(value) for row in cursor.fetchall() for value in row)
    assert "203.0.113.9" not in stored and "Mozilla" not in stored


def test_a_forged_or_unknown_link_is_a_404_in_the_readers_language_and_counts_nothing(
    edition: Edition, newsroom: Newsroom, reader: Client, settings
) -> None:
    article = edition.articles.first()
    other = newsroom.article(newsroom.section("Sport", slug="sport"), title="Pas dans l'édition")
    good = edition_links.signature(edition.pk, article.pk)
    unknown = edition.pk + 1  # no such edition
    forged = [
        f"/newsletters/lien/{edition.pk}/{article.pk}/{good[:-1]}0/" if good[-1] != "0"
        else f"/newsletters/lien/{edition.pk}/{article.pk}/{good[:-1]}1/",
        f"/newsletters/lien/{edition.pk}/{other.pk}/{good}/",  # the signature of another link
        f"/newsletters/lien/{unknown}/{article.pk}/{edition_links.signature(unknown, article.pk)}/",
        # Signed right, but the article is not in the edition: it never leads there.
        f"/newsletters/lien/{edition.pk}/{other.pk}/{edition_links.signature(edition.pk, other.pk)}/",
        f"/newsletters/lien/{edition.pk}/{article.pk}/evil.example/",
    ]
    for path in forged:
        response = reader.get(path)
        assert response.status_code == 404, path
        assert "Location" not in response
        assert "pas valide : il a peut-être été mal copié." in response.content.decode()
    # No URL of the site: the site's own 404, never a 500 nor a redirect.
    for path in (f"/newsletters/lien/{edition.pk}/99999999999999999999999/{good}/",
                 f"/newsletters/lien/{edition.pk}/{article.pk}/https%3A%2F%2Fevil.example/"):
        assert reader.get(path).status_code == 404
    reader.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"  # the reader chose English (the site's switch)
    english = reader.get(forged[0])
    assert english.status_code == 404 and "may have been copied incompletely" in english.content.decode()
    assert _clicks() == {}


def test_old_click_rows_are_forgotten_with_the_other_counts(edition: Edition, settings) -> None:
    settings.AUDIENCE_RETENTION_MONTHS = 25
    article = edition.articles.first()
    now = timezone.now()
    services.count_link_click(edition.pk, article.pk, at=now - timedelta(days=25 * 31 + 5))
    services.count_link_click(edition.pk, article.pk, at=now)
    assert reconcile()["link click counts deleted"] == 1
    assert list(DailyLinkClicks.objects.values_list("day", flat=True)) == [timezone.localdate(now)]


def test_the_audience_screen_shows_each_editions_clicks_per_link(
    edition: Edition, reader: Client, make_user
) -> None:
    Edition.objects.filter(pk=edition.pk).update(started_at=timezone.now(), status=Edition.Status.SENT)
    free = edition.articles.get(title="Un article libre")
    for _ in range(3):
        reader.get(edition_links.link_path(edition, free))
    editor = Client()
    editor.force_login(make_user(EDITORS))
    page = BeautifulSoup(editor.get("/admin/audience/").content, "html.parser")
    section = page.select_one("#audience-edition-clicks").find_parent("section")
    [table] = section.select("table")
    assert edition.subject in table.caption.get_text() and "Clics par lien" in table.caption.get_text()
    rows = [[cell.get_text(strip=True) for cell in row.select("th, td")] for row in table.select("tbody tr")]
    assert rows == [["Un article premium", "0"], ["Un article libre", "3"]]

    # The table downloads as CSV from the link beside it, for the newsroom's editors only.
    download = section.select_one("a[download]")
    assert download["href"] == f"/admin/newsletters/edition/{edition.pk}/clics/"
    response = editor.get(download["href"])
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    today = timezone.localdate().isoformat()
    assert response["Content-Disposition"] == f'attachment; filename="clics-edition-{edition.pk}-{today}.csv"'
    body = response.content.decode().removeprefix("\ufeff")
    assert list(csv.reader(io.StringIO(body))) == [
        ["Article", "Adresse", "Clics"],
        ["Un article premium", edition.articles.get(premium=True).url, "0"],
        ["Un article libre", free.url, "3"],
    ]
    assert editor.get("/admin/newsletters/edition/999999/clics/").status_code == 404
    assert editor.post(download["href"]).status_code == 405
    journalist = Client()
    journalist.force_login(make_user(JOURNALISTS))
    assert journalist.get(download["href"]).status_code in (302, 403)
