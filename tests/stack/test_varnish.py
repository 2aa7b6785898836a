"""The paywall survives the shared cache: requests go through a real Varnish (the shipped
deploy/varnish/manchette.vcl) in front of a real gunicorn, on the demo newsroom.

A subscriber's full article is never stored nor served to anyone else; logging in or out
shows the reader's own page at once; a cached anonymous page carries no CSRF token, session,
account link or flash message; the language cookie is part of the cache key; POST passes;
publishing purges both the plain and the compressed copy; grace serves the stale page while
the application is down.
"""

import gzip
import json
import re
import shutil
import subprocess
from dataclasses import dataclass
from html import unescape

import pytest
from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage

from .conftest import Stack, StackFactory
from .servers import VCL, Response, request, wait_until

DEMO_PASSWORD = "manchette-demo"
GZIP = {"Accept-Encoding": "gzip"}
SUBSCRIBER = "abonne@manchette.test"
READER = "lecteur@manchette.test"

# Prints what the tests need to know of the stack's demo content, read from its database.
_FACTS = """
import json, re
from django.utils.html import strip_tags
from manchette.articles.models import ArticlePage, SectionPage
articles = ArticlePage.objects.live().order_by("pk")
premium = articles.filter(premium=True).first()
free = [article for article in articles.filter(premium=False) if article.tags.exists()]
last = [strip_tags(b.value.source) for b in premium.body if b.block_type == "paragraph"][-1]
print(json.dumps({
    "premium_url": premium.url,
    "premium_title": premium.title,
    "premium_ending": max(re.findall(r"[^\\W\\d_][^\\W\\d_ ]*(?: [^\\W\\d_]+){3,7}", last), key=len),
    "free_url": free[0].url,
    "other_free_url": free[1].url,
    "free_id": free[0].pk,
}))
"""


@dataclass
class Demo:
    premium_url: str
    premium_title: str
    premium_ending: str  # words from the last paragraph of the premium article: subscribers only
    free_url: str
    other_free_url: str
    free_id: int


@pytest.fixture(scope="module")
def stack(make_module_stack: StackFactory) -> Stack:
    """One application server (2 workers), the database task worker and Varnish in front."""
    return make_module_stack(apps=1, workers=1)


@pytest.fixture(scope="module")
def demo(stack: Stack) -> Demo:
    return Demo(**json.loads(stack.manage("shell", "-c", _FACTS).strip().splitlines()[-1]))


def _purge(stack: Stack, path: str) -> None:
    assert request(stack.url + path, "PURGE").status == 200


def _fetch(stack: Stack, path: str, **kwargs) -> Response:
    response = request(stack.url + path, **kwargs)
    assert response.status == 200, (path, response.status, response.text[:500])
    return response


def _hidden_fields(html: str) -> dict[str, str]:
    return {
        name: unescape(value)
        for name, value in re.findall(
            r'<input[^>]*type="hidden"[^>]*name="([^"]+)"[^>]*value="([^"]*)"', html
        )
    }


def _log_in(stack: Stack, email: str) -> dict[str, str]:
    """Logs in through Varnish, as a browser does; returns the reader's cookies."""
    form_url = stack.url + "/compte/login/"
    form = _fetch(stack, "/compte/login/")
    cookies = form.cookies()
    answer = request(
        form_url,
        "POST",
        cookies=cookies,
        headers={"Content-Type": "application/x-www-form-urlencoded", "Referer": form_url},
        body=_form({**_hidden_fields(form.text), "login": email, "password": DEMO_PASSWORD}),
    )
    assert answer.status == 302, answer.text[:2000]
    cookies.update(answer.cookies())
    assert settings.SESSION_COOKIE_NAME in cookies
    return cookies


def _log_out(stack: Stack, cookies: dict[str, str]) -> dict[str, str]:
    page = _fetch(stack, "/compte/logout/", cookies=cookies)
    answer = request(
        stack.url + "/compte/logout/",
        "POST",
        cookies=cookies,
        headers={"Content-Type": "application/x-www-form-urlencoded", "Referer": stack.url + "/"},
        body=_form(_hidden_fields(page.text)),
    )
    assert answer.status == 302, answer.text[:2000]
    left = {**cookies, **answer.cookies()}
    return {name: value for name, value in left.items() if value not in ("", '""')}


def _form(fields: dict[str, str]) -> str:
    from urllib.parse import urlencode

    return urlencode(fields)


