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
