"""Browser tests: Debian's Chromium, driven by Playwright, against pytest-django's live server.

Run them after `collectstatic` (the pages link the hashed file names of the manifest
storage), as `make test` does. Never run
`playwright install`: /usr/bin/chromium comes from Debian (scripts/install-test-deps).
"""

import json
import os
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest

# Playwright's sync API runs an event loop in the test thread, and Django refuses ORM
# calls from a thread with a running loop unless told it is safe (it is: one thread).
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM = "/usr/bin/chromium"
SCREENSHOT_DIR = Path(__file__).resolve().parents[2] / "test-output" / "screenshots"
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1440, "height": 900}
VIEWPORTS = {"390": PHONE, "1440": DESKTOP}


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    if not Path(CHROMIUM).exists():
        pytest.skip(f"{CHROMIUM} is missing: run scripts/install-test-deps (never `playwright install`)")
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
            "--disable-background-networking", "--disable-component-update",
            "--disable-sync", "--no-first-run",
        ],
    }


class _RequestsInFlight:
    """The live server's application, counting the requests it has not finished answering.

    Pages still send requests as they are left: Wagtail's editor releases its editing
    session with a beacon on `pagehide`. A test must wait for them before its database
    is flushed, or the flush and the late request fight over the tables.
    """

    def __init__(self, application, one_at_a_time: bool) -> None:
        self.application = application
        self.count = 0
        self.changed = threading.Condition()
        # On SQLite every request thread shares the test's one in-memory connection
        # (pytest-django's connections_override): two requests at once break it with
        # "bad parameter or other API misuse". They take turns, from call to close.
        self.turn = threading.Lock() if one_at_a_time else None

    def _done(self) -> None:
        if self.turn is not None:
            self.turn.release()
        self._add(-1)

    def _add(self, step: int) -> None:
        with self.changed:
            self.count += step
            self.changed.notify_all()

    def __call__(self, environ, start_response):
        self._add(1)
        if self.turn is not None:
            self.turn.acquire()
        try:
            response = self.application(environ, start_response)
        except BaseException:
            self._done()
            raise
        return _FinishedOnClose(response, self._done)

    def wait_until_quiet(self, quiet_for: float = 0.3, give_up_after: float = 10.0) -> None:
        """Returns once no request has been in flight for `quiet_for` seconds."""
        deadline = time.monotonic() + give_up_after
        with self.changed:
            while time.monotonic() < deadline:
                if self.count == 0 and not self.changed.wait(timeout=quiet_for):
                    return
                if self.count:
                    self.changed.wait(timeout=deadline - time.monotonic())


class _FinishedOnClose:
    def __init__(self, response, on_close: Callable[[], None]) -> None:
        self.response = response
        self.on_close = on_close

    def __iter__(self):
        return iter(self.response)

    def close(self) -> None:
        try:
            if hasattr(self.response, "close"):
                self.response.close()
        finally:
            self.on_close()


@pytest.fixture(scope="session")
def live_server(request):
    """pytest-django's live server, except that static files go through WhiteNoise.

    pytest-django serves /static/ with staticfiles' finders, which do not know the hashed
    names (site.<hash>.css) that the manifest storage writes into pages: the stylesheet
    would be a 404. WhiteNoise, already in the middleware, serves STATIC_ROOT as in
    production. Media files are still served by the live server from settings.MEDIA_ROOT.
    """
    from pytest_django.live_server_helper import LiveServer

    addr = (
        request.config.getvalue("liveserver")
        or os.getenv("DJANGO_LIVE_TEST_SERVER_ADDRESS")
        or "localhost"
    )
    server = LiveServer(addr, start=False)
    server.requests_in_flight = None

    from django.db import connection

    def count_requests(application):
        server.requests_in_flight = _RequestsInFlight(application, connection.vendor == "sqlite")
        return server.requests_in_flight

    server.thread.static_handler = count_requests
    server.start()
    yield server
    server.stop()


@contextmanager
def _model_signals_muted() -> Iterator[None]:
    """Rows put back as they were: no search indexing, no content type made on the fly."""
    from django.db.models import signals

    muted = [signals.pre_save, signals.post_save, signals.m2m_changed]
    receivers = [signal.receivers for signal in muted]
    for signal in muted:
        signal.receivers = []
        signal.sender_receivers_cache.clear()
    try:
        yield
    finally:
        for signal, saved in zip(muted, receivers, strict=True):
            signal.receivers = saved
            signal.sender_receivers_cache.clear()


def _content_types_first(snapshot: str) -> str:
    objects = json.loads(snapshot)
    objects.sort(key=lambda obj: obj["model"] != "contenttypes.contenttype")  # stable
    return json.dumps(objects)


def _snapshot() -> str:
    """Every row of the test database, as JSON, content types first."""
    from django.db import connection

    return _content_types_first(connection.creation.serialize_db_to_string())


