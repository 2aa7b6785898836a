"""An edition whose sending lost its queued batches and its watch (a Redis flush mid-send) is
finished by the scheduler (`run_scheduler`), without a mail sent twice.

Real database task backend, real `db_worker`, real SMTP server (aiosmtpd).
"""

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from manchette.newsletters import editions, sending, tasks
from manchette.newsletters.models import Delivery, Edition, Signup
from tests.conftest import Mailbox, Newsroom
from tests.tasks_in_database import run_scheduler, run_worker

from .conftest import make_newsletter

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_sending_whose_jobs_were_lost_is_finished_by_the_scheduler(
    newsroom_after_flush: Newsroom, clock: time_machine.Traveller, smtp_server: Mailbox
) -> None:
    section = newsroom_after_flush.section("International", slug="international")
    newsroom_after_flush.article(section, title="Un article du monde")
    newsletter = make_newsletter(section)
    readers = [f"lecteur{number}@exemple.fr" for number in range(3)]
    for address in readers:
        Signup.objects.create(newsletter=newsletter, email=address, status=Signup.Status.CONFIRMED)
    edition = editions.prepare_edition(newsletter, timezone.now())
    tasks.send_edition(edition)
    # A worker had sent one mail of its batch and died; then Redis lost the rest of the queue.
    first = Delivery.objects.order_by("pk").first()
    Delivery.objects.filter(pk=first.pk).update(
        status=Delivery.Status.SENT, sent_at=timezone.now(), claim="dead", claimed_at=timezone.now()
    )
    Delivery.objects.exclude(pk=first.pk).update(
        status=Delivery.Status.SENDING, claim="dead", claimed_at=timezone.now()
    )
    DBTaskResult.objects.all().delete()

    run_scheduler()  # the claims are still live: the worker may be slow, not dead
    run_worker()
    assert Edition.objects.get(pk=edition.pk).status == Edition.Status.SENDING

    clock.shift(sending.lease() + timedelta(seconds=1))
    run_scheduler()
    run_scheduler()  # a second pass queues a batch that finds nothing left to claim
    run_worker()

    assert Edition.objects.get(pk=edition.pk).status == Edition.Status.SENT
    assert sorted(message["To"] for message in smtp_server.messages) == readers[1:]
    assert Delivery.objects.filter(status=Delivery.Status.SENT).count() == 3
