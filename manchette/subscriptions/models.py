"""Plans, subscriptions and their history, payment-provider events, the paywall's settings."""

from datetime import UTC, datetime
from decimal import Decimal

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting


class Plan(models.Model):
    class Period(models.TextChoices):
        MONTH = "month", _("mois")
        YEAR = "year", _("an")

    name = models.CharField(_("nom"), max_length=100)
    slug = models.SlugField(_("identifiant"), unique=True)
    description = models.CharField(_("description"), max_length=300, blank=True)
    price_cents = models.PositiveIntegerField(_("prix (centimes)"))
    currency = models.CharField(_("devise"), max_length=3, default="EUR")
    period = models.CharField(_("période"), max_length=5, choices=Period.choices, default=Period.MONTH)
    active = models.BooleanField(_("proposée à la vente"), default=True)
    stripe_price_id = models.CharField(_("identifiant de prix Stripe"), max_length=100, blank=True)

    class Meta:
        ordering = ["price_cents"]
        verbose_name = _("formule")
        verbose_name_plural = _("formules")

    def __str__(self) -> str:
        return self.name

    @property
    def price(self) -> Decimal:
        return Decimal(self.price_cents) / 100


class Subscription(models.Model):
    class Status(models.TextChoices):
        ACTIVE = "active", _("active")
        PAST_DUE = "past_due", _("paiement en retard")
        CANCELLED = "cancelled", _("résiliée")
        EXPIRED = "expired", _("expirée")

    class Provider(models.TextChoices):
        MANUAL = "manual", _("manuel (équipe)")
        STRIPE = "stripe", _("Stripe")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("lecteur"),
        on_delete=models.PROTECT,
        related_name="subscriptions",
    )
    plan = models.ForeignKey(Plan, verbose_name=_("formule"), on_delete=models.PROTECT, related_name="+")
    status = models.CharField(_("statut"), max_length=10, choices=Status.choices, default=Status.ACTIVE)
    current_period_end = models.DateTimeField(_("fin de la période en cours"))
    provider = models.CharField(_("prestataire"), max_length=10, choices=Provider.choices)
    provider_customer_id = models.CharField(_("référence client"), max_length=100, blank=True)
    provider_subscription_id = models.CharField(
        _("référence abonnement"), max_length=100, null=True, blank=True, unique=True
    )
    # When the provider last told us about it: older, late-delivered events never undo newer ones.
    # ENDED_FOR_GOOD, later than any event, marks a subscription that nothing brings back.
    provider_updated_at = models.DateTimeField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(_("créée le"), auto_now_add=True)
    updated_at = models.DateTimeField(_("modifiée le"), auto_now=True)

    ENDED_FOR_GOOD = datetime(9999, 12, 31, tzinfo=UTC)

    class Meta:
        ordering = ["-current_period_end"]
        verbose_name = _("abonnement")
        verbose_name_plural = _("abonnements")

    def __str__(self) -> str:
        return f"{self.user} — {self.plan} ({self.get_status_display()})"


class SubscriptionEvent(models.Model):
    """One line of a subscription's history, as the reader sees it in Mon compte."""

    class Kind(models.TextChoices):
        STARTED = "started", _("Début de l'abonnement")
        RENEWED = "renewed", _("Renouvellement")
        PAYMENT_FAILED = "payment_failed", _("Échec du paiement")
        CANCELLED = "cancelled", _("Résiliation demandée")
        REACTIVATED = "reactivated", _("Résiliation annulée")
        ENDED = "ended", _("Fin de l'abonnement")
        REVOKED = "revoked", _("Abonnement retiré")
        UPDATED = "updated", _("Mise à jour")

    subscription = models.ForeignKey(Subscription, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(_("événement"), max_length=30, choices=Kind.choices)
    detail = models.CharField(_("détail"), max_length=300, blank=True)
    at = models.DateTimeField(_("date"), auto_now_add=True)

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("événement d'abonnement")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.at:%Y-%m-%d})"


class ProviderEvent(models.Model):
    """A payment provider's webhook event, recorded once: replays are recognised and ignored."""

    provider = models.CharField(max_length=10)
    event_id = models.CharField(max_length=100)
    event_type = models.CharField(max_length=100)
    received_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["provider", "event_id"], name="unique_provider_event")]

    def __str__(self) -> str:
        return f"{self.provider} {self.event_type} {self.event_id}"


class CheckoutPage(models.Model):
    """The reader's Stripe Checkout page that can still be paid: one at most, so that two tabs
    opened on two plans cannot both be paid. Opening another expires this one at Stripe."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    plan = models.ForeignKey(Plan, on_delete=models.PROTECT, null=True, related_name="+")
    session_id = models.CharField(max_length=255, blank=True)
    url = models.URLField(max_length=2000, blank=True)
    opened_at = models.DateTimeField(null=True)
    # While one request opens a page, the reader's others wait: set, then cleared, by it.
    opening_until = models.DateTimeField(null=True)

    def __str__(self) -> str:
        return f"{self.user_id}: {self.session_id or '-'}"


class MeteredRead(models.Model):
    """A premium article a logged-in reader opened for free this month (metered mode)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    article_id = models.PositiveIntegerField()
    month = models.DateField(help_text="First day of the month.")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "article_id", "month"], name="unique_metered_read")
        ]

    def __str__(self) -> str:
        return f"{self.user_id}:{self.article_id} {self.month:%Y-%m}"


@register_setting(icon="lock")
class PaywallSettings(BaseGenericSetting):
    free_paragraphs = models.PositiveSmallIntegerField(
        _("paragraphes gratuits"),
        default=3,
        help_text=_("Nombre de paragraphes d'un article abonnés que tout le monde peut lire."),
    )
    metered = models.BooleanField(
        _("compteur d'articles offerts"),
        default=False,
        help_text=_("Les lecteurs inscrits peuvent lire quelques articles abonnés par mois."),
    )
    metered_monthly_quota = models.PositiveSmallIntegerField(_("articles offerts par mois"), default=3)

    panels = [FieldPanel("free_paragraphs"), FieldPanel("metered"), FieldPanel("metered_monthly_quota")]

    class Meta:
        verbose_name = _("mur payant")

    def __str__(self) -> str:
        return str(self._meta.verbose_name)
