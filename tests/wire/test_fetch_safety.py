"""A feed cannot steer the wire worker: its next page, its items' text and picture links and
its server's redirects are followed only within the feed's own origin (or the hosts the
newsroom listed), to addresses checked after name resolution, and the desk never reads what
another host answered or whether its port is open.

The internal service the attacker aims at is a real HTTP server on another loopback port,
answering a NITF body that would end up in a story if it were ever read."""

import os
import socket
import ssl
import subprocess
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler
from ipaddress import ip_address

import pytest
from django.urls import reverse

from manchette.wire import poller, safe_fetch
from manchette.wire.models import Feed, ReceivedFile, Story

from .conftest import FIXTURES, serving
from .standin import Redirect, StandIn
from .test_stories import g2

SECRET = "SECRET-INTERNE-42"


class InternalService(BaseHTTPRequestHandler):
    """A service inside the newsroom's network (a logger, an admin page) that the wire must never reach."""

    requested: list[str] = []

    def do_GET(self) -> None:
        self.requested.append(self.path)
        body = f"<nitf><body><body.content><p>{SECRET}</p></body.content></body></nitf>".encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/xml")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args) -> None:
        pass


@pytest.fixture(scope="module")
def internal() -> Iterator[str]:
    with serving(InternalService) as url:
        yield url


@pytest.fixture(autouse=True)
def _fresh_servers() -> None:
    InternalService.requested.clear()
    StandIn.requested.clear()


def closed_port() -> int:
    """A loopback port nothing listens on (bound, then released)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def text_item(guid: str, body_href: str) -> dict:
    """An AP item whose text is only a link to its NITF rendition."""
    return {
        "item": {
            "altids": {"itemid": guid},
            "version": 0,
            "type": "text",
            "headline": f"Dépêche {guid}",
            "pubstatus": "usable",
            "renditions": {"nitf": {"href": body_href, "format": "NITF"}},
        }
    }


def picture_item(guid: str, href: str) -> dict:
    return {
        "item": {
            "altids": {"itemid": guid},
            "version": 0,
            "type": "picture",
            "headline": "Photo",
            "pubstatus": "usable",
            "renditions": {"main": {"href": href, "contenttype": "image/jpeg", "width": 640}},
        }
    }


def page(*items: dict, next_page: str = "") -> dict:
    return {"data": {"next_page": next_page, "items": list(items)}}


def http_feed(make_feed, location: str, **fields) -> Feed:
    return make_feed(format="ninjs", transport="http", location=location, short_name="AP", **fields)


def warnings_of(guid: str) -> list[str]:
    return Story.objects.get(guid=guid).versions.get().data["warnings"]


def test_a_next_page_on_another_port_is_not_followed(make_feed, http_server, internal):
    StandIn.pages = {"/feed": page(next_page=f"{internal}/logs?page=2")}
    feed = http_feed(make_feed, f"{http_server}/feed")
    poller.poll(feed)
    feed.refresh_from_db()
    assert InternalService.requested == []
    assert feed.cursor == "" and "Adresse refusée" in feed.last_error


def test_a_text_link_to_an_internal_service_never_reaches_the_story(make_feed, http_server, internal):
    StandIn.pages = {"/feed": page(text_item("ap-ssrf", f"{internal}/admin/"))}
    poller.poll(http_feed(make_feed, f"{http_server}/feed"))
    assert InternalService.requested == []
    story = Story.objects.get(guid="ap-ssrf")
    assert SECRET.lower() not in story.search_text
    assert any("Adresse refusée" in warning for warning in warnings_of("ap-ssrf"))


def test_a_picture_link_to_an_internal_service_is_not_fetched(
    make_feed, http_server, internal, django_capture_on_commit_callbacks
):
    StandIn.pages = {"/feed": page(picture_item("ap-photo-ssrf", f"{internal}/photo.jpg"))}
    with django_capture_on_commit_callbacks(execute=True):
        poller.poll(http_feed(make_feed, f"{http_server}/feed"))
    assert InternalService.requested == []
    [warning] = [w for w in warnings_of("ap-photo-ssrf") if w.startswith("Photo non récupérée")]
    assert "Adresse refusée" in warning


def test_a_redirect_to_an_internal_service_is_not_followed(make_feed, http_server, internal):
    StandIn.pages = {
        "/feed": page(text_item("ap-redirect", "/text/1")),
        "/text/1": Redirect(f"{internal}/admin/"),
    }
    poller.poll(http_feed(make_feed, f"{http_server}/feed"))
    assert StandIn.requested == ["/feed", "/text/1"] and InternalService.requested == []
    assert any("Adresse refusée" in warning for warning in warnings_of("ap-redirect"))


def test_a_redirect_within_the_feed_is_followed(make_feed, http_server):
    StandIn.pages = {
        "/old-feed": Redirect("/feed"),
        "/feed": page(text_item("ap-moved", "/text/1")),
        "/text/1": (FIXTURES / "ap/texte-nitf.xml").read_bytes(),
    }
    poller.poll(http_feed(make_feed, f"{http_server}/old-feed"))
    assert StandIn.requested == ["/old-feed", "/feed", "/text/1"]
    assert "Texte vide." not in warnings_of("ap-moved")


def test_a_host_the_newsroom_allows_is_followed(make_feed, http_server, internal):
    """The allow-list is how a newsroom lets a feed use its agency's second host (a CDN)."""
    StandIn.pages = {"/feed": page(text_item("ap-cdn", f"{internal}/text/1"))}
    feed = http_feed(make_feed, f"{http_server}/feed", other_hosts=internal.removeprefix("http://"))
    poller.poll(feed)
    assert InternalService.requested == ["/text/1"]
    assert SECRET.lower() in Story.objects.get(guid="ap-cdn").search_text


