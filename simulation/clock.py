"""One clock for every process of the stack: libfaketime, driven by a timestamp file.

Every process is started with `environment()`: libfaketime preloaded, reading its offset
from `file` at most a second before each time call, so a rewrite of the file moves the clock
of the servers, the workers, PostgreSQL and the driver itself within a second (Redis and
Varnish run on the machine's clock: see `machine_clock_env`). The file holds
an offset from the machine's clock ("+12345.6"), so the moved clock keeps ticking between
jumps. Jumps only go forward: monotonic clocks are moved too, and a clock that went back
would confuse every timeout of the stack.
"""

from __future__ import annotations

import ctypes
import os
import platform
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

LIBFAKETIME = Path("/usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1")
PARIS = ZoneInfo("Europe/Paris")


def week_start(day: date) -> datetime:
    """Monday 06:00 in Paris: the moment the week begins."""
    return datetime(day.year, day.month, day.day, 6, 0, tzinfo=PARIS)


def real_seconds() -> float:
    """Seconds since boot from /proc/uptime: the one clock libfaketime does not move, for the
    driver's own deadlines."""
    return float(Path("/proc/uptime").read_text().split()[0])


def machine_time() -> float:
    """The machine's own clock, asked of the kernel by a raw system call: libfaketime replaces
    the C library's clock_gettime() in this process, not the system call. (The driver's own
    time.time() may still hold the offset it cached before the last jump: libfaketime reads
    the file again only once a whole second has passed its cache duration, up to 2 s late.
    An offset computed from it once landed a jump six minutes past its target.)"""
    moment = _Timespec()
    if _LIBC.syscall(_CLOCK_GETTIME[platform.machine()], _CLOCK_REALTIME, ctypes.byref(moment)) != 0:
        raise OSError(ctypes.get_errno(), "clock_gettime")
    return moment.seconds + moment.nanoseconds / 1e9


class _Timespec(ctypes.Structure):
    _fields_ = [("seconds", ctypes.c_long), ("nanoseconds", ctypes.c_long)]


_LIBC = ctypes.CDLL(None, use_errno=True)
_CLOCK_GETTIME = {"x86_64": 228, "aarch64": 113}  # the system call's number (asm/unistd.h)
_CLOCK_REALTIME = 0


def stack_time(file: Path) -> float:
    """The time every process of the stack sees now (each within libfaketime's cache): the
    machine's own clock plus the offset in the clock file."""
    return machine_time() + Clock.offset_in(file)


def machine_clock_env() -> dict[str, str]:
    """This process's environment without libfaketime, for Redis and Varnish: libfaketime
    0.9.10 and their allocator (jemalloc) recurse into each other and they never start."""
    return Clock.without_it(dict(os.environ))


class Clock:
    """The shared clock; `now()` is the stack's time (the driver runs under it too)."""

    def __init__(self, file: Path) -> None:
        self.file = file

    @staticmethod
    def offset_in(file: Path) -> float:
        text = file.read_text().strip() if file.exists() else ""
        return float(text) if text else 0.0

    @classmethod
    def create(cls, file: Path, start: datetime) -> Clock:
        """A clock file set to `start`, readable by PostgreSQL's own user."""
        file.parent.mkdir(parents=True, exist_ok=True)
        file.write_text(f"{start.timestamp() - machine_time():+.3f}\n")
        file.chmod(0o644)
        return cls(file)

    def environment(self) -> dict[str, str]:
        """What a process needs to run on this clock."""
        if not LIBFAKETIME.exists():
            raise RuntimeError(f"{LIBFAKETIME} is missing: apt-get install faketime")
        return {
            "LD_PRELOAD": str(LIBFAKETIME),
            "FAKETIME_TIMESTAMP_FILE": str(self.file),
            # Read again at most once a second: reading it at every call (FAKETIME_NO_CACHE)
            # costs 12 µs a call, and PostgreSQL and Django ask the time very often.
            "FAKETIME_CACHE_DURATION": "1",
        }

    @staticmethod
    def share_with_other_users() -> None:
        """Lets PostgreSQL's own user open the memory segment that libfaketime, in this process,
        shares with its children (FAKETIME_SHARED); it is root's, and `su postgres` would fail."""
        shared = os.environ.get("FAKETIME_SHARED", "").split()
        if len(shared) == 2:
            semaphore, memory = shared
            for path in (
                Path("/dev/shm") / f"sem.{semaphore.lstrip('/')}",
                Path("/dev/shm") / memory.lstrip("/"),
            ):
                if path.exists():
                    path.chmod(0o666)

    @staticmethod
    def without_it(env: dict[str, str]) -> dict[str, str]:
        """`env` without libfaketime (nor the shared-memory segment it announces to children)."""
        return {
            key: value for key, value in env.items() if key != "LD_PRELOAD" and not key.startswith("FAKETIME")
        }

    def now(self) -> datetime:
        return datetime.fromtimestamp(stack_time(self.file), PARIS)

    def jump_to(self, moment: datetime) -> datetime:
        """Moves every process's clock to `moment` (never back); returns the clock's time."""
        machine = machine_time()
        target = max(moment.timestamp(), machine + self.offset_in(self.file))
        temporary = self.file.with_suffix(".new")
        temporary.write_text(f"{target - machine:+.3f}\n")
        temporary.chmod(0o644)
        temporary.replace(self.file)  # atomic: a reader never sees a half-written offset
        return self.now()
