"""The WordPress import: two passes over the export, each a stream.

The first pass reads authors, categories, tags and attachments (the pictures are imported,
once each); the second turns posts into articles, with their pictures, comments and old
addresses. Each post is imported in its own transaction: one that fails leaves nothing behind
and is a line in the report; the others go on. Running it again updates what changed in
WordPress, adds what is new, and leaves alone articles edited in Manchette since.
"""

import hashlib
import html
import json
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import DatabaseError, transaction
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.text import slugify
from django.utils.translation import gettext as _

from manchette.articles import imports as articles
from manchette.articles.models import ArticlePage, Author, SectionPage
from manchette.audio import services as audio
from manchette.comments import imports as comment_imports

from . import addresses, comments, media
from .content import (
    BodyContext,
    Paragraph,
    Picture,
    Quote,
    Subheading,
    bare_credit,
    convert,
    split_credit,
)
from .models import ImportedItem
from .report import Report
from .wxr import WPAuthor, WPComment, WPItem, WPTerm, WXRError, WXRReader, attachment_credit

STANDFIRST_MAX = 600
DEFAULT_SECTION = ("Archives", "archives")
# Manchette has no pages outside sections: WordPress pages (« À propos », « Contact »…) become
# articles of this section, where the newsroom finds them to rework or unpublish.
PAGES_SECTION = "pages"  # the section's slug
# Posts read before they are written: new ones go in together (articles.add_articles).
BATCH_SIZE = 100
Kind = ImportedItem.Kind


@dataclass
class Options:
    uploads: Path | None = None
    section_map: dict[str, str] = field(default_factory=dict)  # WordPress category slug → section slug
    dry_run: bool = False


class ItemError(Exception):
    """Why one item was not imported, in the reader's language."""


@dataclass(eq=False)
class Post:
    """A post or page read from the export, converted once, waiting to be written."""

    item: WPItem
    state: articles.State
    pieces: list
    comments: list[WPComment]  # those that come over
    fields: dict[str, object] | None = None  # the article's fields, once looked up


def read_section_map(path: Path) -> dict[str, str]:
    """A JSON object, or lines "category-slug = section-slug" (blank lines and # comments allowed)."""
    text = path.read_text(encoding="utf-8")
    if text.lstrip().startswith("{"):
        data = json.loads(text)
        return {str(key): str(value) for key, value in data.items()}
    mapping = {}
    for number, line in enumerate(text.splitlines(), start=1):
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        if "=" not in line:
            raise ValueError(_("ligne %(number)s : « catégorie = rubrique » attendu.") % {"number": number})
        category, section = (part.strip() for part in line.split("=", 1))
        mapping[category] = section
    return mapping


