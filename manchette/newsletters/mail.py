"""The mails: the confirmation, and an edition rendered once then personalised per reader.

An edition is rendered from its templates once; each reader's copy only swaps in their own
preference and unsubscribe links, so a send to many readers does not render templates per mail.
No article body is ever in a mail: every article, free or premium, appears as its title,
standfirst and a link, so premium text never reaches a reader who may not read it.
"""

from dataclasses import dataclass
from email.utils import formataddr

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from . import services
from .models import Edition, Newsletter, Signup

MANAGE = "%%manage-url%%"
UNSUBSCRIBE = "%%unsubscribe-url%%"


def absolute(path: str) -> str:
    return settings.SITE_URL + path


def sender(newsletter: Newsletter) -> str:
    return formataddr((newsletter.sender_name, newsletter.sender_email))


def confirmation(signup: Signup) -> EmailMultiAlternatives:
    newsletter = signup.newsletter
    with translation.override(settings.LANGUAGE_CODE):
        context = {
            "newsletter": newsletter,
            "confirm_url": absolute(
                reverse("newsletters:confirm", args=[services.confirmation_token(signup)])
            ),
            "days": services.CONFIRMATION_DAYS,
        }
        subject = _("Confirmez votre inscription à « %(name)s »") % {"name": newsletter.name}
        text = render_to_string("newsletters/mail/confirmation.txt", context)
    return EmailMultiAlternatives(subject, text, sender(newsletter), [signup.email])


@dataclass(frozen=True)
class RenderedEdition:
    subject: str
    text: str
    html: str
    sender: str
    list_id: str


def render_edition(edition: Edition) -> RenderedEdition:
    newsletter = edition.newsletter
    with translation.override(settings.LANGUAGE_CODE):
        context = {
            "edition": edition,
            "newsletter": newsletter,
            "articles": [
                {"article": article, "url": absolute(article.url or "")}
                for article in services.ordered_articles(edition)
            ],
            "manage_url": MANAGE,
            "unsubscribe_url": UNSUBSCRIBE,
            "site_url": settings.SITE_URL,
        }
        text = render_to_string("newsletters/mail/edition.txt", context)
        html = render_to_string("newsletters/mail/edition.html", context)
    host = settings.SITE_URL.split("://", 1)[-1].split("/", 1)[0].split(":", 1)[0]
    return RenderedEdition(edition.subject, text, html, sender(newsletter), f"<{newsletter.slug}.{host}>")


def edition_message(rendered: RenderedEdition, signup: Signup) -> EmailMultiAlternatives:
    """One reader's copy, with their own links and the one-click unsubscribe headers (RFC 8058)."""
    manage = absolute(reverse("newsletters:manage", args=[services.manage_token(signup.email)]))
    unsubscribe = absolute(reverse("newsletters:unsubscribe", args=[services.unsubscribe_token(signup)]))
    message = EmailMultiAlternatives(
        rendered.subject,
        rendered.text.replace(MANAGE, manage).replace(UNSUBSCRIBE, unsubscribe),
        rendered.sender,
        [signup.email],
        headers={
            "List-Unsubscribe": f"<{unsubscribe}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            "List-Id": rendered.list_id,
        },
    )
    message.attach_alternative(
        rendered.html.replace(MANAGE, manage).replace(UNSUBSCRIBE, unsubscribe), "text/html"
    )
    return message


def test_message(edition: Edition, email: str) -> EmailMultiAlternatives:
    """The edition as a reader will get it, to the editor's own address, before approval."""
    message = edition_message(
        render_edition(edition), Signup(pk=0, email=email, newsletter=edition.newsletter)
    )
    message.subject = _("[Test] %(subject)s") % {"subject": message.subject}
    return message
