"""An edition's bytes, made once and spliced per reader, are a valid MIME message.

What the email package parses out of a reader's copy must be exactly the rendered edition
with that reader's links: the same headers, both parts, every link working.
"""

import re
import smtplib
from datetime import timedelta
from email import message_from_bytes
from email import policy as email_policy
from email.utils import parsedate_to_datetime

import pytest
from django.core import mail as django_mail
from django.urls import reverse
from django.utils import timezone

from manchette.newsletters import mail, tokens
from manchette.newsletters.models import Edition, Newsletter, Signup
from tests.conftest import Newsroom

from .conftest import SECRET, send_edition

SITE = "http://127.0.0.1:8000"
LONG_LINE = "Une phrase sans retour à la ligne, = signe égal compris, " * 30  # > 998 bytes
TRICKY_INTRO = (
    f".Un point en début de ligne\nFrom le début d'une ligne\nespaces en fin de ligne   \n{LONG_LINE}"
)


@pytest.fixture
def tricky(newsroom: Newsroom, international, edition: Edition) -> Edition:
    """The edition with what encodings trip on: accents, HTML characters, long and odd lines."""
    edition.articles.add(
        newsroom.article(
            international,
            title="Élections : « la campagne » & ses <coulisses>",
            standfirst="Un chapô accentué — avec des guillemets « français ».",
            first_published_at=timezone.now() - timedelta(hours=3),
        )
    )
    edition.subject = "L'édition spéciale du mardi : un très long objet accentué qui dépasse la ligne de 78"
    edition.intro = TRICKY_INTRO
    edition.save()
    return edition


def _reader(newsletter: Newsletter, email: str) -> Signup:
    return Signup.objects.create(newsletter=newsletter, email=email, status=Signup.Status.CONFIRMED)


def _link(name: str, token: str) -> str:
    return SITE + reverse(name, args=[token])


def test_a_readers_copy_parses_into_the_edition_with_their_own_links(tricky: Edition, settings) -> None:
    edition = tricky
    settings.NEWSLETTER_UNSUBSCRIBE_ADDRESS = "desinscription@lettres.manchette.test"
    reader = _reader(edition.newsletter, "lea@exemple.fr")
    rendered = mail.render_edition(edition)
    raw = mail.EditionMail(rendered).for_reader(41, reader.pk, reader.email)

    lines = raw.split(b"\r\n")
    assert b"\n" not in raw.replace(b"\r\n", b"") and b"\r" not in raw.replace(b"\r\n", b"")
    assert max(len(line) for line in lines) <= 998
    assert raw.isascii()
    message = message_from_bytes(raw, policy=email_policy.default)
    assert not message.defects and all(not part.defects for part in message.walk())

    assert message["From"] == "Manchette International <international@manchette.test>"
    assert message["To"] == "lea@exemple.fr"
    assert message["Subject"] == edition.subject
    assert abs(parsedate_to_datetime(message["Date"]) - timezone.now()) < timedelta(minutes=1)
    assert re.fullmatch(r"<[0-9a-f]+\.41@127\.0\.0\.1>", message["Message-ID"])
    assert message["List-Id"] == "<international.127.0.0.1>"
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert message["MIME-Version"] == "1.0"
    unsubscribe = _link("newsletters:unsubscribe", tokens.unsubscribe_token(reader.pk, reader.email))
    manage = _link("newsletters:manage", tokens.manage_token(reader.email))
    mailto = tokens.unsubscribe_address(reader.pk, reader.email)
    assert re.fullmatch(rf"desinscription\+{reader.pk}-[0-9a-f]{{20}}@lettres\.manchette\.test", mailto)
    assert len(mailto.split("@")[0]) <= 64  # RFC 5321's limit for a local part
    assert message["List-Unsubscribe"] == f"<{unsubscribe}>, <mailto:{mailto}>"

    assert message.get_content_type() == "multipart/alternative"
    text, html = message.iter_parts()
    for part, rendered_part, subtype in ((text, rendered.text, "plain"), (html, rendered.html, "html")):
        assert part.get_content_type() == f"text/{subtype}"
        assert part["Content-Transfer-Encoding"] == "quoted-printable"
        expected = rendered_part.replace(mail.MANAGE, manage).replace(mail.UNSUBSCRIBE, unsubscribe)
        assert part.get_content().replace("\r\n", "\n") == expected
        assert LONG_LINE in part.get_content() or subtype == "html"
    body = raw.split(b"\r\n\r\n", 1)[1]
    assert max(len(line) for line in body.split(b"\r\n")) <= 76  # quoted-printable's own limit

    # Every link works: the page's token, the preferences' address, the mailto's signup.
    assert tokens.signup_from_unsubscribe_token(unsubscribe.rstrip("/").rsplit("/", 1)[1]) == reader
    assert tokens.address_from_manage_token(manage.rstrip("/").rsplit("/", 1)[1]) == reader.email
    assert tokens.signup_from_unsubscribe_address(mailto.upper()) == reader


