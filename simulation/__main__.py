"""`python -m simulation [--days 7] [--seed N] [--start 2027-01-11] [--keep]`: a newsroom's
week on the production stack, on one moved clock; prints the invariants' table and exits 1
when one fails. See simulation/README or the README's "A simulated week"."""

from __future__ import annotations

import argparse
import os
import random
import shutil
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from .clock import Clock, real_seconds, week_start

START = date(2027, 1, 11)  # a Monday, far from a change of summer time


def arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m simulation", description=__doc__)
    parser.add_argument("--days", type=int, default=7, help="simulated days from Monday 06:00 (7: the week)")
    parser.add_argument("--seed", type=int, default=None, help="replays a run (printed by every run)")
    parser.add_argument("--start", type=date.fromisoformat, default=START, help="the Monday to start on")
    parser.add_argument("--keep", action="store_true", help="keep the stack's folder (logs, mail) at the end")
    return parser.parse_args()


def on_the_clock(options: argparse.Namespace) -> None:
    """Starts this program again under libfaketime, on a clock set just before the week."""
    folder = Path(tempfile.mkdtemp(prefix="manchette-week-"))
    folder.chmod(0o755)  # PostgreSQL's own user reads the clock file
    clock = Clock.create(folder / "clock", week_start(options.start) - timedelta(minutes=15))
    os.environ.update(clock.environment(), MANCHETTE_WEEK_FOLDER=str(folder))
    argv = [sys.executable, "-m", "simulation", *sys.argv[1:]]
    if options.seed is None:
        argv += ["--seed", str(random.SystemRandom().randrange(10**6))]
    os.execv(sys.executable, argv)


def main() -> int:
    options = arguments()
    if "MANCHETTE_WEEK_FOLDER" not in os.environ:
        on_the_clock(options)
    folder = Path(os.environ.pop("MANCHETTE_WEEK_FOLDER"))
    began = real_seconds()
    print(
        f"Simulated week: seed {options.seed}, {options.days} day(s) from Monday {options.start} 06:00 Paris "
        f"(replay: make week DAYS={options.days} SEED={options.seed}); stack in {folder}",
        flush=True,
    )
    from . import stack as stacks

    clock = Clock(folder / "clock")
    stack = stacks.start(folder, clock)
    failed = True
    try:
        failed = run(stack, options, began)
    finally:
        stack.stop()
        shutil.rmtree(stack.postgres.folder, ignore_errors=True)
        if failed or options.keep:
            print(f"Logs, mail and data kept in {folder}")
        else:
            shutil.rmtree(folder, ignore_errors=True)
    return 1 if failed else 0


def run(stack, options: argparse.Namespace, began: float) -> bool:
    from . import backup_drill, invariants, report
    from .ledger import Ledger
    from .runner import jump, settle
    from .scenario import Week

    ledger = Ledger(seed=options.seed)
    start = week_start(options.start)
    week = Week(stack, ledger, start, options.days)
    remember_demo_readers(ledger)
    print(f"Stack up in {real_seconds() - began:.0f} s", flush=True)
    events = week.build()
    add_clock_marks(week, stack, ledger)
    events = sorted(week.events, key=lambda event: event.moment)
    print(f"{len(events)} events", flush=True)

    def progress(event, problem: str) -> None:
        note = f"  !! {problem}" if problem else ""
        print(f"[{real_seconds() - began:6.0f} s] {event.moment:%a %d %H:%M} {event.label}{note}", flush=True)

    week.events = events
    week.run(progress)
    jump(stack, stack.clock, week.end)
    left = settle(stack)
    ledger.memory_end = {name: stacks_rss(process) for name, process in stack.long_lived().items()}
    results = invariants.all_results(ledger, stack, start, week.end, left)
    sessions = [reader.cookies.get("sessionid", "") for reader in week.subscribers[:2]]
    try:
        drill = backup_drill.run(stack, ledger, [session for session in sessions if session])
    except Exception as error:  # a crashed drill is one failed row: the week's table still prints
        drill = invariants.Result(backup_drill.INVARIANT, 0, [f"{type(error).__name__}: {str(error)[-600:]}"])
    results.append(drill)
    print()
    print(report.table(results))
    failed = any(not result.ok for result in results)
    print(
        f"\nSeed {options.seed}; {options.days} simulated day(s) in {real_seconds() - began:.0f} s; "
        f"{'FAILED' if failed else 'passed'}",
        flush=True,
    )
    return failed


def stacks_rss(process) -> int:
    from .stack import rss_kib

    return rss_kib(process) if process.running() else 0


def remember_demo_readers(ledger) -> None:
    """The demo's newsletter readers and subscriptions, as they stand when the week begins."""
    from manchette.newsletters.models import Signup
    from manchette.subscriptions.models import Subscription

    now = time.time()
    for email, slug in Signup.objects.filter(status=Signup.Status.CONFIRMED).values_list(
        "email", "newsletter__slug"
    ):
        ledger.reader(email).confirmed[slug] = now - 1
    for email, end in Subscription.objects.filter(status__in=["active", "past_due"]).values_list(
        "user__email", "current_period_end"
    ):
        ledger.reader(email).entitled.append((now - 1, end.timestamp()))


def add_clock_marks(week, stack, ledger) -> None:
    """Moments the clock stops at besides the script's: each newsletter slot, every two hours
    (feed polls, the reconciler), and the end of day 2 (memory)."""
    from manchette.newsletters.models import Newsletter

    from .invariants import slots_between
    from .scenario import Event
    from .stack import rss_kib

    for newsletter in Newsletter.objects.filter(active=True):
        for slot in slots_between(newsletter, week.start, week.end):
            week.events.append(Event(slot, f"slot of {newsletter.slug}", lambda: None))
    for hours in range(2, 24 * week.days, 2):
        week.events.append(Event(week.start + timedelta(hours=hours), "clock moves on", lambda: None))
    if week.days > 2:

        def measure() -> None:
            ledger.memory_day2 = {name: rss_kib(process) for name, process in stack.long_lived().items()}

        week.events.append(
            Event(week.start + timedelta(days=2) - timedelta(minutes=1), "memory measured", measure)
        )


if __name__ == "__main__":
    sys.exit(main())
