"""One article's audience in the newsroom: its days and hours, its sources, its funnel; the way
to it from the article's edit page and from the dashboard; "Le plus lu" by section; CSV."""

import csv
import io
from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from manchette.articles.models import ArticlePage
from manchette.audience import reports, services, windows
from manchette.audience.models import Action, Settlement, Source
from manchette.newsroom.services import EDITORS, JOURNALISTS
from tests.conftest import Newsroom


def _views(article: ArticlePage, count: int, source: str = Source.DIRECT, domain: str = "",
           hours_ago: float = 0) -> None:
    at = timezone.now() - timedelta(hours=hours_ago)
    for _ in range(count):
        services.record_view(services.PageRef("articlepage", article.pk), source, domain, at=at)


def _actions(article: ArticlePage, action: str, count: int) -> None:
    for _ in range(count):
        services.count_action(article.pk, action)


@pytest.fixture
def editor(make_user) -> Client:
    client = Client()
    client.force_login(make_user(EDITORS))
    return client


def _rows(page: BeautifulSoup, caption: str) -> list[list[str]]:
    table = next(table for table in page.select("table") if caption in table.caption.get_text())
    rows = table.select("tbody tr")
    return [[cell.get_text(" ", strip=True) for cell in row.select("th, td")] for row in rows]


def _downloads(page: BeautifulSoup) -> set[str]:
    return {link["href"] for link in page.select("a[download]") if "Télécharger (CSV)" in link.get_text()}


def _csv(response) -> list[list[str]]:
    body = response.content.decode("utf-8")
    assert body.startswith("\ufeff")
    return list(csv.reader(io.StringIO(body.removeprefix("\ufeff"))))


def test_an_article_screen_shows_its_days_hours_sources_and_funnel(newsroom: Newsroom, editor) -> None:
    article = newsroom.article(newsroom.section(), title="Le budget adopté", premium=True)
    other = newsroom.article(newsroom.section())
    _views(article, 3, Source.SEARCH)
    _views(article, 2, Source.OTHER, "blog.example.org", hours_ago=5)
    _views(article, 4, Source.SOCIAL, hours_ago=30)
    _views(other, 7)
    _actions(article, Action.PAYWALL, 6)
    _actions(article, Action.OFFERS, 3)
    _actions(article, Action.CHECKOUT, 2)
    _actions(article, Action.GIFT_CHECKOUT, 1)
    _actions(article, Action.NEWSLETTER, 1)
    _actions(other, Action.PAYWALL, 9)

    response = editor.get(f"/admin/audience/article/{article.pk}/")
    assert response.status_code == 200
    page = BeautifulSoup(response.content, "html.parser")
    assert "Le budget adopté" in page.select_one("h1").get_text()

    days = _rows(page, "Vues de l'article par jour")
    assert len(days) == 30
    total_by_day = sum(int(row[1]) for row in days)
    assert total_by_day == 9
    hours = _rows(page, "Vues de l'article par heure")
    assert len(hours) == 48
    assert sum(int(row[1]) for row in hours) == 9
    assert [int(row[1]) for row in hours][-1] == 3  # this hour
    assert [int(row[1]) for row in hours][-6] == 2  # five hours ago
    assert [int(row[1]) for row in hours][-31] == 4

    assert _rows(page, "Vues de l'article par provenance") == [
        ["Réseaux sociaux", "4"], ["Moteurs de recherche", "3"], ["Autres sites", "2"]
    ]
    assert _rows(page, "Autres sites d'origine") == [["blog.example.org", "2"]]
    assert _rows(page, "Du paywall à l'abonnement") == [
        ["Vues", "9"],
        ["Paywall affiché", "6"],
        ["Page des offres ouverte", "3"],
        ["Abonnement commencé", "2"],
        ["Abonnement commencé après un article offert", "1"],
        ["Inscription à une newsletter", "1"],
    ]
    # Two charts drawn on the server, hidden from screen readers (the tables say the same).
    charts = page.select("svg.audience-chart")
    assert len(charts) == 2 and all(chart["aria-hidden"] == "true" for chart in charts)
    assert len(charts[1].select("rect")) == 48
    # Every table scrolls in a labelled box of its own that the keyboard reaches.
    for table in page.select("table"):
        box = table.find_parent("div", role="region")
        assert box is not None and box["tabindex"] == "0" and box["role"] == "region"
        assert page.find(id=box["aria-labelledby"]) is table.caption


def test_an_article_screen_reads_in_a_fixed_number_of_queries(newsroom: Newsroom, editor: Client) -> None:
    article = newsroom.article(newsroom.section())
    _views(article, 1)
    editor.get(f"/admin/audience/article/{article.pk}/")  # the session, Wagtail's first-use rows
    with CaptureQueriesContext(connection) as quiet:
        assert editor.get(f"/admin/audience/article/{article.pk}/").status_code == 200
    for hours_ago in range(0, 47, 3):
        _views(article, 1, Source.OTHER, f"site{hours_ago}.example.org", hours_ago=hours_ago)
    for days_ago in range(1, 29, 2):
        services.record_view(services.PageRef("articlepage", article.pk), Source.SEARCH, "",
                             at=timezone.now() - timedelta(days=days_ago))
    for action in Action.values:
        _actions(article, action, 2)
    with CaptureQueriesContext(connection) as busy:
        assert editor.get(f"/admin/audience/article/{article.pk}/").status_code == 200
    assert len(busy) == len(quiet), [query["sql"] for query in busy.captured_queries]


