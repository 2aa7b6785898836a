"""Each newsletter's slots form a loop of tasks that nothing can break for good: saving a
newsletter books its next slot, the worker sends it and books the one after, and the scheduler
(`run_scheduler`) finds a slot whose task was lost and sends it, once.

Real database task backend, real `db_worker`, real SMTP server (aiosmtpd).
"""

from datetime import datetime, time, timedelta

import pytest
import time_machine
from django_tasks_db.models import DBTaskResult

from manchette.newsletters import booking, tasks
from manchette.newsletters.demo import load_demo_newsletters
from manchette.newsletters.models import Delivery, Edition, Newsletter, Signup
from tests.conftest import PARIS, Mailbox, Newsroom
from tests.tasks_in_database import queued, run_scheduler, run_worker

from .conftest import make_newsletter

RUN_SCHEDULE = "manchette.newsletters.tasks.run_schedule"
# The suite's clock starts on Wednesday 13 January 2027 at 10:00 in Paris.
NEXT_TUESDAY = datetime(2027, 1, 19, 11, 0, tzinfo=PARIS)
TUESDAY_AFTER = datetime(2027, 1, 26, 11, 0, tzinfo=PARIS)

pytestmark = pytest.mark.django_db(transaction=True)


def booked_runs(newsletter: Newsletter) -> list[datetime]:
    """The slots of the newsletter's queued runs."""
    return [task.run_after for task in queued(RUN_SCHEDULE) if task.args_kwargs["args"][0] == newsletter.pk]


@pytest.fixture
def international(newsroom_after_flush: Newsroom) -> Newsletter:
    """The Tuesday 11h letter of a section that published an article, with one confirmed reader."""
    section = newsroom_after_flush.section("International", slug="international")
    newsroom_after_flush.article(section, title="Un article du monde")
    newsletter = make_newsletter(section)
    Signup.objects.create(newsletter=newsletter, email="lea@exemple.fr", status=Signup.Status.CONFIRMED)
    return newsletter


def test_a_new_newsletter_books_its_next_slot_once(international: Newsletter) -> None:
    assert booked_runs(international) == [NEXT_TUESDAY]
    international.refresh_from_db()
    assert international.booked_slot == NEXT_TUESDAY
    [task] = queued(RUN_SCHEDULE)
    assert task.args_kwargs["args"] == [international.pk, NEXT_TUESDAY.isoformat()]

    international.pitch = "Le monde, chaque mardi."
    international.save()  # the schedule did not change: nothing more is queued
    international.save()
    assert booked_runs(international) == [NEXT_TUESDAY]


def test_a_run_lost_with_the_queue_before_its_slot_is_queued_again_at_once(
    international: Newsletter, smtp_server: Mailbox
) -> None:
    """Redis flushed on Wednesday: the scheduler queues Tuesday's run again on its next pass,
    not after Tuesday 11h; a second pass finds it queued and adds nothing."""
    [lost] = queued(RUN_SCHEDULE)
    lost.delete()  # the queue lost it (a Redis flush)
    run_scheduler()
    assert booked_runs(international) == [NEXT_TUESDAY]
    [again] = queued(RUN_SCHEDULE)
    run_scheduler()
    assert queued(RUN_SCHEDULE) == [again]
    assert not Edition.objects.exists() and not smtp_server.messages


def test_a_reactivated_or_rescheduled_newsletter_books_its_new_slot(
    international: Newsletter, clock: time_machine.Traveller, smtp_server: Mailbox
) -> None:
    international.active = False
    international.save()
    assert Newsletter.objects.get(pk=international.pk).booked_slot is None
    international.active = True
    international.save()
    assert Newsletter.objects.get(pk=international.pk).booked_slot == NEXT_TUESDAY

    international.weekdays = "3"  # every Thursday at 3h
    international.send_time = time(3)
    international.save()
    thursday = datetime(2027, 1, 14, 3, 0, tzinfo=PARIS)
    assert Newsletter.objects.get(pk=international.pk).booked_slot == thursday
    assert thursday in booked_runs(international)

    # The runs booked for the old schedule stop at their turn; the new one sends.
    clock.move_to(NEXT_TUESDAY + timedelta(seconds=1))
    run_worker()
    assert list(Edition.objects.values_list("slot", flat=True)) == [thursday]
    assert len(smtp_server.messages) == 1
    assert booked_runs(international) == [datetime(2027, 1, 21, 3, 0, tzinfo=PARIS)]


