"""Signing up from the article block: no token in the shared page, double opt-in by real SMTP.

Every mail here goes through a real SMTP server (aiosmtpd, the `smtp_server` fixture).
"""

import html
import re
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.test import Client
from django.utils import translation

from manchette.newsletters import signups, tokens
from manchette.newsletters.models import Newsletter, Signup
from tests.conftest import Mailbox, Newsroom

from .conftest import make_newsletter, signup_url


def text(response) -> str:
    return html.unescape(response.content.decode())


def _confirm_link(mailbox: Mailbox) -> str:
    body = mailbox.messages[-1].get_body(("plain",)).get_content()
    return re.search(r"http://\S+/newsletters/confirmer/\S+/", body).group(0).split("testserver", 1)[-1]


@pytest.fixture
def article(newsroom: Newsroom, international, newsletter: Newsletter):
    return newsroom.article(international, title="Au Chili, l'eau manque")


def test_the_article_block_shows_the_section_newsletter_without_a_token(article, client: Client) -> None:
    first = client.get(article.url)
    page = first.content.decode()
    assert "La newsletter International" in page
    assert "Tous les mardis à 11h" in page
    assert "Le monde en cinq articles, chaque mardi." in page
    assert f'action="/newsletters/{article.section.slug}/inscription/"' in page
    assert "csrfmiddlewaretoken" not in page
    assert "Set-Cookie" not in first.headers and not first.cookies
    assert Client().get(article.url).content == first.content  # the same bytes for every anonymous reader
    assert 'href="/mon-compte/newsletters/"' in page
    assert 'href="/newsletters/conditions/#donnees"' in page


def test_no_block_for_a_section_without_newsletter(newsroom: Newsroom, client: Client) -> None:
    article = newsroom.article(newsroom.section())
    assert "newsletter-form" not in client.get(article.url).content.decode()


def test_signup_without_javascript_redirects_to_a_page_naming_the_address(
    article, newsletter, same_site: Client, smtp_server: Mailbox
) -> None:
    response = same_site.post(signup_url(newsletter), {"email": " Lea@Exemple.fr ", "source": article.url})
    assert response.status_code == 302
    page = same_site.get(response["Location"])
    assert page["Cache-Control"].startswith("max-age=0")
    assert "Votre inscription est enregistrée pour l'adresse lea@exemple.fr" in text(page)
    signup = Signup.objects.get()
    assert (signup.email, signup.status) == ("lea@exemple.fr", Signup.Status.PENDING)
    assert (signup.consent_source, signup.consent_wording) == (article.url, signups.CONSENT_WORDING)
    [mail] = smtp_server.messages
    assert mail["To"] == "lea@exemple.fr"
    assert mail["From"] == "Manchette International <international@manchette.test>"
    assert "Confirmez votre inscription" in mail["Subject"]


def test_signup_with_javascript_answers_in_json(newsletter, same_site: Client, smtp_server: Mailbox) -> None:
    response = same_site.post(
        signup_url(newsletter), {"email": "lea@exemple.fr"}, headers={"Accept": "application/json"}
    )
    assert response.json() == {
        "ok": True,
        "message": "Votre inscription est enregistrée pour l'adresse lea@exemple.fr. Pour la confirmer, "
        "cliquez sur le lien du message que nous venons de vous envoyer.",
    }
    bad = same_site.post(signup_url(newsletter), {"email": "lea@"}, headers={"Accept": "application/json"})
    assert bad.status_code == 400
    assert bad.json()["error"].startswith("Cette adresse e-mail n'est pas valide")