def test_the_article_screen_is_for_those_who_see_the_dashboard(newsroom: Newsroom, make_user) -> None:
    article = newsroom.article(newsroom.section())
    address = f"/admin/audience/article/{article.pk}/"
    assert Client().get(address).status_code == 302  # to the sign-in page
    assert Client().get(address + "?format=csv&table=jours").status_code == 302
    journalist = Client()
    journalist.force_login(make_user(JOURNALISTS))
    # Wagtail sends whoever lacks the right back to the admin's home, with a message.
    for refused in (address, address + "?format=csv&table=jours", "/admin/audience/?format=csv&table=today"):
        response = journalist.get(refused)
        assert response.status_code in (302, 403) and response.get("Location") != refused
        assert "text/csv" not in response["Content-Type"]
    assert f"/admin/audience/article/{article.pk}/" not in journalist.get(
        f"/admin/pages/{article.pk}/edit/").content.decode()

    editor = Client()
    editor.force_login(make_user(EDITORS))
    assert editor.get(address).status_code == 200
    assert editor.get("/admin/audience/article/999999999/").status_code == 404
    assert editor.get(f"/admin/audience/article/{newsroom.section().pk}/").status_code == 404
    assert editor.post(address).status_code == 405


def test_the_edit_page_and_the_dashboard_lead_to_the_article_screen(newsroom: Newsroom, editor) -> None:
    article = newsroom.article(newsroom.section(), title="Le budget adopté")
    _views(article, 2)
    _actions(article, Action.PAYWALL, 1)
    edit = BeautifulSoup(editor.get(f"/admin/pages/{article.pk}/edit/").content, "html.parser")
    assert edit.select_one(f'a[href="/admin/audience/article/{article.pk}/"]') is not None

    dashboard = BeautifulSoup(editor.get("/admin/audience/").content, "html.parser")
    for heading in ("audience-today", "audience-week", "audience-month", "audience-funnel"):
        link = dashboard.select_one(f"#{heading}").find_parent("section").select_one("tbody a")
        assert link["href"] == f"/admin/audience/article/{article.pk}/", heading
        assert link.get_text() == "Le budget adopté"


def test_most_read_by_section_over_a_day_a_week_and_a_month(newsroom: Newsroom, editor: Client) -> None:
    politics, sport = newsroom.section("Politique"), newsroom.section("Sport")
    vote = newsroom.article(politics, title="Le vote")
    match = newsroom.article(sport, title="Le match")
    old_match = newsroom.article(sport, title="La finale")
    _views(vote, 5)
    _views(match, 3)
    services.record_view(services.PageRef("articlepage", old_match.pk), Source.DIRECT, "",
                         at=timezone.now() - timedelta(days=10))

    def most_read(query: str, heading: str) -> list[str]:
        page = BeautifulSoup(editor.get("/admin/audience/" + query).content, "html.parser")
        section = page.select_one(f"#{heading}").find_parent("section")
        return [link.get_text() for link in section.select("tbody a")]

    assert most_read("", "audience-today") == ["Le vote", "Le match"]
    assert most_read("", "audience-month") == ["Le vote", "Le match", "La finale"]
    assert most_read(f"?rubrique={sport.pk}", "audience-today") == ["Le match"]
    assert most_read(f"?rubrique={sport.pk}", "audience-week") == ["Le match"]
    assert most_read(f"?rubrique={sport.pk}", "audience-month") == ["Le match", "La finale"]

    page = BeautifulSoup(editor.get(f"/admin/audience/?rubrique={sport.pk}").content, "html.parser")
    form = page.select_one("form.audience-filter")
    assert form["method"] == "get"
    assert form.select_one("option[selected]")["value"] == str(sport.pk)
    # A section that does not exist, or nonsense: every article, and the reader is told.
    for wrong in ("999999999", "abc"):
        response = editor.get(f"/admin/audience/?rubrique={wrong}")
        assert response.status_code == 200
        page = BeautifulSoup(response.content, "html.parser")
        assert "Cette rubrique n'existe pas" in page.select_one("#audience-section-error").get_text()


def test_the_dashboard_reads_in_a_fixed_number_of_queries_with_a_section(newsroom: Newsroom, editor) -> None:
    section = newsroom.section()
    first = newsroom.article(section)
    _views(first, 1)
    _actions(first, Action.PAYWALL, 1)
    address = f"/admin/audience/?rubrique={section.pk}"
    editor.get(address)
    with CaptureQueriesContext(connection) as quiet:
        editor.get(address)
    for number in range(8):
        article = newsroom.article(section if number % 2 else newsroom.section())
        _views(article, number + 1, Source.OTHER, f"site{number}.example.org")
        _actions(article, Action.OFFERS, number + 1)
    with CaptureQueriesContext(connection) as busy:
        editor.get(address)
    assert len(busy) == len(quiet), [query["sql"] for query in busy.captured_queries]


