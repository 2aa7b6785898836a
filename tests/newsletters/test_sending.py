"""Editions: built from the section, premium as teaser only, sent once per reader over real SMTP."""

from datetime import timedelta

import pytest
from django.test import TestCase
from django.utils import timezone

from manchette.newsletters import editions, sending, tasks, tokens, unsubscribing
from manchette.newsletters.models import Delivery, Edition, Newsletter, Signup, Suppression
from manchette.subscriptions.models import Plan, Subscription
from tests.conftest import Mailbox
from tests.subscriptions.conftest import subscribe

from .conftest import SECRET, Pipelining, mail_to, send_edition, serving


def _readers(
    newsletter: Newsletter, count: int, status: str = Signup.Status.CONFIRMED, **fields
) -> list[Signup]:
    start = Signup.objects.count()
    return Signup.objects.bulk_create(
        Signup(newsletter=newsletter, email=f"lecteur{start + n}@exemple.fr", status=status, **fields)
        for n in range(count)
    )


def test_the_edition_takes_the_section_articles_since_the_last_one(
    edition: Edition, newsroom, international
) -> None:
    assert [a.title for a in editions.ordered_articles(edition)] == ["Un article premium", "Un article libre"]
    assert edition.status == Edition.Status.APPROVED
    assert (
        editions.prepare_edition(edition.newsletter, edition.slot) == edition
    )  # the same slot: the same edition
    newsroom.article(international, title="Plus tard", first_published_at=edition.slot + timedelta(hours=1))
    later = editions.prepare_edition(edition.newsletter, edition.slot + timedelta(days=7))
    assert [a.title for a in editions.ordered_articles(later)] == ["Plus tard"]
    assert (
        editions.prepare_edition(edition.newsletter, edition.slot + timedelta(days=14)) is None
    )  # nothing new


def test_each_reader_gets_one_mail_with_the_headers_and_both_parts(
    edition: Edition, any_smtp_server: Mailbox
) -> None:
    readers = _readers(edition.newsletter, 3)
    send_edition(edition)
    assert sorted(m["To"] for m in any_smtp_server.messages) == sorted(r.email for r in readers)
    mail = next(m for m in any_smtp_server.messages if m["To"] == readers[0].email)
    assert mail["From"] == "Manchette International <international@manchette.test>"
    assert mail["Message-ID"] and mail["Date"]
    assert mail["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    unsubscribe = mail["List-Unsubscribe"].strip("<>")
    assert unsubscribe.startswith("http://127.0.0.1:8000/newsletters/desinscription/")
    assert tokens.signup_from_unsubscribe_token(unsubscribe.rstrip("/").rsplit("/", 1)[1]) == readers[0]
    text = mail.get_body(("plain",)).get_content()
    page = mail.get_body(("html",)).get_content()
    for part in (text, page):
        assert "Un article premium" in part and "Le chapô du premium." in part
        assert SECRET not in part  # premium text never goes out, only its teaser and link
        assert unsubscribe in part and "/newsletters/preferences/" in part
    assert 'style="' in page  # styles inlined for mail clients
    edition.refresh_from_db()
    assert edition.status == Edition.Status.SENT
    assert editions.counts(edition)["sent"] == 3


def test_sending_again_sends_nothing_twice(edition: Edition, smtp_server: Mailbox) -> None:
    _readers(edition.newsletter, 5)
    send_edition(edition)
    send_edition(edition)
    first, last = Delivery.objects.order_by("pk").values_list("pk", flat=True)[::4]
    with TestCase.captureOnCommitCallbacks(execute=True):
        tasks.send_batch.call(edition.pk, first, last)
    assert len(smtp_server.messages) == 5
    assert Delivery.objects.filter(edition=edition).count() == 5


def test_only_confirmed_and_deliverable_addresses_receive_it(edition: Edition, smtp_server: Mailbox) -> None:
    [confirmed] = _readers(edition.newsletter, 1)
    _readers(edition.newsletter, 1, status=Signup.Status.PENDING)
    _readers(edition.newsletter, 1, status=Signup.Status.UNSUBSCRIBED)
    [bounced] = _readers(edition.newsletter, 1)
    unsubscribing.suppress(bounced.email, "550 5.1.1 user unknown")
    send_edition(edition)
    assert [m["To"] for m in smtp_server.messages] == [confirmed.email]
    assert Suppression.objects.count() == 1


def test_subscribers_only_follows_the_subscription(
    edition: Edition, make_user, smtp_server: Mailbox, newsroom, international
) -> None:
    newsletter = edition.newsletter
    Newsletter.objects.filter(pk=newsletter.pk).update(audience=Newsletter.Audience.SUBSCRIBERS)
    edition.refresh_from_db()
    plan = Plan.objects.create(slug="mensuel", name="Mensuel", price_cents=990, period=Plan.Period.MONTH)
    subscriber, reader = make_user(email="abonne@exemple.fr"), make_user(email="lecteur@exemple.fr")
    subscription = subscribe(subscriber, plan, ends_in=timedelta(days=3))
    for user in (subscriber, reader):
        Signup.objects.create(
            newsletter=newsletter, email=user.email, user=user, status=Signup.Status.CONFIRMED
        )
    send_edition(edition)
    assert [m["To"] for m in smtp_server.messages] == ["abonne@exemple.fr"]
    # The subscription ends, the other reader subscribes: the next edition follows.
    Subscription.objects.filter(pk=subscription.pk).update(
        current_period_end=timezone.now() - timedelta(minutes=1)
    )
    subscribe(reader, plan, ends_in=timedelta(days=30))
    newsroom.article(international, title="La suite", first_published_at=timezone.now())
    later = editions.prepare_edition(newsletter, timezone.now() + timedelta(minutes=5))
    send_edition(later)
    assert [m["To"] for m in smtp_server.messages] == ["abonne@exemple.fr", "lecteur@exemple.fr"]


class Refusing(Mailbox):
    """An SMTP server that refuses some recipients, for a while (4xx) or for good (5xx)."""

    def __init__(self, answers: dict[str, list[str]]) -> None:
        super().__init__()
        self.answers = answers

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options) -> str:
        queued = self.answers.get(address)
        if queued:
            return queued.pop(0)
        envelope.rcpt_tos.append(address)
        return "250 OK"


