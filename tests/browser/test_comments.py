"""Comments in Chromium: the live counter, posting with a script payload, the pending state,
approval in the moderation queue, a reply with its @mention, the banned reader's notice, and
reply mails turned off in "Mon compte".

Screenshots of the comment section (visitor, subscriber, banned reader), of the queue and of
"Mon compte", at 390 and 1440 px, go to test-output/screenshots/comments-*.png.
"""

import re
from datetime import timedelta

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from playwright.sync_api import expect

from manchette.comments import moderation, notifications, posting, signals
from manchette.comments.models import Comment, CommentSettings

from .conftest import DESKTOP, PHONE, SCREENSHOT_DIR, SUBSCRIBER_EMAIL, _session_cookie_of

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PAYLOAD = '<img src=x onerror="window.__injected=1"><script>window.__injected=2</script> Premier avis'


def _section_shot(page, name: str) -> None:
    SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
    page.locator("#commentaires").screenshot(path=str(SCREENSHOT_DIR / f"comments-{name}.png"))


def _reader(email: str, pseudonym: str):
    from manchette.accounts.services import set_pseudonym
    from manchette.subscriptions.models import Plan
    from tests.subscriptions.conftest import subscribe

    user = get_user_model().objects.create_user(username=email, email=email)
    set_pseudonym(user, pseudonym)
    subscribe(user, Plan.objects.first(), ends_in=timedelta(days=30))
    return user


def test_counter_post_pending_approve_reply_and_ban(live_demo, new_context) -> None:
    rules = CommentSettings.load()
    # Pre-moderation for the subscriber's first comment, post-moderation for the reply.
    rules.premoderation, rules.held_first_comments, rules.hold_links = True, 0, False
    rules.save()
    signals.set_up_moderators(app_config=apps.get_app_config("comments"))
    moderator = get_user_model().objects.create_user(
        username="moderatrice", email="moderatrice@manchette.test"
    )
    moderator.groups.add(Group.objects.get(name=signals.MODERATORS))
    article = live_demo.lead
    # A thread with a reply, for the subscriber to answer the reply (an @mention).
    root = posting.post_comment(_reader("a@exemple.test", "Aline"), article, "Un fil de discussion.")
    moderation.approve(moderator, root.pk)
    answer = posting.post_comment(
        _reader("b@exemple.test", "Basile"), article, "Une réponse.", reply_to=root.pk
    )
    moderation.approve(moderator, answer.pk)

    visitor = live_demo.open_page(article.url, PHONE).page
    expect(visitor.locator("#comments-title")).to_have_text("Commentaires (2)")
    expect(visitor.locator("#commentaires")).to_contain_text("Les commentaires sont réservés aux abonnés.")
    assert visitor.locator("#commentaires textarea").count() == 0
    _section_shot(visitor, "visitor-390")

    page = live_demo.open_page(article.url, DESKTOP, subscriber=True).page
    counter = page.locator("#comment-count")
    expect(counter).to_have_text("0 / 2000")
    box = page.locator("#comment-text")
    box.fill("Bonjour 😀")
    expect(counter).to_have_text("9 / 2000")  # the emoji is one character, as the server counts
    box.fill("a\nb")
    expect(counter).to_have_text("3 / 2000")
    box.fill(PAYLOAD)
    _section_shot(page, "subscriber-1440")
    page.get_by_role("button", name="Publier").click()
    expect(page.locator(".comments__own")).to_contain_text("En attente de modération : visible de vous seul.")
    expect(page.locator("#comments-title")).to_have_text("Commentaires (2)")

    admin = new_context(viewport=DESKTOP, locale="fr-FR")
    admin.add_cookies([{**_session_cookie_of(moderator.email), "url": live_demo.url}])
    queue = admin.new_page()
    queue.goto(live_demo.url + "/admin/commentaires/")
    item = queue.locator(".moderation-item", has_text="Premier avis")
    expect(item).to_be_visible()
    queue.screenshot(path=str(SCREENSHOT_DIR / "comments-queue-1440.png"), full_page=True)
    queue.set_viewport_size(PHONE)
    queue.screenshot(path=str(SCREENSHOT_DIR / "comments-queue-390.png"), full_page=True)
    item.get_by_role("button", name="Publier").click()
    expect(queue.locator(".moderation-item", has_text="Premier avis")).to_have_count(0)

    published = live_demo.open_page(article.url, DESKTOP).page
    mine = published.locator(".comment", has_text="Premier avis")
    expect(mine).to_be_visible()
    expect(mine.locator(".comment__text")).to_contain_text('<img src=x onerror="window.__injected=1">')
    assert published.evaluate("window.__injected") is None
    assert published.locator("#commentaires img, #commentaires .comment__text script").count() == 0

    rules.premoderation = False
    rules.save()
    page.goto(live_demo.url + article.url)
    page.locator(f"#commentaire-{answer.pk}").get_by_role("link", name=re.compile("^Répondre")).click()
    page.locator("#comment-text").fill("Je ne suis pas d'accord.")
    page.get_by_role("button", name="Répondre").click()
    reply = Comment.objects.get(text="Je ne suis pas d'accord.")
    assert reply.is_published and reply.thread_id == root.pk
    mention = page.locator(f"#commentaire-{reply.pk} .comment__mention")
    expect(mention).to_have_text("@Basile")
    expect(mention).to_have_attribute("href", f"#commentaire-{answer.pk}")

    subscriber = get_user_model().objects.get(email=SUBSCRIBER_EMAIL)
    moderation.set_standing(moderator, subscriber.pk, "banned", reason="Injures répétées")
    for width, viewport in (("390", PHONE), ("1440", DESKTOP)):
        banned = live_demo.open_page(article.url, viewport, subscriber=True).page
        notice = banned.locator(".comments__notice--ban")
        expect(notice).to_contain_text("vos contributions ont enfreint la charte de modération")
        expect(notice.get_by_role("link", name="Lire la charte de modération")).to_be_visible()
        assert banned.locator("#commentaires textarea").count() == 0
        _section_shot(banned, f"banned-{width}")

    # Reply and mention mails are asked for (opt-in) in "Mon compte".
    for width, viewport in (("1440", DESKTOP), ("390", PHONE)):
        account = live_demo.open_page("/mon-compte/", viewport, subscriber=True).page
        choice = account.get_by_label(re.compile("M'envoyer un e-mail quand un lecteur répond"))
        expect(choice).to_be_checked(checked=width == "390")
        if width == "1440":
            choice.check()
            account.locator("section", has=choice).get_by_role("button", name="Enregistrer").click()
            expect(account.get_by_label(re.compile("M'envoyer un e-mail"))).to_be_checked()
        SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
        account.screenshot(path=str(SCREENSHOT_DIR / f"comments-account-{width}.png"), full_page=True)
    assert notifications.reply_mails_wanted(subscriber)
