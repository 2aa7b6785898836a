"""On `make run`, the demo newsletters go out by themselves: loading the demo books each one's
next slot, and the real `db_worker` sends it when its time comes, beside `run_scheduler`.

The processes run on the suite's clock (servers.on_suite_clock), moved to just before the
International letter's slot, Tuesday at 11h in Paris; mail goes to files, as `make run`'s does.
"""

import json
import signal
import subprocess
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path

import pytest
import time_machine
from redis import Redis
from rq.job import Job
from rq.registry import ScheduledJobRegistry

from simulation.clock import LIBFAKETIME
from tests.conftest import PARIS

from .servers import (
    LOOPBACK,
    PYTHON,
    ROOT,
    Process,
    StackDatabase,
    run_manage,
    start_scheduler,
    start_worker,
    wait_until,
)

RUN_SCHEDULE = "manchette.newsletters.tasks.run_schedule"
TUESDAY_ELEVEN = datetime(2027, 1, 19, 11, 0, tzinfo=PARIS)
READER = "lectrice.mardi@exemple.fr"

# As `make run` does on a database already migrated: set_up_site and load_demo, here with the
# database task backend, and a reader who confirmed her signup to the International letter.
LOAD_AS_MAKE_RUN = f"""
from django.core.management import call_command
from django.utils import timezone
from manchette.newsletters.models import Newsletter, Signup
call_command("set_up_site")
call_command("load_demo")
Signup.objects.create(newsletter=Newsletter.objects.get(slug="international"), email="{READER}",
                      status=Signup.Status.CONFIRMED, confirmed_at=timezone.now())
"""

BOOKINGS = """
import json
from django_tasks_db.models import DBTaskResult
from manchette.newsletters.models import Edition, Newsletter
runs = DBTaskResult.objects.filter(task_path="manchette.newsletters.tasks.run_schedule", status="READY")
editions = Edition.objects.filter(newsletter__slug="international")
print(json.dumps({
    "booked": {n.slug: n.booked_slot.isoformat() for n in Newsletter.objects.all()},
    "queued": sorted([run.args_kwargs["args"][1] for run in runs]),
    "editions": [[e.slot.isoformat(), e.status, e.deliveries.filter(status="sent").count()]
                 for e in editions],
}))
"""


def state(env: dict[str, str]) -> dict:
    """The newsletters' booked slots, the slots of the queued runs, the International editions."""
    found = json.loads(run_manage(env, "shell", "-c", BOOKINGS).strip().splitlines()[-1])
    return {
        "booked": {slug: datetime.fromisoformat(slot) for slug, slot in found["booked"].items()},
        "queued": sorted(datetime.fromisoformat(slot) for slot in found["queued"]),
        "editions": [
            (datetime.fromisoformat(slot), status, sent) for slot, status, sent in found["editions"]
        ],
    }


def scheduled_slots(redis: Redis) -> list[datetime]:
    """The slots of the newsletter runs waiting in RQ's scheduled jobs."""
    ids = ScheduledJobRegistry("default", connection=redis).get_job_ids()
    jobs = [job for job in Job.fetch_many(ids, connection=redis) if job is not None]
    return sorted(datetime.fromisoformat(job.args[1]) for job in jobs if job.func_name == RUN_SCHEDULE)


def mails_to(mailbox: Path, address: str) -> int:
    if not mailbox.is_dir():
        return 0
    return sum(f"To: {address}" in path.read_text(errors="replace") for path in mailbox.iterdir())


@pytest.fixture
def database(stack_template: StackDatabase, tmp_path: Path) -> Iterator[StackDatabase]:
    copy = stack_template.copy(tmp_path / "data")
    yield copy
    copy.drop()


def test_make_run_books_the_demo_newsletters_and_the_worker_sends_at_the_slot(
    database: StackDatabase, tmp_path: Path, clock: time_machine.Traveller
) -> None:
    env = database.env()  # the embedded default: database task queue, mail to files
    clock.move_to(datetime(2027, 1, 19, 10, 0, tzinfo=PARIS))
    run_manage(env, "shell", "-c", LOAD_AS_MAKE_RUN)

    booked = state(env)
    assert booked["booked"] == {
        "international": TUESDAY_ELEVEN,
        "politique": datetime(2027, 1, 20, 7, 0, tzinfo=PARIS),  # Wednesday 7h
    }
    assert booked["queued"] == sorted(booked["booked"].values())
    assert booked["editions"] == []

    clock.move_to(datetime(2027, 1, 19, 10, 59, 50, tzinfo=PARIS))
    processes: list[Process] = []
    try:
        processes.append(start_worker(env, tmp_path / "worker"))
        processes.append(start_scheduler(env, tmp_path / "scheduler"))
        mailbox = database.folder / "mailbox"
        wait_until(lambda: mails_to(mailbox, READER) >= 1, timeout=60, interval=0.5,
                   what="the International letter in the reader's mailbox")
        wait_until(lambda: state(env)["editions"] == [(TUESDAY_ELEVEN, "sent", 1)], timeout=30,
                   interval=1, what="the edition recorded as sent")
    finally:
        for process in processes:
            process.stop()
    after = state(env)
    assert mails_to(mailbox, READER) == 1
    assert after["booked"]["international"] == datetime(2027, 1, 26, 11, 0, tzinfo=PARIS)
    assert sorted(after["booked"].values()) == after["queued"]  # each next slot queued, once


