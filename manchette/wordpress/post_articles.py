"""What a post becomes: its article's state, fields, body pictures, hero, section and authors,
and the article written one post at a time (updates, schedules, reviews, failed batches)."""

import html
from pathlib import Path

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from manchette.articles import imports as articles
from manchette.articles.models import ArticlePage, Author, SectionPage

from . import media, post_fields
from .content import Paragraph, Picture, Quote, Subheading
from .models import ImportedItem
from .options import ItemError
from .post_fields import Post
from .run_state import ImportRun
from .wxr import WPItem

Kind = ImportedItem.Kind

DEFAULT_SECTION = ("Archives", "archives")
# Manchette has no pages outside sections: WordPress pages (« À propos », « Contact »…) become
# articles of this section, where the newsroom finds them to rework or unpublish.
PAGES_SECTION = "pages"  # the section's slug


class PostArticles(ImportRun):
    def _state(self, item: WPItem) -> articles.State | None:
        status = item.status
        if status == "publish":
            return articles.State.LIVE
        if status == "draft":
            return articles.State.DRAFT
        if status == "pending":
            return articles.State.IN_REVIEW
        if status == "future":
            ahead = item.date_gmt and item.date_gmt > timezone.now()
            return articles.State.SCHEDULED if ahead else articles.State.LIVE
        reasons = {
            "private": _("article privé : non importé"),
            "trash": _("à la corbeille : non importé"),
            "auto-draft": _("brouillon automatique : non importé"),
            "inherit": _("révision : non importée"),
        }
        self.report.skipped.append(
            (
                item.label(),
                reasons.get(status, _("état « %(status)s » inconnu : non importé") % {"status": status}),
            )
        )
        return None

    def _article(self, post: "Post") -> ArticlePage:
        item = post.item
        digest = post_fields.digest(item)
        mapped = self._mapped(Kind.POST, item.post_id)
        article = None
        if mapped is not None:
            article = ArticlePage.objects.filter(pk=mapped.target_id).first()
        if mapped is not None and article is not None:
            if mapped.digest == digest:
                self.report.done[post_fields.counted(item, "unchanged")] += 1
                return article
            if articles.latest_revision_id(article.pk) != mapped.revision_id:
                self.report.not_overwritten.append(item.label())
                return article
            article = article.get_latest_revision_as_object()
        else:
            article = ArticlePage()
        creating = article.pk is None
        for name, value in self._fields(post).items():
            setattr(article, name, value)
        if creating and item.slug:
            article.slug = post_fields.free_slug(slugify(item.slug)[:255])
        revision = articles.save_article(
            article,
            self._section(item),
            self._authors(item),
            post_fields.tag_names(item),
            post.state,
            item.date_gmt,
            item.modified_gmt,
        )
        self._remember(Kind.POST, item.post_id, article.pk, digest, revision.pk)
        self.report.done[post_fields.counted(item, "created" if creating else "updated")] += 1
        return article

    def _fields(self, post: "Post") -> dict[str, object]:
        """The article's fields a post sets (pictures looked up once, however often it is written)."""
        if post.fields is None:
            item = post.item
            title = (item.title or _("Sans titre"))[:255]
            seo_title, search_description = post_fields.yoast(item)
            post.fields = {
                "title": title,
                "body": self._body(post.pieces, item),
                "standfirst": post_fields.standfirst(item.excerpt, post.pieces) or title,
                "seo_title": seo_title,
                "search_description": search_description,
                "updated_at": (
                    item.modified_gmt
                    if item.modified_gmt and item.date_gmt and item.modified_gmt > item.date_gmt
                    else None
                ),
                **self._hero(item),
            }
        return post.fields

    def _body(self, pieces: list, item: WPItem) -> list[dict]:
        """The body as StreamField data."""
        stream: list[dict] = []
        for piece in pieces:
            if isinstance(piece, Paragraph):
                stream.append({"type": "paragraph", "value": piece.html})
            elif isinstance(piece, Subheading):
                stream.append({"type": "subheading", "value": piece.text})
            elif isinstance(piece, Quote):
                stream.append(
                    {"type": "quote", "value": {"text": piece.text, "attribution": piece.attribution}}
                )
            elif isinstance(piece, Picture):
                attachment = self._resolve(piece, item)
                if attachment is None or attachment.image_id is None:
                    continue
                stream.append(
                    {
                        "type": "image",
                        "value": {
                            "image": attachment.image_id,
                            "alt": (
                                piece.alt
                                or attachment.alt
                                or piece.caption
                                or attachment.caption
                                or attachment.title
                            )[:250],
                            "caption": (piece.caption or attachment.caption)[:400],
                            "credit": (piece.credit or attachment.credit)[:200],
                        },
                    }
                )
        return stream

    def _resolve(self, piece: Picture, item: WPItem) -> media.Attachment | None:
        """The attachment a body picture shows; a line in the report when it has none."""
        attachment = self.attachments.get(piece.attachment_id) if piece.attachment_id else None
        if attachment is None and piece.url:
            attachment = self.attachments.get(self.attachments_by_url.get(media.url_key(piece.url), ""))
        if attachment is None and piece.url:
            attachment = self._loose_picture(piece.url, item)
        if attachment is None:
            self.report.missing(f"{item.label()} : {piece.url or '#' + piece.attachment_id}")
        return attachment

    def _loose_picture(self, url: str, item: WPItem) -> media.Attachment | None:
        """A picture the body shows that no attachment describes, when --uploads has its file."""
        key = f"url:{media.url_key(url)}"
        if key in self.attachments:
            return self.attachments[key]
        attachment = media.Attachment(
            key, url, Path(media.relative_path(url)).stem, "", "", "", item.post_id, ""
        )
        self.attachments[key] = attachment
        self._import_picture(attachment, item.label())
        return (
            attachment
            if (attachment.image_id or self.options.dry_run) and media.find_file(self.options.uploads, url)
            else None
        )

    def _hero(self, item: WPItem) -> dict[str, object]:
        """The hero picture's fields; none when the post has no usable featured image (an
        article updated keeps the hero it had)."""
        thumbnail = item.meta.get("_thumbnail_id", "")
        attachment = self.attachments.get(thumbnail) if thumbnail else None
        if thumbnail and (attachment is None or attachment.image_id is None):
            self.report.missing(f"{item.label()} : {_('image à la une')} #{thumbnail}")
        if attachment is None or attachment.image_id is None:
            return {}
        return {
            "hero_image_id": attachment.image_id,
            "hero_alt": (attachment.alt or attachment.caption or attachment.title)[:250],
            "hero_caption": attachment.caption[:400],
            "hero_credit": attachment.credit[:200],
        }

    def _section(self, item: WPItem) -> SectionPage:
        if item.post_type == "page":
            if PAGES_SECTION not in self.sections:
                with transaction.atomic():
                    self.sections[PAGES_SECTION] = articles.ensure_section(_("Pages"), PAGES_SECTION)
            return self.sections[PAGES_SECTION]
        slugs = [term.slug for term in item.terms if term.domain == "category" and term.slug]
        primary = self.category_ids.get(item.meta.get("_yoast_wpseo_primary_category", ""))
        slug = primary if primary in slugs or (primary and not slugs) else (slugs[0] if slugs else "")
        if not slug:
            title, section_slug = DEFAULT_SECTION
        else:
            term = self.categories.get(slug)
            title = term.name if term else next(t.name for t in item.terms if t.slug == slug)
            section_slug = self.options.section_map.get(slug, slug)
        if section_slug not in self.sections:
            if slug in self.options.section_map:
                section = articles.section_by_slug(section_slug)
                if section is None:
                    raise ItemError(
                        _("la rubrique « %(slug)s » de --section-map n'existe pas.") % {"slug": section_slug}
                    )
            else:
                with transaction.atomic():
                    section = articles.ensure_section(html.unescape(title), section_slug)
            self.sections[section_slug] = section
        return self.sections[section_slug]

    def _authors(self, item: WPItem) -> list[Author]:
        logins = [
            term.slug.removeprefix("cap-") for term in item.terms if term.domain == "author" and term.slug
        ]
        logins = logins or ([item.creator] if item.creator else [])
        found = []
        for login in dict.fromkeys(logins):
            if login in self.known_authors:
                found.append(self.known_authors[login])
                continue
            wp_author = self.authors.get(login)
            name = (wp_author.display_name if wp_author else self.guest_authors.get(login)) or login
            mapped = self._mapped(Kind.AUTHOR, login)
            author = Author.objects.filter(pk=mapped.target_id).first() if mapped else None
            if author is None:
                author = articles.ensure_author(html.unescape(name), login)
                self._remember(Kind.AUTHOR, login, author.pk)
            if not transaction.get_connection().in_atomic_block:
                self.known_authors[login] = author  # committed: no rollback can take it away
            found.append(author)
        return found or [articles.ensure_author(_("La rédaction"), "redaction")]
