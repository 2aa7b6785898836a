"""The week's invariants (issue 20), each a count of what was checked and what failed,
computed at the end from the ledger, the database, the mailbox and the servers' logs."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from .ledger import Ledger
from .stack import WeekStack

SLOT_LATENESS = timedelta(minutes=5)
GO_LIVE_LATENESS = 60.0
MEMORY_GROWTH = 1.10
ACCESS_LINE = re.compile(r'\[(\d\d/\w{3}/\d{4}:\d\d:\d\d:\d\d [+-]\d{4})\] "([^"]*)" (\d{3}) ')


@dataclass
class Result:
    name: str
    checked: int
    failures: list[str] = field(default_factory=list)
    skipped: str = ""

    @property
    def ok(self) -> bool:
        return not self.failures


def expected_recipients(ledger: Ledger, slug: str, subscribers_only: bool, slot: float) -> set[str]:
    expected = set()
    for record in ledger.readers.values():
        confirmed = record.confirmed.get(slug)
        gone = record.gone_at(slug)
        if confirmed is None or confirmed > slot or (gone is not None and gone <= slot):
            continue
        if subscribers_only and not record.entitled_at(slot):
            continue
        expected.add(record.email)
    return expected


def slots_between(newsletter, start: datetime, end: datetime) -> list[datetime]:
    from manchette.newsletters import schedule

    slots, after = [], start
    while True:
        slot = schedule.next_slot(newsletter.weekdays, newsletter.send_time, after)
        if slot is None or slot >= end:
            return slots
        slots.append(slot)
        after = slot + timedelta(seconds=1)


def newsletter_slots(ledger: Ledger, stack: WeekStack, start: datetime, end: datetime) -> list[Result]:
    from manchette.newsletters.models import Edition, Newsletter
    from manchette.newsletters.sending import RECORD_EVERY

    mails = stack.mailbox.all()
    slots = Result(
        "every slot of every active newsletter: one edition within 5 min, to exactly its readers", 0
    )
    once = Result("every reader got each edition once (killed worker's doubles bounded)", 0)
    for newsletter in Newsletter.objects.filter(active=True):
        subscribers_only = newsletter.audience == Newsletter.Audience.SUBSCRIBERS
        for slot in slots_between(newsletter, start, end):
            slots.checked += 1
            label = f"{newsletter.slug} {slot.astimezone():%a %d %H:%M}"
            editions = list(Edition.objects.filter(newsletter=newsletter, slot=slot))
            if len(editions) != 1:
                slots.failures.append(f"{label}: {len(editions)} editions")
                continue
            edition = editions[0]
            if edition.started_at is None or edition.started_at - slot > SLOT_LATENESS:
                slots.failures.append(f"{label}: started {edition.started_at}")
            got = {mail.recipient for mail in mails if mail.subject == edition.subject}
            expected = expected_recipients(ledger, newsletter.slug, subscribers_only, slot.timestamp())
            if got != expected:
                slots.failures.append(
                    f"{label}: missing {sorted(expected - got)}, extra {sorted(got - expected)}"
                )
    for edition in Edition.objects.exclude(started_at=None).filter(started_at__gte=start):
        counts = Counter(mail.recipient for mail in mails if mail.subject == edition.subject)
        once.checked += len(counts)
        allowed = RECORD_EVERY if edition.pk == ledger.killed_worker_edition else 0
        doubles = sum(count - 1 for count in counts.values())
        if any(count > 1 for count in counts.values()) and doubles > allowed:
            once.failures.append(f"edition {edition.subject!r}: {doubles} doubles (allowed {allowed})")
    return [slots, once]


def edition_by_hand(ledger: Ledger, stack: WeekStack) -> Result:
    """The edition written and sent by hand went, once, to exactly the newsletter's readers
    at the moment its sending started."""
    from manchette.newsletters.models import Edition, Newsletter

    result = Result("the edition written by hand reached exactly its readers", 0)
    if not ledger.hand_edition_subject:
        result.skipped = "no edition written by hand in this run"
        return result
    edition = Edition.objects.select_related("newsletter").filter(subject=ledger.hand_edition_subject).first()
    if edition is None or edition.started_at is None:
        result.failures.append(
            f"{ledger.hand_edition_subject!r}: {'never sent' if edition else 'not written'}"
        )
        return result
    newsletter = edition.newsletter
    expected = expected_recipients(
        ledger,
        newsletter.slug,
        newsletter.audience == Newsletter.Audience.SUBSCRIBERS,
        edition.started_at.timestamp(),
    )
    got = Counter(mail.recipient for mail in stack.mailbox.all() if mail.subject == edition.subject)
    result.checked = len(expected)
    if set(got) != expected:
        result.failures.append(f"missing {sorted(expected - set(got))}, extra {sorted(set(got) - expected)}")
    result.failures += [f"{email} got it {count} times" for email, count in got.items() if count > 1]
    return result


def no_mail_after_leaving(ledger: Ledger, stack: WeekStack) -> Result:
    from manchette.newsletters.models import Suppression

    result = Result("no mail to a deleted, unsubscribed or suppressed address after that moment", 0)
    suppressed = dict(Suppression.objects.values_list("email", "created_at"))
    for mail in stack.mailbox.all():
        record = ledger.readers.get(mail.recipient)
        moments = [moment.timestamp() for email, moment in suppressed.items() if email == mail.recipient]
        if record is not None:
            moments += [m for m in [record.deleted_at, *record.unsubscribed.values()] if m is not None]
        if not moments:
            continue
        result.checked += 1
        if mail.received_at > min(moments) + 1:
            result.failures.append(
                f"{mail.recipient} got {mail.subject!r} at "
                f"{datetime.fromtimestamp(mail.received_at):%a %H:%M}"
            )
    return result


def scheduled_articles(ledger: Ledger) -> Result:
    result = Result("every scheduled article live within 1 simulated minute", len(ledger.scheduled_articles))
    for article_id, go_live in ledger.scheduled_articles.items():
        seen = ledger.live_seen.get(article_id)
        if seen is None or seen - go_live > GO_LIVE_LATENESS:
            late = "never" if seen is None else f"{seen - go_live:.0f} s late"
            result.failures.append(f"article {article_id}: {late}")
    return result


def no_forbidden_copy(ledger: Ledger) -> Result:
    return Result(
        "no embargoed, killed or unpublished copy served",
        len(ledger.killed_or_embargoed),
        list(ledger.forbidden_served),
    )


def no_premium_leak(ledger: Ledger, stack: WeekStack) -> Result:
    result = Result(
        "no premium text in any mail, feed, anonymous page or Varnish's cache",
        ledger.premium_pages_checked,
        list(ledger.premium_leaks),
    )
    for mail in stack.mailbox.all():
        result.checked += 1
        for marker in ledger.premium_markers:
            if marker in mail.body:
                result.failures.append(f"mail {mail.subject!r} to {mail.recipient}")
    return result


def comments_agree(ledger: Ledger) -> Result:
    return Result(
        "comment list and count the same from both servers and through Varnish",
        ledger.comment_checkpoints,
        list(ledger.comment_checks),
    )


def audio_for_every_article(start: datetime) -> Result:
    """Articles published during the week (the demo's were loaded with tasks run at once,
    where speaking on publication is off)."""
    from manchette.articles.models import ArticlePage
    from manchette.audio.models import ArticleAudio

    live = list(ArticlePage.objects.live().filter(first_published_at__gte=start).values_list("pk", flat=True))
    done = set(
        ArticleAudio.objects.filter(article_id__in=live, status__in=["ready", "failed"]).values_list(
            "article_id", flat=True
        )
    )
    return Result(
        "every article published in the week has its audio or a recorded failure",
        len(live),
        [f"article {pk}" for pk in live if pk not in done],
    )


def no_server_errors(ledger: Ledger, stack: WeekStack) -> Result:
    result = Result("no 5xx outside the declared fault windows (driver + gunicorn logs)", 0)
    for record in ledger.http:
        result.checked += 1
        if record.status >= 500 and not ledger.in_fault_window(record.moment):
            result.failures.append(
                f"{record.status} {record.url} at {datetime.fromtimestamp(record.moment):%a %H:%M}"
            )
    for log in stack.folder.glob("app-*/app.log"):
        for line in log.read_text(errors="replace").splitlines():
            match = ACCESS_LINE.search(line)
            if not match:
                continue
            result.checked += 1
            moment = datetime.strptime(match.group(1), "%d/%b/%Y:%H:%M:%S %z").timestamp()
            if int(match.group(3)) >= 500 and not ledger.in_fault_window(moment):
                result.failures.append(
                    f"{log.parent.name}: {match.group(3)} {match.group(2)} at {match.group(1)}"
                )
    return result


def loops_after_faults(ledger: Ledger) -> Result:
    return Result(
        "after each fault every loop running again (slots, feed polls)",
        len(ledger.faults),
        [f"{fault.name}: {fault.detail}" for fault in ledger.faults if not fault.recovered],
    )


def nothing_left(stack: WeekStack, left: str) -> Result:
    from .faults import booked_loops

    result = Result("no task left queued or running at the end", 1, [left] if left else [])
    result.checked += sum(len(ids) for ids in booked_loops(stack).values())
    return result


# Redis runs on the machine's clock (it cannot run under libfaketime): its keys live a day of
# that clock, 17 minutes of a simulated week, so here it only grows; what it holds is bounded by
# those lifetimes (the page cache's day), which the simulated week cannot show.
ON_THE_MACHINES_CLOCK = {"redis"}


def memory(ledger: Ledger) -> Result:
    judged = {name: kib for name, kib in ledger.memory_day2.items() if name not in ON_THE_MACHINES_CLOCK}
    result = Result(
        "each long-lived process's memory at the end within 10 % of day 2's end (Redis aside)", len(judged)
    )
    if not ledger.memory_day2:
        result.skipped = "the run is shorter than two days"
    for name, before in judged.items():
        after = ledger.memory_end.get(name, 0)
        if before and after > before * MEMORY_GROWTH:
            result.failures.append(f"{name}: {before} KiB -> {after} KiB")
    return result


def scenario_steps(ledger: Ledger) -> Result:
    return Result("every scripted step done (HTTP answers as a reader expects)", 0, list(ledger.errors))


def all_results(ledger: Ledger, stack: WeekStack, start: datetime, end: datetime, left: str) -> list[Result]:
    return [
        *newsletter_slots(ledger, stack, start, end),
        edition_by_hand(ledger, stack),
        no_mail_after_leaving(ledger, stack),
        scheduled_articles(ledger),
        no_forbidden_copy(ledger),
        no_premium_leak(ledger, stack),
        comments_agree(ledger),
        audio_for_every_article(start),
        no_server_errors(ledger, stack),
        loops_after_faults(ledger),
        nothing_left(stack, left),
        memory(ledger),
        scenario_steps(ledger),
    ]