def test_slots_lost_in_a_redis_flush_are_sent_by_the_scheduler_once(
    database: StackDatabase, redis_server: Process, tmp_path: Path, clock: time_machine.Traveller
) -> None:
    """Production's queue: the demo's bookings wait in Redis (RQ's scheduled jobs); Redis is
    flushed; started after the slot, the scheduler finds the International letter's slot lost,
    sends it once, and books the next slots again."""
    env = database.env(REDIS_URL=f"redis://{LOOPBACK}:{redis_server.port}/0")
    clock.move_to(datetime(2027, 1, 19, 10, 0, tzinfo=PARIS))
    run_manage(env, "shell", "-c", LOAD_AS_MAKE_RUN)
    redis = Redis(host=LOOPBACK, port=redis_server.port)
    assert scheduled_slots(redis) == [TUESDAY_ELEVEN, datetime(2027, 1, 20, 7, 0, tzinfo=PARIS)]
    redis.flushall()

    clock.move_to(TUESDAY_ELEVEN + timedelta(minutes=1, seconds=10))
    processes: list[Process] = []
    try:
        processes.append(start_worker(env, tmp_path / "worker"))
        processes.append(start_scheduler(env, tmp_path / "scheduler"))
        mailbox = database.folder / "mailbox"
        wait_until(lambda: state(env)["editions"] == [(TUESDAY_ELEVEN, "sent", 1)], timeout=60, interval=1,
                   what="the lost slot's edition sent")
        after = state(env)
    finally:
        for process in processes:
            process.stop()
    assert mails_to(mailbox, READER) == 1
    next_tuesday = datetime(2027, 1, 26, 11, 0, tzinfo=PARIS)
    assert after["booked"]["international"] == next_tuesday
    # Queued again, once; the Politique letter's Wednesday run, lost too, queued again at once
    # (its slot to come: the scheduler asks the queue for it).
    assert scheduled_slots(redis) == [datetime(2027, 1, 20, 7, 0, tzinfo=PARIS), next_tuesday]


def passes_logged(log: Path) -> int:
    """How many passes `run_scheduler -v 2` has written: each names scheduled publishing once."""
    return log.read_text().count("manchette.newsroom.scheduling.reconcile") if log.exists() else 0


def test_the_scheduler_keeps_passing_and_stops_on_a_clock_moved_forward(
    database: StackDatabase, tmp_path: Path
) -> None:
    """Under libfaketime, as every process of the simulated week runs, with the clock moved a
    month ahead and then an hour more: the scheduler goes on passing every interval, and
    SIGTERM stops it at once (it used to make one pass and then wait forever)."""
    clock_file = tmp_path / "clock"
    clock_file.write_text("+2600000\n")
    env = database.env(
        LD_PRELOAD=str(LIBFAKETIME), FAKETIME_TIMESTAMP_FILE=str(clock_file), FAKETIME_CACHE_DURATION="1"
    )
    folder = tmp_path / "scheduler"
    folder.mkdir()
    log = folder / "scheduler.log"
    with log.open("ab") as output:
        popen = subprocess.Popen(  # noqa: S603 - our own command
            [str(PYTHON), "manage.py", "run_scheduler", "--interval", "0.2", "--verbosity", "2"],
            cwd=ROOT, env=env, stdout=output, stderr=subprocess.STDOUT, start_new_session=True,
        )
    try:
        wait_until(lambda: passes_logged(log) >= 3, timeout=60, interval=0.2, what="three passes")
        clock_file.write_text("+2603600\n")  # an hour later, as the simulation jumps
        seen = passes_logged(log)
        wait_until(lambda: passes_logged(log) >= seen + 3, timeout=30, interval=0.2,
                   what="three passes after the jump")
        popen.send_signal(signal.SIGTERM)
        assert popen.wait(timeout=10) == 0
    finally:
        if popen.poll() is None:
            popen.kill()
            popen.wait()