def test_the_worker_sends_the_slot_and_books_the_next_one(
    international: Newsletter, clock: time_machine.Traveller, smtp_server: Mailbox
) -> None:
    run_worker()  # not yet
    assert not Edition.objects.exists()

    clock.move_to(NEXT_TUESDAY + timedelta(seconds=1))
    run_worker()

    edition = Edition.objects.get()
    assert (edition.slot, edition.status) == (NEXT_TUESDAY, Edition.Status.SENT)
    assert [message["To"] for message in smtp_server.messages] == ["lea@exemple.fr"]
    assert booked_runs(international) == [TUESDAY_AFTER]


def test_a_lost_slot_is_sent_once_by_the_scheduler(
    international: Newsletter, clock: time_machine.Traveller, smtp_server: Mailbox
) -> None:
    """The queue lost the slot's run at its time (a Redis flush, a worker's queue lost, the
    machine down at 11h): at its next pass after the slot, the scheduler sends it and books
    the next one. Passes again, and the lost run coming back after all, send nothing twice and
    book nothing twice. (Lost before the slot, it is queued again at once: the test above.)"""
    clock.move_to(NEXT_TUESDAY + booking.OVERDUE_AFTER + timedelta(seconds=5))
    [lost] = queued(RUN_SCHEDULE)
    lost_copy = DBTaskResult.objects.filter(pk=lost.pk).values().get()
    lost.delete()

    run_worker()
    assert not Edition.objects.exists()  # nothing queued: the worker alone never sends it
    run_scheduler()
    run_worker()  # the batches the scheduler queued

    edition = Edition.objects.get()
    assert (edition.slot, edition.status) == (NEXT_TUESDAY, Edition.Status.SENT)
    assert len(smtp_server.messages) == 1
    assert booked_runs(international) == [TUESDAY_AFTER]

    run_scheduler()
    DBTaskResult.objects.create(**lost_copy)  # the lost run reappears (Redis restored)
    run_worker()
    run_scheduler()
    run_worker()

    assert Edition.objects.count() == 1
    assert Delivery.objects.filter(status=Delivery.Status.SENT).count() == 1
    assert len(smtp_server.messages) == 1
    assert booked_runs(international) == [TUESDAY_AFTER]


def test_two_runs_of_one_slot_book_the_next_slot_once(
    international: Newsletter, clock: time_machine.Traveller, smtp_server: Mailbox
) -> None:
    clock.move_to(NEXT_TUESDAY + timedelta(seconds=1))
    steps = booking.run_booked_slot(international.pk, NEXT_TUESDAY)
    assert steps
    tasks.carry_out(steps)  # as the task does: the edition's batches, the next slot's run
    assert not booking.run_booked_slot(international.pk, NEXT_TUESDAY)  # the double stops
    run_worker()  # the queued run of the slot is a double too

    assert Edition.objects.count() == 1
    assert len(smtp_server.messages) == 1
    assert booked_runs(international) == [TUESDAY_AFTER]


def test_a_slot_missed_for_longer_than_the_catch_up_window_is_skipped(
    international: Newsletter, clock: time_machine.Traveller, smtp_server: Mailbox
) -> None:
    """The machine was down from before 11h until the evening: no 11h letter at 18h."""
    DBTaskResult.objects.all().delete()
    clock.move_to(NEXT_TUESDAY + booking.CATCH_UP + timedelta(minutes=1))
    run_scheduler()
    run_worker()
    assert not Edition.objects.exists() and smtp_server.messages == []
    assert booked_runs(international) == [TUESDAY_AFTER]


def test_the_demo_newsletters_are_booked_when_loaded(newsroom_after_flush: Newsroom) -> None:
    sections = {
        slug: newsroom_after_flush.section(slug.title(), slug=slug) for slug in ("international", "politique")
    }
    load_demo_newsletters(sections)
    load_demo_newsletters(sections)  # loading the demo again books nothing more

    international = Newsletter.objects.get(slug="international")
    politics = Newsletter.objects.get(slug="politique")
    assert booked_runs(international) == [NEXT_TUESDAY]
    assert booked_runs(politics) == [datetime(2027, 1, 14, 7, 0, tzinfo=PARIS)]  # Thursday 7h
