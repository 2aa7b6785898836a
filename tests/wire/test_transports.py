"""Transports against real servers: a watched folder, a pyftpdlib FTP server and a local HTTP
stand-in for AP's cursor API, each on a free port, started once for the module."""

import io
import json

from manchette.wire import ingest, poller, tasks
from manchette.wire.models import ReceivedFile, Story

from .conftest import FIXTURES
from .standin import StandIn
from .test_stories import g2


def test_watched_folder_polled_by_the_worker(make_feed, tmp_path):
    feed = make_feed(transport="folder", location=str(tmp_path))
    (tmp_path / "1.xml").write_bytes(g2("urn:1", 1, "Un"))
    (tmp_path / "2.xml").write_bytes(b"<newsItem")  # truncated
    (tmp_path / "3.xml.part").write_bytes(g2("urn:3", 1, "En cours d'écriture"))
    with open(tmp_path / "huge.xml", "wb") as huge:  # 200 MB, sparse: refused without being read
        huge.truncate(200 * 1024 * 1024)
    tasks.poll_feed.enqueue(feed.pk)
    assert list(Story.objects.values_list("guid", flat=True)) == ["urn:1"]
    assert set(ReceivedFile.objects.filter(status="quarantined").values_list("name", flat=True)) == {
        "2.xml",
        "huge.xml",
    }
    (tmp_path / "4.xml").write_bytes(g2("urn:1", 2, "Un, mis à jour"))
    results = poller.poll(feed)
    assert [r.name for r in results] == ["4.xml"]  # what was seen is not read again
    feed.refresh_from_db()
    assert feed.last_success_at and feed.items_count == 2 and feed.errors_count == 2


def test_missing_folder_is_an_error_on_the_feed(make_feed, tmp_path):
    feed = make_feed(transport="folder", location=str(tmp_path / "absent"))
    assert poller.poll(feed) == []
    feed.refresh_from_db()
    assert "introuvable" in feed.last_error and feed.last_success_at is None


def test_ftp_server_polled(make_feed, ftp_server):
    port, root = ftp_server
    feed = make_feed(transport="ftp", location=f"ftp://afp@127.0.0.1:{port}/", password="secret")
    (root / "a.xml").write_bytes(g2("urn:ftp-a", 1, "Par FTP"))
    (root / "b.xml").write_bytes(g2("urn:ftp-b", 1, "Par FTP aussi"))
    results = poller.poll(feed)
    feed.refresh_from_db()
    assert [r.outcomes for r in results] == [["new"], ["new"]], feed.last_error
    assert poller.poll(feed) == []  # nothing new: nothing downloaded
    (root / "a2.xml").write_bytes(g2("urn:ftp-a", 2, "Par FTP, corrigé"))
    assert [r.outcomes for r in poller.poll(feed)] == [["updated"]]
    assert Story.objects.get(guid="urn:ftp-a").headline == "Par FTP, corrigé"


def test_ftp_wrong_password_is_reported(make_feed, ftp_server):
    port, _root = ftp_server
    feed = make_feed(transport="ftp", location=f"ftp://afp@127.0.0.1:{port}/", password="faux")
    assert poller.poll(feed) == []
    feed.refresh_from_db()
    assert "FTP" in feed.last_error


def ap_page(base: str, next_page: str, *items: tuple[str, int, str]) -> dict:
    return {
        "data": {
            "next_page": base + next_page,
            "items": [
                {
                    "item": {
                        "uri": f"{base}/c/{guid}",
                        "altids": {"itemid": guid},
                        "version": version,
                        "type": "text",
                        "headline": headline,
                        "body_text": "Texte.",
                        "pubstatus": "usable",
                    }
                }
                for guid, version, headline in items
            ],
        }
    }


def test_http_polling_follows_the_cursor_and_resumes_from_it(make_feed, http_server):
    StandIn.requested.clear()
    StandIn.pages = {
        "/feed": ap_page(http_server, "/feed?p=2", ("ap1", 0, "Un"), ("ap2", 0, "Deux")),
        "/feed?p=2": ap_page(http_server, "/feed?p=3", ("ap1", 1, "Un, mis à jour")),
        "/feed?p=3": ap_page(http_server, "/feed?p=3"),
    }
    feed = make_feed(format="ninjs", transport="http", location=f"{http_server}/feed", short_name="AP")
    poller.poll(feed)
    feed.refresh_from_db()
    assert feed.cursor == f"{http_server}/feed?p=3"
    assert Story.objects.get(guid="ap1").headline == "Un, mis à jour"
    StandIn.requested.clear()
    StandIn.pages["/feed?p=3"] = ap_page(http_server, "/feed?p=4", ("ap3", 0, "Trois"))
    StandIn.pages["/feed?p=4"] = ap_page(http_server, "/feed?p=4")
    poller.poll(feed)
    assert StandIn.requested == ["/feed?p=3", "/feed?p=4"]  # resumed at the cursor, not from the start
    assert Story.objects.count() == 3