def _put_back(snapshot: str) -> None:
    """Empties the test database and puts back the rows of `snapshot`, with their ids."""
    from django.contrib.contenttypes.models import ContentType
    from django.core.cache import cache
    from django.core.management import call_command
    from django.db import connection

    # Sequences keep counting (reset_sequences=False): the rows put back keep their
    # ids, and on PostgreSQL a restarted sequence would hand those ids out again.
    call_command("flush", interactive=False, inhibit_post_migrate=True, reset_sequences=False, verbosity=0)
    # The flushes gave content types new ids; the snapshot brings back the old ones,
    # first: Wagtail's page and task models look theirs up as they are built.
    ContentType.objects.clear_cache()
    with _model_signals_muted():
        connection.creation.deserialize_db_from_string(snapshot)
    ContentType.objects.clear_cache()
    cache.clear()  # fragments and query results cached from the rows that were there


@pytest.fixture(scope="module", autouse=True)
def _database_left_as_found(django_db_setup, django_db_blocker) -> Iterator[None]:
    """Puts the test database back as it was before this module's live_server tests.

    Each live_server test ends by flushing every table, Wagtail's root page, locale and
    collection and the newsroom's groups included. Tests that pytest-django runs after
    the transactional ones, such as those on module-scoped data (tests/conftest.py),
    expect what the migrations made: without this they fail on a missing root page.
    """
    with django_db_blocker.unblock():
        snapshot = _snapshot()
    yield
    with django_db_blocker.unblock():
        _put_back(snapshot)


@pytest.fixture(scope="session")
def browser_media_root(tmp_path_factory) -> Path:
    """Demo pictures and renditions go to a temporary folder, not the developer's var/media."""
    return tmp_path_factory.mktemp("browser-media")


@dataclass
class OpenedPage:
    page: object
    requests: list[str]
    failures: list[str]
    console_errors: list[str]


@dataclass
class LiveDemo:
    """The live server with the demo newsroom loaded, and a way to open its pages."""

    url: str
    lead: object  # the demo lead ArticlePage (first of manchette/demo/content.py ARTICLES)
    section: object  # the lead's SectionPage
    open_page: Callable[..., OpenedPage] = field(repr=False)

    @property
    def netloc(self) -> str:
        return urlsplit(self.url).netloc


SUBSCRIBER_EMAIL = "abonne@manchette.test"  # a demo reader with a subscription (demo/loader.py)


def _session_cookie_of(email: str) -> dict:
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.test import Client

    client = Client()
    client.force_login(get_user_model().objects.get(email=email))
    return {"name": settings.SESSION_COOKIE_NAME, "value": client.cookies[settings.SESSION_COOKIE_NAME].value}


@pytest.fixture(scope="session")
def demo_snapshot() -> list[str]:
    """The rows of the demo newsroom once loaded (its pictures stay in `browser_media_root`).

    Loading the demo makes its pictures and their renditions, about ten seconds; putting its
    rows back takes about one. Every browser test starts from the same rows.
    """
    return []


@pytest.fixture
def live_demo(
    live_server, settings, browser_media_root, demo_snapshot, browser, new_context
) -> Iterator[LiveDemo]:
    """The demo content in the (flushed) test database, and the Site pointed at the live server."""
    from wagtail.models import Site

    from manchette.articles.models import ArticlePage
    from manchette.demo import content
    from manchette.demo.loader import load_demo
    from manchette.newsroom.services import ensure_newsroom
    from tests.conftest import restore_wagtail_roots

    settings.MEDIA_ROOT = str(browser_media_root)
    if demo_snapshot:
        _put_back(demo_snapshot[0])
    else:
        restore_wagtail_roots()
        ensure_newsroom()  # the demo people join the newsroom's groups
        load_demo()
        demo_snapshot.append(_snapshot())
    live = urlsplit(live_server.url)
    Site.objects.filter(is_default_site=True).update(hostname=live.hostname, port=live.port)

    lead = ArticlePage.objects.get(slug=content.ARTICLES[0]["slug"])

    def open_page(path: str, viewport: dict, *, subscriber: bool = False, status: int = 200) -> OpenedPage:
        """Opens `path`, which must answer `status`; any other failed request is recorded."""
        context = new_context(viewport=viewport, locale="fr-FR", timezone_id="Europe/Paris")
        if subscriber:
            context.add_cookies([{**_session_cookie_of(SUBSCRIBER_EMAIL), "url": live_server.url}])
        page = context.new_page()
        opened = OpenedPage(page, requests=[], failures=[], console_errors=[])

        expected = (live_server.url + path, status)

        def on_response(response) -> None:
            if response.status >= 400 and (response.url, response.status) != expected:
                opened.failures.append(f"{response.url} (HTTP {response.status})")

        def on_console(message) -> None:
            # Chromium reports an error status of the page itself, even the expected 404.
            if message.type == "error" and not (status >= 400 and message.location.get("url") == expected[0]):
                opened.console_errors.append(message.text)

        page.on("request", lambda request: opened.requests.append(request.url))
        page.on("requestfailed", lambda request: opened.failures.append(f"{request.url} ({request.failure})"))
        page.on("response", on_response)
        page.on("console", on_console)
        response = page.goto(live_server.url + path, wait_until="load")
        answered = response.status if response is not None else None
        assert answered == status, f"GET {path}: {answered}, expected {status}"
        # Lazy images below the fold load as the reader scrolls; a full-page screenshot
        # shows them only once they are fetched, so scroll through the page first.
        page.evaluate(
            """async () => {
                for (let y = 0; y < document.body.scrollHeight; y += window.innerHeight) {
                    window.scrollTo(0, y);
                    await new Promise(r => setTimeout(r, 50));
                }
                window.scrollTo(0, 0);
            }"""
        )
        page.wait_for_load_state("networkidle")
        return opened

    yield LiveDemo(url=live_server.url, lead=lead, section=lead.get_parent().specific, open_page=open_page)
    # Leave every page (its `pagehide` requests go out) and let the server answer them
    # before the database is flushed.
    for context in browser.contexts:
        for page in context.pages:
            page.goto("about:blank")
    live_server.requests_in_flight.wait_until_quiet()