def test_the_desk_never_learns_whether_a_port_is_open(make_feed, http_server):
    port = closed_port()
    StandIn.pages = {
        "/feed": page(
            text_item("ap-scan-elsewhere", f"http://127.0.0.1:{port}/"),
            text_item("ap-scan-redis", "http://127.0.0.1:6379/"),
        )
    }
    poller.poll(http_feed(make_feed, f"{http_server}/feed"))
    warnings = warnings_of("ap-scan-elsewhere") + warnings_of("ap-scan-redis")
    shown = " ".join(warnings)
    assert "Adresse refusée" in shown
    for detail in ("refused", "Errno", "Connection", "urlopen", str(port), "6379"):
        assert detail not in shown.replace("127.0.0.1", ""), detail
    # The feed's own server down: the desk reads that, not the system's words for it.
    feed = http_feed(make_feed, f"http://127.0.0.1:{port}/feed")
    poller.poll(feed)
    feed.refresh_from_db()
    assert feed.last_error == "Échec de connexion à 127.0.0.1."


def test_loopback_is_refused_unless_the_setting_allows_it(make_feed, http_server, settings):
    settings.WIRE_ALLOW_LOOPBACK = False
    StandIn.pages = {"/feed": page(text_item("ap-local", "/text/1"))}
    port = http_server.rsplit(":", 1)[1]
    for location in (
        f"{http_server}/feed",
        f"http://localhost:{port}/feed",
        f"http://[::ffff:127.0.0.1]:{port}/",
    ):
        feed = http_feed(make_feed, location)
        poller.poll(feed)
        feed.refresh_from_db()
        assert "Adresse refusée" in feed.last_error and "bouclage" in feed.last_error, location
    assert StandIn.requested == [] and not Story.objects.exists()


def test_an_https_feed_is_checked_against_its_certificate(make_feed, tmp_path):
    """The connection goes to the checked address, but TLS still verifies the name's certificate."""
    key, certificate = tmp_path / "key.pem", tmp_path / "cert.pem"
    request = ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2"]
    subprocess.run(  # noqa: S603 (fixed arguments)
        [*request, "-subj", "/CN=127.0.0.1", "-keyout", str(key), "-out", str(certificate)],
        check=True,
        capture_output=True,
    )
    tls = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    tls.load_cert_chain(certificate, key)
    with serving(StandIn, tls) as url:
        feed = http_feed(make_feed, f"{url}/feed")
        poller.poll(feed)
    feed.refresh_from_db()
    assert feed.last_error == "Certificat refusé (127.0.0.1)." and StandIn.requested == []