# The header's "Mon compte" link, shown to a logged-in reader only (the newsletter block
# links every reader to /mon-compte/newsletters/).
ACCOUNT_LINK = 'href="/mon-compte/"'


def _personal_traces(html: str) -> list[str]:
    """What a page shared by every anonymous reader must never contain."""
    traces = ["csrfmiddlewaretoken", 'class="messages"', ACCOUNT_LINK, SUBSCRIBER, READER]
    return [trace for trace in traces if trace in html]


# --------------------------------------------------------------------------- caching


def test_anonymous_pages_are_cached_and_shared(stack: Stack, demo: Demo) -> None:
    for path in ("/", demo.free_url, demo.premium_url, "/rss.xml"):
        _purge(stack, path)
        first = _fetch(stack, path)
        second = _fetch(stack, path)
        assert not first.cache_hit
        assert second.cache_hit, (path, second.headers)
        assert second.body == first.body
        assert "public" in second.header("Cache-Control")
        assert "s-maxage" in second.header("Cache-Control")
        assert not second.cookies(), "a shared page sets no cookie"


def test_head_is_answered_from_the_cache_too(stack: Stack, demo: Demo) -> None:
    _purge(stack, demo.free_url)
    _fetch(stack, demo.free_url)
    head = request(stack.url + demo.free_url, "HEAD")
    assert head.status == 200
    assert head.cache_hit
    assert head.body == b""


def test_irrelevant_cookies_do_not_split_the_cache(stack: Stack, demo: Demo) -> None:
    _purge(stack, demo.free_url)
    anonymous = _fetch(stack, demo.free_url)
    with_cookies = _fetch(
        stack, demo.free_url, cookies={"_ga": "GA1.2.3", "csrftoken": "x" * 32, "_pk_id.1": "abc"}
    )
    assert with_cookies.cache_hit
    assert with_cookies.body == anonymous.body
    # Campaign parameters neither.
    assert _fetch(stack, demo.free_url + "?utm_source=lettre&utm_medium=email").cache_hit


def test_the_language_cookie_is_part_of_the_cache_key(stack: Stack) -> None:
    language = settings.LANGUAGE_COOKIE_NAME
    _purge(stack, "/")
    french = _fetch(stack, "/")
    english = _fetch(stack, "/", cookies={language: "en", "_ga": "GA1.2.3"})
    assert french.header("Content-Language") == "fr"
    assert english.header("Content-Language") == "en"
    assert not english.cache_hit, "the English page is not the French one from the cache"
    assert english.body != french.body
    english_again = _fetch(stack, "/", cookies={"_gid": "1", language: "en"})
    assert english_again.cache_hit
    assert english_again.header("Content-Language") == "en"
    assert _fetch(stack, "/").header("Content-Language") == "fr"
    # A purge drops every language.
    _purge(stack, "/")
    assert not _fetch(stack, "/", cookies={language: "en"}).cache_hit


def test_post_always_reaches_the_application(stack: Stack) -> None:
    def posts_seen() -> int:
        return stack.apps[0].output().count('"POST /compte/login/')

    before = posts_seen()
    for _ in range(2):
        answer = request(stack.url + "/compte/login/", "POST", body="login=x&password=y",
                         headers={"Content-Type": "application/x-www-form-urlencoded"})
        assert answer.status == 403  # Django's CSRF check: no token, no cookie
        assert not answer.cache_hit
    # The application server's access log has both.
    wait_until(lambda: posts_seen() == before + 2, timeout=5, what="both POSTs in the access log")


def test_what_the_application_does_not_mark_shareable_is_not_stored(stack: Stack) -> None:
    missing = request(stack.url + "/cette-page-n-existe-pas/")
    assert missing.status == 404
    assert "public" not in missing.header("Cache-Control")
    again = request(stack.url + "/cette-page-n-existe-pas/")
    assert again.status == 404
    assert not again.cache_hit


