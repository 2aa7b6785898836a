"""A gift link through the real Varnish (the shipped VCL) in front of gunicorn (issue 25).

The friend's page, whole, is never stored: the plain address asked from another client
afterwards (and by the friend, without the token) is the public paywalled page, from the
cache or fresh; the gift link itself is passed to the application each time, which counts
one opening per browser thanks to the cookie Varnish lets through for it.
"""

import gzip
import json

import pytest

from .conftest import Stack, StackFactory
from .servers import request

GZIP = {"Accept-Encoding": "gzip"}

# Makes the demo subscriber's gift link to the first premium article; prints what the test needs.
_GIFT = """
import json, re
from django.contrib.auth import get_user_model
from django.utils.html import strip_tags
from urllib.parse import urlsplit
from manchette.articles.models import ArticlePage
from manchette.gifts import links
article = ArticlePage.objects.live().filter(premium=True).order_by("pk").first()
last = [strip_tags(b.value.source) for b in article.body if b.block_type == "paragraph"][-1]
gift = links.offer(get_user_model().objects.get(email="abonne@manchette.test"), article)
url = urlsplit(links.url_of(gift))
print(json.dumps({
    "plain": article.url,
    "gift": f"{url.path}?{url.query}",
    "ending": " ".join(last.split()[-6:]),
    "gift_id": gift.pk,
}))
"""


@pytest.fixture(scope="module")
def stack(make_module_stack: StackFactory) -> Stack:
    return make_module_stack(apps=1)


def _get(stack: Stack, path: str, **kwargs):
    response = request(stack.url + path, **kwargs)
    assert response.status == 200, (path, response.status, response.text[:300])
    return response


def _text(response) -> str:
    if response.header("Content-Encoding") == "gzip":
        return gzip.decompress(response.body).decode()
    return response.text


def _openings(stack: Stack, gift_id: int) -> int:
    script = f"from manchette.gifts.models import Gift; print(Gift.objects.get(pk={gift_id}).openings)"
    return int(stack.manage("shell", "-c", script).strip().splitlines()[-1])


def test_a_gift_opened_through_varnish_never_becomes_the_public_page(stack: Stack) -> None:
    facts = json.loads(stack.manage("shell", "-c", _GIFT).strip().splitlines()[-1])
    plain, gift, ending = facts["plain"], facts["gift"], facts["ending"]

    for headers in (GZIP, {}):  # the compressed and the plain copy are both cached, then both checked
        before = _get(stack, plain, headers=headers)
        assert ending not in _text(before)
        assert _get(stack, plain, headers=headers).cache_hit

    friend = _get(stack, gift)
    assert ending in _text(friend) and "offert par un abonné" in _text(friend)
    assert not friend.cache_hit
    assert "no-store" in friend.header("Cache-Control") and "private" in friend.header("Cache-Control")
    assert friend.header("Referrer-Policy") == "no-referrer"
    cookie = friend.headers.get_all("Set-Cookie")[0].split(";")[0].split("=", 1)

    # Asked again by the same browser (with its cookie): passed, whole, and not counted again.
    again = _get(stack, gift, cookies={cookie[0]: cookie[1]})
    assert ending in _text(again) and not again.cache_hit
    assert _openings(stack, facts["gift_id"]) == 1

    for headers in (GZIP, {}):
        other = _get(stack, plain, headers=headers, cookies={cookie[0]: cookie[1]})
        assert ending not in _text(other) and "offert par un abonné" not in _text(other)
        stranger = _get(stack, plain, headers=headers)
        assert stranger.cache_hit and ending not in _text(stranger)

    # A purge (an edit) and a fresh fetch after the gift: still the public page.
    assert request(stack.url + plain, "PURGE").status == 200
    fresh = _get(stack, plain)
    assert not fresh.cache_hit and ending not in _text(fresh)
    assert "public" in fresh.header("Cache-Control")
