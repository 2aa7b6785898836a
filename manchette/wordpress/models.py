"""What an import brought in, so that running it again updates instead of duplicating."""

from django.db import models


class ImportedItem(models.Model):
    """One WordPress object (post, attachment, author, category, comment) and what it became.

    `source` is the exported site's address: two WordPress sites imported into one newsroom
    keep apart even where their ids are the same.
    """

    class Kind(models.TextChoices):
        POST = "post"
        ATTACHMENT = "attachment"
        AUTHOR = "author"
        CATEGORY = "category"
        COMMENT = "comment"

    source = models.CharField(max_length=200)
    kind = models.CharField(max_length=12, choices=Kind.choices)
    wordpress_id = models.CharField(max_length=200)
    # The page, image, author, section or comment it became.
    target_id = models.PositiveBigIntegerField()
    # The exported fields' digest: a later export with another digest changed in WordPress.
    digest = models.CharField(max_length=64, blank=True)
    # The revision the import wrote: a page whose latest revision is another one was edited here.
    revision_id = models.PositiveBigIntegerField(null=True, blank=True)
    imported_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["source", "kind", "wordpress_id"], name="wordpress_item_once")
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.wordpress_id} → {self.target_id}"
