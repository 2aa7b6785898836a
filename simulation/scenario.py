"""The week's script: a seeded mix of newsroom, reader, wire and fault events, each at a
moment of the simulated week, run in time order with the stack settling after each.

Newsroom actions go through the services the admin calls (simulation/newsroom.py); readers
act over HTTP (simulation/readers.py) and read their mail in the SMTP server's records.
"""

from __future__ import annotations

import random
import re
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from . import billing, faults, newsroom
from .billing import BillingDay
from .ledger import Ledger
from .readers import WeekReader, fetch, reason
from .stack import WeekStack
from .wire_events import WireDay

PASSWORD = "un-mot-de-passe-solide"  # tests/subscriptions/conftest.py's new_reader()
CONFIRM_LINK = re.compile(r"(/newsletters/confirmer/[^/\s\"<>]+/)")
PERIOD = timedelta(days=30)
HAND_EDITION_NEWSLETTER = "international"  # its audience is everyone: a reader who signed up gets it


@dataclass(order=True)
class Event:
    moment: datetime
    label: str
    action: Callable[[], None]

    def __post_init__(self) -> None:
        self.action = self.action  # not compared: events at one moment keep their script order


def public_path(url_path: str) -> str:
    """An article's address on the site: Wagtail's tree path without the home page's part."""
    return "/" + url_path.split("/", 2)[2]


