"""The wire screen and a story as an editor meets them at 390 and 1440 px (issue 27).

At 390 px each dispatch reads as a card and no control lies beyond the screen; at 1440 px
the filters stand clear of the header and the FLASH row stays on one line; the columns are
in French ("Mot-clé", as the filter says); on a story "Auteur" stays with its list, and the
rights and subjects are in text of a readable size. axe finds nothing on either screen.

Screenshots: test-output/screenshots/wire-a11y-{queue,story}-{390,1440}.png
"""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from manchette.articles.models import Agency
from manchette.wire import ingest
from manchette.wire.models import Feed, Story
from tests.wire.test_stories import g2

from .conftest import (
    VIEWPORTS,
    LiveDemo,
    _session_cookie_of,
    assert_controls_on_screen,
    assert_no_horizontal_overflow,
    assert_no_serious_axe_violations,
    screenshot,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

HEADLINE = "Séisme de magnitude 6,1 au large de Nice : les secours mobilisés sur tout le littoral"
RIGHTS = "© Agence Méditerranée Nouvelles 2026, tous droits réservés"


def _with_rights_and_subjects(item: bytes) -> bytes:
    text = item.decode()
    rights = f"<rightsInfo><copyrightNotice>{RIGHTS}</copyrightNotice></rightsInfo>"
    text = text.replace("<itemMeta>", f"{rights}<itemMeta>")
    subjects = '<subject qcode="medtop:06000000"><name>Environnement</name></subject>'
    return text.replace("</contentMeta>", f"{subjects}</contentMeta>").encode()


def test_the_wire_screen_and_a_story_read_well_on_a_phone_and_a_desktop(
    live_demo: LiveDemo, new_context, tmp_path
) -> None:
    agency = Agency.objects.get(short_name="AMN")
    feed = Feed.objects.create(
        name="AMN", agency=agency, format="newsmlg2", transport="folder", location=str(tmp_path), active=False
    )
    ingest.ingest_file(feed, "routine.xml", g2("urn:amn:routine", 1, "Le conseil régional vote son budget"))
    flash = _with_rights_and_subjects(g2("urn:amn:flash", 1, HEADLINE, urgency=1))
    ingest.ingest_file(feed, "flash.xml", flash)
    story = Story.objects.get(guid="urn:amn:flash")

    for width, viewport in VIEWPORTS.items():
        context = new_context(viewport=viewport, locale="fr-FR", timezone_id="Europe/Paris")
        context.add_cookies([{**_session_cookie_of("editrice@manchette.test"), "url": live_demo.url}])
        page = context.new_page()
        page.goto(live_demo.url + reverse("wire_queue"), wait_until="networkidle")
        screenshot(page, f"wire-a11y-queue-{width}")
        assert_no_horizontal_overflow(page, f"wire queue at {width} px")
        assert_controls_on_screen(page, f"wire queue at {width} px")
        headers = page.locator(".wire-queue th").all_inner_texts()
        assert "Mot-clé" in headers and "Slug" not in headers, headers
        title = page.get_by_role("link", name=HEADLINE)
        # The title is read in lines of words, not one word a line.
        lines = title.evaluate("a => a.getClientRects().length")
        assert lines <= 4, f"the title takes {lines} lines at {width} px"
        if width == "1440":
            flash_row = page.locator(".wire-queue tbody tr", has=page.locator(".wire-badge"))
            for part in ("time", ".wire-badge"):
                lines = flash_row.locator(part).evaluate("el => el.getClientRects().length")
                assert lines == 1, f"{part} of the FLASH row wraps onto {lines} lines"
            gap = page.evaluate(
                "() => document.querySelector('.wire-filters').getBoundingClientRect().top"
                " - document.querySelector('header').getBoundingClientRect().bottom"
            )
            assert gap >= 16, f"the filters touch the header ({gap:.0f} px)"
        assert_no_serious_axe_violations(page, f"wire queue at {width} px")

        page.goto(live_demo.url + reverse("wire_story", args=[story.pk]), wait_until="networkidle")
        screenshot(page, f"wire-a11y-story-{width}")
        assert_no_horizontal_overflow(page, f"wire story at {width} px")
        assert_controls_on_screen(page, f"wire story at {width} px")
        label, select = page.locator("label[for=wire-author]"), page.locator("#wire-author")
        label_box, select_box = label.bounding_box(), select.bounding_box()
        label_middle = label_box["y"] + label_box["height"] / 2
        assert select_box["y"] < label_middle < select_box["y"] + select_box["height"], (
            f"'Auteur' and its list are on different lines: {label_box} {select_box}"
        )
        for text in (RIGHTS, "Environnement"):
            size = page.get_by_text(text).evaluate("el => parseFloat(getComputedStyle(el).fontSize)")
            assert size >= 14, f"{text!r} in {size}px text"
        expect(page.get_by_text(RIGHTS)).to_be_visible()
        assert_no_serious_axe_violations(page, f"wire story at {width} px")
