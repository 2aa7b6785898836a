"""Newsletters, their readers (double opt-in), editions and one delivery per reader and edition."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from . import schedule


class Newsletter(models.Model):
    class Audience(models.TextChoices):
        EVERYONE = "everyone", _("Tout le monde")
        SUBSCRIBERS = "subscribers", _("Abonnés seulement")

    name = models.CharField(_("nom"), max_length=80)
    slug = models.SlugField(_("identifiant"), max_length=80, unique=True)
    pitch = models.CharField(_("présentation"), max_length=300)
    section = models.ForeignKey(
        "articles.SectionPage",
        verbose_name=_("rubrique"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="newsletters",
        help_text=_(
            "Ses éditions reprennent les articles de cette rubrique ; son encart paraît dans ses articles."
        ),
    )
    weekdays = models.CharField(_("jours d'envoi"), max_length=7, default="1")
    send_time = models.TimeField(_("heure d'envoi (heure de Paris)"))
    sender_name = models.CharField(_("nom de l'expéditeur"), max_length=80)
    sender_email = models.EmailField(_("adresse de l'expéditeur"))
    audience = models.CharField(
        _("destinataires"), max_length=12, choices=Audience, default=Audience.EVERYONE
    )
    active = models.BooleanField(_("active"), default=True)
    default_for_sections = models.BooleanField(
        _("newsletter des autres rubriques"),
        default=False,
        help_text=_("Son encart paraît dans les articles des rubriques qui n'ont pas de newsletter à elles."),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    # The slot whose run is queued (booking.py): a queued run for another slot belongs to a
    # replaced schedule and stops, and only the run that moves it on books the next slot.
    booked_slot = models.DateTimeField(null=True, blank=True, editable=False)
    # The queued run's id in the task queue: a run the queue no longer holds was lost with it.
    booked_run_id = models.CharField(max_length=64, blank=True, editable=False)

    class Meta:
        verbose_name = _("newsletter")
        verbose_name_plural = _("newsletters")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["default_for_sections"],
                condition=models.Q(default_for_sections=True),
                name="newsletters_one_default_for_sections",
                violation_error_message=_(
                    "Une autre newsletter est déjà celle des autres rubriques : décochez-la d'abord."
                ),
            )
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def schedule_label(self) -> str:
        return schedule.label(self.weekdays, self.send_time)


class Signup(models.Model):
    """One address on one newsletter, from the first request to the unsubscription.

    The consent is kept as given: when, from which page, and which wording the reader saw.
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("à confirmer")
        CONFIRMED = "confirmed", _("confirmée")
        UNSUBSCRIBED = "unsubscribed", _("désinscrite")

    newsletter = models.ForeignKey(Newsletter, on_delete=models.CASCADE, related_name="signups")
    email = models.EmailField(_("adresse e-mail"), max_length=254)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="newsletter_signups",
    )
    status = models.CharField(_("état"), max_length=12, choices=Status, default=Status.PENDING)
    created_at = models.DateTimeField(_("demandée le"), auto_now_add=True)
    confirmation_sent_at = models.DateTimeField(null=True, blank=True)
    confirmed_at = models.DateTimeField(_("confirmée le"), null=True, blank=True)
    unsubscribed_at = models.DateTimeField(_("désinscrite le"), null=True, blank=True)
    consent_source = models.CharField(_("page d'inscription"), max_length=300, blank=True)
    consent_wording = models.CharField(_("version du texte de consentement"), max_length=20, blank=True)

    class Meta:
        verbose_name = _("inscription")
        constraints = [
            models.UniqueConstraint(fields=["newsletter", "email"], name="newsletters_one_signup_per_address")
        ]
        indexes = [models.Index(fields=["email"])]

    def __str__(self) -> str:
        return f"{self.email} — {self.newsletter}"


class Suppression(models.Model):
    """An address that bounced for good: nothing is sent to it any more."""

    email = models.EmailField(max_length=254, unique=True)
    reason = models.CharField(max_length=300)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return self.email


class Edition(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("brouillon")
        APPROVED = "approved", _("approuvée")
        SENDING = "sending", _("en cours d'envoi")
        SENT = "sent", _("envoyée")

    newsletter = models.ForeignKey(Newsletter, on_delete=models.CASCADE, related_name="editions")
    subject = models.CharField(_("objet"), max_length=200)
    intro = models.TextField(_("introduction"), blank=True)
    articles = models.ManyToManyField("articles.ArticlePage", verbose_name=_("articles"), blank=True)
    status = models.CharField(_("état"), max_length=10, choices=Status, default=Status.DRAFT)
    # The schedule's slot an automatic edition was made for: one edition per slot.
    slot = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("édition")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["newsletter", "slot"], name="newsletters_one_edition_per_slot")
        ]

    def __str__(self) -> str:
        return self.subject


class Delivery(models.Model):
    """One edition to one reader: made once, claimed by a worker, then sent (or failed)."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("en attente")
        SENDING = "sending", _("en cours")
        SENT = "sent", _("envoyé")
        FAILED = "failed", _("échec")
        BOUNCED = "bounced", _("rejeté")
        # The reader left (unsubscribed, address suppressed, account deleted) between the
        # making of the edition's list and the sending of their copy.
        SKIPPED = "skipped", _("annulé")

    edition = models.ForeignKey(Edition, on_delete=models.CASCADE, related_name="deliveries")
    signup = models.ForeignKey(Signup, on_delete=models.CASCADE, related_name="deliveries")
    status = models.CharField(max_length=8, choices=Status, default=Status.QUEUED)
    attempts = models.PositiveSmallIntegerField(default=0)
    # The worker's batch that holds the delivery: only it records the outcome.
    claim = models.CharField(max_length=16, blank=True)
    claimed_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    error = models.CharField(max_length=300, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["edition", "signup"], name="newsletters_one_delivery_per_reader")
        ]
        indexes = [models.Index(fields=["edition", "status"])]

    def __str__(self) -> str:
        return f"{self.edition_id}/{self.signup_id}: {self.status}"
