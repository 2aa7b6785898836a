"""The data export and the account deletion reach every app (issue 20, DESIGN.md's last rule).

A reader who used every part of the site: account, newsletters (one edition refused by the
mail server, the address then suppressed), comments, a report, reply mails, a subscription
with a note naming them, the wire's alerts. The export lists all of it; after the deletion,
no text column of any table still holds the address or the pseudonym.
"""

import json
from datetime import timedelta

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.db import models
from django.test import Client, TestCase
from django.utils import timezone
from django.utils.module_loading import module_has_submodule

from manchette.accounts.personal_data import MODULE
from manchette.accounts.services import set_pseudonym
from manchette.comments import posting
from manchette.comments.models import CommentSettings
from manchette.newsletters import editions, tasks, unsubscribing
from manchette.newsletters.models import Delivery, Signup
from manchette.subscriptions import lifecycle
from manchette.wire.models import AlertSubscription
from tests.conftest import Mailbox, Newsroom
from tests.newsletters.conftest import mail_to, make_newsletter, serving

from .conftest import PASSWORD, Plans, new_reader

pytestmark = pytest.mark.django_db

ADDRESS = "zoe.muller@example.test"
PSEUDONYM = "Zoé Müller"


class RefusesZoe(Mailbox):
    """A mail server that refuses Zoé's address for good, quoting it, as servers do."""

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options) -> str:
        if address == ADDRESS:
            return f"550 5.1.1 <{address}>: Recipient address rejected: User unknown"
        envelope.rcpt_tos.append(address)
        return "250 OK"


@pytest.fixture
def everywhere(newsroom: Newsroom, plans: Plans, settings) -> dict:
    zoe = new_reader(email=ADDRESS)
    set_pseudonym(zoe, PSEUDONYM)
    client = Client()
    client.force_login(zoe)
    # Newsletters: signed up from Mon compte; the first edition bounces, the address is suppressed.
    section = newsroom.section("International")
    newsletter = make_newsletter(section)
    assert client.post("/mon-compte/newsletters/", {"newsletters": [newsletter.pk]}).status_code == 302
    newsroom.article(section, title="Une dépêche", first_published_at=timezone.now() - timedelta(hours=1))
    edition = editions.prepare_edition(newsletter, timezone.now())
    with serving(RefusesZoe()) as port:
        mail_to(settings, port)
        with TestCase.captureOnCommitCallbacks(execute=True):
            tasks.send_edition(edition)
    assert ADDRESS in Delivery.objects.get(signup__email=ADDRESS).error
    unsubscribing.suppress(ADDRESS, f"550 5.1.1 <{ADDRESS}>: User unknown")
    # Comments: a subscriber's thread, a held comment, a report, reply mails asked for.
    lifecycle.grant(zoe, plans.yearly, note=f"Offert à {PSEUDONYM} ({ADDRESS})")
    rules = CommentSettings.load()
    rules.held_first_comments, rules.hold_links, rules.per_minute, rules.per_day = 0, False, 0, 0
    rules.save()
    article = newsroom.article(section, title="La marée monte")
    other = new_reader(email="bruno@example.test")
    set_pseudonym(other, "Bruno")
    lifecycle.grant(other, plans.yearly)
    posting.set_reply_mails(zoe, True)
    with TestCase.captureOnCommitCallbacks(execute=True):
        thread = posting.post_comment(zoe, article, "Mon avis sur la marée.")
        answer = posting.post_comment(other, article, "Je réponds à Zoé.", reply_to=thread.pk)
        posting.report_comment(zoe, answer.pk, "abuse", note=f"Signalé par {PSEUDONYM}")
    AlertSubscription.objects.create(user=zoe)
    return {"zoe": zoe, "client": client, "newsletter": newsletter, "thread": thread, "answer": answer}


def test_the_export_lists_what_every_app_holds(everywhere: dict) -> None:
    response = everywhere["client"].get("/mon-compte/mes-donnees.json")

    data = json.loads(response.content)
    [signup] = data["newsletter_signups"]
    assert signup["newsletter"] == "La newsletter International"
    assert signup["email"] == ADDRESS and signup["status"] == "confirmed"
    assert (
        signup["confirmed_at"]
        and signup["consent_wording"]
        and signup["consent_page"] == "/mon-compte/newsletters/"
    )
    assert data["newsletter_suppressions"][0]["email"] == ADDRESS
    [comment] = data["comments"]
    assert comment["text"] == "Mon avis sur la marée." and comment["pseudonym"] == PSEUDONYM
    assert comment["url"] and comment["status"] == "published"
    [report] = data["comment_reports"]
    assert report == {
        "comment": everywhere["answer"].pk,
        "reason": "abuse",
        "note": f"Signalé par {PSEUDONYM}",
        "at": report["at"],
    }
    assert [n["kind"] for n in data["comment_notifications"]] == ["reply"]
    assert data["commenter"]["reply_mails"] is True
    assert data["wire_alerts"] == {"email": True}
    assert [s["plan"] for s in data["subscriptions"]] == ["Annuel"]
    assert data["metered_reads"] == []
    assert "bruno@example.test" not in response.content.decode()


def _text_columns() -> list[tuple[type[models.Model], str]]:
    return [
        (model, field.name)
        for model in apps.get_models()
        if model._meta.managed and not model._meta.proxy
        for field in model._meta.concrete_fields
        if isinstance(field, models.CharField | models.TextField)
    ]


def _rows_holding(text: str) -> list[str]:
    return [
        f"{model._meta.label}.{name}"
        for model, name in _text_columns()
        if model._default_manager.filter(**{f"{name}__icontains": text}).exists()
    ]


def test_after_deletion_no_table_holds_the_address_or_the_pseudonym(everywhere: dict) -> None:
    assert "newsletters.Signup.email" in _rows_holding(ADDRESS)  # the check sees them before
    assert "comments.Comment.pseudonym" in _rows_holding(PSEUDONYM)

    with TestCase.captureOnCommitCallbacks(execute=True):
        response = everywhere["client"].post("/mon-compte/supprimer/", {"password": PASSWORD})

    assert response.status_code == 302
    assert _rows_holding(ADDRESS) == []
    assert _rows_holding(PSEUDONYM) == []
    zoe = get_user_model().objects.get(pk=everywhere["zoe"].pk)
    assert not Signup.objects.filter(user=zoe).exists()
    assert not AlertSubscription.objects.filter(user=zoe).exists()


def _names_a_person(model: type[models.Model]) -> bool:
    user_model = get_user_model()
    return any(
        field.model is model
        and (isinstance(field, models.EmailField) or getattr(field, "related_model", None) is user_model)
        for field in model._meta.concrete_fields
    )


def test_every_app_with_a_table_naming_a_person_has_a_privacy_module() -> None:
    """A new app that keeps readers' data joins the export and the deletion by writing one."""
    ours = [config for config in apps.get_app_configs() if config.name.startswith("manchette.")]
    missing = [
        config.label
        for config in ours
        if config.label != "accounts"  # the account itself: accounts.services
        and any(_names_a_person(model) for model in config.get_models())
        and not module_has_submodule(config.module, MODULE)
    ]
    assert missing == []
    assert {"newsletters", "comments", "subscriptions", "wire"} <= {
        config.label for config in ours if module_has_submodule(config.module, MODULE)
    }
