"""Issue 24 in a real browser: one article's audience screen at 390 and 1440 px, reached from
the article's edit page; its tables scroll in boxes of their own on a phone, axe finds nothing
serious.

Screenshots: test-output/screenshots/audience-article-{390,1440}.png and
audience-article-funnel-{390,1440}.png
"""

import pytest
from django.core.cache import cache
from django.urls import reverse

from manchette.audience import services
from manchette.audience.models import Action, Source

from .conftest import (
    SCREENSHOT_DIR,
    VIEWPORTS,
    LiveDemo,
    _session_cookie_of,
    assert_controls_on_screen,
    assert_no_horizontal_overflow,
    assert_no_serious_axe_violations,
    screenshot,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("width", VIEWPORTS.keys())
def test_an_articles_audience_from_its_edit_page(live_demo: LiveDemo, new_context, width: str) -> None:
    article = live_demo.lead
    page_ref = services.PageRef("articlepage", article.pk)
    for source, domain, views in ((Source.SEARCH, "", 12), (Source.SOCIAL, "", 5),
                                  (Source.OTHER, "un-blog-au-nom-assez-long.example.org", 3)):
        for _ in range(views):
            services.record_view(page_ref, source, domain)
    for action, times in ((Action.PAYWALL, 9), (Action.OFFERS, 4), (Action.CHECKOUT, 1)):
        for _ in range(times):
            services.count_action(article.pk, action)
    cache.clear()

    context = new_context(viewport=VIEWPORTS[width], locale="fr-FR", timezone_id="Europe/Paris")
    context.add_cookies([{**_session_cookie_of("admin@manchette.test"), "url": live_demo.url}])
    page = context.new_page()
    edit = live_demo.url + reverse("wagtailadmin_pages:edit", args=[article.pk])
    assert page.goto(edit, wait_until="networkidle").status == 200
    screen = reverse("audience_article", args=[article.pk])
    # The way in: the edit page's actions menu, as an editor opens it.
    page.locator("header").get_by_role("button", name="Actions").first.click()
    page.locator(f'a[href="{screen}"]').click()
    page.wait_for_url(live_demo.url + screen)
    page.wait_for_load_state("networkidle")
    assert article.title in page.locator("h1").inner_text()

    funnel = page.locator("section", has=page.locator("#article-funnel"))
    assert funnel.locator("tbody tr").nth(0).inner_text().split("\t") == ["Vues", "20"]
    assert funnel.locator("tbody tr").nth(3).inner_text().split("\t") == ["Abonnement commencé", "1"]
    assert page.locator("svg.audience-chart").count() == 2
    # Each table's box is a labelled region the keyboard reaches, and the page itself does not
    # scroll sideways: a wide table scrolls inside its box.
    boxes = page.locator("main div[role=region][tabindex='0']")
    assert boxes.count() == page.locator("main table").count() == 5
    assert_no_horizontal_overflow(page, f"article audience at {width}")
    assert_controls_on_screen(page, f"article audience at {width}")
    screenshot(page, f"audience-article-{width}")
    funnel.scroll_into_view_if_needed()
    funnel.screenshot(path=str(SCREENSHOT_DIR / f"audience-article-funnel-{width}.png"))
    assert_no_serious_axe_violations(page, f"article audience at {width}")
