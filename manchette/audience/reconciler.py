"""The scheduler's pass over audience counts: what is past its retention is deleted, and the
closed days are summed for the Audience screen once a day (windows.py)."""

from collections.abc import Mapping

from . import services, windows


def reconcile() -> Mapping[str, int]:
    return {**services.forget_old_counts(), "articles settled": windows.settle()}