def test_static_and_media_files_are_kept_long_and_html_is_compressed(stack: Stack, demo: Demo) -> None:
    _purge(stack, demo.free_url)
    compressed = [_fetch(stack, demo.free_url, headers=GZIP) for _ in range(2)]
    assert [page.header("Content-Encoding") for page in compressed] == ["gzip", "gzip"]
    assert compressed[1].cache_hit
    # Who can't read gzip gets a plain copy stored for them, not the gzip one inflated each time.
    plain = [_fetch(stack, demo.free_url) for _ in range(2)]
    assert [page.header("Content-Encoding") for page in plain] == ["", ""]
    assert not plain[0].cache_hit and plain[1].cache_hit
    assert plain[1].body == gzip.decompress(compressed[1].body)

    html = _fetch(stack, demo.free_url).text
    stylesheet = re.search(r'href="(/static/[^"]+\.css)"', html).group(1)
    picture = re.search(r'src="(/media/[^"]+)"', html).group(1)
    for path in (stylesheet, picture):
        _fetch(stack, path)
        again = _fetch(stack, path, cookies={settings.SESSION_COOKIE_NAME: "not-a-session"})
        assert again.cache_hit, path
        max_age = int(re.search(r"max-age=(\d+)", again.header("Cache-Control")).group(1))
        assert max_age >= 30 * 24 * 3600, (path, again.header("Cache-Control"))


def test_the_shipped_configuration_compiles_with_the_operators_backends_file(tmp_path) -> None:
    # The backends file an operator copies (one server on port 8000), not the tests' own.
    compiled = subprocess.run(  # noqa: S603
        [shutil.which("varnishd"), "-C", "-f", str(VCL), "-n", str(tmp_path / "varnishd"),
         "-p", f"vcl_path={VCL.parent}"],
        capture_output=True, text=True, check=False,
    )
    assert compiled.returncode == 0, compiled.stderr[-3000:]
    assert "app1" in (VCL.parent / "manchette-backends.vcl").read_text()


def test_the_vcl_names_the_cookies_django_uses() -> None:
    vcl = VCL.read_text()
    for cookie in (settings.SESSION_COOKIE_NAME, settings.LANGUAGE_COOKIE_NAME, CookieStorage.cookie_name):
        assert f"{cookie}=" in vcl or f"|{cookie})=" in vcl or f"({cookie}|" in vcl, cookie


# --------------------------------------------------------------------------- the paywall


def test_a_subscribers_full_article_is_never_stored_nor_shared(stack: Stack, demo: Demo) -> None:
    subscriber = _log_in(stack, SUBSCRIBER)
    _purge(stack, demo.premium_url)
    for _ in range(2):
        full = _fetch(stack, demo.premium_url, cookies={**subscriber, "_ga": "GA1.2.3"})
        assert demo.premium_ending in unescape(full.text), "the subscriber reads the whole article"
        assert not full.cache_hit
        assert "private" in full.header("Cache-Control")

    anonymous = _fetch(stack, demo.premium_url)
    again = _fetch(stack, demo.premium_url)
    assert again.cache_hit
    for page in (anonymous, again):
        assert demo.premium_title in unescape(page.text)
        assert demo.premium_ending not in unescape(page.text)
        assert _personal_traces(page.text) == []
    # A stale session cookie still passes: its owner might be logged in elsewhere.
    stale = _fetch(stack, demo.premium_url, cookies={settings.SESSION_COOKIE_NAME: "expired"})
    assert not stale.cache_hit


def test_logging_in_and_out_shows_the_readers_own_page_at_once(stack: Stack, demo: Demo) -> None:
    _purge(stack, demo.premium_url)
    _fetch(stack, demo.premium_url)
    assert _fetch(stack, demo.premium_url).cache_hit  # the paywalled page is in the cache

    subscriber = _log_in(stack, SUBSCRIBER)
    page = _fetch(stack, demo.premium_url, cookies=subscriber)
    assert demo.premium_ending in unescape(page.text)
    assert ACCOUNT_LINK in page.text

    after = _log_out(stack, subscriber)
    assert settings.SESSION_COOKIE_NAME not in after
    page = _fetch(stack, demo.premium_url, cookies=after)
    assert demo.premium_ending not in unescape(page.text)
    assert ACCOUNT_LINK not in page.text

    reader = _log_in(stack, READER)
    page = _fetch(stack, demo.premium_url, cookies=reader)
    assert demo.premium_ending not in unescape(page.text)
    assert ACCOUNT_LINK in page.text, "the logged-in reader sees their own page, not the cached one"
    assert not page.cache_hit


def test_a_flash_message_is_shown_to_its_reader_and_never_cached(stack: Stack, demo: Demo) -> None:
    after_logout = _log_out(stack, _log_in(stack, READER))
    assert CookieStorage.cookie_name in after_logout, "the goodbye message waits in its cookie"
    _purge(stack, "/")
    _fetch(stack, "/")  # the anonymous home page, cached

    own = _fetch(stack, "/", cookies=after_logout)
    assert 'class="messages"' in own.text
    assert not own.cache_hit
    assert "private" in own.header("Cache-Control")

    shared = _fetch(stack, "/")
    assert shared.cache_hit
    assert _personal_traces(shared.text) == []