@pytest.mark.parametrize(
    "address",
    [
        "127.0.0.1",
        "::1",
        "10.1.2.3",
        "172.16.0.1",
        "192.168.1.1",
        "100.64.0.1",  # carrier-grade NAT
        "169.254.169.254",  # cloud metadata
        "fd00:ec2::254",  # cloud metadata, IPv6
        "fe80::1",
        "224.0.0.1",
        "ff02::1",
        "0.0.0.0",  # noqa: S104
        "240.0.0.1",
        "::ffff:10.0.0.1",  # mapped
        "2002:a00:1::",  # 6to4 of 10.0.0.1
        "64:ff9b::a00:1",  # NAT64 of 10.0.0.1
    ],
)
def test_addresses_inside_the_network_are_refused(address, settings):
    settings.WIRE_ALLOW_LOOPBACK = False
    assert safe_fetch.refusal(ip_address(address))


def test_public_addresses_are_allowed():
    assert safe_fetch.refusal(ip_address("93.184.215.14")) == ""
    assert safe_fetch.refusal(ip_address("2606:2800:21f:cb07:6820:80da:af6b:8b2c")) == ""


# ----------------------------------------------------------------------------- the admin form


def feed_form(newsroom, **fields) -> dict:
    agency = newsroom.agency(name="Agence AP", short_name="AP")
    return {
        "name": "Fil AP",
        "agency": agency.pk,
        "format": "ninjs",
        "transport": "http",
        "location": "",
        "password": "",
        "other_hosts": "",
        "every_seconds": 30,
        "active": "",
        "on_kill": "unpublish",
        **fields,
    }


@pytest.fixture
def admin_client(client, make_user):
    client.force_login(make_user(is_superuser=True, is_staff=True))
    return client


@pytest.mark.parametrize(
    ("location", "expected"),
    [
        ("http://127.0.0.1:8100/admin/", "bouclage"),
        ("http://169.254.169.254/latest/meta-data/", "métadonnées"),
        ("http://10.0.0.5/feed", "privée"),
        ("http://[fd00:ec2::254]/", "métadonnées"),
        ("ftp://93.184.215.14/", "http:// ou https://"),
        ("gopher://93.184.215.14/", "http://, https:// ou ftp://"),
    ],
)
def test_the_feed_form_refuses_an_address_inside_the_network(
    admin_client, newsroom, settings, location, expected
):
    settings.WIRE_ALLOW_LOOPBACK = False
    response = admin_client.post(reverse("wire_feeds:add"), feed_form(newsroom, location=location))
    assert response.status_code == 200 and not Feed.objects.exists()
    assert expected in response.content.decode()


def test_the_feed_form_accepts_a_public_address(admin_client, newsroom):
    form = feed_form(newsroom, location="https://93.184.215.14/media/v/content/feed")
    assert admin_client.post(reverse("wire_feeds:add"), form).status_code == 302
    assert Feed.objects.get().location == "https://93.184.215.14/media/v/content/feed"


# ----------------------------------------------------------------------------- secrets


def test_the_ftp_password_is_never_shown_in_the_admin(admin_client, newsroom):
    form = feed_form(
        newsroom,
        transport="ftp",
        format="newsmlg2",
        location="ftp://afp:s3cr%C3%A9t-FTP@93.184.215.14:2121/depot",
    )
    assert admin_client.post(reverse("wire_feeds:add"), form).status_code == 302
    feed = Feed.objects.get()
    assert (feed.location, feed.password) == ("ftp://afp@93.184.215.14:2121/depot", "s3crét-FTP")
    for view in ("edit", "inspect"):
        page = admin_client.get(reverse(f"wire_feeds:{view}", args=[feed.pk])).content.decode()
        assert "s3cr" not in page, view
    assert "s3cr" not in admin_client.get(reverse("wire_feeds:index")).content.decode()
    # Saved again with the password field left blank: the password is kept.
    form.update(location=feed.location, name="Fil AFP")
    assert admin_client.post(reverse("wire_feeds:edit", args=[feed.pk]), form).status_code == 302
    feed.refresh_from_db()
    assert (feed.name, feed.password) == ("Fil AFP", "s3crét-FTP")
    form["password"] = "nouveau"
    admin_client.post(reverse("wire_feeds:edit", args=[feed.pk]), form)
    feed.refresh_from_db()
    assert feed.password == "nouveau"


