from django.db import models


class ContentGeneration(models.Model):
    """A single row whose token changes whenever published content may have changed.

    Fragment and query caches put the token in their keys: a change of token makes every
    cached fragment unreachable at once, in every process and on every machine, because
    the token lives in the database that all of them read.
    """

    token = models.CharField(max_length=32)

    def __str__(self) -> str:
        return self.token


class SharedCacheEntry(models.Model):
    """The table of the database cache that holds the embedded default's rate limits
    (shared_cache.py): made by a migration like every other table, so `migrate` creates it
    wherever the site runs, and tests empty it with the rest of the database."""

    cache_key = models.CharField(max_length=255, primary_key=True)
    value = models.TextField()
    expires = models.DateTimeField(db_index=True)

    class Meta:
        db_table = "manchette_shared_cache"

    def __str__(self) -> str:
        return self.cache_key
