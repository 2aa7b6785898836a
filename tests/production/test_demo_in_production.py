"""Production settings load the demo's articles, never its accounts with a public password."""

import pytest
from django.contrib.auth import get_user_model

from manchette.articles.models import ArticlePage
from manchette.demo import content
from manchette.demo.loader import DemoAccountsRefused, load_demo, load_demo_accounts
from tests.conftest import _paint_once


@pytest.fixture
def production(settings, monkeypatch: pytest.MonkeyPatch) -> None:
    from manchette.demo import loader

    monkeypatch.setattr(loader, "make_picture", _paint_once)
    settings.PRODUCTION = True


def test_production_loads_the_articles_and_no_account(db, production) -> None:
    summary = load_demo()

    assert summary == {"articles": len(content.ARTICLES), "people": 0}
    assert ArticlePage.objects.live().count() == len(content.ARTICLES)
    assert not get_user_model().objects.exists()


def test_the_demo_accounts_are_refused_under_production_settings(db, production) -> None:
    with pytest.raises(DemoAccountsRefused, match="createsuperuser"):
        load_demo_accounts()
    assert not get_user_model().objects.exists()


def test_the_embedded_site_still_gets_the_demo_accounts(db, settings) -> None:
    settings.PRODUCTION = False
    assert load_demo_accounts() == 5
    assert get_user_model().objects.filter(username="admin", is_superuser=True).exists()
