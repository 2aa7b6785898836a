"""Gift links: a subscriber offers one premium article to anyone, through a secret link.

A link is found by the SHA-256 digest of its token, never by the token itself: the token is
not in the database. The giver sees the link again in "Mon compte" because the token is
derived from a random seed kept here and the site's secret key (see links.py), so a copy of
the database alone opens nothing.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting


@register_setting(icon="gift")
class GiftSettings(BaseGenericSetting):
    enabled = models.BooleanField(
        _("articles offerts"), default=True, help_text=_("Les abonnés peuvent offrir un article abonnés.")
    )
    monthly_quota = models.PositiveSmallIntegerField(
        _("liens par abonné et par mois"),
        default=10,
        help_text=_("Le mois est celui du calendrier, à l'heure de Paris."),
    )
    lifetime_days = models.PositiveSmallIntegerField(_("durée d'un lien (jours)"), default=30)
    openings = models.PositiveSmallIntegerField(
        _("ouvertures par lien"),
        default=20,
        help_text=_("Nombre de navigateurs différents qui peuvent ouvrir un même lien."),
    )
    audio_included = models.BooleanField(
        _("version audio incluse"), default=True, help_text=_("L'ami peut aussi écouter l'article.")
    )

    panels = [
        FieldPanel("enabled"),
        FieldPanel("monthly_quota"),
        FieldPanel("lifetime_days"),
        FieldPanel("openings"),
        FieldPanel("audio_included"),
    ]

    class Meta:
        verbose_name = _("articles offerts")

    def __str__(self) -> str:
        return str(self._meta.verbose_name)


class Gift(models.Model):
    giver = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="gifts", verbose_name=_("abonné")
    )
    article = models.ForeignKey(
        "articles.ArticlePage", on_delete=models.CASCADE, related_name="+", verbose_name=_("article")
    )
    # The first day of the calendar month (Paris time) the link was made in: the quota's month.
    month = models.DateField(_("mois"))
    seed = models.CharField(max_length=32)
    digest = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(_("offert le"))
    expires_at = models.DateTimeField(_("expire le"))
    openings = models.PositiveIntegerField(_("ouvertures"), default=0)
    withdrawn_at = models.DateTimeField(_("retiré le"), null=True, blank=True)

    class Meta:
        verbose_name = _("article offert")
        verbose_name_plural = _("articles offerts")
        constraints = [
            models.UniqueConstraint(
                fields=["giver", "article", "month"], name="gifts_one_link_per_article_and_month"
            )
        ]
        indexes = [models.Index(fields=["giver", "month"], name="gifts_giver_month")]

    def __str__(self) -> str:
        return f"{self.article_id} ({self.month:%Y-%m})"


class GiftTally(models.Model):
    """What the newsroom sees: per article, links made and openings, naming nobody.

    Kept apart from the links so that the figures outlive a giver's deleted account.
    """

    article = models.OneToOneField(
        "articles.ArticlePage", on_delete=models.CASCADE, related_name="+", primary_key=True
    )
    links = models.PositiveIntegerField(_("liens offerts"), default=0)
    openings = models.PositiveIntegerField(_("ouvertures"), default=0)

    class Meta:
        verbose_name = _("chiffres des articles offerts")
        verbose_name_plural = _("chiffres des articles offerts")

    def __str__(self) -> str:
        return f"{self.article_id}: {self.links} / {self.openings}"
