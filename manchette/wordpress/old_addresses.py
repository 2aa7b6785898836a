"""The old addresses an import points at the new pages: each post's, then the archives,
feeds and author pages (see addresses.py for the redirects themselves)."""

from django.utils.text import slugify
from django.utils.translation import gettext as _

from manchette.articles.models import ArticlePage, Author

from . import addresses
from .models import ImportedItem
from .run_state import ImportRun
from .wxr import WPItem

Kind = ImportedItem.Kind


class OldAddresses(ImportRun):
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
