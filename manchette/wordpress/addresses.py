"""Every old WordPress address answers with a 301 to its new page (wagtail.contrib.redirects).

Addresses that end in a page of the old site (permalinks, date-based forms, archives, feeds,
attachment pages) are answered by Wagtail's redirect middleware, which looks when a path is
not found; `/?p=ID` and its kin reach the home page, which exists, so a serve hook
(wagtail_hooks.py) looks them up first.
"""

from datetime import datetime
from urllib.parse import urlsplit

from django.urls import reverse
from django.utils.text import slugify
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Page

# The query strings WordPress answers at its root with the item of that id.
QUERY_KEYS = ("p", "page_id", "attachment_id", "cat", "tag", "author")


def old_path(url: str) -> str:
    """The path and query of an old address, whichever host it named."""
    parts = urlsplit(url)
    path = parts.path or "/"
    return f"{path}?{parts.query}" if parts.query else path


def article_paths(link: str, post_id: str, slug: str, local_date: datetime | None) -> list[str]:
    """The addresses one post answered at: its permalink, ?p=ID and the date-based forms."""
    paths = [old_path(link)] if link else []
    paths.append(f"/?p={post_id}")
    if slug and local_date:
        paths.append(f"/{local_date:%Y/%m/%d}/{slug}/")
        paths.append(f"/{local_date:%Y/%m}/{slug}/")
    return list(dict.fromkeys(paths))


def page_paths(link: str, post_id: str) -> list[str]:
    """The addresses one page answered at: its permalink (under its parents'), ?page_id=ID, ?p=ID."""
    paths = [old_path(link)] if link else []
    paths += [f"/?page_id={post_id}", f"/?p={post_id}"]
    return list(dict.fromkeys(paths))


def section_paths(slug: str, term_id: str) -> list[tuple[str, str]]:
    """(old path, kind) pairs: the archive and its feed."""
    paths = [(f"/category/{slug}/", "page"), (f"/category/{slug}/feed/", "feed")]
    if term_id:
        paths.append((f"/?cat={term_id}", "page"))
    return paths


def author_paths(login: str, author_id: str) -> list[str]:
    """The author archive WordPress answered at (its slug is the login, sanitized) and ?author=ID."""
    paths = [f"/author/{slugify(login)}/"] if slugify(login) else []
    if author_id:
        paths.append(f"/?author={author_id}")
    return paths


def point(path: str, page: Page | None = None, link: str = "") -> bool:
    """Makes the old path answer 301 to the page (or the link); True when it is new or moved."""
    normalised = Redirect.normalise_path(path)
    existing = Redirect.objects.filter(old_path=normalised, site=None).first()
    if (
        existing
        and existing.redirect_page_id == (page.pk if page else None)
        and existing.redirect_link == link
    ):
        return False
    Redirect.objects.update_or_create(
        old_path=normalised,
        site=None,
        defaults={"redirect_page": page, "redirect_link": link, "is_permanent": True},
    )
    return True


def section_feed(slug: str) -> str:
    return reverse("section_feed", args=[slug])


def tag_page(slug: str) -> str:
    return reverse("tag", args=[slug])


def author_page(slug: str) -> str:
    return reverse("author", args=[slug])


def site_feed() -> str:
    return reverse("feed")


def point_all(pairs: list[tuple[str, Page]]) -> int:
    """`point` for many new pages at once (an import's batch): one query for the paths already
    answered, one insert for the new ones; the moved ones one by one. Returns how many changed."""
    wanted = {Redirect.normalise_path(path): page for path, page in pairs}
    existing = {
        redirect.old_path: redirect
        for redirect in Redirect.objects.filter(old_path__in=list(wanted), site=None)
    }
    made = 0
    for path, page in wanted.items():
        redirect = existing.get(path)
        if redirect is None:
            continue
        if redirect.redirect_page_id != page.pk or redirect.redirect_link:
            made += point(path, page=page)
    new = [
        Redirect(old_path=path, site=None, redirect_page=page, redirect_link="", is_permanent=True)
        for path, page in wanted.items()
        if path not in existing
    ]
    Redirect.objects.bulk_create(new)
    return made + len(new)
