"""What the benchmarks here measure and print the same way: timing lines, the load
average, a process tree's CPU time, and the background worker's own time for a queue of tasks."""

import math
import os
import statistics
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from tests.stack.servers import PYTHON, ROOT

# Run in a process of its own, the worker reports its CPU and wall time (Django's start-up
# excluded) and its peak memory.
_WORKER = """
import resource, time, django
django.setup()
from django.core.management import call_command
start = time.perf_counter()
before = resource.getrusage(resource.RUSAGE_SELF)
call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)
usage = resource.getrusage(resource.RUSAGE_SELF)
cpu = usage.ru_utime + usage.ru_stime - before.ru_utime - before.ru_stime
print(cpu, time.perf_counter() - start, usage.ru_maxrss)
"""


def summary(label: str, timings: list[float], *, width: int, decimals: int) -> str:
    """ "label  n=…  median … ms  p95 … ms  min … ms" for timings in milliseconds."""
    ordered = sorted(timings)
    p95 = percentile(ordered, 0.95)
    return (
        f"{label:<{width}} n={len(ordered):>4}  median {statistics.median(ordered):8.{decimals}f} ms"
        f"  p95 {p95:8.{decimals}f} ms  min {ordered[0]:8.{decimals}f} ms"
    )


def percentile(values: list[float], fraction: float) -> float:
    """Nearest rank: the smallest value with at least `fraction` of all the values at or below it."""
    ordered = sorted(values)
    rank = math.ceil(fraction * len(ordered) - 1e-9)  # 0.95 * 300 is 285.00000000000006
    return ordered[max(rank, 1) - 1]


def load_average() -> str:
    """The 1, 5 and 15 minute load averages, "0.52, 0.61, 0.70"."""
    return ", ".join(f"{value:.2f}" for value in os.getloadavg())


def stat_fields(pid: int) -> list[str]:
    """The fields of /proc/<pid>/stat after the command name: [0] state, [1] parent, [2] group,
    [11:13] user and system time, [13:15] those of the children it has reaped (clock ticks)."""
    return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()


def cpu_seconds(pid: int) -> float:
    """CPU time of a process, its threads and its descendants, the finished ones included."""
    total = 0
    pids = [pid]
    while pids:
        current = pids.pop()
        try:
            fields = stat_fields(current)
            for task in Path(f"/proc/{current}/task").iterdir():
                pids += [int(child) for child in (task / "children").read_text().split()]
        except OSError:
            continue  # ended meanwhile
        total += sum(int(field) for field in fields[11:15])
    return total / os.sysconf("SC_CLK_TCK")


@dataclass
class WorkerRun:
    cpu_seconds: float
    wall_seconds: float
    peak_mb: float


def run_worker_until_done(env: dict[str, str]) -> WorkerRun:
    """`manage.py db_worker --batch` over everything queued in env's database."""
    finished = subprocess.run(
        [str(PYTHON), "-c", _WORKER], cwd=ROOT, env=env, check=True, capture_output=True, text=True
    )
    cpu, wall, peak_kb = map(float, finished.stdout.split()[-3:])
    return WorkerRun(cpu_seconds=cpu, wall_seconds=wall, peak_mb=peak_kb / 1024)
