"""What the driver did and saw, kept outside the stack: the invariants compare it with the
stack's own records (database, mailbox, logs)."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class ReaderRecord:
    email: str
    user_id: int | None = None
    pseudonym: str = ""
    confirmed: dict[str, float] = field(default_factory=dict)  # newsletter slug -> when
    unsubscribed: dict[str, float] = field(default_factory=dict)
    deleted_at: float | None = None
    entitled: list[tuple[float, float]] = field(default_factory=list)  # [from, until) paid periods

    def gone_at(self, slug: str) -> float | None:
        """When mail of this newsletter had to stop (unsubscribed or account deleted)."""
        moments = [moment for moment in (self.unsubscribed.get(slug), self.deleted_at) if moment is not None]
        return min(moments) if moments else None

    def entitled_at(self, moment: float) -> bool:
        return any(start <= moment < end for start, end in self.entitled)


@dataclass
class Fault:
    name: str
    started: float
    ended: float = 0.0
    recovered: bool | None = None  # every loop booked again after it
    detail: str = ""


@dataclass
class HttpRecord:
    moment: float
    url: str
    status: int


@dataclass
class Ledger:
    seed: int
    readers: dict[str, ReaderRecord] = field(default_factory=dict)
    faults: list[Fault] = field(default_factory=list)
    http: list[HttpRecord] = field(default_factory=list)
    scheduled_articles: dict[int, float] = field(default_factory=dict)  # article id -> go-live
    live_seen: dict[int, float] = field(default_factory=dict)  # article id -> first seen live
    premium_markers: set[str] = field(default_factory=set)
    killed_or_embargoed: dict[str, tuple[float, float]] = field(default_factory=dict)  # url -> [from, until)
    forbidden_served: list[str] = field(default_factory=list)
    comment_checks: list[str] = field(default_factory=list)  # one line per mismatch
    comment_checkpoints: int = 0
    premium_leaks: list[str] = field(default_factory=list)
    premium_pages_checked: int = 0
    settle_timeouts: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)  # scenario steps that failed, with why
    killed_worker_edition: int | None = None
    memory_day2: dict[str, int] = field(default_factory=dict)
    memory_end: dict[str, int] = field(default_factory=dict)
    hand_edition_subject: str = ""

    def reader(self, email: str) -> ReaderRecord:
        return self.readers.setdefault(email.lower(), ReaderRecord(email=email.lower()))

    def in_fault_window(self, moment: float, margin: float = 120.0) -> bool:
        return any(
            fault.started - 1 <= moment <= (fault.ended or fault.started) + margin for fault in self.faults
        )
