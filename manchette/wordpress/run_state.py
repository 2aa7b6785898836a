"""What one run of the import knows (the export's authors, terms and attachments, the sections
and authors made), the mapping table that makes a second run change nothing, and the import
of one picture, which both passes do."""

from collections.abc import Callable
from pathlib import Path

from django.db import transaction
from django.utils.translation import gettext as _

from manchette.articles.models import Author, SectionPage

from . import media
from .models import ImportedItem
from .options import Options
from .report import Report
from .wxr import WPAuthor, WPTerm, WXRReader

Kind = ImportedItem.Kind


class ImportRun:
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

    def _reader(self) -> WXRReader:
        return WXRReader(self.path)

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