# --------------------------------------------------------------------------- purging


def test_publishing_purges_the_article_and_the_lists_plain_and_compressed(stack: Stack, demo: Demo) -> None:
    section_url = demo.free_url.rstrip("/").rsplit("/", 1)[0] + "/"
    for path in (demo.free_url, section_url, "/", "/rss.xml"):
        for headers in (GZIP, {}):
            _fetch(stack, path, headers=headers)
            assert _fetch(stack, path, headers=headers).cache_hit
    title = "Un titre corrigé après publication"

    stack.manage("shell", "-c", (
        "from manchette.articles.models import ArticlePage\n"
        f"page = ArticlePage.objects.get(pk={demo.free_id})\n"
        f"page.title = {title!r}\n"
        "page.save_revision().publish()\n"
    ))
    for path in (demo.free_url, section_url, "/", "/rss.xml"):
        wait_until(lambda path=path: title in unescape(request(stack.url + path).text), timeout=10,
                   interval=0.02, what=f"{path} shows the new title")
        compressed = request(stack.url + path, headers=GZIP)
        assert title in unescape(gzip.decompress(compressed.body).decode()), path


def test_unpublishing_purges_the_article(stack: Stack, demo: Demo) -> None:
    _fetch(stack, demo.other_free_url)
    assert _fetch(stack, demo.other_free_url).cache_hit
    stack.manage("shell", "-c", (
        "from wagtail.models import Page\n"
        f"Page.objects.get(url_path__endswith={demo.other_free_url!r}).specific.unpublish()\n"
    ))
    wait_until(lambda: request(stack.url + demo.other_free_url).status == 404, timeout=5,
               what="the unpublished article is gone")


def test_only_the_purgers_acl_may_purge(stack: Stack) -> None:
    _fetch(stack, "/")
    # 127.0.0.2 is this machine too, but not in the VCL's `purgers` list.
    refused = request(stack.url + "/", "PURGE", source_address="127.0.0.2")
    assert refused.status == 405
    assert _fetch(stack, "/").cache_hit
    _purge(stack, "/")
    assert not _fetch(stack, "/").cache_hit


def test_in_production_the_https_redirect_is_never_served_from_the_cache(make_stack: StackFactory) -> None:
    # Production settings redirect plain HTTP to HTTPS; a TLS proxy in front of Varnish says
    # X-Forwarded-Proto: https. The probe reads robots.txt over plain HTTP all the same.
    stack = make_stack(env={"MANCHETTE_ENV": "production", "ALLOWED_HOSTS": "127.0.0.1",
                            "EMAIL_URL": "smtp://127.0.0.1:1"})
    https = {"X-Forwarded-Proto": "https"}
    redirect = request(stack.url + "/", headers={})
    assert redirect.status == 301
    assert redirect.header("Location").startswith("https://")
    first = request(stack.url + "/", headers=https)
    second = request(stack.url + "/", headers=https)
    assert (first.status, second.status) == (200, 200), "the redirect was not kept for HTTPS readers"
    assert second.cache_hit
    assert request(stack.url + "/", headers={}).status == 301


# --------------------------------------------------------------------------- grace


def test_grace_serves_the_stale_page_while_the_application_is_down(make_stack: StackFactory) -> None:
    stack = make_stack(apps=1, env={"PUBLIC_PAGE_MAX_AGE": "1"})
    fresh = _fetch(stack, "/")
    app = stack.apps[0]
    app.kill()

    # Past its one-second lifetime, the page keeps coming from the cache.
    wait_until(lambda: int(request(stack.url + "/").header("Age") or 0) >= 3, timeout=20,
               what="the cached home page grows older than its lifetime")
    stale = request(stack.url + "/")
    assert stale.status == 200
    assert stale.body == fresh.body
    # A page the cache never held cannot be served: a French error page, no traceback.
    missing = request(stack.url + "/rss.xml")
    assert missing.status == 503
    assert "Service momentanément indisponible" in missing.text
    in_english = request(stack.url + "/rss.xml", cookies={settings.LANGUAGE_COOKIE_NAME: "en"})
    assert in_english.status == 503
    assert "Service temporarily unavailable" in in_english.text

    stack.start_app(port=app.port)
    wait_until(lambda: int(request(stack.url + "/").header("Age") or 0) < 2, timeout=30,
               what="a fresh page once the application is back")
