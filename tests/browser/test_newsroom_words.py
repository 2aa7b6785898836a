"""The newsroom speaks French and wears the publication's name (issues 21 and 27).

No column named in English or value printed raw ("Schedule label", "True") in the lists of
newsletters and feeds; Wagtail's French that reads badly is Manchette's own; the admin's
title, sidebar and login page carry SITE_NAME and Manchette's mark, not Wagtail's bird.
"Mon compte" gives each tab its own title, and a long address stays in the newsletter block.

Screenshots: test-output/screenshots/newsroom-{newsletters,feeds,login}-{390,1440}.png,
account-{profil,abonnement,newsletters}-{390,1440}.png
"""

import pytest
from django.conf import settings
from django.urls import reverse
from playwright.sync_api import expect

from manchette.newsletters.models import Newsletter
from manchette.wire.models import Feed

from .conftest import (
    PHONE,
    VIEWPORTS,
    LiveDemo,
    assert_controls_on_screen,
    assert_no_horizontal_overflow,
    assert_no_serious_axe_violations,
    screenshot,
)
from .test_newsroom import _open_as

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("width", VIEWPORTS.keys())
def test_the_lists_say_it_in_french_and_the_admin_wears_the_publication(
    live_demo: LiveDemo, new_context, width: str
) -> None:
    from manchette.articles.models import Agency

    Feed.objects.create(name="AMN", agency=Agency.objects.get(short_name="AMN"), format="newsmlg2")
    assert Newsletter.objects.filter(active=True).exists()
    viewport = VIEWPORTS[width]
    page = _open_as(live_demo, new_context, "admin", viewport)
    for name, path in (("newsletters", reverse("lettres:index")), ("feeds", reverse("wire_feeds:index"))):
        page.goto(live_demo.url + path, wait_until="networkidle")
        screenshot(page, f"newsroom-{name}-{width}")
        table = page.locator("table.listing")
        headers = " | ".join(table.locator("th").all_inner_texts())
        cells = table.locator("td").all_inner_texts()
        assert "Schedule label" not in headers, headers
        assert not {"True", "False"} & {cell.strip() for cell in cells}, cells
        assert "Oui" in {cell.strip() for cell in cells}, cells
        # Wagtail's own words, as Manchette says them.
        assert page.title().endswith(f"- {settings.WAGTAIL_SITE_NAME}"), page.title()
        assert page.locator(".icon-wagtail").count() == 0, "Wagtail's bird is still there"
        expect(page.locator(".newsroom-mark").first).to_be_attached()
        assert "Aller au contenu principal" in page.content()
        assert "un(e)" not in page.content()
        assert_no_horizontal_overflow(page, f"{name} list at {width} px")
        assert_controls_on_screen(page, f"{name} list at {width} px")
        # "Actif" is read without scrolling sideways, and the page's title beside its
        # "Ajouter" button is not cut.
        active = table.get_by_role("columnheader", name="Actif").bounding_box()
        assert active and active["x"] + active["width"] <= viewport["width"], active
        title = page.locator(".w-breadcrumbs li").last
        cut = title.evaluate(
            "li => li.scrollWidth > li.clientWidth || li.getBoundingClientRect().right > innerWidth"
        )
        assert not cut, f"the {name} list's title is cut at {width} px"
        assert_no_serious_axe_violations(page, f"{name} list at {width} px")
    page.goto(live_demo.url + reverse("wagtailadmin_pages:edit", args=[live_demo.lead.pk]), wait_until="load")
    assert not page.title().startswith("Modification de"), page.title()

    login = new_context(viewport=viewport, locale="fr-FR").new_page()
    login.goto(live_demo.url + reverse("wagtailadmin_login"), wait_until="networkidle")
    screenshot(login, f"newsroom-login-{width}")
    expect(login.get_by_role("heading", level=1)).to_contain_text(settings.WAGTAIL_SITE_NAME)
    assert login.locator(".icon-wagtail").count() == 0
    expect(login.get_by_label("Mot de passe")).to_be_visible()
    expect(login.get_by_role("img", name=settings.WAGTAIL_SITE_NAME)).to_be_visible()
    assert not login.title().endswith("Wagtail"), login.title()
    assert_no_serious_axe_violations(login, f"newsroom login at {width} px")


@pytest.mark.parametrize("width", VIEWPORTS.keys())
def test_each_tab_of_mon_compte_has_its_own_title(live_demo: LiveDemo, width: str) -> None:
    titles = {}
    for name, path in (
        ("profil", "/mon-compte/"),
        ("abonnement", "/mon-compte/abonnement/"),
        ("newsletters", "/mon-compte/newsletters/"),
    ):
        page = live_demo.open_page(path, VIEWPORTS[width], subscriber=True).page
        titles[name] = page.title()
        screenshot(page, f"account-{name}-{width}")
        assert_no_horizontal_overflow(page, f"Mon compte, {name}, at {width} px")
        assert_no_serious_axe_violations(page, f"Mon compte, {name}, at {width} px")
    assert len(set(titles.values())) == len(titles), titles
    assert titles["profil"].startswith("Profil — Mon compte"), titles


def test_a_long_address_stays_in_the_newsletter_block_on_a_phone(live_demo: LiveDemo, smtp_server) -> None:
    page = live_demo.open_page(live_demo.lead.url, PHONE).page
    block = page.locator(".newsletter-box")
    # No hyphen: nothing where a line could break.
    address = "prenomnomdefamilletreslongredactionregionale@messageriedelaredactionexemple.fr"
    block.locator("input[name=email]").fill(address)
    block.get_by_role("button", name="S'inscrire").click()
    done = block.locator(".newsletter-form__done")
    expect(done).to_contain_text(address)
    spill = done.evaluate(
        "el => ({scroll: el.scrollWidth, width: el.clientWidth, right: el.getBoundingClientRect().right,"
        " box: el.closest('.newsletter-box').getBoundingClientRect().right})"
    )
    assert spill["scroll"] <= spill["width"] and spill["right"] <= spill["box"], spill
    assert_controls_on_screen(page, "the article with the newsletter block answered at 390 px")
    assert_no_horizontal_overflow(page, "the article with the newsletter block answered at 390 px")
