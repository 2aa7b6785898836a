"""A reader who deletes their account gets no newsletter any more (issue 20's second defect).

The reader signs up from "Mon compte" and from a signup form (in capitals), receives an
edition over real SMTP, then deletes their account: the next edition, sent for real, does
not reach them, nor does an edition whose deliveries were made before the deletion.
"""

from datetime import timedelta

import pytest
from django.test import Client, TestCase
from django.utils import timezone

from manchette.addresses import clean_address
from manchette.articles.models import SectionPage
from manchette.newsletters import editions, signups, tasks, tokens
from manchette.newsletters.models import Delivery, Edition, Newsletter, Signup
from tests.conftest import Mailbox, Newsroom
from tests.subscriptions.conftest import PASSWORD, new_reader

from .conftest import make_newsletter, send_edition

pytestmark = pytest.mark.django_db

ADDRESS = "zoe@example.test"


def _next_edition(newsroom: Newsroom, section: SectionPage, newsletter: Newsletter, hours: int) -> Edition:
    newsroom.article(section, title=f"Nouvelles de {hours} h", first_published_at=timezone.now())
    edition = editions.prepare_edition(newsletter, timezone.now() + timedelta(hours=hours))
    assert edition is not None
    return edition


@pytest.fixture
def reader_on_two_lists(edition: Edition, newsroom: Newsroom, smtp_server: Mailbox):
    """Zoé gets the International letter (ticked in Mon compte) and the Culture one (typed in
    a signup form as ZOE@Example.test, confirmed by its link); a neighbour gets International."""
    international = edition.newsletter
    culture = make_newsletter(newsroom.section("Culture"), name="La Lettre culture", slug="culture")
    zoe = new_reader(email=ADDRESS)
    client = Client()
    client.force_login(zoe)
    response = client.post("/mon-compte/newsletters/", {"newsletters": [international.pk]})
    assert response.status_code == 302
    typed = signups.request_signup(culture, clean_address("ZOE@Example.test"))
    with TestCase.captureOnCommitCallbacks(execute=True):
        signups.confirm(tokens.confirmation_token(typed))
    Signup.objects.create(
        newsletter=international, email="voisin@example.test", status=Signup.Status.CONFIRMED
    )
    assert set(Signup.objects.filter(email=ADDRESS).values_list("status", flat=True)) == {"confirmed"}
    send_edition(edition)
    assert sorted(m["To"] for m in smtp_server.messages) == ["voisin@example.test", ADDRESS]
    smtp_server.messages.clear()
    return {"zoe": zoe, "client": client, "international": international, "culture": culture}


def _delete(client: Client) -> None:
    with TestCase.captureOnCommitCallbacks(execute=True):
        response = client.post("/mon-compte/supprimer/", {"password": PASSWORD})
    assert response.status_code == 302


def test_after_deletion_the_signups_are_unsubscribed_and_hold_no_address(reader_on_two_lists) -> None:
    zoe = reader_on_two_lists["zoe"]
    before = timezone.now()
    _delete(reader_on_two_lists["client"])

    assert not Signup.objects.filter(email__iexact=ADDRESS).exists()
    assert not Signup.objects.filter(user=zoe).exists()
    # International sent her an edition: its signup stays, for the edition's count, anonymous.
    [kept] = Signup.objects.filter(newsletter=reader_on_two_lists["international"]).exclude(
        email="voisin@example.test"
    )
    assert kept.status == Signup.Status.UNSUBSCRIBED
    assert kept.unsubscribed_at >= before
    assert kept.email.endswith("@adresse.invalid") and kept.user is None
    assert kept.confirmed_at is not None and kept.consent_wording  # the consent's record, naming no one
    assert kept.deliveries.get().status == Delivery.Status.SENT
    # Culture never sent her anything: nothing is left of that signup.
    assert not Signup.objects.filter(newsletter=reader_on_two_lists["culture"]).exists()


def test_the_next_edition_sent_for_real_does_not_reach_a_deleted_reader(
    reader_on_two_lists, newsroom: Newsroom, international: SectionPage, smtp_server: Mailbox
) -> None:
    _delete(reader_on_two_lists["client"])

    later = _next_edition(newsroom, international, reader_on_two_lists["international"], hours=1)
    send_edition(later)

    assert [m["To"] for m in smtp_server.messages] == ["voisin@example.test"]
    later.refresh_from_db()
    assert later.status == Edition.Status.SENT
    assert editions.counts(later)["sent"] == 1


def test_an_edition_already_being_sent_skips_a_reader_deleted_meanwhile(
    reader_on_two_lists, newsroom: Newsroom, international: SectionPage, smtp_server: Mailbox
) -> None:
    """The deliveries are made, the batches queued; the reader deletes their account before
    a worker runs them: the worker sends to the others only, and the edition finishes."""
    later = _next_edition(newsroom, international, reader_on_two_lists["international"], hours=1)
    with TestCase.captureOnCommitCallbacks() as queued_batches:
        assert tasks.send_edition(later) == 2

    _delete(reader_on_two_lists["client"])
    with TestCase.captureOnCommitCallbacks(execute=True):
        for run_batch in queued_batches:
            run_batch()

    assert [m["To"] for m in smtp_server.messages] == ["voisin@example.test"]
    later.refresh_from_db()
    assert later.status == Edition.Status.SENT
    assert editions.counts(later) == {
        "queued": 0, "sending": 0, "sent": 1, "failed": 0, "bounced": 0, "skipped": 0
    }


def test_deleting_an_account_leaves_another_readers_signup_alone(reader_on_two_lists) -> None:
    """An address added to the account but never confirmed is not the reader's to unsubscribe."""
    from allauth.account.models import EmailAddress

    Signup.objects.create(
        newsletter=reader_on_two_lists["international"], email="patron@example.test", status="confirmed"
    )
    EmailAddress.objects.create(user=reader_on_two_lists["zoe"], email="patron@example.test", verified=False)

    _delete(reader_on_two_lists["client"])

    assert Signup.objects.get(email="patron@example.test").status == Signup.Status.CONFIRMED
