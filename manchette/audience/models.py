"""Audience counts: aggregates only, never a reader.

A row is a number of views of one page, in one day (or one hour), from one kind of source.
Nothing here can tell two readers apart or follow one from a page to the next: there is no
address, no browser description, no identifier and no full referring address, only the
referring site's domain when it is neither a search engine nor a social network.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Source(models.TextChoices):
    DIRECT = "direct", _("Accès direct")
    INTERNAL = "interne", _("Navigation sur le site")
    SEARCH = "recherche", _("Moteurs de recherche")
    SOCIAL = "social", _("Réseaux sociaux")
    NEWSLETTER = "newsletter", _("Newsletters")
    OTHER = "site", _("Autres sites")


class Views(models.Model):
    """What both granularities share: the page counted and where its readers came from."""

    # A Wagtail page's model name ("articlepage", "sectionpage", "homepage"…) or "tag".
    kind = models.CharField(_("type de page"), max_length=40)
    object_id = models.BigIntegerField(_("identifiant de la page"))
    source = models.CharField(_("provenance"), max_length=12, choices=Source.choices)
    # The referring site's domain for Source.OTHER, empty for every other source.
    domain = models.CharField(_("site d'origine"), max_length=100, blank=True, default="")
    views = models.PositiveBigIntegerField(_("vues"), default=0)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return f"{self.kind} {self.object_id}: {self.views}"


class DailyViews(Views):
    day = models.DateField(_("jour"))

    class Meta:
        verbose_name = _("vues par jour")
        verbose_name_plural = _("vues par jour")
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "object_id", "day", "source", "domain"], name="audience_one_row_a_day"
            )
        ]
        indexes = [models.Index(fields=["day", "kind"], name="audience_day_kind")]
        permissions = [("view_audience", _("Voir l'audience"))]


class HourlyViews(Views):
    """The last 48 hours, hour by hour (older rows are deleted: the days keep the totals)."""

    hour = models.DateTimeField(_("heure"))

    class Meta:
        verbose_name = _("vues par heure")
        verbose_name_plural = _("vues par heure")
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "object_id", "hour", "source", "domain"], name="audience_one_row_an_hour"
            )
        ]
        indexes = [models.Index(fields=["hour", "kind"], name="audience_hour_kind")]


class DailyTotals(models.Model):
    """All pages' views in one day from one source: what the Audience screen charts and splits
    by source, read from ~30 rows instead of every page's. Folded with DailyViews, in the
    same transaction (folding.py), so the two always agree."""

    day = models.DateField(_("jour"))
    source = models.CharField(_("provenance"), max_length=12, choices=Source.choices)
    domain = models.CharField(_("site d'origine"), max_length=100, blank=True, default="")
    views = models.PositiveBigIntegerField(_("vues"), default=0)

    class Meta:
        verbose_name = _("vues de tout le site par jour")
        verbose_name_plural = _("vues de tout le site par jour")
        constraints = [
            models.UniqueConstraint(fields=["day", "source", "domain"], name="audience_one_total_a_day")
        ]

    def __str__(self) -> str:
        return f"{self.day} {self.source}: {self.views}"


class Action(models.TextChoices):
    """What a reader did from an article, on the way to subscribing: counted, never who did it."""

    PAYWALL = "paywall", _("Paywall affiché")
    OFFERS = "offres", _("Page des offres ouverte")
    CHECKOUT = "abonnement", _("Abonnement commencé")
    # Started from an article a subscriber offered (manchette/gifts): counted besides CHECKOUT.
    GIFT_CHECKOUT = "cadeau", _("Abonnement commencé après un article offert")
    NEWSLETTER = "newsletter", _("Inscription à une newsletter")
    # The article's audio version started by a subscriber (audio/views.py: the listening link's
    # first request, not each of the byte ranges that follow it).
    AUDIO_PLAY = "ecoute", _("Écoute de la version audio")


class DailyActions(models.Model):
    """How many times, in one day, an action started from one article.

    The checkout and the signup bring only the article's id and add one here: no account,
    subscription or address is written, so nothing can join a subscriber to their reading.
    """

    object_id = models.BigIntegerField(_("identifiant de l'article"))
    day = models.DateField(_("jour"))
    action = models.CharField(_("action"), max_length=12, choices=Action.choices)
    count = models.PositiveBigIntegerField(_("nombre"), default=0)

    class Meta:
        verbose_name = _("actions par jour")
        verbose_name_plural = _("actions par jour")
        constraints = [
            models.UniqueConstraint(fields=["object_id", "day", "action"], name="audience_one_action_a_day")
        ]
        indexes = [models.Index(fields=["day", "action"], name="audience_action_day")]

    def __str__(self) -> str:
        return f"{self.action} {self.object_id}: {self.count}"


class DailyLinkClicks(models.Model):
    """How many times, in one day, one link of a newsletter edition was followed.

    Counted at the redirect every article link of an edition goes through
    (newsletters/edition_links.py): the edition's id and the article the link leads to, nothing
    else. No reader, address or cookie is kept, so nothing here names a reader and neither the
    data export nor account deletion has anything to take from this table.
    """

    edition_id = models.BigIntegerField(_("identifiant de l'édition"))
    # The link: the edition's article it leads to (the title and "Lire l'article" are one link).
    article_id = models.BigIntegerField(_("identifiant de l'article"))
    day = models.DateField(_("jour"))
    count = models.PositiveBigIntegerField(_("clics"), default=0)

    class Meta:
        verbose_name = _("clics par lien d'édition et par jour")
        verbose_name_plural = _("clics par lien d'édition et par jour")
        constraints = [
            models.UniqueConstraint(
                fields=["edition_id", "article_id", "day"], name="audience_one_link_a_day"
            )
        ]
        indexes = [models.Index(fields=["day"], name="audience_link_click_day")]

    def __str__(self) -> str:
        return f"{self.edition_id}/{self.article_id}: {self.count}"


class SettledTotals(models.Model):
    """One article's sums over the window of `days` days that ends the day after the
    settlement's day (Settlement), less that last day.

    The Audience screen ranks a week's or a month's articles from these rows (one an article)
    and today's, instead of summing every article's every day on each read. Days are settled
    once closed, when they change no more (windows.py).
    """

    days = models.PositiveSmallIntegerField(_("jours"))
    object_id = models.BigIntegerField(_("identifiant de l'article"))
    views = models.PositiveBigIntegerField(_("vues"), default=0)
    paywall = models.PositiveBigIntegerField(_("paywalls affichés"), default=0)
    offers = models.PositiveBigIntegerField(_("offres ouvertes"), default=0)
    checkouts = models.PositiveBigIntegerField(_("abonnements commencés"), default=0)
    signups = models.PositiveBigIntegerField(_("inscriptions newsletter"), default=0)

    class Meta:
        verbose_name = _("sommes d'un article sur une période close")
        verbose_name_plural = _("sommes des articles sur une période close")
        constraints = [
            models.UniqueConstraint(fields=["days", "object_id"], name="audience_one_settled_sum")
        ]

    def __str__(self) -> str:
        return f"{self.object_id} over {self.days} days: {self.views}"


class Settlement(models.Model):
    """The last day SettledTotals sum up to: one row, replaced with the totals."""

    through = models.DateField(_("dernier jour compté"))
    settled_at = models.DateTimeField(_("calculé le"))

    class Meta:
        verbose_name = _("période close")
        verbose_name_plural = _("périodes closes")

    def __str__(self) -> str:
        return self.through.isoformat()