def screenshot(page, name: str) -> Path:
    SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOT_DIR / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def wait_for_autofocus(page, name: str) -> None:
    """Waits until the page has focused what it marks `autofocus` (an error summary, a note, a
    field). Chromium focuses it when it next updates the rendering, which on a busy machine can
    come after the load event: read at once, the focus can still be on the body (a CI run of
    7 December 2026). If nothing is focused after 10 s, the screenshot `name` shows the page."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    try:
        page.wait_for_function("() => document.activeElement && document.activeElement !== document.body",
                               timeout=10_000)
    except PlaywrightTimeout:
        path = screenshot(page, name)
        raise AssertionError(f"{page.url} focused nothing as it opened: see {path}") from None


def assert_no_serious_axe_violations(page, label: str) -> None:
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    violations = results.response["violations"]
    serious = [v for v in violations if v.get("impact") in {"serious", "critical"}]
    if violations:
        print(f"\naxe on {label}: {len(violations)} violation(s)")
        for violation in violations:
            print(f"  - {violation['id']} ({violation['impact']}): {violation['help']}")
            print(f"    {violation['helpUrl']}")
            for node in violation["nodes"]:
                print(f"      {node['target']}: {node.get('failureSummary', '').replace(chr(10), ' ')}")
    assert not serious, f"axe found serious or critical violations on {label}: " + ", ".join(
        f"{v['id']} ({v['impact']}, {len(v['nodes'])} node(s))" for v in serious
    )


def assert_only_live_server_requests(opened: OpenedPage, site: LiveDemo) -> None:
    foreign = [
        url for url in opened.requests
        if urlsplit(url).scheme in {"http", "https", "ws", "wss"} and urlsplit(url).netloc != site.netloc
    ]
    assert not foreign, f"requests to other hosts than {site.netloc}: {foreign}"
    assert not opened.failures, f"failed requests: {opened.failures}"


def assert_no_horizontal_overflow(page, label: str) -> None:
    overflow = page.evaluate(
        """() => {
            const width = document.documentElement.clientWidth;
            const wide = [...document.querySelectorAll('body *')]
                .filter(el => el.getBoundingClientRect().right > width + 1)
                .map(el => el.tagName.toLowerCase() + (el.className ? '.' + el.className : ''));
            return {scrollWidth: document.documentElement.scrollWidth, width, wide: wide.slice(0, 10)};
        }"""
    )
    assert overflow["scrollWidth"] <= overflow["width"], f"{label} scrolls sideways: {overflow}"


# Every control a keyboard reaches in the page's main content that lies, even in part,
# beyond the left or right edge of the screen (WCAG 1.4.10: reflow).
_CONTROLS_OFF_SCREEN = """() => {
    const width = document.documentElement.clientWidth;
    const controls = ['a[href]', 'button', 'select', 'input:not([type=hidden])', 'textarea',
                      '[tabindex]:not([tabindex="-1"])'];
    return [...document.querySelectorAll(controls.map(control => 'main ' + control).join(', '))]
        .map(el => ({el, box: el.getBoundingClientRect()}))
        .filter(({box}) => box.width > 0 && (box.left < 0 || box.right > width + 1))
        .map(({el, box}) => el.tagName.toLowerCase()
             + ' "' + (el.innerText || el.name || el.id).trim().slice(0, 40) + '" '
             + Math.round(box.left) + '-' + Math.round(box.right));
}"""


def assert_controls_on_screen(page, label: str) -> None:
    """No focusable control of the page's main content lies outside the viewport's width."""
    outside = page.evaluate(_CONTROLS_OFF_SCREEN)
    assert not outside, f"controls outside the screen on {label}: {outside}"


def check_page_quality(opened: OpenedPage, site: LiveDemo, label: str) -> None:
    """Self-hosted, no sideways scrolling, no serious axe violation, no script error."""
    assert_only_live_server_requests(opened, site)
    assert_no_horizontal_overflow(opened.page, label)
    assert_no_serious_axe_violations(opened.page, label)
    assert not opened.console_errors, opened.console_errors
