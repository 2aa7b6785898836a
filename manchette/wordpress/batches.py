"""The second pass: posts read a batch at a time; new ones written together
(articles.add_articles), the others and any batch that fails one by one, each in its own
transaction, so a failed post never leaves half an article and the rest goes on."""

from collections import Counter

from django.core.exceptions import ValidationError
from django.db import DatabaseError, transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from manchette.articles import imports as articles
from manchette.articles.models import ArticlePage

from . import addresses, post_fields
from .comment_threads import CommentThreads
from .content import BodyContext, Picture, convert
from .models import ImportedItem
from .old_addresses import OldAddresses
from .options import ItemError
from .post_articles import PostArticles
from .post_fields import Post
from .wxr import WPItem

Kind = ImportedItem.Kind

# Posts read before they are written: new ones go in together (articles.add_articles). Some
# work is per batch whatever its size (the search index's title weights are recomputed over
# the whole index, for one): 500 posts hold a few megabytes of text.
BATCH_SIZE = 500


class SecondPass(PostArticles, OldAddresses, CommentThreads):
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
        # The slugs already taken among the batch's, asked at once; then each post's own is
        # checked against the database only when it is one of them.
        wanted = [slugify(post.item.slug)[:255] for post in posts if post.item.slug]
        taken = set(ArticlePage.objects.filter(slug__in=wanted).values_list("slug", flat=True))
        unique = {slug for slug, count in Counter(wanted).items() if count == 1 and slug not in taken}
        for post in posts:
            try:
                ready.append((post, self._new_article(post, taken, unique)))
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
                        self._mapping(
                            Kind.POST, item.post_id, new.article.pk, post_fields.digest(item), revision.pk
                        )
                    )
                    if new.state == articles.State.LIVE:
                        paths += [(path, new.article) for path in self._old_paths(item)]
                    done[post_fields.counted(item, "created")] += 1
                rows += self._new_comments([(post, new.article) for post, new in ready], done)
                done[_("redirections")] += addresses.point_all(paths)
                ImportedItem.objects.bulk_create(rows)
        except (ValidationError, ItemError, DatabaseError, ValueError):
            for post, _new in ready:
                self._post_alone(post)
            return
        self.report.done.update(done)

    def _new_article(self, post: "Post", taken: set[str], unique: set[str]) -> articles.NewArticle:
        item = post.item
        article = ArticlePage(**self._fields(post))
        if item.slug:
            slug = slugify(item.slug)[:255]
            free = slug in unique and slug not in taken  # not given to another post of the batch
            article.slug = slug if free else post_fields.free_slug(slug, taken)
            taken.add(article.slug)
        return articles.NewArticle(
            article,
            self._section(item),
            self._authors(item),
            post_fields.tag_names(item),
            post.state,
            item.date_gmt,
            item.modified_gmt,
        )
