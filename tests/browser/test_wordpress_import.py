"""An article imported from WordPress, on a phone and a desktop: its captioned pictures and gallery
shown with their credits, no markup of the old site, and the moderation queue holding the comment
WordPress still had pending.

Screenshots: test-output/screenshots/wordpress-article-{390,1440}.png,
wordpress-moderation-queue-{390,1440}.png
"""

from pathlib import Path

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from PIL import Image as PillowImage
from playwright.sync_api import expect

from manchette.articles.models import ArticlePage
from manchette.comments import signals
from manchette.wordpress.importer import Importer, Options

from .conftest import (
    VIEWPORTS,
    LiveDemo,
    _session_cookie_of,
    assert_controls_on_screen,
    assert_no_serious_axe_violations,
    check_page_quality,
    screenshot,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

GAZETTE = Path(__file__).parents[1] / "wordpress" / "fixtures" / "gazette-wxr12.xml"


def _import(tmp_path: Path) -> ArticlePage:
    folder = tmp_path / "uploads" / "2023" / "09"
    folder.mkdir(parents=True)
    PillowImage.new("RGB", (800, 600), (10, 80, 160)).save(folder / "marche.jpg", "JPEG")
    PillowImage.new("RGB", (640, 480), (200, 30, 30)).save(folder / "chalutier.png", "PNG")
    report = Importer(GAZETTE, Options(uploads=tmp_path / "uploads")).run()
    assert not report.errors and not report.fatal, report.errors
    return ArticlePage.objects.get(slug="la-criee-renait")


@pytest.mark.parametrize("width", VIEWPORTS)
def test_imported_article_page(live_demo: LiveDemo, tmp_path: Path, width: str) -> None:
    article = _import(tmp_path)
    opened = live_demo.open_page(article.url, VIEWPORTS[width])
    page = opened.page
    expect(page.get_by_role("heading", level=1)).to_have_text("La criée renaît")
    body = page.locator("main")
    expect(body).to_contain_text("Les étals au lever du jour")
    expect(body).to_contain_text("Jeanne Caradec")
    expect(body).to_contain_text("Un chalutier à quai")
    assert body.locator("figure img").count() >= 3  # the [caption] picture and the gallery's two
    assert "alert(" not in body.inner_html()  # the old post's <script> never reaches the page
    check_page_quality(opened, live_demo, f"imported article at {width} px")
    screenshot(page, f"wordpress-article-{width}")


@pytest.mark.parametrize("width", VIEWPORTS)
def test_moderation_queue_with_an_imported_comment(
    live_demo: LiveDemo, new_context, tmp_path: Path, width: str
) -> None:
    _import(tmp_path)
    signals.set_up_moderators(app_config=apps.get_app_config("comments"))
    moderator = get_user_model().objects.create_user(
        username="moderatrice", email="moderatrice@manchette.test"
    )
    moderator.groups.add(Group.objects.get(name=signals.MODERATORS))
    context = new_context(viewport=VIEWPORTS[width], locale="fr-FR", timezone_id="Europe/Paris")
    context.add_cookies([{**_session_cookie_of(moderator.email), "url": live_demo.url}])
    page = context.new_page()
    page.goto(live_demo.url + "/admin/commentaires/", wait_until="load")
    expect(page.locator("main")).to_contain_text("En attente de modération.")
    expect(page.locator("main")).to_contain_text("importé de WordPress")
    assert_no_serious_axe_violations(page, f"moderation queue with an imported comment at {width} px")
    if width == "390":
        assert_controls_on_screen(page, "moderation queue at 390 px")
    screenshot(page, f"wordpress-moderation-queue-{width}")