class Importer:
    def __init__(
        self,
        path: Path,
        options: Options,
        progress: Callable[[str, int, int | None], None] | None = None,
    ) -> None:
        self.path, self.options = path, options
        # (stage, done, total or None while the total is unknown)
        self.progress = progress or (lambda stage, count, total: None)
        self.to_import = 0  # posts and pages, counted in the first pass: the second pass's total
        self.report = Report(dry_run=options.dry_run)
        self.source = ""
        self.authors: dict[str, WPAuthor] = {}
        self.guest_authors: dict[str, str] = {}  # Co-Authors Plus: term slug → display name
        self.categories: dict[str, WPTerm] = {}  # by slug
        self.category_ids: dict[str, str] = {}  # term id → slug (Yoast's primary category)
        self.tags: dict[str, WPTerm] = {}
        self.attachments: dict[str, media.Attachment] = {}
        self.attachments_by_url: dict[str, str] = {}
        self.attached_pictures: dict[str, list[str]] = {}  # post id → its attachments' ids
        self.sections: dict[str, SectionPage] = {}
        self.known_authors: dict[str, Author] = {}  # by login, once committed

    # ------------------------------------------------------------------ the run

    def run(self) -> Report:
        # No audio job per article, one rendition job for them all (see those apps' services).
        with audio.no_audio_on_publish(), articles.one_rendition_job():
            try:
                self._first_pass()
                self._second_pass()
            except WXRError as error:
                self.report.fatal = str(error)
        return self.report

    def _reader(self) -> WXRReader:
        return WXRReader(self.path)

    def _first_pass(self) -> None:
        reader = self._reader()
        for count, record in enumerate(reader, start=1):
            self.source = self.source or reader.channel.site_url or reader.channel.title
            if isinstance(record, WPAuthor):
                self.authors[record.login] = record
                self.report.found["authors"] += 1
            elif isinstance(record, WPTerm):
                self._term(record)
            elif record.post_type == "attachment":
                self._attachment(record)
            elif record.post_type == "guest-author":
                login = record.meta.get("cap-user_login") or record.slug.removeprefix("cap-")
                self.guest_authors[login] = record.meta.get("cap-display_name") or record.title
            elif record.post_type in {"post", "page"}:
                self.to_import += 1
            if count % 500 == 0:
                self.progress(_("lecture"), count, None)
        self.report.wxr_version = reader.channel.wxr_version
        self.source = reader.channel.site_url or reader.channel.title or self.path.name

    def _term(self, term: WPTerm) -> None:
        if term.taxonomy == "category":
            self.categories[term.slug] = term
            self.category_ids[term.term_id] = term.slug
            self.report.found["categories"] += 1
        elif term.taxonomy == "post_tag":
            self.tags[term.slug] = term
            self.report.found["tags"] += 1
        elif term.taxonomy == "author":
            self.guest_authors.setdefault(term.slug.removeprefix("cap-"), term.name)

    def _attachment(self, item: WPItem) -> None:
        self.report.found["attachments"] += 1
        url = item.attachment_url or item.guid
        caption, credit = _caption_and_credit(item)
        attachment = media.Attachment(
            post_id=item.post_id,
            url=url,
            title=item.title,
            alt=item.meta.get("_wp_attachment_image_alt", ""),
            caption=caption,
            credit=credit,
            parent=item.parent,
            link=item.link,
        )
        self.attachments[item.post_id] = attachment
        self.attachments_by_url[media.url_key(url)] = item.post_id
        if item.parent and item.parent != "0":
            self.attached_pictures.setdefault(item.parent, []).append(item.post_id)
        self._import_picture(attachment, item.label())

    def _import_picture(self, attachment: media.Attachment, label: str) -> None:
        mapped = self._mapped(Kind.ATTACHMENT, attachment.post_id)
        if mapped is not None:
            attachment.image_id = mapped.target_id
            self.report.done[_("images déjà importées")] += 1
            return
        if not media.is_picture(attachment.url):
            self.report.skipped.append((label, _("fichier joint qui n'est pas une image : non importé")))
            return
        found = media.find_file(self.options.uploads, attachment.url)
        if found is None:
            self.report.missing(f"{label} : {attachment.url or _('pas d’adresse')}")
            return
        if self.options.dry_run:
            return
        try:
            with transaction.atomic():
                attachment.image_id = media.load_picture(found, attachment.title, attachment.alt)
                self._remember(Kind.ATTACHMENT, attachment.post_id, attachment.image_id)
            self.report.done[_("images importées")] += 1
        except media.MediaError as error:
            self.report.missing(f"{label} : {found.name} — {error}")

    def _second_pass(self) -> None:
        reader = self._reader()
        done = 0
        batch: list[WPItem] = []
        for record in reader:
            if not isinstance(record, WPItem) or record.post_type not in {"post", "page"}:
                continue
            done += 1
            self.report.found["posts" if record.post_type == "post" else "pages"] += 1
            self.report.found["comments"] += len(record.comments)
            batch.append(record)
            if len(batch) == BATCH_SIZE:
                self._posts(batch)
                batch = []
            if done % 20 == 0 or done == self.to_import:
                self.progress(_("articles et pages"), done, self.to_import)
        self._posts(batch)
        if not self.options.dry_run:
            self._archive_addresses()

    # ------------------------------------------------------------------ posts, a batch at a time

    def _posts(self, items: list[WPItem]) -> None:
        """New posts are written together (articles.add_articles); the others, and any batch
        that fails, one by one, each in its own transaction."""
        prepared = [post for post in map(self._prepare, items) if post is not None]
        if self.options.dry_run or not prepared:
            return
        known = set(
            ImportedItem.objects.filter(
                source=self.source, kind=Kind.POST, wordpress_id__in=[post.item.post_id for post in prepared]
            ).values_list("wordpress_id", flat=True)
        )
        new = [
            post for post in prepared if post.item.post_id not in known and post.state in articles.BULK_STATES
        ]
        for post in prepared:
            if post not in new:
                self._post_alone(post)
        if new:
            self._new_posts(new)

    def _prepare(self, item: WPItem) -> "Post | None":
        """What a post says, read once whichever way it is written; None for posts left behind."""
        state = self._state(item)
        if state is None:
            return None
        if item.sticky and state == articles.State.LIVE:
            self.report.sticky.append(item.label())
        conversion = convert(
            item.content, BodyContext(self.source, self.attached_pictures.get(item.post_id, []))
        )
        self.report.add_conversion(conversion)
        kept = self._count_comments(item)
        if self.options.dry_run:
            for piece in conversion.pieces:
                if isinstance(piece, Picture):
                    self._resolve(piece, item)
        return Post(item, state, conversion.pieces, kept)

    def _post_alone(self, post: "Post") -> None:
        item = post.item
        try:
            with transaction.atomic():
                article = self._article(post)
                self._addresses(item, article)
                self._comments(post, article)
        except ValidationError as error:
            self.report.errors.append((item.label(), " ; ".join(error.messages)))
        except (ItemError, DatabaseError, ValueError) as error:
            self.report.errors.append((item.label(), str(error)))

    def _new_posts(self, posts: list["Post"]) -> None:
        """Posts never imported, live or drafts: their sections and authors first (each made
        in its own transaction, so a batch rolled back never leaves one cached but gone), then
        their articles, mapping rows, old addresses and comments in one transaction. A batch
        that fails is written again one post at a time: the bad post is a line in the
        report, the others are imported."""
        ready: list[tuple[Post, articles.NewArticle]] = []
        taken: set[str] = set()
        for post in posts:
            try:
                ready.append((post, self._new_article(post, taken)))
            except ValidationError as error:
                self.report.errors.append((post.item.label(), " ; ".join(error.messages)))
            except (ItemError, DatabaseError, ValueError) as error:
                self.report.errors.append((post.item.label(), str(error)))
        done: Counter[str] = Counter()
        try:
            with transaction.atomic():
                revisions = articles.add_articles([new for _post, new in ready])
                rows, paths = [], []
                for (post, new), revision in zip(ready, revisions, strict=True):
                    item = post.item
                    rows.append(
                        self._mapping(Kind.POST, item.post_id, new.article.pk, _digest(item), revision.pk)
                    )
                    if new.state == articles.State.LIVE:
                        paths += [(path, new.article) for path in self._old_paths(item)]
                    rows += self._new_comments(post, new.article, done)
                    done[_counted(item, "created")] += 1
                done[_("redirections")] += addresses.point_all(paths)
                ImportedItem.objects.bulk_create(rows)
        except (ValidationError, ItemError, DatabaseError, ValueError):
            for post, _new in ready:
                self._post_alone(post)
            return
        self.report.done.update(done)

    def _new_article(self, post: "Post", taken: set[str]) -> articles.NewArticle:
        item = post.item
        article = ArticlePage(**self._fields(post))
        if item.slug:
            article.slug = _free_slug(slugify(item.slug)[:255], taken)
            taken.add(article.slug)
        return articles.NewArticle(
            article,
            self._section(item),
            self._authors(item),
            _tag_names(item),
            post.state,
            item.date_gmt,
            item.modified_gmt,
        )

    # ------------------------------------------------------------------ one post

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
        digest = _digest(item)
        mapped = self._mapped(Kind.POST, item.post_id)
        article = None
        if mapped is not None:
            article = ArticlePage.objects.filter(pk=mapped.target_id).first()
        if mapped is not None and article is not None:
            if mapped.digest == digest:
                self.report.done[_counted(item, "unchanged")] += 1
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
            article.slug = _free_slug(slugify(item.slug)[:255])
        revision = articles.save_article(
            article,
            self._section(item),
            self._authors(item),
            _tag_names(item),
            post.state,
            item.date_gmt,
            item.modified_gmt,
        )
        self._remember(Kind.POST, item.post_id, article.pk, digest, revision.pk)
        self.report.done[_counted(item, "created" if creating else "updated")] += 1
        return article

    def _fields(self, post: "Post") -> dict[str, object]:
        """The article's fields a post sets (pictures looked up once, however often it is written)."""
        if post.fields is None:
            item = post.item
            title = (item.title or _("Sans titre"))[:255]
            seo_title, search_description = _yoast(item)
            post.fields = {
                "title": title,
                "body": self._body(post.pieces, item),
                "standfirst": _standfirst(item.excerpt, post.pieces) or title,
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

    # ------------------------------------------------------------------ addresses and comments

    def _addresses(self, item: WPItem, article: ArticlePage) -> None:
        if not ArticlePage.objects.filter(pk=article.pk, live=True).exists():
            return
        made = sum(addresses.point(path, page=article) for path in self._old_paths(item))
        self.report.done[_("redirections")] += made

    def _old_paths(self, item: WPItem) -> list[str]:
        """Where WordPress showed the post and its attachments."""
        if item.post_type == "page":
            paths = addresses.page_paths(item.link, item.post_id)
        else:
            paths = addresses.article_paths(item.link, item.post_id, item.slug, item.date_local)
        paths += [
            addresses.old_path(self.attachments[a].link)
            for a in self.attached_pictures.get(item.post_id, [])
            if self.attachments[a].link
        ]
        paths += [f"/?attachment_id={a}" for a in self.attached_pictures.get(item.post_id, [])]
        return paths

    def _archive_addresses(self) -> None:
        """Category and tag archives, the feeds."""
        made: int = addresses.point("/feed/", link=addresses.site_feed())
        for slug, term in self.categories.items():
            section = self.sections.get(self.options.section_map.get(slug, slug))
            if section is None:
                continue
            for path, kind in addresses.section_paths(slug, term.term_id):
                if kind == "feed":
                    made += addresses.point(path, link=addresses.section_feed(section.slug))
                else:
                    made += addresses.point(path, page=section)
        for slug, term in self.tags.items():
            made += addresses.point(f"/tag/{slug}/", link=addresses.tag_page(slugify(term.name) or slug))
        made += self._author_addresses()
        self.report.done[_("redirections")] += made

    def _author_addresses(self) -> int:
        """/author/login/ and /?author=ID → the author's page, for the authors of imported articles."""
        logins = {*self.authors, *self.guest_authors}
        mapped = ImportedItem.objects.filter(source=self.source, kind=Kind.AUTHOR, wordpress_id__in=logins)
        slugs = dict(
            Author.objects.filter(pk__in=[row.target_id for row in mapped]).values_list("pk", "slug")
        )
        made = 0
        for row in mapped:
            if row.target_id not in slugs:
                continue
            page = addresses.author_page(slugs[row.target_id])
            wp_author = self.authors.get(row.wordpress_id)
            for path in addresses.author_paths(row.wordpress_id, wp_author.author_id if wp_author else ""):
                made += addresses.point(path, link=page)
        return made

    def _count_comments(self, item: WPItem) -> list[WPComment]:
        """The comments that come over; a line in the report for each left behind."""
        kept = []
        for comment in item.comments:
            if comments.kept(comment):
                kept.append(comment)
                continue
            self.report.skipped.append(
                (f"{item.label()} {_('commentaire')} #{comment.comment_id}", comments.skip_reason(comment))
            )
        return kept

    def _comments(self, post: "Post", article: ArticlePage) -> None:
        kept = post.comments
        if not kept:
            return
        mapped = {
            row.wordpress_id: row.target_id
            for row in ImportedItem.objects.filter(
                source=self.source, kind=Kind.COMMENT, wordpress_id__in=[c.comment_id for c in kept]
            )
        }
        found = comment_imports.existing(list(mapped.values()))
        already = {key: found[pk] for key, pk in mapped.items() if pk in found}
        made = comment_imports.import_comments(
            article.pk, [comments.as_imported(c) for c in kept], already, "WordPress"
        )
        for key, comment in made.items():
            if key not in already:
                self._remember(Kind.COMMENT, key, comment.pk)
                self.report.done[_("commentaires importés")] += 1

    def _new_comments(self, post: "Post", article: ArticlePage, done: Counter[str]) -> list[ImportedItem]:
        """The comments of a post imported for the first time (none brought before), and their
        mapping rows for the batch to write."""
        if not post.comments:
            return []
        made = comment_imports.import_comments(
            article.pk, [comments.as_imported(c) for c in post.comments], {}, "WordPress"
        )
        done[_("commentaires importés")] += len(made)
        return [self._mapping(Kind.COMMENT, key, comment.pk) for key, comment in made.items()]

    # ------------------------------------------------------------------ the mapping table

    def _mapped(self, kind: str, wordpress_id: str) -> ImportedItem | None:
        return ImportedItem.objects.filter(source=self.source, kind=kind, wordpress_id=wordpress_id).first()

    def _mapping(
        self, kind: str, wordpress_id: str, target_id: int, digest: str = "", revision_id: int | None = None
    ) -> ImportedItem:
        return ImportedItem(
            source=self.source,
            kind=kind,
            wordpress_id=wordpress_id,
            target_id=target_id,
            digest=digest,
            revision_id=revision_id,
        )

    def _remember(
        self, kind: str, wordpress_id: str, target_id: int, digest: str = "", revision_id: int | None = None
    ) -> None:
        ImportedItem.objects.update_or_create(
            source=self.source,
            kind=kind,
            wordpress_id=wordpress_id,
            defaults={"target_id": target_id, "digest": digest, "revision_id": revision_id},
        )


def _counted(item: WPItem, what: str) -> str:
    """The report's line for a post or a page created, updated or left unchanged."""
    if item.post_type == "page":
        return {"created": _("pages créées"), "updated": _("pages mises à jour")}.get(
            what, _("pages inchangées")
        )
    return {"created": _("articles créés"), "updated": _("articles mis à jour")}.get(
        what, _("articles inchangés")
    )


def _digest(item: WPItem) -> str:
    fields = [
        item.title,
        item.content,
        item.excerpt,
        item.status,
        item.slug,
        str(item.date_gmt),
        str(item.modified_gmt),
        repr([(t.domain, t.slug, t.name) for t in item.terms]),
        *(
            item.meta.get(key, "")
            for key in (
                "_thumbnail_id",
                "_yoast_wpseo_title",
                "_yoast_wpseo_metadesc",
                "_yoast_wpseo_primary_category",
            )
        ),
    ]
    return hashlib.sha256("\x1f".join(fields).encode()).hexdigest()


def _caption_and_credit(item: WPItem) -> tuple[str, str]:
    caption, credit = split_credit(strip_tags(item.excerpt))
    return caption, credit or bare_credit(attachment_credit(item.meta.get("_wp_attachment_metadata", "")))


def _standfirst(excerpt: str, pieces: list) -> str:
    text = " ".join(html.unescape(strip_tags(excerpt)).split())
    if not text:
        first = next((p for p in pieces if isinstance(p, Paragraph)), None)
        text = " ".join(html.unescape(strip_tags(first.html)).split()) if first else ""
    if len(text) > STANDFIRST_MAX:
        text = text[: STANDFIRST_MAX - 1].rsplit(" ", 1)[0] + "…"
    return text


_YOAST_VARIABLE = re.compile(r"%%\w+%%")


def _yoast(item: WPItem) -> tuple[str, str]:
    title = item.meta.get("_yoast_wpseo_title", "").replace("%%title%%", item.title)
    title = " ".join(_YOAST_VARIABLE.sub("", title).split()).strip(" -|–")
    description = " ".join(_YOAST_VARIABLE.sub("", item.meta.get("_yoast_wpseo_metadesc", "")).split())
    return title[:255], description


def _free_slug(slug: str, taken: set[str] | None = None) -> str:
    """WordPress slugs are unique per site; Manchette's per section: kept, numbered if taken
    (by an article, or in `taken`: the batch being written)."""
    taken = taken or set()

    def free(candidate: str) -> bool:
        return candidate not in taken and not ArticlePage.objects.filter(slug=candidate).exists()

    if not slug or free(slug):
        return slug
    number = 2
    while not free(f"{slug[:240]}-{number}"):
        number += 1
    return f"{slug[:240]}-{number}"


def _tag_names(item: WPItem) -> list[str]:
    return [term.name[:100] for term in item.terms if term.domain == "post_tag" and term.name]