def test_every_table_downloads_as_csv(newsroom: Newsroom, editor: Client) -> None:
    section = newsroom.section()
    article = newsroom.article(section, title="Le « budget », adopté", premium=True)
    _views(article, 3, Source.SEARCH)
    _views(article, 1, Source.OTHER, "blog.example.org")
    _actions(article, Action.CHECKOUT, 1)
    today = timezone.localdate().isoformat()

    dashboard = BeautifulSoup(editor.get(f"/admin/audience/?rubrique={section.pk}").content, "html.parser")
    links = _downloads(dashboard)
    tables = ("today", "week", "month", "jours", "provenances", "sites", "parcours")
    assert links == {f"?rubrique={section.pk}&format=csv&table={name}" for name in tables}

    response = editor.get(f"/admin/audience/?rubrique={section.pk}&format=csv&table=today")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == f'attachment; filename="audience-today-{today}.csv"'
    assert _csv(response) == [
        ["Rang", "Article", "Adresse", "Réservé aux abonnés", "Vues"],
        ["1", "Le « budget », adopté", article.url, "oui", "4"],
    ]
    sites = _csv(editor.get("/admin/audience/?format=csv&table=sites"))
    assert sites == [["Site", "Vues"], ["blog.example.org", "1"]]
    parcours = _csv(editor.get("/admin/audience/?format=csv&table=parcours"))
    assert parcours[1] == ["Le « budget », adopté", "4", "0", "0", "1", "0"]
    assert len(_csv(editor.get("/admin/audience/?format=csv&table=jours"))) == 31
    assert editor.get("/admin/audience/?format=csv&table=nothing").status_code == 404

    screen = f"/admin/audience/article/{article.pk}/"
    page = BeautifulSoup(editor.get(screen).content, "html.parser")
    links = _downloads(page)
    names = ("jours", "heures", "provenances", "sites", "parcours")
    assert links == {f"?format=csv&table={name}" for name in names}
    response = editor.get(screen + "?format=csv&table=provenances")
    filename = f"audience-article-{article.pk}-provenances-{today}.csv"
    assert response["Content-Disposition"] == f'attachment; filename="{filename}"'
    assert _csv(response) == [["Provenance", "Vues"], ["Moteurs de recherche", "3"], ["Autres sites", "1"]]
    hours = _csv(editor.get(screen + "?format=csv&table=heures"))
    assert hours[0] == ["Heure", "Vues"] and len(hours) == 49 and hours[-1][1] == "4"
    funnel = _csv(editor.get(screen + "?format=csv&table=parcours"))
    assert funnel[0] == ["Étape", "Nombre"] and ["Abonnement commencé", "1"] in funnel


def test_an_articles_audience_is_read_in_four_queries(newsroom: Newsroom, django_assert_num_queries) -> None:
    article = newsroom.article(newsroom.section())
    for hours_ago in range(0, 47, 2):
        _views(article, 1, Source.OTHER, f"site{hours_ago}.example.org", hours_ago=hours_ago)
    for action in Action.values:
        _actions(article, action, 1)
    today = timezone.localdate()
    # Its days, its hours, its sources with their domains, its funnel: whatever the traffic.
    with django_assert_num_queries(4):
        audience = reports.article_audience(article.pk, today - timedelta(days=29), today, timezone.now())
    assert audience.views == 24 and len(audience.domains) == 24
    assert audience.actions == dict.fromkeys(Action.values, 1)


def test_a_title_that_looks_like_a_formula_stays_text_in_the_csv(newsroom: Newsroom, editor: Client) -> None:
    article = newsroom.article(newsroom.section(), title="=HYPERLINK(\"http://example.org\")")
    _views(article, 2)
    rows = _csv(editor.get("/admin/audience/?format=csv&table=today"))
    assert rows[1][1] == "'=HYPERLINK(\"http://example.org\")" and rows[1][-1] == "2"


def test_the_week_and_month_add_today_to_the_settled_days(newsroom: Newsroom, editor: Client) -> None:
    first = newsroom.article(newsroom.section(), title="Premier")
    second = newsroom.article(newsroom.section(), title="Second")
    services.record_view(services.PageRef("articlepage", first.pk), Source.DIRECT, "",
                         at=timezone.now() - timedelta(days=3))
    _views(first, 1)
    windows.settle()
    assert Settlement.objects.get().through == timezone.localdate() - timedelta(days=1)

    def lists() -> tuple[list[str], ...]:
        page = BeautifulSoup(editor.get("/admin/audience/").content, "html.parser")
        headings = ("audience-today", "audience-week", "audience-month")
        sections = [page.select_one(f"#{heading}").find_parent("section") for heading in headings]
        return tuple([link.get_text() for link in section.select("tbody a")] for section in sections)

    assert lists() == (["Premier"], ["Premier"], ["Premier"])
    _views(second, 3)  # at once, in every list
    assert lists() == (["Second", "Premier"], ["Second", "Premier"], ["Second", "Premier"])
