"""Issue 24 in a real browser: the Audience screen with its funnel at 390 and 1440 px, the pages
the funnel touched (a paywalled article, the offers page opened from it), and the beacon of a
page opened from a newsletter link: counted as "newsletter", the mark gone from the address bar.

Screenshots: test-output/screenshots/audience-{screen,funnel,edition-clicks,premium-article,offers}-
{390,1440}.png
"""

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from manchette.articles.models import ArticlePage
from manchette.audience import services
from manchette.audience.models import Action, DailyViews, Source
from manchette.newsletters.models import Edition, Newsletter

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

# A reader's browser: Playwright's own user agent names a headless browser, which is a robot.
READER_AGENT = (
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36"
)


def _premium(lead: ArticlePage) -> ArticlePage:
    return ArticlePage.objects.live().filter(premium=True).exclude(pk=lead.pk).order_by("pk").first()


def _counted(live_demo: LiveDemo) -> ArticlePage:
    premium = _premium(live_demo.lead)
    for article, views in ((live_demo.lead, 40), (premium, 25)):
        for _ in range(views):
            services.record_view(services.PageRef("articlepage", article.pk), Source.SEARCH, "")
    steps = ((Action.PAYWALL, 20), (Action.OFFERS, 6), (Action.CHECKOUT, 2), (Action.NEWSLETTER, 3))
    for action, times in steps:
        for _ in range(times):
            services.count_action(premium.pk, action)
    # An edition sent this morning, its links followed: the screen's clicks table.
    edition = Edition.objects.create(newsletter=Newsletter.objects.get(slug="international"),
                                     subject="Le tour du monde de la semaine", status=Edition.Status.SENT,
                                     started_at=timezone.now())
    edition.articles.set([live_demo.lead, premium])
    for article, clicks in ((live_demo.lead, 12), (premium, 7)):
        for _ in range(clicks):
            services.count_link_click(edition.pk, article.pk)
    cache.clear()
    return premium


@pytest.mark.parametrize("width", VIEWPORTS.keys())
def test_the_audience_screen_and_the_funnels_pages(live_demo: LiveDemo, new_context, width: str) -> None:
    premium = _counted(live_demo)
    context = new_context(viewport=VIEWPORTS[width], locale="fr-FR", timezone_id="Europe/Paris")
    context.add_cookies([{**_session_cookie_of("admin@manchette.test"), "url": live_demo.url}])
    page = context.new_page()
    assert page.goto(live_demo.url + reverse("audience_dashboard"), wait_until="networkidle").status == 200
    funnel = page.locator("section", has=page.locator("#audience-funnel"))
    assert funnel.locator("tbody tr").first.inner_text().split("\t")[1:] == ["25", "20", "6", "2", "3"]
    assert_no_horizontal_overflow(page, f"audience at {width}")
    assert_controls_on_screen(page, f"audience at {width}")
    screenshot(page, f"audience-screen-{width}")
    # Wagtail scrolls its main area, not the page: the funnel has a picture of its own.
    funnel.scroll_into_view_if_needed()
    funnel.screenshot(path=str(SCREENSHOT_DIR / f"audience-funnel-{width}.png"))
    clicks = page.locator("section", has=page.locator("#audience-edition-clicks"))
    rows = dict(row.rsplit("\t", 1) for row in clicks.locator("tbody tr").all_inner_texts())
    assert rows == {live_demo.lead.title: "12", premium.title: "7"}
    download = clicks.get_by_role("link", name="Télécharger (CSV)")
    assert download.get_attribute("href").endswith("/clics/")
    clicks.scroll_into_view_if_needed()
    clicks.screenshot(path=str(SCREENSHOT_DIR / f"audience-edition-clicks-{width}.png"))
    assert_no_serious_axe_violations(page, f"audience at {width}")

    reader = new_context(viewport=VIEWPORTS[width], locale="fr-FR", timezone_id="Europe/Paris").new_page()
    for name, path in (("premium-article", premium.url), ("offers", f"/abonnement/?depuis={premium.pk}")):
        assert reader.goto(live_demo.url + path, wait_until="networkidle").status == 200
        assert_no_horizontal_overflow(reader, f"{name} at {width}")
        screenshot(reader, f"audience-{name}-{width}")
        assert_no_serious_axe_violations(reader, f"{name} at {width}")


def test_a_page_opened_from_a_newsletter_counts_as_such_and_drops_the_mark(
    live_demo: LiveDemo, new_context, live_server
) -> None:
    context = new_context(viewport=VIEWPORTS["1440"], locale="fr-FR", user_agent=READER_AGENT)
    page = context.new_page()
    path = live_demo.lead.url + "?utm_source=newsletter&page=1"
    with page.expect_request(lambda request: "/mesure/?" in request.url) as beacon:
        page.goto(live_demo.url + path, wait_until="load")
    assert "n=1" in beacon.value.url
    assert page.evaluate("location.pathname + location.search") == live_demo.lead.url + "?page=1"
    page.goto("about:blank")
    live_server.requests_in_flight.wait_until_quiet()
    rows = list(DailyViews.objects.filter(object_id=live_demo.lead.pk).values_list("source", "views"))
    assert rows == [(Source.NEWSLETTER, 1)]
