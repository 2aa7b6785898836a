"""`manage.py` in a subprocess whose failure is the test's subject (servers.run_manage raises on it)."""

from __future__ import annotations

import subprocess
from collections.abc import Mapping

from tests.stack.servers import PYTHON, ROOT, on_suite_clock


def manage(env: Mapping[str, str], *args: str, timeout: float = 300) -> subprocess.CompletedProcess:
    return subprocess.run(  # noqa: S603 - our own manage.py, no shell
        on_suite_clock([str(PYTHON), "manage.py", *args]), cwd=ROOT, env=dict(env), capture_output=True,
        text=True, timeout=timeout, check=False,
    )
