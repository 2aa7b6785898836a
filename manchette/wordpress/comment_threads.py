"""The comments that come over with each post, brought under its article by the comments app."""

from collections import Counter

from django.utils.translation import gettext as _

from manchette.articles.models import ArticlePage
from manchette.comments import imports as comment_imports

from . import comments
from .models import ImportedItem
from .post_fields import Post
from .run_state import ImportRun
from .wxr import WPComment, WPItem

Kind = ImportedItem.Kind


class CommentThreads(ImportRun):
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

    def _new_comments(
        self, posts: list[tuple["Post", ArticlePage]], done: Counter[str]
    ) -> list[ImportedItem]:
        """The comments of posts imported for the first time (none brought before), added for
        the whole batch at once, and their mapping rows for the batch to write."""
        made = comment_imports.import_new_comments(
            {article.pk: [comments.as_imported(c) for c in post.comments] for post, article in posts},
            "WordPress",
        )
        rows = [
            self._mapping(Kind.COMMENT, key, comment.pk)
            for by_key in made.values()
            for key, comment in by_key.items()
        ]
        done[_("commentaires importés")] += len(rows)
        return rows
