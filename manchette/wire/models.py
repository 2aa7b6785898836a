"""Feeds, the files they bring, stories (one per agency id) with their versions, and the
articles taken from them, with every hold decision logged."""

from urllib.parse import unquote, urlsplit, urlunsplit

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel


class Feed(models.Model):
    class Format(models.TextChoices):
        NEWSML_G2 = "newsmlg2", "NewsML-G2"
        NINJS = "ninjs", "ninjs 1.x / 2.x / 3.x"
        NITF = "nitf", "NITF"
        NEWSML_12 = "newsml12", _("NewsML 1.2 (AFP)")

    class Transport(models.TextChoices):
        FOLDER = "folder", _("Dossier surveillé")
        FTP = "ftp", _("Serveur FTP")
        HTTP = "http", _("API HTTP (curseur)")
        MANUAL = "manual", _("Import manuel seulement")

    class OnKill(models.TextChoices):
        UNPUBLISH = "unpublish", _("Dépublier aussitôt")
        HOLD = "hold", _("Bloquer en attendant la décision d'un éditeur")

    name = models.CharField(_("nom"), max_length=120)
    agency = models.ForeignKey(
        "articles.Agency", verbose_name=_("agence"), on_delete=models.PROTECT, related_name="wire_feeds"
    )
    format = models.CharField(_("format"), max_length=20, choices=Format.choices)
    transport = models.CharField(_("transport"), max_length=20, choices=Transport.choices)
    location = models.CharField(
        _("adresse"),
        max_length=500,
        blank=True,
        help_text=_(
            "Selon le transport : un dossier (/srv/afp), ftp://utilisateur@hôte:port/dossier ou https://…"
        ),
    )
    # Kept out of the address, which the admin shows: the form never displays it.
    password = models.CharField(
        _("mot de passe"),
        max_length=200,
        blank=True,
        help_text=_(
            "Celui du serveur FTP. Jamais affiché ; laissé vide, le mot de passe enregistré est gardé."
        ),
    )
    other_hosts = models.TextField(
        _("autres hôtes autorisés"),
        blank=True,
        help_text=_(
            "Un par ligne (photos.agence.fr, ou photos.agence.fr:8443) : le fil peut renvoyer à ces "
            "hôtes pour ses textes et ses photos. Toute autre adresse que celle du fil est refusée."
        ),
    )
    every_seconds = models.PositiveIntegerField(
        _("relève toutes les (secondes)"),
        default=30,
        validators=[MinValueValidator(1)],
        help_text=_(
            "Un dossier surveillé se relève en quelques millisecondes : quelques secondes suffisent."
        ),
    )
    active = models.BooleanField(_("actif"), default=True)
    on_kill = models.CharField(
        _("quand une dépêche reprise est annulée"),
        max_length=20,
        choices=OnKill.choices,
        default=OnKill.UNPUBLISH,
    )
    cursor = models.CharField(_("curseur"), max_length=2000, blank=True, editable=False)
    last_polled_at = models.DateTimeField(_("dernière relève"), null=True, blank=True, editable=False)
    # The poll the worker has queued: a queued poll for another time belongs to a replaced
    # schedule and stops there, so saving a feed twice never starts two polling loops.
    next_poll_at = models.DateTimeField(null=True, blank=True, editable=False)
    # The queued poll's id in the task queue: a poll the queue no longer holds was lost with it.
    next_poll_run_id = models.CharField(max_length=64, blank=True, editable=False)
    last_success_at = models.DateTimeField(_("dernier succès"), null=True, blank=True, editable=False)
    last_error = models.TextField(_("dernière erreur"), blank=True, editable=False)
    last_error_at = models.DateTimeField(
        _("date de la dernière erreur"), null=True, blank=True, editable=False
    )
    items_count = models.PositiveIntegerField(_("versions reçues"), default=0, editable=False)
    errors_count = models.PositiveIntegerField(_("fichiers en quarantaine"), default=0, editable=False)

    panels = [
        FieldRowPanel([FieldPanel("name"), FieldPanel("agency")]),
        FieldRowPanel([FieldPanel("format"), FieldPanel("transport")]),
        FieldPanel("location"),
        FieldPanel("password"),
        FieldPanel("other_hosts"),
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("every_seconds"), FieldPanel("active")]), FieldPanel("on_kill")],
            heading=_("Relève"),
        ),
    ]

    class Meta:
        ordering = ["name"]
        verbose_name = _("fil d'agence")
        verbose_name_plural = _("fils d'agence")

    def __str__(self) -> str:
        return self.name

    @property
    def allowed_hosts(self) -> list[str]:
        return [line.strip() for line in self.other_hosts.splitlines() if line.strip()]


def without_password(location: str) -> tuple[str, str]:
    """An address without the password it carries, and that password ("" when none)."""
    try:
        parts = urlsplit(location)
        password = parts.password
    except ValueError:
        return location, ""
    if password is None:
        return location, ""
    host = parts.netloc.rpartition("@")[2]
    user = parts.netloc.rpartition("@")[0].partition(":")[0]
    netloc = f"{user}@{host}" if user else host
    return urlunsplit(parts._replace(netloc=netloc)), unquote(password)


