"""The friend opens the link: the whole article, or the usual paywall with a line; never a leak."""

import json
import logging
import re
from datetime import timedelta

import pytest
from django.core.cache import cache
from django.test import Client

from manchette.gifts import links
from manchette.gifts.models import Gift, GiftSettings, GiftTally
from manchette.subscriptions.models import MeteredRead, PaywallSettings

from .conftest import PREMIUM_WORDS, Scene, signed_in

BANNER = "Cet article vous est offert par un abonné de Manchette."
REFUSED = "Ce lien cadeau a expiré ou n'est plus valable"


def _read(client: Client, path: str) -> tuple[str, object]:
    response = client.get(path)
    assert response.status_code == 200, response.status_code
    return response.content.decode(), response


def test_an_anonymous_friend_reads_it_all_with_the_banner(scene: Scene) -> None:
    gift = scene.offer()
    page, _response = _read(Client(), scene.gift_path(gift))
    assert PREMIUM_WORDS in page and BANNER in page
    assert "S&#x27;abonner" in page or "Abonnez-vous" in page
    assert 'class="paywall"' not in page
    assert Gift.objects.get().openings == 1 and GiftTally.objects.get().openings == 1


def test_a_free_reader_reads_it_and_spends_no_metered_read(scene: Scene) -> None:
    from tests.subscriptions.conftest import new_reader

    paywall = PaywallSettings.load()
    paywall.metered = True
    paywall.save()
    page, _response = _read(signed_in(new_reader()), scene.gift_path(scene.offer()))
    assert PREMIUM_WORDS in page and BANNER in page
    assert not MeteredRead.objects.exists()


def test_the_gifted_page_is_private_noindex_and_sends_no_referrer(scene: Scene) -> None:
    gift = scene.offer()
    token = links.token_of(gift)
    page, response = _read(Client(), scene.gift_path(gift))
    directives = {part.strip() for part in response["Cache-Control"].split(",")}
    assert {"private", "no-store"} <= directives and "public" not in directives
    assert response["Referrer-Policy"] == "no-referrer"
    assert response["X-Robots-Tag"] == "noindex" and '<meta name="robots" content="noindex">' in page
    # The canonical and Open Graph addresses are the article's own, without the token.
    canonical = re.search(r'<link rel="canonical" href="([^"]+)"', page).group(1)
    og_url = re.search(r'<meta property="og:url" content="([^"]+)"', page).group(1)
    assert canonical == og_url == scene.article.get_full_url()
    # Only the language switch takes it along, back to this same page in the other language.
    assert page.count(token) == page.count(f"cadeau%3D{token}") == 1
    json_ld = re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.S)
    assert json.loads(json_ld.group(1))["isAccessibleForFree"] is False


def test_the_public_page_never_gets_the_gifted_text(scene: Scene, settings) -> None:
    """The application's anonymous page cache (used without Varnish) keeps the public page only."""
    settings.PAGE_CACHE_SECONDS = 60
    cache.clear()
    plain = scene.article.url
    before, first = _read(Client(), plain)
    assert PREMIUM_WORDS not in before and "public" in first["Cache-Control"]
    friend = Client()
    gifted, _response = _read(friend, scene.gift_path(scene.offer()))
    assert PREMIUM_WORDS in gifted
    for reader in (Client(), friend):  # another reader, and the friend without the token
        after, _response = _read(reader, plain)
        assert PREMIUM_WORDS not in after and BANNER not in after
    cache.clear()  # and rendered afresh after the gift, the public page is still the public one
    after, _response = _read(Client(), plain)
    assert PREMIUM_WORDS not in after


def test_openings_are_counted_per_browser_up_to_the_cap(scene: Scene) -> None:
    settings = GiftSettings.load()
    settings.openings = 2
    settings.save()
    path = scene.gift_path(scene.offer())
    first = Client()
    assert PREMIUM_WORDS in _read(first, path)[0]
    assert PREMIUM_WORDS in _read(first, path)[0]  # the same browser again: not counted
    assert Client().head(path).status_code == 200  # a link checker's HEAD: not counted
    assert Gift.objects.get().openings == 1
    assert PREMIUM_WORDS in _read(Client(), path)[0]
    assert Gift.objects.get().openings == 2
    late, _response = _read(Client(), path)  # a third browser: the cap is reached
    assert PREMIUM_WORDS not in late and REFUSED in late and 'class="paywall"' in late
    assert PREMIUM_WORDS in _read(first, path)[0]  # those who opened it keep reading
    assert Gift.objects.get().openings == 2


