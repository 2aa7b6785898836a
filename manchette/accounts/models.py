from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .pseudonyms import SKELETON_MAX_LENGTH


class Profile(models.Model):
    """What a reader shows of themselves: the pseudonym that signs their comments."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profile")
    # NULL, not "", for "no pseudonym yet": the unique constraint must ignore those readers.
    pseudonym = models.CharField(_("pseudonyme"), max_length=30, null=True, blank=True)  # noqa: DJ001
    # Two pseudonyms that look alike share a skeleton (see pseudonyms.skeleton): unique.
    pseudonym_skeleton = models.CharField(
        max_length=SKELETON_MAX_LENGTH, null=True, blank=True, unique=True, editable=False
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("profil de lecteur")
        verbose_name_plural = _("profils de lecteurs")

    def __str__(self) -> str:
        return self.pseudonym or str(self.user)