def test_the_migration_moves_passwords_out_of_addresses(make_feed):
    import importlib

    from django.apps import apps

    migration = importlib.import_module("manchette.wire.migrations.0003_feed_password_and_allowed_hosts")
    ftp = make_feed(
        transport="ftp", location="ftp://afp:mot%20de%20passe@ftp.afp.test:21/fr", short_name="AFP"
    )
    folder = make_feed(transport="folder", location="/srv/wire/amn", short_name="AMN")
    migration.move_passwords_out_of_addresses(apps, None)
    ftp.refresh_from_db()
    folder.refresh_from_db()
    assert (ftp.location, ftp.password) == ("ftp://afp@ftp.afp.test:21/fr", "mot de passe")
    assert (folder.location, folder.password) == ("/srv/wire/amn", "")


# ----------------------------------------------------------------------------- unreadable files


def test_a_file_name_that_is_not_utf8_is_quarantined_and_the_folder_goes_on(make_feed, tmp_path):
    (tmp_path / "1.xml").write_bytes(g2("urn:avant", 1, "Avant"))
    bad = os.path.join(os.fsencode(tmp_path), b"d\xe9p\xeache-\xff.xml")
    with open(bad, "wb") as file:
        file.write(g2("urn:mal-nomme", 1, "Mal nommé"))
    os.utime(bad, (os.path.getmtime(tmp_path / "1.xml") + 1,) * 2)
    (tmp_path / "3.xml").write_bytes(g2("urn:apres", 1, "Après"))
    os.utime(tmp_path / "3.xml", (os.path.getmtime(bad) + 1,) * 2)
    feed = make_feed(transport="folder", location=str(tmp_path))
    poller.poll(feed)
    assert set(Story.objects.values_list("guid", flat=True)) == {"urn:avant", "urn:apres"}
    quarantined = ReceivedFile.objects.get(status="quarantined")
    assert quarantined.name == "d\\xe9p\\xeache-\\xff.xml" and "UTF-8" in quarantined.error
    feed.refresh_from_db()
    assert feed.last_success_at and "UTF-8" in feed.last_error and feed.errors_count == 1
    (tmp_path / "4.xml").write_bytes(g2("urn:ensuite", 1, "Ensuite"))
    assert [result.name for result in poller.poll(feed)] == ["4.xml"]  # quarantined once, not again
    feed.refresh_from_db()
    assert feed.errors_count == 1


def test_a_file_the_ftp_server_cannot_give_is_quarantined_and_the_feed_goes_on(make_feed, ftp_server):
    port, root = ftp_server
    with open(os.path.join(os.fsencode(root), b"mal-\xff.xml"), "wb") as file:
        file.write(g2("urn:ftp-mal", 1, "Mal nommé"))
    (root / "zz-bien.xml").write_bytes(g2("urn:ftp-bien", 1, "Bien nommé"))
    feed = make_feed(transport="ftp", location=f"ftp://afp@127.0.0.1:{port}/", password="secret")
    poller.poll(feed)
    feed.refresh_from_db()
    assert Story.objects.filter(guid="urn:ftp-bien").exists(), feed.last_error
    assert ReceivedFile.objects.filter(status="quarantined").count() == 1
    assert feed.errors_count == 1 and feed.last_error


def test_a_poll_that_fails_on_a_bad_address_reaches_the_feed(make_feed):
    feed = make_feed(transport="ftp", location="ftp://afp@ftp.afp.test:99999/")  # no such port
    assert poller.poll(feed) == []
    feed.refresh_from_db()
    assert "Adresse FTP invalide" in feed.last_error
