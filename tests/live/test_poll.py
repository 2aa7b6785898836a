"""The readers' poll: a version number at a stable address, the same for everyone and kept
briefly by a shared cache; the changes between two versions at an address whose answer never
changes; bad input answered in the reader's language; a premium live's text never leaked."""

from django.test import Client
from django.urls import reverse

from manchette.live import entries
from manchette.live.models import LivePage
from manchette.live.publishing import VERSION_MAX_AGE
from manchette.live.views import SETTLED_MAX_AGE

from .conftest import make_live


def _cache(response) -> dict[str, str]:
    parts = (part.strip().partition("=") for part in response["Cache-Control"].split(","))
    return {name: value for name, _sign, value in parts}


def _version(client: Client, live: LivePage) -> int:
    response = client.get(reverse("live:version", args=[live.pk]))
    assert response.status_code == 200
    return response.json()["version"]


def test_the_version_is_shared_cacheable_and_moves_with_each_change(
    client: Client, subscriber_client: Client, live: LivePage, post
) -> None:
    response = client.get(reverse("live:version", args=[live.pk]))
    assert response.json() == {"version": 0}
    assert _cache(response) == {"public": "", "max-age": "0", "s-maxage": f"{VERSION_MAX_AGE}"}
    assert not response.cookies
    # The same bytes for every reader, logged in or not: the shared cache may answer them all.
    theirs = subscriber_client.get(reverse("live:version", args=[live.pk]))
    assert theirs.content == response.content and _cache(theirs) == _cache(response)

    entry = post("Premier point.")
    assert _version(client, live) == 1
    entries.correct_entry(entry, entries.EntryText(text="Premier point, corrigé."), key_event=True)
    assert _version(client, live) == 2
    entries.set_pinned(entry, True)
    entries.remove_entry(entry)
    assert _version(client, live) == 4


def test_changes_since_a_version_carry_the_new_and_changed_entries(
    client: Client, live: LivePage, post
) -> None:
    kept = post("Premier point.")
    corrected = post("Le vent à 250 km/h.")
    url = reverse("live:changes", args=[live.pk])
    entries.correct_entry(corrected, entries.EntryText(text="Le vent à 150 km/h."), key_event=False)
    new = post("Les écoles restent fermées demain.")

    response = client.get(url, {"depuis": 2, "version": 4})

    assert response.status_code == 200
    data = response.json()
    assert data["version"] == 4
    assert [item["id"] for item in data["entries"]] == [new.pk, corrected.pk]
    assert "150 km/h" in data["entries"][1]["html"] and "Entrée corrigée" in data["entries"][1]["html"]
    assert kept.pk not in [item["id"] for item in data["entries"]]
    # Naming the current version, the answer never changes: kept a day.
    assert _cache(response) == {
        "public": "",
        "max-age": f"{SETTLED_MAX_AGE}",
        "s-maxage": f"{SETTLED_MAX_AGE}",
    }


def test_an_outdated_or_future_version_is_answered_with_the_current_one_and_cached_briefly(
    client: Client, live: LivePage, post
) -> None:
    post("Premier point.")
    url = reverse("live:changes", args=[live.pk])
    for asked in (0, 7):
        response = client.get(url, {"depuis": 0, "version": asked})
        assert response.json()["version"] == 1
        assert _cache(response) == {"public": "", "max-age": "0", "s-maxage": f"{VERSION_MAX_AGE}"}


def test_bad_numbers_are_a_clear_error_in_the_readers_language(client: Client, live: LivePage) -> None:
    url = reverse("live:changes", args=[live.pk])
    for query in (
        {},
        {"depuis": "x", "version": "1"},
        {"depuis": "-1", "version": "1"},
        {"depuis": "9" * 30, "version": 1},
    ):
        response = client.get(url, query)
        assert response.status_code == 400
        assert "doivent être des nombres entiers" in response.json()["erreur"]
    client.cookies["django_language"] = "en"
    assert "must be whole numbers" in client.get(url, {"depuis": "x", "version": "1"}).json()["erreur"]


def test_a_draft_or_unknown_live_is_not_found(client: Client, section, author) -> None:
    draft = make_live(section, author, slug="brouillon", live=False)
    assert client.get(reverse("live:version", args=[draft.pk])).status_code == 404
    assert (
        client.get(reverse("live:changes", args=[draft.pk]), {"depuis": 0, "version": 0}).status_code == 404
    )
    assert client.get(reverse("live:version", args=[987654])).status_code == 404


def test_a_premium_live_gives_its_entries_only_to_those_who_may_read_them(
    client: Client, subscriber_client: Client, section, author, post
) -> None:
    live = make_live(section, author, slug="direct-abonnes", premium=True)
    secret = "Le ministre annonce un plan de deux milliards."
    post(secret, page=live, title="Plan national", key_event=True)
    changes = reverse("live:changes", args=[live.pk])

    page = client.get(live.url).content.decode()
    poll = client.get(changes, {"depuis": 0, "version": 1})
    assert secret not in page and "Plan national" not in page
    assert "réservée aux abonnés" in page
    assert secret not in poll.content.decode() and "Plan national" not in poll.content.decode()
    assert "Entrée réservée aux abonnés" in poll.json()["entries"][0]["html"]
    assert "liveBlogUpdate" not in page  # nor in the JSON-LD

    page = subscriber_client.get(live.url)
    poll = subscriber_client.get(changes, {"depuis": 0, "version": 1})
    assert secret in page.content.decode() and secret in poll.json()["entries"][0]["html"]
    # What a subscriber gets is theirs: never kept by a shared cache.
    assert "private" in page["Cache-Control"] and "private" in poll["Cache-Control"]


def test_changes_carry_l_essentiel_as_it_now_is(client: Client, live: LivePage, post) -> None:
    """A key event marked, unmarked or moved by a pin changes "L'essentiel": the answer carries
    it, so that the page's script replaces it with the entries (nothing when nothing changed)."""
    first = post("Premier point.", title="Alerte rouge", key_event=True)
    second = post("Deuxième point.", title="Les écoles fermées")
    url = reverse("live:changes", args=[live.pk])

    entries.correct_entry(
        second, entries.EntryText(text="Deuxième point.", title="Écoles fermées"), key_event=True
    )
    entries.correct_entry(
        first, entries.EntryText(text="Premier point.", title="Alerte rouge"), key_event=False
    )
    summary = client.get(url, {"depuis": 2, "version": 4}).json()["summary"]

    assert "Écoles fermées" in summary and "Alerte rouge" not in summary
    assert f"#{second.anchor}" in summary
    assert "summary" not in client.get(url, {"depuis": 4, "version": 4}).json()

    entries.correct_entry(second, entries.EntryText(text="Deuxième point."), key_event=False)
    assert client.get(url, {"depuis": 4, "version": 5}).json()["summary"].strip() == ""
