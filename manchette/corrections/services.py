"""Adding a notice to a published article: the one way a correction reaches readers.

The notice is saved, logged in Wagtail's history under the editor's name, and once the
transaction commits, every cached copy that shows it is purged: the article (and what
lists it), the corrections page and its feed. The content generation changes with the
save (Correction is one of website.generation's content models), so the application's
own fragments are rebuilt too.
"""

from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log
from wagtail.models import Site

from manchette.website import purging

from .models import Correction

if TYPE_CHECKING:
    from django.contrib.auth.models import User

    from manchette.articles.models import ArticlePage

# A notice may be dated a little ahead of the server's clock (the editor's watch), not later.
CLOCK_TOLERANCE = timedelta(minutes=5)
TEXT_MAX_LENGTH = 1000


def check(article: "ArticlePage | None", text: str, dated_at: datetime | None) -> list[ValidationError]:
    """What is wrong with this notice, in the editor's language; empty when it may be added."""
    problems = []
    if article is None or not article.live or article.first_published_at is None:
        problems.append(
            ValidationError(_("Un rectificatif ne s'ajoute qu'à un article publié."), code="not_live")
        )
    if not text.strip():
        problems.append(ValidationError(_("Le texte du rectificatif est vide."), code="empty"))
    elif len(text) > TEXT_MAX_LENGTH:
        problems.append(
            ValidationError(
                _("Le texte dépasse %(max)d caractères.") % {"max": TEXT_MAX_LENGTH}, code="too_long"
            )
        )
    if dated_at is not None:
        if dated_at > timezone.now() + CLOCK_TOLERANCE:
            problems.append(ValidationError(_("La date du rectificatif est dans le futur."), code="future"))
        elif article is not None and article.first_published_at and dated_at < article.first_published_at:
            problems.append(
                ValidationError(
                    _("La date du rectificatif précède la publication de l'article."), code="too_early"
                )
            )
    return problems


@transaction.atomic
def add_correction(
    article: "ArticlePage",
    kind: str,
    text: str,
    *,
    by: "User | None",
    dated_at: datetime | None = None,
) -> Correction:
    """Adds the notice to the article, or raises ValidationError saying why it cannot."""
    if problems := check(article, text, dated_at):
        raise ValidationError(problems)
    if kind not in Correction.Kind.values:
        raise ValidationError(_("Nature de rectificatif inconnue."), code="kind")
    correction = Correction.objects.create(
        article=article, kind=kind, text=text.strip(), dated_at=dated_at or timezone.now(), added_by=by
    )
    log(instance=correction, action="wagtail.create", user=by)
    if purging.purging_enabled():
        purging.purge_after_commit(purging.urls_showing(article) | _corrections_urls(article))
    return correction


def _corrections_urls(article: "ArticlePage") -> set[str]:
    site = article.get_site() or Site.objects.filter(is_default_site=True).first()
    if site is None:
        return set()
    return {site.root_url + reverse(name) for name in ("corrections", "corrections_feed")}