def test_confirming_from_the_mail(newsletter, same_site: Client, smtp_server: Mailbox) -> None:
    same_site.post(signup_url(newsletter), {"email": "lea@exemple.fr"})
    link = _confirm_link(smtp_server)
    assert "Je confirme" in same_site.get(link).content.decode()
    assert Signup.objects.get().status == Signup.Status.PENDING  # a GET (a mail scanner) confirms nothing
    done = same_site.post(link)
    assert "Inscription confirmée" in done.content.decode()
    signup = Signup.objects.get()
    assert signup.status == Signup.Status.CONFIRMED and signup.confirmed_at is not None
    assert same_site.post(link).status_code == 200  # replayed: still confirmed, nothing else happens
    assert len(smtp_server.messages) == 1


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("", "Saisissez votre adresse e-mail."),
        ("   ", "Saisissez votre adresse e-mail."),
        ("lea", "Cette adresse e-mail n'est pas valide"),
        ("lea@exemple", "Cette adresse e-mail n'est pas valide"),
        ("lea@@exemple.fr", "Cette adresse e-mail n'est pas valide"),
        ("lea@exemple.fr\r\nBcc: tous@exemple.fr", "Cette adresse e-mail contient un caractère invisible"),
        ("lea@exemple.fr\nX-Injection: oui", "Cette adresse e-mail contient un caractère invisible"),
        ("a" * 250 + "@exemple.fr", "Cette adresse e-mail est trop longue."),
        ("é@exemple.fr", "Les accents ne sont pas acceptés avant le « @ »"),
    ],
)
def test_bad_addresses_get_a_clear_message_and_store_nothing(
    newsletter, same_site: Client, smtp_server: Mailbox, typed: str, message: str
) -> None:
    response = same_site.post(signup_url(newsletter), {"email": typed})
    assert response.status_code == 400
    assert message in text(response)
    assert 'aria-invalid="true"' in response.content.decode()
    assert not Signup.objects.exists() and not smtp_server.messages


def test_an_internationalised_domain_is_kept_in_ascii(
    newsletter, same_site: Client, smtp_server: Mailbox
) -> None:
    same_site.post(signup_url(newsletter), {"email": "lea@exémple.fr"})
    assert Signup.objects.get().email == "lea@xn--exmple-cva.fr"
    assert smtp_server.messages[0]["To"] == "lea@xn--exmple-cva.fr"


def test_the_answer_is_the_same_for_a_known_address(
    newsletter, same_site: Client, smtp_server: Mailbox
) -> None:
    first = same_site.post(
        signup_url(newsletter), {"email": "lea@exemple.fr"}, headers={"Accept": "application/json"}
    )
    Signup.objects.update(status=Signup.Status.CONFIRMED)
    again = same_site.post(
        signup_url(newsletter), {"email": "lea@exemple.fr"}, headers={"Accept": "application/json"}
    )
    other = same_site.post(
        signup_url(newsletter), {"email": "paul@exemple.fr"}, headers={"Accept": "application/json"}
    )
    assert first.json() == again.json()
    assert other.json()["message"] == first.json()["message"].replace("lea@", "paul@")


def test_the_confirmation_is_sent_again_at_most_once_an_hour(
    newsletter, same_site: Client, smtp_server: Mailbox, clock
) -> None:
    for _ in range(3):
        same_site.post(signup_url(newsletter), {"email": "lea@exemple.fr"})
    assert len(smtp_server.messages) == 1
    clock.shift(timedelta(minutes=61))
    same_site.post(signup_url(newsletter), {"email": "lea@exemple.fr"})
    assert len(smtp_server.messages) == 2
    # Only the newest link confirms: the first was replaced.
    old = re.search(
        r"/newsletters/confirmer/\S+/", smtp_server.messages[0].get_body(("plain",)).get_content()
    )
    refused = same_site.post(old.group(0))
    assert refused.status_code == 400
    assert "remplacé par un plus récent" in refused.content.decode()
    assert same_site.post(_confirm_link(smtp_server)).status_code == 200


def test_tampered_and_expired_links_are_refused_clearly(
    newsletter, same_site: Client, smtp_server: Mailbox, clock
) -> None:
    same_site.post(signup_url(newsletter), {"email": "lea@exemple.fr"})
    link = _confirm_link(smtp_server)
    tampered = same_site.post(link[:-3] + "xy/")
    assert tampered.status_code == 400
    assert "Ce lien n'est pas valide" in text(tampered)
    clock.shift(timedelta(days=tokens.CONFIRMATION_DAYS, minutes=1))
    expired = same_site.post(link)
    assert expired.status_code == 400 and "Ce lien a expiré" in expired.content.decode()
    assert Signup.objects.get().status == Signup.Status.PENDING


