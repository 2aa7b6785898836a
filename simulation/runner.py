"""Jumps of the shared clock, and the wait for the stack to settle after each."""

from __future__ import annotations

import time
from datetime import datetime

from .clock import Clock, real_seconds, stack_time
from .stack import WeekStack

QUEUE = "default"
# Every process reads the clock file again once a whole second has passed its cache duration
# (clock.FAKETIME_CACHE_DURATION, 1 s): up to 2 s after the jump (measured: 0.5 to 1.6 s).
JUMP_SEEN_WITHIN = 2.5


def _busy(stack: WeekStack) -> str:
    """What the task system still has to do now ("" when nothing): queued, running, or due."""
    import redis
    from rq import Queue
    from rq.registry import ScheduledJobRegistry, StartedJobRegistry

    connection = redis.Redis.from_url(stack.redis_url, socket_timeout=5)
    queue = Queue(QUEUE, connection=connection)
    queued = queue.count
    running = StartedJobRegistry(queue=queue).count
    due = connection.zcount(ScheduledJobRegistry(queue=queue).key, 0, time.time())
    if queued or running or due:
        return f"{queued} queued, {running} running, {due} due"
    return ""


def settle(stack: WeekStack, timeout: float = 180.0) -> str:
    """Waits until no task is queued, running or due (twice in a row); returns "" or what was
    left when `timeout` real seconds passed."""
    deadline = real_seconds() + timeout
    quiet = 0
    left = "never checked"
    while real_seconds() < deadline:
        try:
            left = _busy(stack)
        except Exception as error:
            left = f"Redis unreachable: {error}"
        quiet = quiet + 1 if not left else 0
        if quiet >= 2:
            return ""
        time.sleep(0.15)
    return left


def jump(stack: WeekStack, clock: Clock, moment: datetime) -> datetime:
    """Moves the clock to `moment` and lets the stack do what became due."""
    clock.jump_to(moment)
    # The driver stamps its ledger with its own time.time(): wait until it sees the jump
    # (the other processes see it within the same 2 s; what they do late, they do on time).
    deadline = real_seconds() + JUMP_SEEN_WITHIN
    while abs(time.time() - stack_time(clock.file)) > 0.5 and real_seconds() < deadline:
        time.sleep(0.05)
    return clock.now()
