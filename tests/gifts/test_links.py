"""Making links: who may, the monthly quota in Paris time, the same link again, withdrawal."""

import re
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.test import Client

from manchette.gifts import links, quota
from manchette.gifts.models import Gift, GiftSettings, GiftTally

from .conftest import Scene, premium_article, signed_in

PARIS = ZoneInfo("Europe/Paris")


def test_the_token_is_opaque_and_not_stored(scene: Scene) -> None:
    gift = scene.offer()
    token = links.token_of(gift)
    assert token is not None and re.fullmatch(r"[A-Za-z0-9_-]{43}", token)  # 256 bits, base64url
    stored = " ".join(str(value) for value in Gift.objects.filter(pk=gift.pk).values_list().get())
    assert token not in stored
    assert links.find(token) == gift
    assert links.find(token[:-1] + ("A" if token[-1] != "A" else "B")) is None


def test_the_same_article_again_in_the_month_is_the_same_link_and_spends_nothing(scene: Scene) -> None:
    first = scene.offer()
    again = scene.offer()
    assert again.pk == first.pk and links.url_of(again) == links.url_of(first)
    assert quota.remaining(scene.subscriber) == 9
    assert GiftTally.objects.get(article=scene.article).links == 1


def test_the_quota_stops_at_the_setting(scene: Scene, newsroom) -> None:
    settings = GiftSettings.load()
    settings.monthly_quota = 2
    settings.save()
    scene.offer(premium_article(newsroom))
    scene.offer(premium_article(newsroom))
    with pytest.raises(links.Refused, match="tous vos articles"):
        scene.offer()
    assert quota.remaining(scene.subscriber) == 0


def test_the_month_turns_at_midnight_in_paris_not_utc(scene: Scene, newsroom, clock) -> None:
    settings = GiftSettings.load()
    settings.monthly_quota = 1
    settings.save()
    # 31 January 23:30 UTC is already 1 February 00:30 in Paris.
    clock.move_to(datetime(2026, 1, 31, 22, 59, tzinfo=ZoneInfo("UTC")))
    january = scene.offer()
    assert january.month.isoformat() == "2026-01-01"
    with pytest.raises(links.Refused):
        scene.offer(premium_article(newsroom))
    clock.move_to(datetime(2026, 1, 31, 23, 0, tzinfo=ZoneInfo("UTC")))
    february = scene.offer(premium_article(newsroom))
    assert february.month.isoformat() == "2026-02-01"
    # The same article in a new month is a new link, from the new month's quota.
    assert quota.remaining(scene.subscriber) == 0


def test_a_withdrawn_link_offered_again_gets_a_new_token_and_keeps_its_count(scene: Scene) -> None:
    gift = scene.offer()
    old_token = links.token_of(gift)
    Gift.objects.filter(pk=gift.pk).update(openings=5)
    assert links.withdraw(scene.subscriber, gift.pk)
    again = scene.offer()
    assert again.pk == gift.pk and again.openings == 5
    assert links.token_of(again) != old_token and links.find(old_token) is None
    assert quota.remaining(scene.subscriber) == 9


@pytest.mark.parametrize("reader", ["free", "lapsed"])
def test_only_subscribers_offer(scene: Scene, reader: str) -> None:
    from tests.subscriptions.conftest import new_reader, subscribe

    user = new_reader()
    if reader == "lapsed":
        subscribe(user, scene.plan, ends_in=-timedelta(days=1))
    with pytest.raises(links.Refused):
        links.offer(user, scene.article)


def test_a_free_article_or_a_switched_off_feature_is_not_offered(scene: Scene, newsroom) -> None:
    free = newsroom.article(newsroom.section())
    with pytest.raises(links.Refused):
        scene.offer(free)
    settings = GiftSettings.load()
    settings.enabled = False
    settings.save()
    with pytest.raises(links.Refused):
        scene.offer()


def test_offering_through_the_page_and_the_rate_limit(scene: Scene) -> None:
    client = signed_in(scene.subscriber)
    response = client.post(f"/offrir/{scene.article.pk}/")
    assert response.status_code == 302 and response["Location"].endswith("#offrir")
    page = client.get(scene.article.url).content.decode()
    gift = Gift.objects.get()
    assert links.url_of(gift).replace("&", "&amp;") in page
    assert "Copier le lien" in page and "Il vous reste 9 articles à offrir ce mois-ci." in page
    for _ in range(30):
        client.post(f"/offrir/{scene.article.pk}/")
    refused = client.post(f"/offrir/{scene.article.pk}/", follow=True)
    assert "Trop de liens demandés" in refused.content.decode()


def test_offering_needs_a_session_and_a_post(scene: Scene) -> None:
    assert Client().post(f"/offrir/{scene.article.pk}/").status_code == 302  # to the login page
    assert signed_in(scene.subscriber).get(f"/offrir/{scene.article.pk}/").status_code == 405
    assert signed_in(scene.subscriber).post("/offrir/999999/").status_code == 404


def test_the_account_lists_the_links_and_withdraws_only_ones_own(scene: Scene) -> None:
    from tests.subscriptions.conftest import new_reader

    gift = scene.offer()
    client = signed_in(scene.subscriber)
    listing = client.get("/mon-compte/articles-offerts/").content.decode()
    assert scene.article.title in listing and links.url_of(gift) in listing
    assert signed_in(new_reader()).post(f"/offrir/retirer/{gift.pk}/").status_code == 404
    assert Gift.objects.get().withdrawn_at is None
    assert client.post(f"/offrir/retirer/{gift.pk}/").status_code == 302
    assert Gift.objects.get().withdrawn_at is not None
    assert "Retiré" in client.get("/mon-compte/articles-offerts/").content.decode()