@pytest.mark.parametrize(
    "headers",
    [
        {"Sec-Fetch-Site": "cross-site"},
        {"Sec-Fetch-Site": "same-site"},
        {"Origin": "https://ailleurs.example"},
        {"Referer": "https://ailleurs.example/page"},
        {},
    ],
)
def test_requests_from_other_sites_are_refused(newsletter, smtp_server: Mailbox, headers: dict) -> None:
    response = Client(headers=headers).post(signup_url(newsletter), {"email": "lea@exemple.fr"})
    assert response.status_code == 403
    assert "depuis notre site" in response.content.decode()
    assert not Signup.objects.exists() and not smtp_server.messages


def test_an_old_browser_on_our_own_page_may_sign_up(newsletter, smtp_server: Mailbox) -> None:
    browser = Client(headers={"Origin": "http://testserver"})
    assert browser.post(signup_url(newsletter), {"email": "lea@exemple.fr"}).status_code == 302


def test_signups_are_rate_limited(newsletter, same_site: Client, smtp_server: Mailbox) -> None:
    answers = [
        same_site.post(signup_url(newsletter), {"email": f"lecteur{n}@exemple.fr"}).status_code
        for n in range(31)
    ]
    assert answers == [302] * 30 + [429]
    limited = same_site.post(signup_url(newsletter), {"email": "encore@exemple.fr"})
    assert "Trop de demandes" in limited.content.decode()


def test_the_block_in_english(article, client: Client) -> None:
    client.cookies["django_language"] = "en"
    with translation.override("en"):
        page = client.get(article.url).content.decode()
    assert "Every Tuesday at 11:00" in page
    assert "Your email address" in page


def test_the_spellings_of_one_inbox_share_its_limit(
    newsletter, same_site: Client, smtp_server: Mailbox
) -> None:
    """Issue 21: "+tags", case and Gmail's dots each got their own count (16 posts, 16 mails)."""
    spellings = [
        "lea@gmail.com",
        "Lea+1@gmail.com",
        "l.e.a+2@gmail.com",
        "LEA+3@googlemail.com",
        "le.a+4@gmail.com",
        "lea+5@gmail.com",
        "lea+6@gmail.com",
    ]
    answers = [same_site.post(signup_url(newsletter), {"email": typed}).status_code for typed in spellings]
    assert answers == [302] * 5 + [429] * 2
    assert len(smtp_server.messages) == 5
    # Another inbox keeps its own count.
    assert same_site.post(signup_url(newsletter), {"email": "paul+1@gmail.com"}).status_code == 302


def test_the_default_newsletter_invites_in_sections_without_their_own(
    newsroom: Newsroom, international, newsletter: Newsletter, client: Client
) -> None:
    """Issue 21 (Also): articles of a section without a newsletter had no block at all."""
    make_newsletter(None, name="La Matinale", slug="matinale", pitch="Le matin.", default_for_sections=True)
    elsewhere = newsroom.article(newsroom.section("Culture", slug="culture"))
    page = client.get(elsewhere.url).content.decode()
    assert "La Matinale" in page and 'action="/newsletters/matinale/inscription/"' in page
    own = client.get(newsroom.article(international).url).content.decode()
    assert "La newsletter International" in own and "La Matinale" not in own

    second = make_newsletter(None, name="L'Hebdo", slug="hebdo", pitch="Le samedi.")
    second.default_for_sections = True
    with pytest.raises(ValidationError) as refused:
        second.full_clean()
    assert "Une autre newsletter est déjà celle des autres rubriques" in str(refused.value)
    with pytest.raises(IntegrityError), transaction.atomic():
        second.save()
