"""The week's faults, at moments the seed chooses, and the check that every loop runs again
after each: each active newsletter has its next slot booked, each active feed its next poll,
each scheduled article its publication."""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

from tests.stack.servers import wait_until

from .ledger import Fault
from .stack import SCHEDULER_INTERVAL, WeekStack, kill_hard

if TYPE_CHECKING:
    from .scenario import Week

FAULTS = [
    "worker killed during a newsletter send",
    "Redis restarted",
    "PostgreSQL restarted",
    "application server killed",
    "Redis flushed",
]
POLITIQUE_HOUR = 7


def plan(week: Week) -> None:
    """One fault a day from Tuesday (all five in a week); the one-day run gets one, by seed."""
    rng = week.random
    if week.days == 1:
        chosen = [(0, rng.choice(FAULTS))]
    else:
        order = FAULTS[:]
        rng.shuffle(order)
        chosen = [(1 + number % (week.days - 1), name) for number, name in enumerate(order)]
    for day, name in chosen:
        if name == FAULTS[0]:
            weekday = (week.start + timedelta(days=day)).weekday()
            day = day if weekday < 5 else 0
            week.at(day, POLITIQUE_HOUR, 0, name, lambda name=name: kill_worker_during_send(week, name))
        else:
            hour, minute = 9 + rng.randrange(0, 10), rng.randrange(0, 60)
            week.at(day, hour, minute, name, lambda name=name: inject(week, name))


def kill_worker_during_send(week: Week, name: str) -> None:
    """At the morning letter's slot: once its edition is sending, one worker is SIGKILLed."""
    from django.db import close_old_connections

    from manchette.newsletters.models import Edition

    fault = Fault(name, time.time())
    week.ledger.faults.append(fault)
    close_old_connections()

    def sending() -> bool:
        edition = Edition.objects.filter(
            status__in=["sending", "sent"], started_at__gte=datetime.fromtimestamp(fault.started - 5, UTC)
        ).first()
        if edition is not None:
            week.ledger.killed_worker_edition = edition.pk
        return edition is not None

    try:
        wait_until(sending, timeout=20, interval=0.02, what="an edition sending")
    except TimeoutError:
        fault.detail = "no edition was sending at the slot: the worker was killed anyway"
    kill_hard(week.stack.workers[0])
    week.stack.start_worker(0)
    _recovered(week, fault)


def inject(week: Week, name: str) -> None:
    stack = week.stack
    fault = Fault(name, time.time())
    week.ledger.faults.append(fault)
    actions: dict[str, Callable[[], None]] = {
        "Redis restarted": stack.restart_redis,
        "PostgreSQL restarted": stack.restart_postgres,
        "application server killed": lambda: _kill_app(stack),
        "Redis flushed": stack.flush_redis,
    }
    actions[name]()
    _recovered(week, fault)


def _kill_app(stack: WeekStack) -> None:
    app = stack.apps[1]
    kill_hard(app)
    time.sleep(2)  # down for a moment: Varnish must route around it
    stack.start_app(port=app.port, number=1)


def booked_loops(stack: WeekStack) -> dict[str, set]:
    """The tasks waiting in Redis for a later time, by task name: their first argument."""
    import redis
    from rq import Queue
    from rq.job import Job
    from rq.registry import ScheduledJobRegistry

    connection = redis.Redis.from_url(stack.redis_url)
    registry = ScheduledJobRegistry(queue=Queue("default", connection=connection))
    found: dict[str, set] = {}
    for job in Job.fetch_many(registry.get_job_ids(), connection=connection):
        if job is not None:
            found.setdefault(job.func_name.rsplit(".", 1)[-1], set()).add(job.args[0] if job.args else None)
    return found


def missing_loops(stack: WeekStack) -> list[str]:
    from django.db import close_old_connections

    from manchette.newsletters.models import Newsletter
    from manchette.wire.models import Feed

    close_old_connections()
    booked = booked_loops(stack)
    missing = [
        f"newsletter {slug}"
        for pk, slug in Newsletter.objects.filter(active=True).values_list("pk", "slug")
        if pk not in booked.get("run_schedule", set())
    ]
    feeds = (
        Feed.objects.filter(active=True).exclude(transport=Feed.Transport.MANUAL).values_list("pk", "name")
    )
    missing += [f"feed {name}" for pk, name in feeds if pk not in booked.get("poll_feed", set())]
    return missing


def _recovered(week: Week, fault: Fault) -> None:
    """Every loop booked again within a few reconciler rounds (real seconds) of the fault."""
    fault.ended = time.time()
    deadline = time.monotonic() + 4 * float(SCHEDULER_INTERVAL) + 10
    missing: list[str] = ["not checked"]
    while time.monotonic() < deadline:
        try:
            missing = missing_loops(week.stack)
        except Exception as error:
            missing = [f"unreachable: {error}"]
        if not missing:
            break
        time.sleep(1)
    fault.ended = time.time()
    fault.recovered = not missing
    if missing:
        fault.detail = (
            (fault.detail + "; " if fault.detail else "") + "not booked again: " + ", ".join(missing)
        )