def test_each_reader_has_their_own_copy_and_no_mailto_without_the_setting(edition: Edition, settings) -> None:
    settings.NEWSLETTER_UNSUBSCRIBE_ADDRESS = ""
    first = _reader(edition.newsletter, "un@exemple.fr")
    second = _reader(edition.newsletter, "deux@exemple.fr")
    built = mail.EditionMail(mail.render_edition(edition))
    one, two = (
        message_from_bytes(built.for_reader(n, r.pk, r.email), policy=email_policy.default)
        for n, r in ((1, first), (2, second))
    )
    assert (one["To"], two["To"]) == ("un@exemple.fr", "deux@exemple.fr")
    assert one["Message-ID"] != two["Message-ID"]
    assert "mailto:" not in one["List-Unsubscribe"]
    assert one.get_body(("plain",)).get_content() != two.get_body(("plain",)).get_content()
    assert tokens.signup_from_unsubscribe_address(f"desinscription+{first.pk}-0@exemple.fr") is None


def test_header_injection_builds_no_message(edition: Edition) -> None:
    built = mail.EditionMail(mail.render_edition(edition))
    with pytest.raises(smtplib.SMTPRecipientsRefused) as refused:
        built.for_reader(1, 1, "lea@exemple.fr\r\nBcc: tous@exemple.fr")
    assert refused.value.recipients["lea@exemple.fr\r\nBcc: tous@exemple.fr"][0] == 553
    injected = "Manchette\r\nBcc: tous@exemple.fr"
    Newsletter.objects.filter(pk=edition.newsletter_id).update(sender_name=injected)
    with pytest.raises(ValueError, match="linefeed"):
        mail.EditionMail(mail.render_edition(Edition.objects.select_related("newsletter").get(pk=edition.pk)))


def test_a_forged_unsubscribe_address_unsubscribes_nobody(edition: Edition, settings) -> None:
    settings.NEWSLETTER_UNSUBSCRIBE_ADDRESS = "desinscription@manchette.test"
    reader = _reader(edition.newsletter, "lea@exemple.fr")
    other = _reader(edition.newsletter, "paul@exemple.fr")
    genuine = tokens.unsubscribe_address(reader.pk, reader.email)
    code = genuine.split("-", 1)[1].split("@")[0]
    other_reader = f"desinscription+{other.pk}-{code}@manchette.test"
    assert tokens.signup_from_unsubscribe_address(other_reader) is None
    elsewhere = genuine.replace("manchette.test", "ailleurs.test")
    assert tokens.signup_from_unsubscribe_address(elsewhere) is None
    assert tokens.signup_from_unsubscribe_address(genuine) == reader


def test_other_mailers_get_the_same_bytes(edition: Edition, settings) -> None:
    """Without SMTP (mail to files in `make run`, to memory here), each mailer gets the message."""
    settings.MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
    django_mail.outbox = []
    reader = _reader(edition.newsletter, "lea@exemple.fr")
    send_edition(edition)
    mail.test_message(edition, "editrice@manchette.test").send()
    sent, test = (message.message() for message in django_mail.outbox)
    assert (sent["To"], test["To"]) == (reader.email, "editrice@manchette.test")
    assert test["Subject"] == f"[Test] {edition.subject}"
    for message in (sent, test):
        assert "Un article premium" in message.get_body(("html",)).get_content()
        assert SECRET not in message.get_body(("plain",)).get_content()
