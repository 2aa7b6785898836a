"""The demo wire feed's day: the harness writes its own stories into the feed's watched
folder, the worker's poll takes them in, and the desk works with them through the services
the admin calls: a new story taken and published, an embargoed one taken and scheduled for
its embargo, an update of the taken story, then its kill.

What must hold: every file is taken in by the next polls; the embargoed copy is never served
before its embargo and goes live within a minute of it (the week's scheduled-article
invariant); the killed copy is off the site, through Varnish and on each server, at once.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from django.db import close_old_connections

from manchette.wire.management.commands.load_wire_demo import FEED_NAME
from manchette.wire.management.commands.load_wire_demo import _item as newsml_item

from . import newsroom
from .clock import real_seconds
from .readers import fetch

if TYPE_CHECKING:
    from .scenario import Week

SECTION = "economie"
POLL_WAIT = 60.0  # real seconds for the worker's next polls to take a file in
EMBARGO_AT = (16, 30)


@dataclass
class WireDay:
    week: Week
    day: int = 0
    taken: dict[str, int] = field(default_factory=dict)  # story guid -> article id

    def plan(self) -> None:
        if self.week.days <= self.day:
            return
        embargo = (self.week.start + timedelta(days=self.day)).replace(
            hour=EMBARGO_AT[0], minute=EMBARGO_AT[1]
        )
        self.week.at(self.day, 8, 20, "wire: new stories, one embargoed, taken", lambda: self.arrive(embargo))
        self.week.at(self.day, 11, 20, "wire: update of a taken story", self.update)
        self.week.at(self.day, 14, 20, "wire: kill of a taken story", self.kill)
        self.week.at(
            self.day, *EMBARGO_AT, "wire: embargo lifted, article live", lambda: self.week.check_live(embargo)
        )

    # ------------------------------------------------------------------ the agency's files

    def guid(self, name: str) -> str:
        return f"semaine-{self.week.ledger.seed}-{name}"

    def drop(self, file_name: str, text: str) -> None:
        """Written beside, then renamed: the poller never reads half a file."""
        folder = Path(_feed().location)
        partial = folder / f".{file_name}.part"
        partial.write_text(text, encoding="utf-8")
        partial.rename(folder / file_name)

    def story_file(
        self, name: str, version: int, headline: str, extra_meta: str = "", status: str = ""
    ) -> str:
        text = newsml_item(
            self.guid(name),
            version,
            4,
            f"semaine-{name}",
            headline,
            [
                f"Version {version} de la dépêche « {headline} », écrite pour la semaine simulée.",
                "Les partenaires sociaux se retrouveront la semaine prochaine.",
            ],
            extra_meta,
        )
        return text.replace("stat:usable", status) if status else text

    # ------------------------------------------------------------------ events

    def arrive(self, embargo: datetime) -> None:
        self.drop(f"{self.guid('port')}-v1.xml", self.story_file("port", 1, "Le port de commerce agrandi"))
        self.drop(
            f"{self.guid('budget')}-v1.xml",
            self.story_file(
                "budget",
                1,
                "Le budget de la ville voté (embargo)",
                f"<embargoed>{embargo.isoformat()}</embargoed>",
            ),
        )
        port = self.wait_for("port", lambda story: story.version == 1)
        budget = self.wait_for("budget", lambda story: story.embargo is not None)
        self.taken["port"] = self.take_and_publish(port).pk
        article = self.take_and_publish(budget)
        self.taken["budget"] = article.pk
        ledger = self.week.ledger
        ledger.scheduled_articles[article.pk] = embargo.timestamp()
        path = _public_path(article.pk)
        ledger.killed_or_embargoed[path] = (time.time(), embargo.timestamp())
        self.never_served(path)

    def update(self) -> None:
        self.drop(
            f"{self.guid('port')}-v2.xml",
            self.story_file(
                "port",
                2,
                "Le port de commerce agrandi : les travaux commencent",
                '<signal qcode="sig:update"/>',
            ),
        )
        story = self.wait_for("port", lambda story: story.version == 2)
        if story.versions_count != 2:
            raise RuntimeError(f"the updated story holds {story.versions_count} versions, not 2")

    def kill(self) -> None:
        from manchette.articles.models import ArticlePage

        self.drop(
            f"{self.guid('port')}-v3.xml",
            self.story_file("port", 3, "Le port de commerce agrandi (annulé)", status="stat:canceled"),
        )
        self.wait_for("port", lambda story: story.killed)
        article_id = self.taken["port"]
        path = _public_path(article_id)
        self.week.ledger.killed_or_embargoed[path] = (time.time(), self.week.end.timestamp() + 1)
        if ArticlePage.objects.filter(pk=article_id, live=True).exists():
            raise RuntimeError(f"article {article_id} still live after its story was killed")
        self.never_served(path)

    # ------------------------------------------------------------------ the desk and the checks

    def wait_for(self, name: str, ready):
        """The story once the worker's polls have taken the file in (real seconds)."""
        from manchette.wire.models import Story

        deadline = real_seconds() + POLL_WAIT
        while True:
            close_old_connections()
            # The demo's items are named in its agency's namespace (load_wire_demo's _item).
            story = Story.objects.filter(guid__endswith=f":{self.guid(name)}").first()
            if story is not None and ready(story):
                return story
            if real_seconds() > deadline:
                state = "absent" if story is None else f"version {story.version}, {story.pub_status}"
                raise RuntimeError(f"wire story {self.guid(name)} not taken in as expected: {state}")
            time.sleep(0.5)

    def take_and_publish(self, story):
        """The desk takes the story into a draft and publishes it (scheduled for its embargo)."""
        from manchette.wire import desk

        article = desk.take(story, newsroom.section(SECTION), user=newsroom.editor())
        article.get_latest_revision().publish(user=newsroom.editor())
        return article

    def never_served(self, path: str) -> None:
        """Not 200 through Varnish nor on either server; a served copy goes to the ledger."""
        stack = self.week.stack
        for base in [stack.url, *(app.url for app in stack.apps)]:
            answer = fetch(self.week.ledger, base + path)
            if answer.status == 200:
                self.week.ledger.forbidden_served.append(
                    f"{path} via {base} at {time.strftime('%a %H:%M')} ({answer.status})"
                )


def _feed():
    from manchette.wire.models import Feed

    close_old_connections()
    return Feed.objects.get(name=FEED_NAME)


def _public_path(article_id: int) -> str:
    from manchette.articles.models import ArticlePage

    from .scenario import public_path

    return public_path(ArticlePage.objects.get(pk=article_id).url_path)