class PipeliningRefusing(Pipelining, Refusing):
    pass


@pytest.mark.parametrize("server_class", [Refusing, PipeliningRefusing])
def test_temporary_failures_are_retried_and_permanent_ones_are_not(
    edition: Edition, settings, server_class: type[Refusing]
) -> None:
    readers = _readers(edition.newsletter, 3)
    answers = {readers[0].email: ["451 4.3.0 try later"], readers[1].email: ["550 5.1.1 no such user"]}
    server = server_class(answers)
    with serving(server) as port:
        mail_to(settings, port)
        send_edition(edition)
        states = dict(Delivery.objects.values_list("signup__email", "status"))
        assert states == {readers[0].email: "queued", readers[1].email: "failed", readers[2].email: "sent"}
        assert sending.retry_delay(edition.pk, 0, 10**9) == timedelta(seconds=30)
        # The retry (the worker runs it after the backoff): the address accepts mail now.
        with TestCase.captureOnCommitCallbacks(execute=True):
            tasks.send_batch.call(edition.pk, 0, 10**9)
    states = dict(Delivery.objects.values_list("signup__email", "status"))
    assert states == {readers[0].email: "sent", readers[1].email: "failed", readers[2].email: "sent"}
    assert sorted(m["To"] for m in server.messages) == sorted([readers[0].email, readers[2].email])


def test_a_batch_left_by_a_dead_worker_is_taken_over(edition: Edition, smtp_server: Mailbox, clock) -> None:
    _readers(edition.newsletter, 4)
    with TestCase.captureOnCommitCallbacks(execute=False):  # batches queued, never run: the worker died
        tasks.send_edition(edition)
    token = sending.claim(edition.pk, 0, 10**9)
    assert Delivery.objects.filter(claim=token).count() == 4
    with TestCase.captureOnCommitCallbacks(execute=True):
        tasks.watch_edition.call(edition.pk)  # too early: the claim is fresh, nobody takes it
    assert not smtp_server.messages
    clock.shift(sending.lease() + timedelta(seconds=1))
    with TestCase.captureOnCommitCallbacks(execute=True):
        tasks.watch_edition.call(edition.pk)
    assert len(smtp_server.messages) == 4
    edition.refresh_from_db()
    assert edition.status == Edition.Status.SENT


def test_a_reader_who_leaves_after_the_list_is_made_gets_no_copy(
    edition: Edition, smtp_server: Mailbox
) -> None:
    # The list of deliveries is made when sending starts; the batches go out later. A reader who
    # unsubscribes, or whose address is suppressed, in between must not be sent to.
    staying, leaving, bouncing = _readers(edition.newsletter, 3)
    with TestCase.captureOnCommitCallbacks(execute=False):
        tasks.send_edition(edition)  # the deliveries exist; their batches are not run
    assert Delivery.objects.filter(edition=edition).count() == 3
    unsubscribing.unsubscribe(leaving)
    Suppression.objects.create(email=bouncing.email, reason="550 boîte inconnue")

    first, last = Delivery.objects.filter(edition=edition).order_by("pk").values_list("pk", flat=True)[::2]
    with TestCase.captureOnCommitCallbacks(execute=True):
        tasks.send_batch.call(edition.pk, first, last)

    assert [m["To"] for m in smtp_server.messages] == [staying.email]
    skipped = Delivery.objects.filter(edition=edition, status=Delivery.Status.SKIPPED)
    assert set(skipped.values_list("signup_id", flat=True)) == {leaving.pk, bouncing.pk}
    edition.refresh_from_db()
    assert edition.status == Edition.Status.SENT
