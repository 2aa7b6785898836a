"""The one place that decides who may read, listen and comment: `subscriptions.entitlements`."""

from collections.abc import Callable
from datetime import timedelta

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from manchette.articles.models import ArticlePage
from manchette.subscriptions import entitlements
from manchette.subscriptions.models import MeteredRead, PaywallSettings, Subscription
from tests.conftest import ModuleDatabase, paragraph

from .conftest import READER_KINDS, Plans, new_reader, subscribe

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def _module_articles(module_db: ModuleDatabase) -> dict[str, ArticlePage]:
    newsroom = module_db.newsroom()

    def build() -> dict[str, ArticlePage]:
        section = newsroom.section()
        body = [paragraph(f"Paragraphe {n}.") for n in range(1, 6)]
        return {
            "premium": newsroom.article(section, premium=True, body=body),
            "free": newsroom.article(section, premium=False, body=body),
            **{
                f"premium-{n}": newsroom.article(section, premium=True, body=[paragraph("Texte.")])
                for n in range(4)
            },
        }

    return module_db.build(build)


@pytest.fixture
def articles(_module_articles: dict[str, ArticlePage], db) -> dict[str, ArticlePage]:
    """A premium and a free article (and four more premium ones), built once for the module."""
    return _module_articles


@pytest.mark.parametrize(("kind", "entitled"), READER_KINDS.items(), ids=READER_KINDS.keys())
def test_entitlement_matrix(
    kind: str, entitled: bool, reader_of_kind: Callable, articles: dict[str, ArticlePage]
) -> None:
    reader = reader_of_kind(kind)

    assert entitlements.is_subscriber(reader) is entitled
    assert entitlements.may_read_in_full(reader, articles["premium"]) is entitled
    assert entitlements.may_read_in_full(reader, articles["free"]) is True
    assert entitlements.may_listen(reader, articles["premium"]) is entitled
    assert entitlements.may_listen(reader, articles["free"]) is entitled
    assert entitlements.may_comment(reader) is entitled


@pytest.mark.parametrize("kind", [kind for kind, entitled in READER_KINDS.items() if not entitled])
def test_nobody_unentitled_is_metered_when_metering_is_off(
    kind: str, reader_of_kind: Callable, articles: dict[str, ArticlePage]
) -> None:
    reader = reader_of_kind(kind)
    entitlements.may_read_in_full(reader, articles["premium"])
    assert not MeteredRead.objects.exists()


def test_period_end_is_exclusive(plans: Plans) -> None:
    """A subscription gives access up to its period end, not one second after it."""
    reader = new_reader()
    subscription = subscribe(reader, plans.monthly)
    end = subscription.current_period_end
    assert entitlements.current_subscription(reader, now=end - timedelta(seconds=1)) == subscription
    assert entitlements.current_subscription(reader, now=end) is None
    assert entitlements.current_subscription(reader, now=end + timedelta(seconds=1)) is None


def test_current_subscription_is_the_one_lasting_longest(plans: Plans) -> None:
    reader = new_reader()
    subscribe(reader, plans.monthly, ends_in=timedelta(days=3))
    yearly = subscribe(reader, plans.yearly, ends_in=timedelta(days=200))
    assert entitlements.current_subscription(reader) == yearly


def test_another_readers_subscription_gives_nothing(plans: Plans, articles) -> None:
    subscribe(new_reader(), plans.monthly)
    assert not entitlements.may_read_in_full(new_reader(), articles["premium"])


# --------------------------------------------------------------------------- metered mode


@pytest.fixture
def premium_articles(articles: dict[str, ArticlePage]) -> list[ArticlePage]:
    return [articles[f"premium-{n}"] for n in range(4)]


def test_metered_reader_gets_the_monthly_quota_of_distinct_premium_articles(
    metered: PaywallSettings, premium_articles: list[ArticlePage]
) -> None:
    reader = new_reader()
    first, second, third, _fourth = premium_articles

    assert entitlements.may_read_in_full(reader, first)
    assert entitlements.may_read_in_full(reader, first), "reopening an article must not use the quota"
    assert entitlements.may_read_in_full(reader, second)
    assert not entitlements.may_read_in_full(reader, third)
    # The articles already opened this month stay readable.
    assert entitlements.may_read_in_full(reader, first)
    assert entitlements.may_read_in_full(reader, second)
    assert MeteredRead.objects.filter(user=reader).count() == 2
    # Metering opens articles, nothing else.
    assert not entitlements.is_subscriber(reader)
    assert not entitlements.may_listen(reader, first)
    assert not entitlements.may_comment(reader)


