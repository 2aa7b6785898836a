"""Notices the newsroom adds to a published article: rectificatif, précision, mise à jour.

A notice is never edited or deleted from the admin (see wagtail_hooks.py): a mistake in a
notice is put right by another notice, so what readers were told stays on the record.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Correction(models.Model):
    class Kind(models.TextChoices):
        RECTIFICATIF = "rectificatif", _("Rectificatif")
        PRECISION = "precision", _("Précision")
        UPDATE = "mise-a-jour", _("Mise à jour")

    article = models.ForeignKey(
        "articles.ArticlePage", verbose_name=_("article"), on_delete=models.CASCADE, related_name="+"
    )
    kind = models.CharField(_("nature"), max_length=20, choices=Kind.choices, default=Kind.RECTIFICATIF)
    text = models.TextField(
        _("texte"), max_length=1000, help_text=_("Ce qui était faux ou incomplet, et ce qui est exact.")
    )
    dated_at = models.DateTimeField(_("date"), default=timezone.now)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("ajouté par"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    added_at = models.DateTimeField(_("ajouté le"), auto_now_add=True)

    class Meta:
        ordering = ["-dated_at", "-pk"]
        indexes = [models.Index(fields=["article", "dated_at"]), models.Index(fields=["dated_at"])]
        verbose_name = _("rectificatif")
        verbose_name_plural = _("rectificatifs")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} — {self.text[:60]}"
