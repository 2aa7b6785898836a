"""Live coverage ("En direct"): a page in a section, and its entries, posted one by one.

Entries are rows of their own, not page content: posting one publishes no revision, so it
takes a second, and the page's revisions do not grow with every minute of a live. What
readers see changes with each entry through the live's version number (LiveVersion),
which their pages poll (see views.py and publishing.py).
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from functools import cached_property
from typing import Any

from django.conf import settings
from django.contrib.auth.models import AnonymousUser, User
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.core.paginator import Page as PaginatorPage
from django.db import models
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page, Site
from wagtail.search import index

from manchette.articles import rules
from manchette.articles.blocks import ArticleBodyBlock
from manchette.articles.models import HERO_PANEL, Agency, Author, NewsPage
from manchette.subscriptions import entitlements
from manchette.website.caching import cache_directives

from . import structured_data

ENTRIES_PER_PAGE = 20
# A finished live, for browsers and shared caches (seconds).
FINISHED_MAX_AGE = 60 * 60
# How many changed entries one answer of the readers' poll carries at most; further behind, reload.
MAX_CHANGES = 50


class LivePage(NewsPage):
    class Status(models.TextChoices):
        ONGOING = "ongoing", _("en cours")
        FINISHED = "finished", _("terminé")

    status = models.CharField(_("état"), max_length=10, choices=Status.choices, default=Status.ONGOING)
    ended_at = models.DateTimeField(
        _("fin du direct"), null=True, blank=True, help_text=_("Renseignée quand le direct est terminé.")
    )
    premium = models.BooleanField(
        _("réservé aux abonnés"),
        default=False,
        help_text=_("Les entrées ne sont lisibles que par les abonnés."),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("standfirst"),
        InlinePanel("live_authors", label=_("Auteur"), min_num=1),
        HERO_PANEL,
        MultiFieldPanel(
            [FieldPanel("status"), FieldPanel("ended_at"), FieldPanel("premium")], heading=_("Publication")
        ),
    ]
    search_fields = [*Page.search_fields, index.SearchField("standfirst"), index.FilterField("premium")]
    parent_page_types = ["articles.SectionPage"]
    subpage_types: list[str] = []
    template = "live/live_page.html"

    class Meta:
        verbose_name = _("direct")
        verbose_name_plural = _("directs")

    def serve(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        response = super().serve(request, *args, **kwargs)
        if self.finished and "public" in cache_directives(response):
            # An archive now: it changes only when the newsroom edits it, which purges it.
            response.headers["Cache-Control"] = (
                f"public, max-age={FINISHED_MAX_AGE}, s-maxage={FINISHED_MAX_AGE}"
            )
        return response

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.status == self.Status.FINISHED and self.ended_at is None:
            self.ended_at = timezone.now()
        super().save(*args, **kwargs)

    @property
    def finished(self) -> bool:
        return self.status == self.Status.FINISHED

    @property
    def kicker(self) -> str:
        """What the page's header and the cards listing it show above the title."""
        return str(_("En direct"))

    @property
    def updated_at(self) -> datetime | None:
        """For feeds: a finished live last changed when it ended; an ongoing one changes all the time."""
        return self.ended_at

    # Listings set this for a whole list at once (with_bylines).
    @cached_property
    def authors(self) -> list[Author]:
        return [link.author for link in self.live_authors.select_related("author")]

    @classmethod
    def with_bylines(cls, pages: Sequence["LivePage"]) -> None:
        """The authors of all the lives in one query."""
        authors: dict[int, list[Author]] = {page.pk: [] for page in pages}
        for link in LiveAuthor.objects.filter(page__in=pages).select_related("author").order_by("sort_order"):
            authors[link.page_id].append(link.author)
        for page in pages:
            page.authors = authors[page.pk]

    @cached_property
    def byline(self) -> str:
        authors = self.authors
        return rules.byline([a.name for a in authors], [a.initials for a in authors], "")

    def may_read(self, user: User | AnonymousUser) -> bool:
        """A premium live's entries follow the articles' paywall (subscribers, metered reads)."""
        return not self.premium or entitlements.entitlements(user, self).read_in_full

    def timeline(self, page_number: str | int | None) -> "Timeline":
        """The requested page of entries, newest first (the first when the number is absurd)."""
        version = LiveVersion.current(self.pk)  # read first: the entries shown are at least this recent
        every = LiveEntry.objects.filter(page=self).shown()
        pinned = every.filter(pinned=True, deleted_at__isnull=True).first()
        order = list(every.filter(pinned=False).values_list("pk", flat=True))
        paginator = Paginator(order, ENTRIES_PER_PAGE)
        try:
            chosen = paginator.page(page_number or 1)
        except (PageNotAnInteger, EmptyPage):
            chosen = paginator.page(1)
        found = LiveEntry.objects.shown().in_bulk(list(chosen.object_list))
        chosen.object_list = [found[pk] for pk in chosen.object_list if pk in found]
        return Timeline(version, pinned, chosen, self.key_events(order))

    def key_events(self, order: list[int] | None = None) -> list["KeyEvent"]:
        """ "L'essentiel": the key events, newest first, each with the page of entries showing it.

        `order` is the unpinned entries' ids, newest first, when the caller has them already.
        """
        every = LiveEntry.objects.filter(page=self).shown()
        if order is None:
            order = list(every.filter(pinned=False).values_list("pk", flat=True))
        position = {pk: index // ENTRIES_PER_PAGE + 1 for index, pk in enumerate(order)}
        return [
            KeyEvent(entry, 0 if entry.pinned else position.get(entry.pk, 1))
            for entry in every.filter(key_event=True, deleted_at__isnull=True)
        ]

    def changes_since(self, version: int) -> list["LiveEntry"]:
        """The entries posted, corrected, pinned or removed after `version`, newest first."""
        return list(LiveEntry.objects.filter(page=self, version__gt=version).shown()[:MAX_CHANGES])

    def get_context(self, request: HttpRequest, *args: Any, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context(request, *args, **kwargs)
        readable = self.may_read(request.user)
        timeline = self.timeline(request.GET.get("page"))
        shown = ([timeline.pinned] if timeline.pinned else []) + list(timeline.entries.object_list)
        site = Site.find_for_request(request)  # Wagtail found it to route the request: no query
        root_url = site.root_url if site else settings.SITE_URL
        context.update(
            {
                "readable": readable,
                "paywalled": not readable,
                "timeline": timeline,
                "json_ld": structured_data.live_blog_json_ld(
                    self, shown, self.get_full_url(request), root_url, readable
                ),
            }
        )
        return context


class LiveAuthor(Orderable):
    page = ParentalKey(LivePage, related_name="live_authors", on_delete=models.CASCADE)
    author = models.ForeignKey(Author, verbose_name=_("auteur"), on_delete=models.PROTECT, related_name="+")

    panels = [FieldPanel("author")]


class LiveVersion(models.Model):
    """What readers' pages poll: one number per live, raised by every change to its entries.

    Not a field of the page: publishing a revision writes every page field back.
    """

    page = models.OneToOneField(LivePage, on_delete=models.CASCADE, primary_key=True, related_name="+")
    number = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.page_id} v{self.number}"

    @staticmethod
    def current(page_id: int) -> int:
        number = LiveVersion.objects.filter(page_id=page_id).values_list("number", flat=True).first()
        return number or 0


class LiveEntryQuerySet(models.QuerySet):
    def shown(self) -> "LiveEntryQuerySet":
        """Newest first, with what an entry's byline needs."""
        return self.select_related("author", "agency").order_by("-posted_at", "-pk")


class LiveEntry(models.Model):
    page = models.ForeignKey(LivePage, on_delete=models.CASCADE, related_name="entries")
    posted_at = models.DateTimeField(_("heure"), default=timezone.now, db_index=True)
    title = models.CharField(_("titre (facultatif)"), max_length=200, blank=True)
    body = StreamField(ArticleBodyBlock(), verbose_name=_("texte"))
    author = models.ForeignKey(
        Author, verbose_name=_("auteur"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    agency = models.ForeignKey(
        Agency, verbose_name=_("agence"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    posted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    pinned = models.BooleanField(_("épinglée en haut"), default=False)
    key_event = models.BooleanField(_("moment clé"), default=False)
    corrected_at = models.DateTimeField(_("corrigée le"), null=True, blank=True)
    deleted_at = models.DateTimeField(_("retirée le"), null=True, blank=True)
    # The live's version number when the entry last changed: the readers' poll asks what
    # changed since the version they have.
    version = models.PositiveIntegerField(default=0, db_index=True)

    objects = LiveEntryQuerySet.as_manager()

    class Meta:
        verbose_name = _("entrée de direct")
        verbose_name_plural = _("entrées de direct")
        constraints = [
            models.UniqueConstraint(
                fields=["page"], condition=models.Q(pinned=True), name="live_one_pinned_entry_per_page"
            )
        ]

    def __str__(self) -> str:
        return self.title or f"{self.page_id} – {self.posted_at:%H:%M}"

    @property
    def anchor(self) -> str:
        return f"entree-{self.pk}"

    @property
    def byline(self) -> str:
        """ "Par Léa Lambert", "Par L. L. avec AFP", or the agency alone; empty when unsigned."""
        agency = self.agency.short_name if self.agency else ""
        if self.author is None and not agency:
            return ""
        names = [self.author.name] if self.author else []
        initials = [self.author.initials] if self.author else []
        return rules.byline(names, initials, agency)


@dataclass
class KeyEvent:
    entry: LiveEntry
    page_number: int  # the page of entries that shows it; 0 when it is pinned on top


@dataclass
class Timeline:
    version: int
    pinned: LiveEntry | None
    entries: PaginatorPage
    key_events: list[KeyEvent]
