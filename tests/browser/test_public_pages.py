"""The public pages around the articles, at phone and desktop widths: each has its one
heading, stays on our host, fits the screen and passes axe."""

import pytest
from playwright.sync_api import expect

from .conftest import VIEWPORTS, check_page_quality, screenshot

pytestmark = pytest.mark.browser

# name: (path, status, the page's h1)
PUBLIC_PAGES = {
    "search": ("/recherche/?q=eau", 200, "Rechercher un article"),
    "tag": ("/tags/climat/", 200, "Climat"),
    "offers": ("/abonnement/", 200, "Abonnez-vous à Manchette"),
    "login": ("/compte/login/", 200, "Connexion"),
    "signup": ("/compte/signup/", 200, "Création de compte"),
    "password-reset": ("/compte/password/reset/", 200, "Réinitialisation du mot de passe"),
    "not-found": ("/cette-page-n-existe-pas/", 404, "Page introuvable"),
}


@pytest.mark.parametrize("width", VIEWPORTS)
def test_public_pages_are_accessible_and_fit_the_screen(live_demo, width):
    for name, (path, status, heading) in PUBLIC_PAGES.items():
        opened = live_demo.open_page(path, VIEWPORTS[width], status=status)
        screenshot(opened.page, f"{name}-{width}")
        expect(opened.page.locator("h1")).to_have_count(1)
        expect(opened.page.locator("h1")).to_contain_text(heading)
        check_page_quality(opened, live_demo, f"{name} at {width}px")


@pytest.mark.parametrize("width", VIEWPORTS)
def test_search_results_link_to_the_articles(live_demo, width):
    opened = live_demo.open_page("/recherche/?q=eau", VIEWPORTS[width])
    results = opened.page.locator("main article a[href]")
    expect(results.first).to_be_visible()
    expect(opened.page.locator(f"main a[href='{live_demo.lead.url}']")).to_have_count(1)
