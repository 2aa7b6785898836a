"""Runs a Python server on the test suite's clock: OFFSET seconds ahead of the machine's.

    python -m tests.stack.suite_clock 3456000.25 -m gunicorn manchette.wsgi …
    python -m tests.stack.suite_clock -86400 manage.py rqworker …

The tests run on a fixed clock (tests/conftest.py); the servers they start would otherwise
run on the machine's, a month or a year away, and a test would then depend on the day it
runs. An offset rather than an instant, so that the time Python takes to start is not lost:
the servers and the tests read the same time. Forked children (gunicorn's workers, RQ's work
horses) inherit it.
"""

import runpy
import sys
import time

import time_machine


def main() -> None:
    offset, *program = sys.argv[1:]
    time_machine.travel(time.time() + float(offset), tick=True).start()
    if program[0] == "-m":
        sys.argv = program[1:]
        runpy.run_module(program[1], run_name="__main__", alter_sys=True)
    else:
        sys.argv = program
        runpy.run_path(program[0], run_name="__main__")


if __name__ == "__main__":
    main()