def test_ap_items_get_their_body_from_their_nitf_rendition(make_feed, http_server):
    """AP's Media API items carry their text only as a link to a NITF rendition: the HTTP
    transport fetches it; a rendition that cannot be had leaves a warning, and the feed goes on."""
    entry = json.loads((FIXTURES / "ap/texte.json").read_bytes())["data"]["item"]
    entry["renditions"]["nitf"]["href"] = f"{http_server}/ap/download?type=text&format=NITF&fid=1"
    missing = {
        **entry,
        "altids": {"itemid": "ap-missing"},
        "renditions": {"nitf": {**entry["renditions"]["nitf"], "href": "/ap/download?fid=absent"}},
    }
    StandIn.pages = {
        "/ap/feed": {"data": {"items": [{"item": entry}, {"item": missing}], "next_page": ""}},
        "/ap/download?type=text&format=NITF&fid=1": (FIXTURES / "ap/texte-nitf.xml").read_bytes(),
    }
    feed = make_feed(format="ninjs", transport="http", location=f"{http_server}/ap/feed", short_name="AP")
    [result] = poller.poll(feed)
    assert result.outcomes == ["new", "new"]
    story = Story.objects.get(guid="7c1f0a9e2b4d4e6f8a0b1c2d3e4f5a6b")
    version = story.versions.get()
    texts = [block["text"] for block in version.data["body"]]
    assert version.data["body"][0] == {"type": "subheading", "text": "Ligue 1 - les dix premiers"}
    assert "LES DIX MEILLEURS BUTEURS" in texts and any(text.startswith("Dupré (Lens)") for text in texts)
    assert "Texte vide." not in version.data["warnings"] and "dupré (lens)" in story.search_text
    warnings = Story.objects.get(guid="ap-missing").versions.get().data["warnings"]
    assert any(warning.startswith("Texte de la dépêche introuvable") for warning in warnings)


def test_an_ap_item_imported_by_hand_warns_that_its_text_is_missing(make_feed):
    feed = make_feed(format="ninjs", short_name="AP")  # manual: nothing fetches the rendition
    result = ingest.ingest_file(feed, "ap.json", (FIXTURES / "ap/texte.json").read_bytes())
    assert result.outcomes == ["new"]
    assert result.warnings == ["7c1f0a9e2b4d4e6f8a0b1c2d3e4f5a6b: Texte vide."]


def test_demo_feed_is_installed_once(db, settings, tmp_path):
    from django.core.management import call_command

    settings.VAR_DIR = tmp_path
    call_command("load_wire_demo", stdout=io.StringIO())
    call_command("load_wire_demo", stdout=io.StringIO())
    stories = {story.guid: story for story in Story.objects.all()}
    assert len(stories) == 3 and ReceivedFile.objects.count() == 4
    assert stories["urn:newsml:amn.demo:ports-greve"].version == 2
    assert stories["urn:newsml:amn.demo:budget"].embargo is not None


def test_a_picture_beside_the_item_on_the_ftp_server(
    make_feed, ftp_server, django_capture_on_commit_callbacks
):
    from .test_pictures import g2_picture, jpeg, message

    port, root = ftp_server
    feed = make_feed(
        transport="ftp", location=f"ftp://afp@127.0.0.1:{port}/", password="secret", short_name="AFP"
    )
    (root / "photo-ftp.jpg").write_bytes(jpeg(320, 200))
    (root / "photo-ftp.xml").write_bytes(message(g2_picture("urn:ftp-photo", "photo-ftp.jpg")))
    with django_capture_on_commit_callbacks(execute=True):
        results = poller.poll(feed)
    names = [result.name for result in results]  # the module's server keeps earlier tests' files
    assert "photo-ftp.xml" in names and "photo-ftp.jpg" not in names
    image = Story.objects.get(guid="urn:ftp-photo").versions.get().image
    assert (image.width, image.height) == (320, 200)
