"""The first pass over the export: authors, categories, tags and attachments (each picture
imported once), and how many posts the second pass will bring."""

from django.utils.translation import gettext as _

from . import media, post_fields
from .models import ImportedItem
from .run_state import ImportRun
from .wxr import WPAuthor, WPItem, WPTerm

Kind = ImportedItem.Kind


class FirstPass(ImportRun):
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
        caption, credit = post_fields.caption_and_credit(item)
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
