"""Views and paywall displays added up in memory, until they are folded into the database.

A web worker (the embedded default) or the collector (production) adds each reader's hit
here, under a lock, and hands the whole tally to `folding.fold` every few seconds: the
database is written once per fold, never per hit. A tally holds sums per page, hour and
source, like the tables it is folded into: nothing about a reader.
"""

import threading
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime

from django.utils import timezone

# (kind, object_id, source, domain, hour)
ViewKey = tuple[str, int, str, str, datetime]
# (article id, day, action)
ActionKey = tuple[int, date, str]


@dataclass
class Counts:
    views: Counter[ViewKey] = field(default_factory=Counter)
    actions: Counter[ActionKey] = field(default_factory=Counter)

    def __bool__(self) -> bool:
        return bool(self.views or self.actions)

    def add(self, other: "Counts") -> None:
        self.views.update(other.views)
        self.actions.update(other.actions)

    def total_views(self) -> int:
        return sum(self.views.values())


class Tally:
    def __init__(self) -> None:
        self._counts = Counts()
        self._lock = threading.Lock()
        self._minute = -1
        self._hour = datetime.min

    def add_view(self, kind: str, object_id: int, source: str, domain: str, at: datetime) -> None:
        hour = self._hour_of(at)
        with self._lock:
            self._counts.views[(kind, object_id, source, domain, hour)] += 1

    def _hour_of(self, at: datetime) -> datetime:
        """The local hour `at` falls in, worked out once a minute (every hour starts on a minute)."""
        minute = int(at.timestamp()) // 60
        if minute != self._minute:
            self._hour = timezone.localtime(at).replace(minute=0, second=0, microsecond=0)
            self._minute = minute
        return self._hour

    def add_action(self, article_id: int, action: str, at: datetime) -> None:
        with self._lock:
            self._counts.actions[(article_id, timezone.localdate(at), action)] += 1

    def take(self) -> Counts:
        """Everything added so far; the tally starts again from nothing."""
        with self._lock:
            taken, self._counts = self._counts, Counts()
        return taken

    def pending_views(self) -> int:
        with self._lock:
            return self._counts.total_views()

    def give_back(self, counts: Counts) -> None:
        """Counts a fold could not write (it rolled back): folded with the next ones."""
        with self._lock:
            self._counts.add(counts)