class ReceivedFile(models.Model):
    """A file a feed brought, by name and content: the same file seen again is skipped."""

    class Status(models.TextChoices):
        INGESTED = "ingested", _("importé")
        QUARANTINED = "quarantined", _("en quarantaine")

    feed = models.ForeignKey(Feed, on_delete=models.CASCADE, related_name="files")
    name = models.CharField(_("nom"), max_length=500)
    sha256 = models.CharField(max_length=64)
    size = models.PositiveBigIntegerField(_("taille"), default=0)
    received_at = models.DateTimeField(_("reçu le"), auto_now_add=True)
    status = models.CharField(_("état"), max_length=20, choices=Status.choices)
    error = models.TextField(_("erreur"), blank=True)
    warnings = models.JSONField(_("avertissements"), default=list)
    items_count = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-received_at"]
        constraints = [models.UniqueConstraint(fields=["feed", "name", "sha256"], name="wire_file_once")]
        verbose_name = _("fichier reçu")
        verbose_name_plural = _("fichiers reçus")

    def __str__(self) -> str:
        return self.name


class Story(models.Model):
    """Every version an agency sent under one id. The columns repeat the newest version's
    fields the wire screen lists and filters on."""

    agency = models.ForeignKey("articles.Agency", on_delete=models.PROTECT, related_name="wire_stories")
    feed = models.ForeignKey(Feed, on_delete=models.CASCADE, related_name="stories")
    guid = models.CharField(max_length=500)
    version = models.BigIntegerField(_("version"))
    headline = models.CharField(_("titre"), max_length=500, blank=True)
    slugline = models.CharField(_("slug"), max_length=200, blank=True)
    urgency = models.PositiveSmallIntegerField(_("urgence"), null=True, blank=True)
    pub_status = models.CharField(_("statut"), max_length=20, default="usable")
    embargo = models.DateTimeField(_("embargo"), null=True, blank=True)
    embargo_pending = models.BooleanField(_("embargo sans date"), default=False)
    subjects = models.JSONField(_("sujets"), default=list)
    search_text = models.TextField(blank=True)  # headline, slug, subjects and body, lower case
    received_at = models.DateTimeField(_("reçue le"), db_index=True)
    versions_count = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["-received_at"]
        constraints = [models.UniqueConstraint(fields=["agency", "guid"], name="wire_story_per_agency")]
        verbose_name = _("dépêche")
        verbose_name_plural = _("dépêches")

    def __str__(self) -> str:
        return self.headline or self.guid

    @property
    def killed(self) -> bool:
        return self.pub_status == "canceled"


class StoryVersion(models.Model):
    story = models.ForeignKey(Story, on_delete=models.CASCADE, related_name="versions")
    version = models.BigIntegerField(_("version"))
    content_hash = models.CharField(max_length=64)
    data = models.JSONField()  # the normalised item (parsers.WireItem.as_json)
    received_at = models.DateTimeField(_("reçue le"), auto_now_add=True)
    file = models.ForeignKey(ReceivedFile, null=True, blank=True, on_delete=models.SET_NULL)
    # The item's first picture, downloaded by the worker: "Reprendre" makes it the hero picture.
    image = models.ForeignKey(
        "wagtailimages.Image", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-version"]
        constraints = [models.UniqueConstraint(fields=["story", "version"], name="wire_version_once")]

    def __str__(self) -> str:
        return f"{self.story} (version {self.version})"


class Take(models.Model):
    """An article made from a story ("Reprendre"), and whether the wire holds it back."""

    story = models.ForeignKey(Story, on_delete=models.CASCADE, related_name="takes")
    article = models.ForeignKey("articles.ArticlePage", on_delete=models.CASCADE, related_name="wire_takes")
    version_taken = models.BigIntegerField(_("version reprise"))
    taken_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    taken_at = models.DateTimeField(auto_now_add=True)
    on_hold = models.BooleanField(_("bloqué"), default=False)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["story", "article"], name="wire_take_once")]

    def __str__(self) -> str:
        return f"{self.article} ← {self.story}"


class HoldDecision(models.Model):
    class Action(models.TextChoices):
        HOLD = "hold", _("bloqué")
        UNPUBLISH = "unpublish", _("dépublié")
        RELEASE = "release", _("débloqué")

    take = models.ForeignKey(Take, on_delete=models.CASCADE, related_name="decisions")
    action = models.CharField(max_length=20, choices=Action.choices)
    reason = models.TextField(_("motif"))
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-at"]

    def __str__(self) -> str:
        return f"{self.get_action_display()}: {self.reason}"


class AlertSubscription(models.Model):
    """Editors who want an email for each FLASH or ALERTE."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="wire_alerts"
    )
    email = models.BooleanField(_("recevoir les alertes par courriel"), default=True)

    def __str__(self) -> str:
        return str(self.user)
