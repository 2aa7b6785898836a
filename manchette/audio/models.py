"""The audio version of an article: one current file per article, and its state."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ArticleAudio(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("en préparation")
        READY = "ready", _("prête")
        FAILED = "failed", _("échec")

    article = models.OneToOneField(
        "articles.ArticlePage", verbose_name=_("article"), on_delete=models.CASCADE, related_name="audio"
    )
    status = models.CharField(_("état"), max_length=10, choices=Status.choices, default=Status.PENDING)
    # Hash of what is said and by which engine: unchanged text, no new file.
    text_hash = models.CharField(_("empreinte du texte"), max_length=64, blank=True)
    file_name = models.CharField(_("fichier"), max_length=255, blank=True)
    duration = models.FloatField(_("durée (s)"), null=True, blank=True)
    byte_size = models.PositiveIntegerField(_("taille (octets)"), null=True, blank=True)
    # [{"title": subheading, "start": seconds}], measured on the generated samples.
    chapters = models.JSONField(_("chapitres"), default=list, blank=True)
    engine = models.CharField(_("moteur"), max_length=200, blank=True)
    error = models.TextField(_("raison de l'échec"), blank=True)
    attempts = models.PositiveSmallIntegerField(_("tentatives"), default=0)
    generated_at = models.DateTimeField(_("générée le"), null=True, blank=True)
    updated_at = models.DateTimeField(_("mise à jour le"), auto_now=True)

    class Meta:
        verbose_name = _("version audio")
        verbose_name_plural = _("versions audio")

    def __str__(self) -> str:
        return f"{self.article_id}: {self.status}"
