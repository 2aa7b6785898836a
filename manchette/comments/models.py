"""Comments under articles, readers' reports, each commenter's standing, and the rules.

A comment is a thread (no `thread`) or a reply under one: one level of nesting. A reply
to a reply stays under the same thread and names the comment it answers (`reply_to`),
which the page shows as "@pseudonyme". The author's pseudonym is copied on the comment
when it is written, so lists need no join and an old comment keeps its signature.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting
from wagtail.fields import RichTextField


class Reason(models.TextChoices):
    """The charter's grounds for rejecting (or reporting) a comment, shown to its author."""

    ABUSE = "abuse", _("Propos injurieux, harcèlement ou attaque personnelle")
    HATE = "hate", _("Propos haineux ou discriminatoires")
    SPAM = "spam", _("Publicité, spam ou message répété")
    OFF_TOPIC = "off_topic", _("Hors sujet")
    FALSE = "false", _("Fausse information manifeste")
    PRIVACY = "privacy", _("Atteinte à la vie privée ou données personnelles")
    ILLEGAL = "illegal", _("Contenu illégal")


class Comment(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("en attente de modération")
        PUBLISHED = "published", _("publié")
        REJECTED = "rejected", _("refusé")
        DELETED = "deleted", _("supprimé par son auteur")

    article = models.ForeignKey(
        "articles.ArticlePage", verbose_name=_("article"), on_delete=models.CASCADE, related_name="comments"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("auteur"), on_delete=models.CASCADE, related_name="comments"
    )
    pseudonym = models.CharField(_("pseudonyme"), max_length=30)
    thread = models.ForeignKey(
        "self", verbose_name=_("fil"), null=True, blank=True, on_delete=models.CASCADE, related_name="replies"
    )
    reply_to = models.ForeignKey(
        "self",
        verbose_name=_("en réponse à"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    text = models.TextField(_("texte"))
    status = models.CharField(_("état"), max_length=10, choices=Status.choices, default=Status.PENDING)
    featured = models.BooleanField(_("mis en avant"), default=False)
    created_at = models.DateTimeField(_("écrit le"), default=timezone.now)
    edited_at = models.DateTimeField(_("modifié le"), null=True, blank=True)
    held_because = models.CharField(_("retenu parce que"), max_length=200, blank=True)
    reason = models.CharField(_("motif du refus"), max_length=20, choices=Reason.choices, blank=True)
    reason_note = models.TextField(_("précision du modérateur"), blank=True)
    moderated_at = models.DateTimeField(_("modéré le"), null=True, blank=True)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Reports not yet reviewed by a moderator (approving the comment clears them).
    open_reports = models.PositiveIntegerField(_("signalements"), default=0)

    class Meta:
        verbose_name = _("commentaire")
        verbose_name_plural = _("commentaires")
        permissions = [("moderate_comment", _("Peut modérer les commentaires"))]
        indexes = [
            models.Index(fields=["article", "status", "created_at"], name="comment_article_list"),
            models.Index(fields=["author", "created_at"], name="comment_author_recent"),
            models.Index(fields=["status", "created_at"], name="comment_queue"),
        ]

    def __str__(self) -> str:
        return f"{self.pseudonym}: {self.text[:40]}"

    @property
    def is_published(self) -> bool:
        return self.status == self.Status.PUBLISHED


class Report(models.Model):
    """A reader's report of a comment: one per reader and comment."""

    comment = models.ForeignKey(Comment, on_delete=models.CASCADE, related_name="reports")
    reporter = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    reason = models.CharField(_("motif"), max_length=20, choices=Reason.choices)
    note = models.CharField(_("précision"), max_length=500, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("signalement")
        constraints = [models.UniqueConstraint(fields=["comment", "reporter"], name="one_report_per_reader")]

    def __str__(self) -> str:
        return f"{self.comment_id}: {self.get_reason_display()}"


class Commenter(models.Model):
    """A reader's standing as a commenter, set by moderators or by the strike rule."""

    class Standing(models.TextChoices):
        ACTIVE = "active", _("peut commenter")
        PREMODERATED = "premoderated", _("pré-modéré")
        SUSPENDED = "suspended", _("suspendu")
        BANNED = "banned", _("exclu")

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, primary_key=True, related_name="commenter"
    )
    standing = models.CharField(_("statut"), max_length=12, choices=Standing.choices, default=Standing.ACTIVE)
    until = models.DateTimeField(_("jusqu'au"), null=True, blank=True)
    reason = models.TextField(_("motif"), blank=True)
    warning = models.TextField(_("avertissement"), blank=True)
    changed_at = models.DateTimeField(null=True, blank=True)
    # Reply and mention mails, opt-in: a reader asks for them in "Mon compte" (and turns them
    # off there). Sent in the language the reader last used the site in when commenting or
    # choosing (French if none).
    reply_mails = models.BooleanField(_("e-mail quand on me répond ou me mentionne"), default=False)
    language = models.CharField(_("langue"), max_length=10, blank=True)

    class Meta:
        verbose_name = _("commentateur")

    def __str__(self) -> str:
        return str(self.user)


class Notification(models.Model):
    """The mail telling a reader that a published comment answers or mentions them.

    One row per comment and reader (a unique constraint), made before the mail is sent and
    marked once the mail server took it: a task run twice, or taken over by another worker,
    sends each mail once.
    """

    class Kind(models.TextChoices):
        REPLY = "reply", _("réponse")
        MENTION = "mention", _("mention")

    comment = models.ForeignKey(Comment, on_delete=models.CASCADE, related_name="notifications")
    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    created_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("avis de réponse")
        constraints = [
            models.UniqueConstraint(fields=["comment", "recipient"], name="one_notification_per_reader")
        ]

    def __str__(self) -> str:
        return f"{self.comment_id} → {self.recipient_id} ({self.kind})"


class ArticleComments(models.Model):
    """One article's comment state: closed by an editor, and the version its public list is
    cached under (a row once its comments first changed).

    The version lives in the database, not in the cache, so that every application process
    reads the same one: with the embedded per-process cache, a version kept there changed
    only in the process that published the comment, and the others kept showing the old list.
    """

    article = models.OneToOneField(
        "articles.ArticlePage", on_delete=models.CASCADE, primary_key=True, related_name="comment_state"
    )
    closed = models.BooleanField(_("commentaires fermés"), default=False)
    changed_at = models.DateTimeField(default=timezone.now)
    # A random token rather than a counter: a change rolled back with its transaction can
    # never bring back a version that another list was cached under.
    list_version = models.CharField(max_length=16, default="", editable=False)

    def __str__(self) -> str:
        return f"{self.article_id}: {'fermés' if self.closed else 'ouverts'}"


@register_setting(icon="comment")
class CommentSettings(BaseGenericSetting):
    premoderation = models.BooleanField(
        _("pré-modération"),
        default=False,
        help_text=_("Tous les commentaires attendent l'accord d'un modérateur avant d'être publiés."),
    )
    banned_words = models.TextField(
        _("mots interdits"),
        blank=True,
        help_text=_("Un par ligne : un commentaire qui en contient est refusé."),
    )
    suspect_words = models.TextField(
        _("mots suspects"),
        blank=True,
        help_text=_("Un par ligne : un commentaire qui en contient attend un modérateur."),
    )
    hold_links = models.BooleanField(_("retenir les commentaires contenant un lien"), default=True)
    toxicity_threshold = models.FloatField(
        _("seuil de toxicité"),
        default=0.5,
        help_text=_("Entre 0 et 1 : au-delà, le commentaire attend un modérateur."),
    )
    held_first_comments = models.PositiveSmallIntegerField(
        _("premiers commentaires retenus"),
        default=2,
        help_text=_("Les N premiers commentaires d'un nouveau commentateur attendent un modérateur."),
    )
    per_minute = models.PositiveSmallIntegerField(_("commentaires par minute et par lecteur"), default=5)
    per_day = models.PositiveSmallIntegerField(_("commentaires par jour et par lecteur"), default=50)
    strikes = models.PositiveSmallIntegerField(
        _("refus avant sanction"), default=3, help_text=_("0 : pas de sanction automatique.")
    )
    strike_days = models.PositiveSmallIntegerField(_("période des refus (jours)"), default=30)
    strike_ban = models.BooleanField(
        _("exclure plutôt que suspendre"),
        default=False,
        help_text=_("Sanction automatique : exclusion définitive au lieu d'une suspension."),
    )
    suspension_days = models.PositiveSmallIntegerField(_("durée de la suspension (jours)"), default=7)
    report_threshold = models.PositiveSmallIntegerField(
        _("signalements avant examen"),
        default=3,
        help_text=_("Un commentaire signalé autant de fois va dans la file « Signalés »."),
    )
    close_after_days = models.PositiveSmallIntegerField(
        _("fermeture automatique (jours)"),
        default=0,
        help_text=_("Les commentaires ferment N jours après la publication de l'article ; 0 : jamais."),
    )
    page_size = models.PositiveSmallIntegerField(_("fils de discussion par page"), default=20)
    charter = RichTextField(_("charte de modération"), blank=True)
    terms = RichTextField(_("conditions d'utilisation"), blank=True)

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("premoderation"),
                FieldPanel("banned_words"),
                FieldPanel("suspect_words"),
                FieldPanel("hold_links"),
                FieldPanel("toxicity_threshold"),
                FieldPanel("held_first_comments"),
                FieldPanel("per_minute"),
                FieldPanel("per_day"),
            ],
            heading=_("Règles de modération"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("strikes"),
                FieldPanel("strike_days"),
                FieldPanel("strike_ban"),
                FieldPanel("suspension_days"),
                FieldPanel("report_threshold"),
            ],
            heading=_("Sanctions et signalements"),
        ),
        MultiFieldPanel(
            [FieldPanel("close_after_days"), FieldPanel("page_size")], heading=_("Affichage et fermeture")
        ),
        FieldPanel("charter"),
        FieldPanel("terms"),
    ]

    class Meta:
        verbose_name = _("commentaires")

    def __str__(self) -> str:
        return str(self._meta.verbose_name)
