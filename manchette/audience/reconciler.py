"""The scheduler's pass over audience counts: what is past its retention is deleted."""

from collections.abc import Mapping

from . import services


def reconcile() -> Mapping[str, int]:
    return services.forget_old_counts()
