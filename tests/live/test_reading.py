"""What readers get of a live: entries newest first, the pinned one on top, "L'essentiel",
older entries on pages without script, corrections and removals shown, the JSON-LD."""

import gzip
import json

from bs4 import BeautifulSoup
from django.conf import settings
from django.contrib.staticfiles.storage import staticfiles_storage
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from manchette.live import entries
from manchette.live.models import ENTRIES_PER_PAGE, FINISHED_MAX_AGE, LivePage

from .conftest import make_live


def _soup(client: Client, url: str) -> BeautifulSoup:
    response = client.get(url)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def _entry_ids(soup: BeautifulSoup) -> list[str]:
    return [node["id"] for node in soup.select(".live__entries .live-entry")]


def test_entries_show_newest_first_with_the_kicker_and_status(client: Client, live: LivePage, post) -> None:
    first = post("Les premières rafales touchent Brest.")
    second = post("La préfecture ferme les plages.", title="Plages fermées")

    soup = _soup(client, live.url)

    assert _entry_ids(soup) == [second.anchor, first.anchor]
    assert soup.select_one(".live__kicker").get_text() == "En direct"
    assert soup.select_one(".live__status").get_text() == "Direct en cours"
    assert "Plages fermées" in soup.select_one(f"#{second.anchor}").get_text()
    assert "Par Léa Lambert" in soup.select_one(f"#{second.anchor}").get_text()
    assert soup.title.get_text().startswith("EN DIRECT – ")


def test_the_pinned_entry_stays_on_top_and_only_one_is_pinned(client: Client, live: LivePage, post) -> None:
    old = post("Vigilance rouge pour trois départements.", pinned=True)
    newer = post("Un arbre tombe sur une voiture à Quimper.", pinned=True)
    latest = post("Les trains sont arrêtés.")

    soup = _soup(client, live.url)

    assert [node["id"] for node in soup.select(".live__pinned .live-entry")] == [newer.anchor]
    assert _entry_ids(soup) == [latest.anchor, old.anchor]
    old.refresh_from_db()
    assert not old.pinned

    entries.set_pinned(newer, False)
    assert _entry_ids(_soup(client, live.url)) == [latest.anchor, newer.anchor, old.anchor]


def test_key_events_are_listed_with_anchors_to_their_page(client: Client, live: LivePage, post) -> None:
    key = post("Le pont de Saint-Nazaire est fermé.", title="Le pont fermé", key_event=True)
    for number in range(ENTRIES_PER_PAGE):
        post(f"Point de situation numéro {number}.")
    recent_key = post("La tempête s'éloigne.", title="Accalmie", key_event=True)

    soup = _soup(client, live.url)

    links = [(a.get_text(" ", strip=True), a["href"]) for a in soup.select(".live__summary a")]
    assert [href for _text, href in links] == [f"#{recent_key.anchor}", f"?page=2#{key.anchor}"]
    assert links[0][0].endswith("Accalmie") and links[1][0].endswith("Le pont fermé")
    # The anchor is on the page the link leads to.
    assert _soup(client, live.url + "?page=2").select_one(f"#{key.anchor}") is not None


def test_older_entries_are_paginated_without_script(client: Client, live: LivePage, post) -> None:
    posted = [post(f"Entrée numéro {number}.") for number in range(ENTRIES_PER_PAGE + 3)]

    first = _soup(client, live.url)
    assert len(_entry_ids(first)) == ENTRIES_PER_PAGE
    older = first.select_one('.pagination a[rel="next"]')
    assert older.get_text() == "Entrées précédentes"

    second = _soup(client, live.url + older["href"])
    assert _entry_ids(second) == [entry.anchor for entry in reversed(posted[:3])]
    assert "Entrées plus récentes" in second.select_one(".pagination").get_text()
    # No polling script on older pages: nothing would be inserted there.
    assert second.select_one(".live__news") is None
    # An absurd page number is the first page, not an error.
    assert len(_entry_ids(_soup(client, live.url + "?page=999"))) == ENTRIES_PER_PAGE


def test_a_correction_and_a_removal_show(client: Client, live: LivePage, post) -> None:
    wrong = post("Le vent atteint 250 km/h.")
    gone = post("Une rumeur non vérifiée.")

    entries.correct_entry(wrong, entries.EntryText(text="Le vent atteint 150 km/h."), key_event=False)
    entries.remove_entry(gone)

    page = client.get(live.url).content.decode()
    assert "150 km/h" in page and "250 km/h" not in page
    assert "Entrée corrigée à" in page
    assert "Cette entrée a été retirée à" in page
    assert "rumeur" not in page


def test_json_ld_is_a_live_blog_posting(client: Client, section, author, post) -> None:
    live = make_live(section, author, slug="direct-fini")
    entry = post("Le dernier bulletin de Météo-France.", page=live, title="Fin d'alerte")
    live.status = LivePage.Status.FINISHED
    live.save_revision().publish()

    soup = _soup(client, live.url)
    data = json.loads(soup.select_one('script[type="application/ld+json"]').string)

    assert data["@type"] == "LiveBlogPosting"
    assert data["coverageStartTime"] and data["coverageEndTime"]
    assert data["liveBlogUpdate"] == [
        {
            "@type": "BlogPosting",
            "url": f"{live.full_url}#{entry.anchor}",
            "headline": "Fin d'alerte",
            "datePublished": entry.posted_at.isoformat(),
            "articleBody": "Le dernier bulletin de Météo-France.",
            "author": {"@type": "Person", "name": "Léa Lambert"},
        }
    ]
    assert soup.select_one(".live__status").get_text() == "Direct terminé"
    assert soup.select_one(".live__news") is None  # a finished live is not polled


def test_all_of_the_pages_javascript_fits_in_10_kb_compressed(client: Client, live: LivePage, post) -> None:
    post("Premier point.")
    soup = _soup(client, live.url)
    scripts = [tag for tag in soup.find_all("script") if tag.get("type") != "application/ld+json"]
    assert any("live/live" in tag.get("src", "") for tag in scripts)
    total = 0
    for tag in scripts:
        if tag.get("src"):
            with staticfiles_storage.open(tag["src"].removeprefix(settings.STATIC_URL)) as file:
                code = file.read()
        else:
            code = tag.string.encode()
        total += len(gzip.compress(code, 9))
    assert total <= 10 * 1024, total


def test_a_finished_live_is_cached_long_an_ongoing_one_briefly(client: Client, live: LivePage, post) -> None:
    post("Premier point.")
    assert f"max-age={settings.PUBLIC_PAGE_MAX_AGE}" in client.get(live.url)["Cache-Control"]
    live.status = LivePage.Status.FINISHED
    live.save_revision().publish()
    assert (
        client.get(live.url)["Cache-Control"]
        == f"public, max-age={FINISHED_MAX_AGE}, s-maxage={FINISHED_MAX_AGE}"
    )


def test_the_live_is_in_the_sitemap(client: Client, live: LivePage) -> None:
    assert live.full_url in client.get("/sitemap.xml").content.decode()


def test_the_number_of_queries_does_not_grow_with_the_entries(client: Client, live: LivePage, post) -> None:
    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(live.url).status_code == 200
        return len(captured)

    post("Premier point.", key_event=True)
    post("Deuxième point.")
    client.get(live.url)  # warm: the content generation, the route
    few = queries()
    for number in range(15):
        post(f"Point numéro {number}.", key_event=number % 3 == 0)
    assert queries() == few