class Week:
    """Builds and runs the events of `days` simulated days from Monday 06:00."""

    def __init__(self, stack: WeekStack, ledger: Ledger, start: datetime, days: int) -> None:
        self.stack = stack
        self.ledger = ledger
        self.start = start
        self.end = start + timedelta(days=days)
        self.days = days
        self.random = random.Random(ledger.seed)
        self.events: list[Event] = []
        self.subscribers: list[WeekReader] = []  # readers with an account and a paid subscription
        self.free_readers: list[WeekReader] = []
        self.comments: list[int] = []  # ids of published comments, for replies and reports
        self._serial = 0

    # ------------------------------------------------------------------ building

    def at(self, day: int, hour: int, minute: int, label: str, action: Callable[[], None]) -> None:
        moment = self.start.replace(hour=hour, minute=minute) + timedelta(days=day)
        if self.start <= moment < self.end:
            self.events.append(Event(moment, label, action))

    def build(self) -> list[Event]:
        self.at(0, 6, 1, "readers open accounts", self.open_accounts)
        for day in range(self.days):
            self.build_day(day)
        WireDay(self).plan()
        BillingDay(self).plan()
        faults.plan(self)
        self.events.sort(key=lambda event: event.moment)
        return self.events

    def build_day(self, day: int) -> None:
        rng = self.random
        weekday = (self.start + timedelta(days=day)).weekday()
        # Before the morning letter and the International letter: something new in their sections.
        self.at(day, 6, 10, "politique article published", lambda: self.publish("politique"))
        if weekday == 0:
            self.at(day, 6, 12, "international article published", lambda: self.publish("international"))
        self.at(
            day,
            6,
            15,
            "premium article published",
            lambda: self.publish(rng.choice(["politique", "economie", "international"]), premium=True),
        )
        for _ in range(2):
            minute = rng.randrange(0, 50)
            self.at(
                day,
                8 + rng.randrange(0, 3),
                minute,
                "newsletter signup (double opt-in)",
                lambda: self.newsletter_signup(rng.choice(["international", "politique"])),
            )
        if day == 0:
            for _ in range(3):
                self.at(0, 7, 30 + rng.randrange(0, 20), "reader subscribes (Stripe)", self.subscribe_someone)
        scheduled_hour = 13 + rng.randrange(0, 4)
        go_live = (self.start + timedelta(days=day)).replace(hour=scheduled_hour, minute=rng.randrange(0, 60))
        self.at(day, 9, 30, "article scheduled", lambda: self.schedule(go_live))
        self.at(
            day, go_live.hour, go_live.minute, "scheduled go-live checked", lambda: self.check_live(go_live)
        )
        for hour in (10, 12, 14, 16):
            self.at(day, hour, rng.randrange(0, 50), "readers comment and reply", self.comment_round)
        for hour in (12, 18):
            self.at(day, hour, 55, "comment checkpoint", self.comment_checkpoint)
        self.at(day, 20, 0, "anonymous reads (premium leak check)", self.anonymous_reads)
        if day == 0:
            self.at(0, 10, 5, "article corrected", self.correct_one)
            self.at(0, 13, 10, "comment reported and rejected", self.report_and_reject)
            self.at(0, 15, 20, "commenter banned", self.ban_one)
            self.at(0, 16, 40, "article unpublished", self.unpublish_one)
            self.at(0, 17, 10, "article moved", self.move_one)
            self.at(0, 17, 30, "edition written and sent by hand", self.edition_by_hand)
        if day == min(2, self.days - 1):
            self.at(day, 12, 30 if self.days > 1 else 19, "reader deletes their account", self.delete_account)

    # ------------------------------------------------------------------ running

    def run(self, on_event: Callable[[Event, str], None]) -> None:
        from .runner import jump, settle

        for event in self.events:
            jump(self.stack, self.stack.clock, event.moment)
            problem = ""
            try:
                event.action()
            except Exception as error:
                problem = f"{type(error).__name__}: {str(error)[:300]}"
                self.ledger.errors.append(f"{event.moment:%a %H:%M} {event.label}: {problem}")
            left = settle(self.stack)
            if left:
                self.ledger.settle_timeouts.append(f"{event.moment:%a %H:%M} {event.label}: {left}")
            on_event(event, problem or left)

    # ------------------------------------------------------------------ newsroom

    def publish(self, section: str, premium: bool = False) -> None:
        self._serial += 1
        marker = f"SECRET-ABONNES-{self.ledger.seed}-{self._serial}" if premium else ""
        if premium:
            self.ledger.premium_markers.add(marker)
        newsroom.write(
            section, f"Dépêche numéro {self._serial} sur {section}", premium=premium, marker=marker
        )

    def schedule(self, go_live: datetime) -> None:
        self._serial += 1
        article = newsroom.write("economie", f"Article programmé numéro {self._serial}", go_live_at=go_live)
        self.ledger.scheduled_articles[article.pk] = go_live.timestamp()

    def check_live(self, go_live: datetime) -> None:
        """Within one simulated minute of its go-live, the article answers 200 on a server."""
        from manchette.articles.models import ArticlePage

        # Watched for up to 90 real seconds: the invariant judges the lateness from the moment
        # it was seen, on the stack's clock (a loaded machine may take longer than the minute
        # of simulated time to get here, which must read "late", not "never").
        from .clock import real_seconds, stack_time

        deadline = real_seconds() + 90
        for article_id, planned in self.ledger.scheduled_articles.items():
            if planned != go_live.timestamp():
                continue
            while real_seconds() < deadline:
                page = ArticlePage.objects.filter(pk=article_id, live=True).first()
                if (
                    page is not None
                    and fetch(self.ledger, self.stack.apps[0].url + public_path(page.url_path)).status == 200
                ):
                    self.ledger.live_seen[article_id] = stack_time(self.stack.clock.file)
                    break
                time.sleep(0.5)

    def pick_article(self, premium: bool | None = None) -> tuple[int, str]:
        rows = [row for row in newsroom.live_articles() if premium is None or row[2] == premium]
        article_id, url_path, _ = self.random.choice(rows)
        return article_id, public_path(url_path)

    def correct_one(self) -> None:
        newsroom.correct(self.pick_article()[0], "une date était fausse")

    def edition_by_hand(self) -> None:
        """The International letter's special edition: its readers at this moment get it once."""
        self.ledger.hand_edition_subject = f"Édition spéciale {self.ledger.seed} : le monde cette semaine"
        newsroom.send_edition_by_hand(
            HAND_EDITION_NEWSLETTER, self.ledger.hand_edition_subject, "Une édition écrite à la main."
        )

    def unpublish_one(self) -> None:
        article_id, path = self.pick_article(premium=False)
        newsroom.unpublish(article_id)
        self.ledger.killed_or_embargoed[path] = (time.time() + 5, self.end.timestamp() + 1)

    def move_one(self) -> None:
        newsroom.move(self.pick_article(premium=False)[0], "culture")

    # ------------------------------------------------------------------ readers

    def open_accounts(self) -> None:
        """Readers with accounts (made as the signup form would, address confirmed)."""
        from manchette.accounts import services as accounts
        from tests.subscriptions.conftest import new_reader

        for number in range(6):
            email = f"lectrice{number}@semaine.test"
            user = new_reader(email=email, username=f"lectrice{number}")
            accounts.set_pseudonym(user, f"Lectrice {number} {self.ledger.seed % 1000}")
            record = self.ledger.reader(email)
            record.user_id = user.pk
            reader = WeekReader(self.ledger, self.stack.url, email)
            answer = reader.log_in(self.stack.url, email, PASSWORD)
            if answer.status != 302:
                raise RuntimeError(f"{email} could not log in: {answer.status}")
            self.free_readers.append(reader)

    def subscribe_someone(self) -> None:
        """Checkout paid at Stripe: its three events arrive in a random order."""
        from django.utils import timezone

        reader = self.free_readers.pop(0)
        billing.subscribe(self, reader, timezone.now() + PERIOD)
        self.subscribers.append(reader)

    def newsletter_signup(self, slug: str) -> None:
        """Signs up from the section's page, then clicks the link of the confirmation mail."""
        pool = [*self.subscribers, *self.free_readers] if slug == "politique" else []
        if pool and self.random.random() < 0.6:
            email = self.random.choice(pool).email
        else:
            self._serial += 1
            email = f"passant{self._serial}@semaine.test"
        if slug in self.ledger.reader(email).confirmed:
            return
        sent_before = len(self.stack.mailbox.to(email))
        answer = fetch(
            self.ledger,
            f"{self.stack.url}/newsletters/{slug}/inscription/",
            method="POST",
            body=f"email={email}&source=/",
            headers={"Content-Type": "application/x-www-form-urlencoded", "Origin": self.stack.url},
        )
        if answer.status != 302:
            raise RuntimeError(f"signup answered {answer.status}")
        from .runner import settle

        settle(self.stack)
        mails = self.stack.mailbox.to(email)[sent_before:]
        links = [match.group(1) for mail in mails for match in [CONFIRM_LINK.search(mail.body)] if match]
        if not links:
            raise RuntimeError(f"no confirmation mail for {email}")
        reader = WeekReader(self.ledger, self.stack.url, email)
        confirmed = reader.post(self.stack.url + links[-1], {})
        if confirmed.status != 200:
            raise RuntimeError(f"confirmation answered {confirmed.status}")
        self.ledger.reader(email).confirmed[slug] = time.time()

    def comment_round(self) -> None:
        """Two or three subscribers comment an article; one replies with an @mention."""
        from manchette.comments.models import Comment

        if not self.subscribers:
            return
        article_id, path = self.pick_article()
        for reader in self.random.sample(self.subscribers, min(len(self.subscribers), 3)):
            server = self.random.choice([self.stack.url, *(app.url for app in self.stack.apps)])
            reply_to = ""
            text = f"Mon avis numéro {self.random.randrange(10**6)} sur cet article."
            # A reader answers what the page shows: published comments only (a held or
            # rejected one is refused as a reply target).
            earlier = list(
                Comment.objects.filter(article_id=article_id, status=Comment.Status.PUBLISHED).values_list(
                    "pk", flat=True
                )[:5]
            )
            if earlier and self.random.random() < 0.5:
                reply_to = str(self.random.choice(earlier))
                mentioned = self.random.choice(self.subscribers).email
                pseudonym = self._pseudonym(mentioned)
                text = f"@{pseudonym} je vous réponds : {text}"
            answer = reader.post_from(
                server + path,
                f"{server}/commentaires/article/{article_id}/publier/",
                {"texte": text, "reponse_a": reply_to},
            )
            if answer.status not in (302, 303):
                raise RuntimeError(f"comment by {reader.email} answered {reason(answer)}")
            self.comments.extend(Comment.objects.filter(article_id=article_id).values_list("pk", flat=True))

    def _pseudonym(self, email: str) -> str:
        from manchette.accounts.models import Profile

        return Profile.objects.filter(user__email=email).values_list("pseudonym", flat=True).first() or ""

    def report_and_reject(self) -> None:
        from manchette.comments import moderation
        from manchette.comments.models import Comment

        if not self.subscribers:
            return
        reporter = self.random.choice(self.subscribers)
        # What a reader may report: someone else's comment that the page shows.
        comment = (
            Comment.objects.filter(status=Comment.Status.PUBLISHED)
            .exclude(author__email=reporter.email)
            .order_by("?")
            .first()
        )
        if comment is None:
            return
        answer = reporter.post(
            f"{self.stack.url}/commentaires/{comment.pk}/signaler/", {"motif": "off_topic"}
        )
        if answer.status >= 400:
            raise RuntimeError(f"report answered {reason(answer)}")
        moderation.reject(newsroom.editor(), comment.pk, "off_topic")

    def ban_one(self) -> None:
        from django.contrib.auth import get_user_model

        from manchette.comments import moderation

        if len(self.subscribers) < 2:
            return
        banned = self.subscribers.pop()
        user = get_user_model().objects.get(email=banned.email)
        moderation.set_standing(newsroom.editor(), user.pk, "banned", reason="charte")

    def delete_account(self) -> None:
        """Mid-week, a reader with newsletters deletes their account in Mon compte."""
        candidates = [
            reader
            for reader in [*self.subscribers, *self.free_readers]
            if self.ledger.reader(reader.email).confirmed
        ] or [*self.subscribers, *self.free_readers]
        reader = candidates[0]
        answer = reader.post(f"{self.stack.url}/mon-compte/supprimer/", {"password": PASSWORD})
        if answer.status != 302:
            raise RuntimeError(f"account deletion answered {answer.status}")
        self.ledger.reader(reader.email).deleted_at = time.time()
        for group in (self.subscribers, self.free_readers):
            if reader in group:
                group.remove(reader)

    # ------------------------------------------------------------------ checks during the week

    def comment_checkpoint(self) -> None:
        """The comment list and count of each commented article, from both servers, directly and
        through Varnish: every answer the same."""
        from manchette.comments.models import Comment

        self.ledger.comment_checkpoints += 1
        article_ids = set(Comment.objects.values_list("article_id", flat=True).distinct())
        sources = {
            "varnish": self.stack.url,
            **{f"app-{n}": app.url for n, app in enumerate(self.stack.apps)},
        }
        for article_id in sorted(article_ids):
            seen = {}
            for name, base in sources.items():
                answer = fetch(self.ledger, f"{base}/commentaires/article/{article_id}/")
                ids = tuple(re.findall(r'id="commentaire-(\d+)"', answer.text))
                seen[name] = (answer.status, ids)
            if len(set(seen.values())) > 1:
                self.ledger.comment_checks.append(f"{time.strftime('%a %H:%M')} article {article_id}: {seen}")

    def anonymous_reads(self) -> None:
        """Every live article, the feeds and the home page, read anonymously through Varnish."""
        urls = ["/", "/rss.xml", "/sitemap.xml"] + [
            public_path(path) for _, path, _ in newsroom.live_articles()
        ]
        for url in urls:
            answer = fetch(self.ledger, self.stack.url + url)
            self.ledger.premium_pages_checked += 1
            for marker in self.ledger.premium_markers:
                if marker in answer.text:
                    self.ledger.premium_leaks.append(f"{url} (anonymous, through Varnish)")
        for path, (start, end) in self.ledger.killed_or_embargoed.items():
            if start <= time.time() < end and fetch(self.ledger, self.stack.url + path).status == 200:
                self.ledger.forbidden_served.append(f"{path} at {time.strftime('%a %H:%M')}")