def test_the_cookie_names_no_one(scene: Scene) -> None:
    path = scene.gift_path(scene.offer())
    one = Client().get(path).cookies["manchette_cadeau"]
    two = Client().get(path).cookies["manchette_cadeau"]
    assert one.value == two.value  # the same for everyone who opens the link
    assert one["path"] == scene.article.url and one["httponly"] and one["samesite"] == "Lax"


def test_an_expired_link_is_the_paywall_with_a_line(scene: Scene, clock) -> None:
    path = scene.gift_path(scene.offer())
    opened = Client()
    _read(opened, path)
    clock.shift(timedelta(days=30, seconds=1))
    for client in (opened, Client()):
        page, _response = _read(client, path)
        assert PREMIUM_WORDS not in page, client
        assert REFUSED in page and 'class="paywall"' in page


@pytest.mark.parametrize("token", ["nimportequoi", "A" * 43, "x" * 500, ""])
def test_a_wrong_token_is_the_paywall_never_an_error(scene: Scene, token: str) -> None:
    scene.offer()
    page, response = _read(Client(), f"{scene.article.url}?cadeau={token}")
    assert PREMIUM_WORDS not in page and 'class="paywall"' in page
    assert "no-store" in response["Cache-Control"]


def test_a_withdrawn_link_no_longer_opens(scene: Scene) -> None:
    gift = scene.offer()
    path = scene.gift_path(gift)
    opened = Client()
    assert PREMIUM_WORDS in _read(opened, path)[0]
    links.withdraw(scene.subscriber, gift.pk)
    for client in (opened, Client()):
        assert PREMIUM_WORDS not in _read(client, path)[0]


def test_a_token_opens_only_its_own_article(scene: Scene, newsroom) -> None:
    from .conftest import premium_article

    other = premium_article(newsroom, title="Un autre article")
    token = links.token_of(scene.offer())
    page, _response = _read(Client(), f"{other.url}?cadeau={token}")
    assert PREMIUM_WORDS not in page and 'class="paywall"' in page


def test_links_of_a_lapsed_subscriber_keep_working_until_they_expire(scene: Scene) -> None:
    path = scene.gift_path(scene.offer())
    scene.subscriber.subscriptions.update(current_period_end=scene.subscriber.date_joined)
    assert PREMIUM_WORDS in _read(Client(), path)[0]


def test_trying_tokens_is_rate_limited(scene: Scene) -> None:
    path = scene.gift_path(scene.offer())
    prober = Client()
    for attempt in range(60):
        prober.get(f"{scene.article.url}?cadeau=essai{attempt}")
    page, _response = _read(prober, path)  # past the limit, even a good token gets the paywall
    assert PREMIUM_WORDS not in page
    assert PREMIUM_WORDS in _read(Client(REMOTE_ADDR="192.0.2.7"), path)[0]


def test_the_token_is_in_no_log_line(scene: Scene, caplog: pytest.LogCaptureFixture) -> None:
    gift = scene.offer()
    with caplog.at_level(logging.DEBUG):
        _read(Client(), scene.gift_path(gift))
        _read(Client(), f"{scene.article.url}?cadeau=faux")
    token = links.token_of(gift)
    logged = [record.getMessage() for record in caplog.records]
    assert not [line for line in logged if token in line or "faux" in line]


def test_the_friend_reads_the_banner_in_english_too(scene: Scene) -> None:
    client = Client()
    client.cookies["django_language"] = "en"
    page, _response = _read(client, scene.gift_path(scene.offer()))
    assert "This article is offered to you by a Manchette subscriber." in page
    refused, _response = _read(client, f"{scene.article.url}?cadeau=faux")
    assert "This gift link has expired or is no longer valid" in refused
