"""The moderation queue by keyboard and on a phone (issue 27).

A moderator's keys act on the comment that holds the focus, never on one selected earlier
with j; the one-letter keys can be turned off and stay off; after an action the focus is on
the next comment and the result is read out. At 390 px no control lies outside the screen,
"Fermer les commentaires" appears once per article, and hold reasons read "a ; b".

Screenshots: test-output/screenshots/moderation-queue-{390,1440}.png
"""

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from playwright.sync_api import Page, expect

from manchette.comments import posting, signals
from manchette.comments.models import Comment, CommentSettings

from .conftest import (
    DESKTOP,
    PHONE,
    VIEWPORTS,
    LiveDemo,
    _session_cookie_of,
    assert_controls_on_screen,
    assert_no_serious_axe_violations,
    screenshot,
)
from .test_comments import _reader

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]



def _pending_comments(live_demo: LiveDemo, count: int) -> tuple[object, list[Comment]]:
    rules = CommentSettings.load()
    rules.premoderation, rules.held_first_comments, rules.hold_links = True, 0, False
    rules.save()
    signals.set_up_moderators(app_config=apps.get_app_config("comments"))
    moderator = get_user_model().objects.create_user(
        username="moderatrice", email="moderatrice@manchette.test"
    )
    moderator.groups.add(Group.objects.get(name=signals.MODERATORS))
    author = _reader("aline@exemple.test", "Aline")
    comments = [
        posting.post_comment(author, live_demo.lead, f"Commentaire numéro {number} sur le budget.")
        for number in range(1, count + 1)
    ]
    assert all(comment.status == Comment.Status.PENDING for comment in comments)
    return moderator, comments


def _queue(live_demo: LiveDemo, new_context, moderator, viewport: dict) -> Page:
    context = new_context(viewport=viewport, locale="fr-FR", timezone_id="Europe/Paris")
    context.add_cookies([{**_session_cookie_of(moderator.email), "url": live_demo.url}])
    page = context.new_page()
    page.goto(live_demo.url + "/admin/commentaires/", wait_until="load")
    return page


def _focused_item(page: Page) -> str | None:
    return page.evaluate("() => document.activeElement.closest('.moderation-item')?.id || null")


def _tab_to_button(page: Page, item_id: str, label: str) -> None:
    for _ in range(40):
        page.keyboard.press("Tab")
        where = page.evaluate(
            "() => [document.activeElement.closest('.moderation-item')?.id, document.activeElement.innerText]"
        )
        if where == [item_id, label]:
            return
    raise AssertionError(f"never reached {label} in {item_id}")


def test_keys_act_on_the_focused_comment_can_be_turned_off_and_focus_moves_on(
    live_demo: LiveDemo, new_context
) -> None:
    moderator, (first, second, third) = _pending_comments(live_demo, 3)
    page = _queue(live_demo, new_context, moderator, DESKTOP)

    # The demo's pending comments come first (oldest first): j until the first of ours.
    for _ in range(Comment.objects.filter(status=Comment.Status.PENDING).count()):
        page.keyboard.press("j")
        if _focused_item(page) == f"moderation-{first.pk}":
            break
    assert _focused_item(page) == f"moderation-{first.pk}"
    _tab_to_button(page, f"moderation-{second.pk}", "Publier")
    with page.expect_navigation(wait_until="load"):
        page.keyboard.press("a")

    statuses = dict(Comment.objects.values_list("pk", "status"))
    assert statuses[second.pk] == Comment.Status.PUBLISHED, "the focused comment is the one published"
    assert statuses[first.pk] == Comment.Status.PENDING, "the comment selected with j is left alone"
    # The focus is on the comment that followed, and the result is read out politely.
    assert _focused_item(page) == f"moderation-{third.pk}"
    announce = page.locator("#moderation-announce")
    expect(announce).to_have_attribute("aria-live", "polite")
    expect(announce).to_have_text("Commentaire publié.")

    # j / k move from the focused comment; a publishes it.
    page.keyboard.press("k")
    assert _focused_item(page) == f"moderation-{first.pk}"

    # The one-letter keys turned off, by keyboard, stay off on the next visit.
    toggle = page.get_by_label("Raccourcis clavier à une lettre")
    expect(toggle).to_be_checked()
    toggle.focus()
    page.keyboard.press("Space")
    expect(toggle).not_to_be_checked()
    page.reload(wait_until="load")
    expect(page.get_by_label("Raccourcis clavier à une lettre")).not_to_be_checked()
    page.locator(f"#moderation-{first.pk}").focus()
    page.keyboard.press("j")
    assert _focused_item(page) == f"moderation-{first.pk}", "j moved although the keys are off"
    page.keyboard.press("a")
    page.wait_for_timeout(300)
    assert Comment.objects.get(pk=first.pk).status == Comment.Status.PENDING


@pytest.mark.parametrize("width", VIEWPORTS.keys())
def test_the_queue_fits_a_phone_and_groups_what_is_heavy(
    live_demo: LiveDemo, new_context, width: str
) -> None:
    moderator, comments = _pending_comments(live_demo, 3)
    Comment.objects.filter(pk=comments[0].pk).update(held_because="nouveau commentateur; lien")
    page = _queue(live_demo, new_context, moderator, VIEWPORTS[width])
    screenshot(page, f"moderation-queue-{width}")

    assert_controls_on_screen(page, f"moderation queue at {width} px")
    held = page.locator(f"#moderation-{comments[0].pk}")
    expect(held).to_contain_text("retenu : nouveau commentateur ; lien")
    # One "Fermer les commentaires" per article of the file, not one under every comment.
    pending = Comment.objects.filter(status=Comment.Status.PENDING)
    articles = pending.values("article").distinct().count()
    assert articles < pending.count()
    expect(page.get_by_role("button", name="Fermer les commentaires")).to_have_count(articles)
    assert page.get_by_text("Fermer les commentaires de l'article").count() == 0
    assert_no_serious_axe_violations(page, f"moderation queue at {width} px")
    if width == "390":
        # Refusing on a phone, by keyboard: the reason, then Refuser, all on screen.
        page.locator(f"#motif-{comments[0].pk}").select_option("spam")
        page.locator(f"#precision-{comments[0].pk}").focus()
        page.keyboard.press("Tab")
        box = page.evaluate("() => document.activeElement.getBoundingClientRect().right")
        assert box <= PHONE["width"], box
