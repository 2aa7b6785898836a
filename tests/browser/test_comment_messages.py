"""What a commenter sees and hears after posting, replying or being refused, and the counter
(issue 27), by keyboard in Chromium.

After posting, the note is in the comment section with the focus on it (not in the site's
message list far above); a refused comment puts the focus back in the text and the title
starts with "Erreur"; the reply page starts in the text box; a pending reply says whom it
answers. The counter is seen all along but read out only near the limit and over it.
"""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from playwright.sync_api import Page, expect

from manchette.comments import moderation, posting, signals
from manchette.comments.models import Comment, CommentSettings

from .conftest import (
    DESKTOP,
    PHONE,
    SUBSCRIBER_EMAIL,
    LiveDemo,
    assert_no_serious_axe_violations,
    screenshot,
    wait_for_autofocus,
)
from .test_comments import _reader

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _focused(page: Page) -> dict:
    """What the page focused as it opened."""
    wait_for_autofocus(page, "comments-unfocused")
    return page.evaluate(
        "() => ({id: document.activeElement.id, text: document.activeElement.innerText || ''})"
    )


def _premoderated() -> None:
    from django.apps import apps

    rules = CommentSettings.load()
    rules.premoderation, rules.held_first_comments, rules.hold_links = True, 0, False
    rules.save()
    signals.set_up_moderators(app_config=apps.get_app_config("comments"))


def _send(page: Page, button: str) -> None:
    """Tab from the text box to the button, and press Enter on it."""
    page.locator("#comment-text").focus()
    for _ in range(5):
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.innerText") == button:
            break
    with page.expect_navigation(wait_until="load"):
        page.keyboard.press("Enter")


def test_the_notes_after_posting_replying_and_a_refusal_take_the_focus(live_demo: LiveDemo) -> None:
    _premoderated()
    moderator = get_user_model().objects.create_user(
        username="moderatrice", email="moderatrice@manchette.test"
    )
    moderator.groups.add(Group.objects.get(name=signals.MODERATORS))
    article = live_demo.lead
    root = posting.post_comment(_reader("a@exemple.test", "Aline"), article, "Un fil de discussion.")
    moderation.approve(moderator, root.pk)

    page = live_demo.open_page(article.url, PHONE, subscriber=True).page
    page.locator("#comment-text").fill("Un avis mesuré sur ce budget.")
    _send(page, "Publier")
    focus = _focused(page)
    assert focus["id"] == "comment-posted", focus
    assert "Votre commentaire est en attente de modération" in focus["text"]
    assert page.locator("ul.messages").count() == 0, "the note is said once, where the reader is"
    screenshot(page, "comments-posted-390")
    assert_no_serious_axe_violations(page, "article after posting a comment")

    # Replying: the page starts in the text box, labelled with whom it answers.
    page.goto(live_demo.url + f"/commentaires/{root.pk}/", wait_until="load")
    focus = _focused(page)
    assert focus["id"] == "comment-text", focus
    expect(page.get_by_label("Votre réponse à Aline")).to_be_focused()
    page.keyboard.type("Je vous rejoins.")
    _send(page, "Répondre")
    focus = _focused(page)
    assert focus["id"] == "comment-posted" and "Votre réponse est en attente de modération" in focus["text"]
    reply = Comment.objects.get(text="Je vous rejoins.")
    expect(page.locator(f"#commentaire-{reply.pk}")).to_contain_text("En réponse à Aline")

    # Too long: refused, the focus back in the text, the title says it is an error.
    page.goto(live_demo.url + article.url, wait_until="load")
    page.locator("#comment-text").fill("a" * 2001)
    _send(page, "Publier")
    assert page.title().startswith("Erreur"), page.title()
    focus = _focused(page)
    assert focus["id"] == "comment-text", focus
    expect(page.locator("#comment-text")).to_have_attribute("aria-invalid", "true")
    assert get_user_model().objects.get(email=SUBSCRIBER_EMAIL).comments.filter(text="a" * 2001).count() == 0


def test_the_counter_speaks_only_near_the_limit_and_over_it(live_demo: LiveDemo) -> None:
    page = live_demo.open_page(live_demo.lead.url, DESKTOP, subscriber=True).page
    box, counter = page.locator("#comment-text"), page.locator("#comment-count")
    alert = page.locator("#comment-count-alert")
    assert counter.get_attribute("aria-live") is None, "the visible counter is no live region"
    expect(alert).to_have_attribute("aria-live", "polite")

    def described() -> list[str]:
        return (box.get_attribute("aria-describedby") or "").split()

    box.focus()
    typed = "Quelques mots, que le lecteur ne veut pas entendre compter à chaque pause."
    page.keyboard.type(typed)
    expect(counter).to_have_text(f"{len(typed)} / 2000")
    page.wait_for_timeout(1200)  # longer than the pause after which the count would be read out
    expect(alert).to_have_text("")
    assert "comment-count" not in described()

    box.fill("a" * 1900)
    expect(alert).to_have_text("Plus que 100 caractères.")
    assert "comment-count" in described()
    box.fill("a" * 2010)
    expect(alert).to_have_text("10 caractères de trop : raccourcissez votre texte.")
    expect(counter).to_have_text("2010 / 2000")
