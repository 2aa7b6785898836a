"""The wire's tests read this project's own agency files, tests/wire/fixtures (FIXTURES), so a
clone of the repository runs them alone. The real agency and IPTC samples of
../shared/wire/samples are read by tests/conformance/test_wire_samples.py."""

import ssl
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from pyftpdlib.authorizers import DummyAuthorizer
from pyftpdlib.handlers import FTPHandler
from pyftpdlib.servers import FTPServer

from manchette.wire.models import Feed

from .standin import StandIn

FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture(autouse=True)
def stand_in_agencies_on_loopback(settings) -> None:
    """The stand-in agency servers of these tests listen on loopback, which the wire worker
    refuses unless told (the tests of that refusal turn it off again)."""
    settings.WIRE_ALLOW_LOOPBACK = True


@pytest.fixture
def make_feed(newsroom):
    def make(format: str = "newsmlg2", transport: str = "manual", short_name: str = "AFP", **fields) -> Feed:
        agency = newsroom.agency(name=f"Agence {short_name}", short_name=short_name)
        return Feed.objects.create(
            name=f"Fil {short_name} {format}", agency=agency, format=format, transport=transport, **fields
        )

    return make


@contextmanager
def serving(handler: type[BaseHTTPRequestHandler], tls: ssl.SSLContext | None = None) -> Iterator[str]:
    """An HTTP server on a free loopback port, in a thread, for the block: yields its root URL."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    if tls is not None:
        server.socket = tls.wrap_socket(server.socket, server_side=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"{'https' if tls else 'http'}://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        thread.join(5)


@pytest.fixture(scope="module")
def http_server() -> Iterator[str]:
    with serving(StandIn) as url:
        yield url


@pytest.fixture(scope="module")
def ftp_server(tmp_path_factory) -> Iterator[tuple[int, Path]]:
    root = tmp_path_factory.mktemp("ftp")
    authorizer = DummyAuthorizer()
    authorizer.add_user("afp", "secret", str(root), perm="elr")
    handler = type("Handler", (FTPHandler,), {"authorizer": authorizer, "banner": "test"})
    server = FTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, kwargs={"timeout": 0.2}, daemon=True)
    thread.start()
    try:
        yield server.socket.getsockname()[1], root
    finally:
        server.close_all()
        thread.join(5)
