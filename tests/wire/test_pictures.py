"""Agency pictures: downloaded on the feed's transport (a file beside the item, an address on
an HTTP feed), checked with Pillow, stored as Wagtail images, and put on the draft by
"Reprendre"; a broken, huge or non-image file leaves a warning and the feed goes on."""

import io
import json

from PIL import Image as Picture
from wagtail.images.models import Image

from manchette.wire import desk, poller
from manchette.wire.models import ReceivedFile, Story

from .conftest import FIXTURES
from .standin import StandIn
from .test_stories import g2

CAPTION = "Le port du Havre à l'aube, mardi"
CREDIT = "Jean Dupont / AFP"


def jpeg(width: int = 640, height: int = 480) -> bytes:
    buffer = io.BytesIO()
    Picture.new("RGB", (width, height), "steelblue").save(buffer, "JPEG", quality=80)
    return buffer.getvalue()


def g2_picture(guid: str, href: str) -> str:
    return (
        f'<newsItem xmlns="http://iptc.org/std/nar/2006-10-01/" guid="{guid}" version="1">'
        '<itemMeta><itemClass qcode="ninat:picture"/><pubStatus qcode="stat:usable"/></itemMeta>'
        f"<contentMeta><headline>Le port</headline><creditline>{CREDIT}</creditline>"
        f'<description role="drol:caption">{CAPTION}</description></contentMeta>'
        f'<contentSet><remoteContent href="{href}" width="640" height="480" contenttype="image/jpeg"/>'
        "</contentSet></newsItem>"
    )


def message(*items: str) -> bytes:
    """A newsMessage: a story and its pictures, as agencies send them."""
    return (
        '<newsMessage xmlns="http://iptc.org/std/nar/2006-10-01/"><header/><itemSet>'
        + "".join(items)
        + "</itemSet></newsMessage>"
    ).encode()


def test_a_picture_beside_the_item_becomes_the_hero_picture_of_the_take(
    make_feed, newsroom, tmp_path, django_capture_on_commit_callbacks
):
    (tmp_path / "port.jpg").write_bytes(jpeg())
    text = g2("urn:greve", 1, "Grève au port du Havre").decode()
    (tmp_path / "greve.xml").write_bytes(message(text, g2_picture("urn:greve-photo", "./port.jpg")))
    feed = make_feed(transport="folder", location=str(tmp_path))
    with django_capture_on_commit_callbacks(execute=True):
        poller.poll(feed)
    assert list(ReceivedFile.objects.values_list("name", flat=True)) == [
        "greve.xml"
    ]  # the picture is no item
    story = Story.objects.get(guid="urn:greve")
    version = story.versions.select_related("image").get()
    image = version.image
    assert image is not None and (image.width, image.height) == (640, 480)
    assert image.title == f"{CAPTION} © {CREDIT}" and image.file_size == len(jpeg())
    # The picture's own item points to the same file: one image for both.
    assert Story.objects.get(guid="urn:greve-photo").versions.get().image == image
    assert Image.objects.count() == 1
    article = desk.take(story, newsroom.section())
    assert article.hero_image == image
    assert (article.hero_caption, article.hero_credit) == (CAPTION, f"© {CREDIT}")


def test_a_broken_huge_missing_or_outside_picture_is_a_warning_on_the_item(
    make_feed, tmp_path, django_capture_on_commit_callbacks
):
    whole = jpeg()
    (tmp_path / "tronquee.jpg").write_bytes(whole[: len(whole) // 2])
    (tmp_path / "texte.jpg").write_bytes(b"<html><body>Ceci n'est pas une photo</body></html>")
    huge = io.BytesIO()
    Picture.new("1", (8000, 6000)).save(huge, "PNG")  # 48 million pixels in a few kilobytes
    (tmp_path / "immense.png").write_bytes(huge.getvalue())
    (tmp_path.parent / "secret.jpg").write_bytes(whole)
    cases = {
        "tronquee.jpg": "pas une image lisible",
        "texte.jpg": "pas une image lisible",
        "immense.png": "image trop grande (8000 × 6000 pixels)",
        "absente.jpg": "Fichier lié introuvable",
        "../secret.jpg": "hors du dossier du fil",
        "http://192.0.2.1/photo.jpg": "hors du dossier du fil",
    }
    for number, href in enumerate(cases):
        text = g2(f"urn:t{number}", 1, f"Dépêche {number}").decode()
        (tmp_path / f"{number}.xml").write_bytes(message(text, g2_picture(f"urn:p{number}", href)))
    feed = make_feed(transport="folder", location=str(tmp_path))
    with django_capture_on_commit_callbacks(execute=True):
        poller.poll(feed)
    for number, expected in enumerate(cases.values()):
        version = Story.objects.get(guid=f"urn:t{number}").versions.get()
        assert version.image is None
        [warning] = [w for w in version.data["warnings"] if w.startswith("Photo non récupérée")]
        assert expected in warning, warning
    feed.refresh_from_db()
    assert feed.last_error == "" and feed.errors_count == 0 and not Image.objects.exists()
    assert Story.objects.count() == 2 * len(cases)


def test_an_http_feed_downloads_its_pictures_within_limits(
    make_feed,
    http_server,
    django_capture_on_commit_callbacks,
):
    entry = json.loads((FIXTURES / "ap/photo.json").read_bytes())["data"]["item"]

    def ap_picture(itemid: str, href: str) -> dict:
        renditions = {**entry["renditions"], "main": {**entry["renditions"]["main"], "href": href}}
        return {"item": {**entry, "altids": {"itemid": itemid}, "renditions": renditions}}

    StandIn.pages = {
        "/ap/photos": {
            "data": {
                "next_page": "",
                "items": [
                    ap_picture("ap-photo", f"{http_server}/photos/simon.jpg"),
                    ap_picture("ap-huge", "/photos/huge.jpg"),
                    ap_picture("ap-page", "/photos/page.html"),
                ],
            }
        },
        "/photos/simon.jpg": jpeg(512, 379),
        "/photos/huge.jpg": b"\0" * (20 * 1024 * 1024 + 1),
        "/photos/page.html": b"<!doctype html><title>Connexion requise</title>",
    }
    feed = make_feed(format="ninjs", transport="http", location=f"{http_server}/ap/photos", short_name="AP")
    with django_capture_on_commit_callbacks(execute=True):
        poller.poll(feed)
    image = Story.objects.get(guid="ap-photo").versions.get().image
    assert (image.width, image.height) == (512, 379)
    assert (
        image.title.startswith("ARCHIVES - Le lac d'Annecy pris par les glaces")
        and "© Lucie Favre/AMN" in image.title
    )
    for guid, expected in (("ap-huge", "trop gros"), ("ap-page", "pas une image lisible")):
        version = Story.objects.get(guid=guid).versions.get()
        assert version.image is None and any(expected in w for w in version.data["warnings"]), guid