def test_metered_quota_is_per_reader(metered: PaywallSettings, premium_articles: list[ArticlePage]) -> None:
    first_reader, second_reader = new_reader(), new_reader()
    for article in premium_articles[:2]:
        assert entitlements.may_read_in_full(first_reader, article)
    assert not entitlements.may_read_in_full(first_reader, premium_articles[2])
    assert entitlements.may_read_in_full(second_reader, premium_articles[2])


def test_last_months_reads_do_not_count(
    metered: PaywallSettings, premium_articles: list[ArticlePage]
) -> None:
    reader = new_reader()
    last_month = (timezone.localdate().replace(day=1) - timedelta(days=1)).replace(day=1)
    for article in premium_articles[:2]:
        MeteredRead.objects.create(user=reader, article_id=article.pk, month=last_month)

    assert entitlements.may_read_in_full(reader, premium_articles[2])
    assert entitlements.may_read_in_full(reader, premium_articles[3])
    assert not entitlements.may_read_in_full(reader, premium_articles[0])


def test_anonymous_readers_are_never_metered(
    metered: PaywallSettings, premium_articles: list[ArticlePage]
) -> None:
    assert not entitlements.may_read_in_full(AnonymousUser(), premium_articles[0])
    assert not MeteredRead.objects.exists()


def test_subscribers_do_not_use_the_quota(
    metered: PaywallSettings, premium_articles: list[ArticlePage], plans: Plans
) -> None:
    reader = new_reader()
    subscribe(reader, plans.monthly)
    assert all(entitlements.may_read_in_full(reader, article) for article in premium_articles)
    assert not MeteredRead.objects.exists()


def test_free_articles_do_not_use_the_quota(metered: PaywallSettings, articles) -> None:
    reader = new_reader()
    assert entitlements.may_read_in_full(reader, articles["free"])
    assert not MeteredRead.objects.exists()


def test_expired_subscriber_falls_back_to_the_meter(
    metered: PaywallSettings, premium_articles: list[ArticlePage], plans: Plans
) -> None:
    reader = new_reader()
    subscribe(reader, plans.monthly, Subscription.Status.EXPIRED, ends_in=-timedelta(days=1))
    assert entitlements.may_read_in_full(reader, premium_articles[0])
    assert entitlements.may_read_in_full(reader, premium_articles[1])
    assert not entitlements.may_read_in_full(reader, premium_articles[2])


def test_metering_switched_off_again_closes_the_articles(
    metered: PaywallSettings, premium_articles: list[ArticlePage]
) -> None:
    reader = new_reader()
    assert entitlements.may_read_in_full(reader, premium_articles[0])
    metered.metered = False
    metered.save()
    assert not entitlements.may_read_in_full(reader, premium_articles[0])


def test_free_paragraphs_come_from_the_admin_setting(paywall: PaywallSettings) -> None:
    assert entitlements.free_paragraphs() == 3
    paywall.free_paragraphs = 1
    paywall.save()
    assert entitlements.free_paragraphs() == 1


AUDIO_RESERVED = "L'écoute des articles est réservée aux abonnés."
COMMENTS_RESERVED = "Les commentaires sont réservés aux abonnés."


@pytest.mark.parametrize(("kind", "entitled"), READER_KINDS.items(), ids=READER_KINDS.keys())
def test_the_article_pages_audio_and_comments_follow_the_services(
    kind: str, entitled: bool, client_of_kind: Callable, articles: dict[str, ArticlePage]
) -> None:
    for article in (articles["premium"], articles["free"]):
        page = client_of_kind(kind).get(article.url).content.decode().replace("&#x27;", "'")
        assert (AUDIO_RESERVED in page) is not entitled, article.url
        assert (COMMENTS_RESERVED in page) is not entitled, article.url


def test_a_metered_reader_reads_in_full_but_neither_listens_nor_comments(
    metered: PaywallSettings, client_of_kind: Callable, articles: dict[str, ArticlePage]
) -> None:
    page = client_of_kind("free_reader").get(articles["premium"].url).content.decode().replace("&#x27;", "'")
    assert "Paragraphe 5." in page
    assert 'class="paywall"' not in page
    assert AUDIO_RESERVED in page and COMMENTS_RESERVED in page


def test_an_inactive_account_may_not_comment(plans: Plans) -> None:
    reader = new_reader()
    subscribe(reader, plans.monthly)
    reader.is_active = False
    assert entitlements.may_comment(reader) is False
