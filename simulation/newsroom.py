"""The newsroom's side of the week, through the services the admin calls (in the driver's
own Django, on the stack's database and Redis): writing, publishing, scheduling, correcting,
unpublishing, moving, moderating, and the hand-written edition."""

from __future__ import annotations

import itertools
from datetime import datetime

from django.contrib.auth import get_user_model
from django.db import close_old_connections
from django.utils.text import slugify
from wagtail.rich_text import RichText

from manchette.articles.models import ArticlePage, SectionPage

_serial = itertools.count(1)
FREE_PARAGRAPHS = 3


def editor():
    return get_user_model().objects.filter(is_superuser=True).order_by("pk").first()


def section(slug: str) -> SectionPage:
    return SectionPage.objects.get(slug=slug)


def write(
    section_slug: str,
    title: str,
    *,
    premium: bool = False,
    marker: str = "",
    go_live_at: datetime | None = None,
) -> ArticlePage:
    """An article written and published at once, or scheduled for `go_live_at`.

    A premium article's paragraphs after the free ones carry `marker`, a phrase that must
    never reach a reader who is not entitled to it.
    """
    close_old_connections()
    number = next(_serial)
    paragraphs = [f"Paragraphe {n} de l'article {number}, que tout lecteur peut lire." for n in range(4)]
    if premium:
        paragraphs += [f"Réservé aux abonnés : {marker}, suite {n}." for n in range(3)]
    article = ArticlePage(
        title=title,
        slug=f"{slugify(title)[:40]}-{number}",
        standfirst=f"Le chapô de « {title} ».",
        body=[("paragraph", RichText(f"<p>{text}</p>")) for text in paragraphs],
        premium=premium,
        live=False,
    )
    section(section_slug).add_child(instance=article)
    if go_live_at is not None:
        article.go_live_at = go_live_at
    article.save_revision(user=editor()).publish(user=editor())
    return ArticlePage.objects.get(pk=article.pk)


def correct(article_id: int, note: str) -> None:
    """A rectificatif, added as the admin's "Ajouter un rectificatif" adds it."""
    from manchette.corrections import services
    from manchette.corrections.models import Correction

    close_old_connections()
    article = ArticlePage.objects.get(pk=article_id)
    services.add_correction(article, Correction.Kind.RECTIFICATIF, note, by=editor())


def unpublish(article_id: int) -> None:
    close_old_connections()
    ArticlePage.objects.get(pk=article_id).unpublish(user=editor())


def move(article_id: int, section_slug: str) -> None:
    close_old_connections()
    ArticlePage.objects.get(pk=article_id).move(section(section_slug), pos="last-child", user=editor())


def send_edition_by_hand(newsletter_slug: str, subject: str, intro: str) -> int:
    """An edition written in the admin (the newsletter's three latest live articles), then
    "approve and send" as the edition's page does it; returns its id."""
    from manchette.newsletters import editions, tasks
    from manchette.newsletters.models import Edition, Newsletter

    close_old_connections()
    newsletter = Newsletter.objects.get(slug=newsletter_slug)
    edition = Edition.objects.create(newsletter=newsletter, subject=subject, intro=intro)
    latest = ArticlePage.objects.live().descendant_of(newsletter.section).order_by("-first_published_at")[:3]
    edition.articles.set(latest)
    editions.approve(edition)
    tasks.start_edition.enqueue(edition.pk)
    return edition.pk


def live_articles() -> list[tuple[int, str, bool]]:
    close_old_connections()
    return list(ArticlePage.objects.live().values_list("pk", "url_path", "premium"))
