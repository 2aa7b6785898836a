"""An article with a rectificatif, and /rectificatifs/, as readers see them at 390 and 1440 px:
the notice at the top with its date, "mis à jour le" beside the publication date, nothing
that axe reports (of any impact), no sideways scrolling.

Screenshots: test-output/screenshots/corrections-{article,list}-{390,1440}.png
"""

import pytest
from axe_playwright_python.sync_playwright import Axe

from manchette.demo import content

from .conftest import VIEWPORTS, LiveDemo, check_page_quality, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CORRECTED = content.CORRECTIONS[0]


def _violations(page) -> list[str]:
    return [
        f"{violation['id']} ({violation['impact']}): {[node['target'] for node in violation['nodes']][:5]}"
        for violation in Axe().run(page).response["violations"]
    ]


@pytest.mark.parametrize("width", VIEWPORTS.keys())
def test_a_corrected_article_and_the_corrections_page(live_demo: LiveDemo, width: str) -> None:
    from manchette.articles.models import ArticlePage

    article = ArticlePage.objects.get(slug=CORRECTED["article"])
    opened = live_demo.open_page(article.url, VIEWPORTS[width])
    page = opened.page
    notice = page.locator(".notices--top .notice-box")
    assert notice.count() == 1
    assert notice.inner_text().startswith("Rectificatif")
    assert "180 passagers" in notice.inner_text()
    assert "mis à jour le" in page.locator(".article__dates").inner_text()
    # The notice is seen before the text it corrects.
    assert notice.bounding_box()["y"] < page.locator(".article__body").bounding_box()["y"]
    screenshot(page, f"corrections-article-{width}")
    check_page_quality(opened, live_demo, f"corrected article at {width}")
    assert _violations(page) == []

    listing = live_demo.open_page("/rectificatifs/", VIEWPORTS[width])
    link = listing.page.locator(".corrections-list__title a")
    assert link.inner_text() == article.title.replace(" :", "\u00a0:")
    screenshot(listing.page, f"corrections-list-{width}")
    check_page_quality(listing, live_demo, f"/rectificatifs/ at {width}")
    assert _violations(listing.page) == []
    link.click()
    listing.page.wait_for_load_state("load")
    assert listing.page.url.endswith(f"{article.url}#rectificatif-{article.notices[0].pk}")
