"""The giver's links are in their data export and go with their account; the figures stay."""

from django.test import Client

from manchette.accounts import services as accounts
from manchette.gifts import links
from manchette.gifts.models import Gift, GiftTally

from .conftest import PREMIUM_WORDS, Scene, signed_in


def test_the_export_lists_the_links_without_their_token(scene: Scene) -> None:
    gift = scene.offer()
    response = signed_in(scene.subscriber).get("/mon-compte/mes-donnees.json")
    assert response.status_code == 200
    text = response.content.decode()
    exported = response.json()
    assert [entry["article"] for entry in _find(exported, "gift_links")] == [scene.article.title]
    assert links.token_of(gift) not in text


def _find(data: object, key: str) -> list:
    if isinstance(data, dict):
        if key in data:
            return data[key]
        for value in data.values():
            if found := _find(value, key):
                return found
    return []


def test_deleting_the_account_deletes_the_links_and_keeps_the_figures(scene: Scene) -> None:
    path = scene.gift_path(scene.offer())
    Client().get(path)
    accounts.delete_account(scene.subscriber)
    assert not Gift.objects.exists()
    assert GiftTally.objects.get().links == 1 and GiftTally.objects.get().openings == 1
    assert PREMIUM_WORDS not in Client().get(path).content.decode()
