"""Leaving and choosing: one-click unsubscribe (RFC 8058), the signed preferences page, Mon compte."""

import html
import re
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from manchette.newsletters import tokens
from manchette.newsletters.models import Newsletter, Signup
from tests.conftest import Mailbox

from .conftest import make_newsletter


@pytest.fixture
def signup(newsletter: Newsletter) -> Signup:
    return Signup.objects.create(
        newsletter=newsletter,
        email="lea@exemple.fr",
        status=Signup.Status.CONFIRMED,
        confirmed_at=timezone.now(),
    )


def _unsubscribe_url(signup: Signup) -> str:
    return f"/newsletters/desinscription/{tokens.unsubscribe_token(signup.pk, signup.email)}/"


def test_a_get_never_unsubscribes(signup: Signup, client: Client) -> None:
    page = client.get(_unsubscribe_url(signup))
    assert page.status_code == 200
    assert "Me désinscrire" in page.content.decode()
    signup.refresh_from_db()
    assert signup.status == Signup.Status.CONFIRMED


def test_one_click_post_without_session_or_csrf_token(signup: Signup) -> None:
    # What a mail client sends for RFC 8058: a bare POST with this body, no cookie, no token.
    mail_client = Client(enforce_csrf_checks=True)
    response = mail_client.post(_unsubscribe_url(signup), {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    signup.refresh_from_db()
    assert signup.status == Signup.Status.UNSUBSCRIBED and signup.unsubscribed_at is not None
    assert "ne recevra plus" in html.unescape(response.content.decode())
    assert (
        mail_client.post(_unsubscribe_url(signup)).status_code == 200
    )  # twice: still unsubscribed, no error


def test_a_tampered_unsubscribe_link_is_refused(signup: Signup, client: Client) -> None:
    response = client.post(_unsubscribe_url(signup).replace(":", "x", 1))
    assert response.status_code == 400
    signup.refresh_from_db()
    assert signup.status == Signup.Status.CONFIRMED


def test_the_signed_preferences_page_changes_every_newsletter_of_the_address(
    signup: Signup, newsletter: Newsletter, international
) -> None:
    matinale = make_newsletter(None, name="La Matinale", slug="matinale", weekdays="01234")
    url = f"/newsletters/preferences/{tokens.manage_token(signup.email)}/"
    browser = Client(enforce_csrf_checks=True)
    page = browser.get(url).content.decode()
    assert "La Matinale" in page and "La newsletter International" in page
    response = browser.post(url, {"newsletters": [matinale.pk]})
    assert response.status_code == 302
    states = dict(Signup.objects.values_list("newsletter__slug", "status"))
    assert states == {"international": Signup.Status.UNSUBSCRIBED, "matinale": Signup.Status.CONFIRMED}
    assert Signup.objects.get(newsletter=matinale).consent_source == url
    assert browser.get(url.replace("preferences/", "preferences/x")).status_code == 400


def test_the_mon_compte_tab(newsletter: Newsletter, make_user) -> None:
    reader = make_user(email="paul@exemple.fr")
    browser = Client()
    assert browser.get("/mon-compte/newsletters/").status_code == 302  # login first
    browser.force_login(reader)
    page = browser.get("/mon-compte/newsletters/").content.decode()
    assert 'aria-current="page">Newsletters' in page and "La newsletter International" in page
    browser.post("/mon-compte/newsletters/", {"newsletters": [newsletter.pk]})
    signup = Signup.objects.get()
    assert (signup.email, signup.user, signup.status) == ("paul@exemple.fr", reader, Signup.Status.CONFIRMED)
    assert "checked" in browser.get("/mon-compte/newsletters/").content.decode()


def test_the_mon_compte_tab_needs_the_csrf_token(newsletter: Newsletter, make_user) -> None:
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(make_user())
    assert browser.post("/mon-compte/newsletters/", {"newsletters": [newsletter.pk]}).status_code == 403
    assert not Signup.objects.exists()


@pytest.mark.parametrize("where", ["signed link", "Mon compte"])
def test_unticking_every_box_unsubscribes_from_everything(
    newsletter: Newsletter, make_user, where: str
) -> None:
    """Issue 21: an empty form (no box ticked) was shown again and changed nothing."""
    matinale = make_newsletter(None, name="La Matinale", slug="matinale", weekdays="01234")
    browser = Client()
    if where == "Mon compte":
        browser.force_login(make_user(email="lea@exemple.fr"))
        url = "/mon-compte/newsletters/"
    else:
        url = f"/newsletters/preferences/{tokens.manage_token('lea@exemple.fr')}/"
    for each in (newsletter, matinale):
        Signup.objects.create(newsletter=each, email="lea@exemple.fr", status=Signup.Status.CONFIRMED)
    response = browser.post(url, {})
    assert response.status_code == 302
    assert set(Signup.objects.values_list("status", flat=True)) == {Signup.Status.UNSUBSCRIBED}
    assert "checked" not in browser.get(url).content.decode()


def test_the_preferences_link_expires_and_a_fresh_one_can_be_had(
    signup: Signup, same_site: Client, smtp_server: Mailbox, clock, settings
) -> None:
    """Issue 21: the signed preferences link worked for ever (a 400-day-old one did)."""
    url = f"/newsletters/preferences/{tokens.manage_token(signup.email)}/"
    clock.shift(timedelta(days=settings.NEWSLETTER_MANAGE_LINK_DAYS - 1))
    assert "La newsletter International" in same_site.get(url).content.decode()
    clock.shift(timedelta(days=2))
    page = same_site.get(url)
    text = html.unescape(page.content.decode())
    assert "Ce lien vers vos préférences a expiré : il n'est valable que 30 jours." in text
    assert "lea@exemple.fr" not in text and "La newsletter International" not in text
    same_site.post(url, {})  # the old page's "save with nothing ticked"
    signup.refresh_from_db()
    assert signup.status == Signup.Status.CONFIRMED

    wrong = same_site.post(url, {"email": "paul@exemple.fr"})
    assert "un nouveau lien vient de lui être envoyé" in html.unescape(wrong.content.decode())
    assert smtp_server.messages == []  # the same answer, and no mail to a stranger
    bad = same_site.post(url, {"email": "lea@localhost"})
    assert "indiquez le domaine de votre messagerie" in html.unescape(bad.content.decode())

    right = same_site.post(url, {"email": "Lea@Exemple.fr"})
    assert "un nouveau lien vient de lui être envoyé" in html.unescape(right.content.decode())
    [message] = smtp_server.messages
    assert message["To"] == "lea@exemple.fr"
    fresh = re.search(r"https?://[^/\s]+(/newsletters/preferences/\S+/)", message.get_content())[1]
    assert "La newsletter International" in Client().get(fresh).content.decode()


def test_an_old_unsubscribe_link_still_unsubscribes_but_opens_no_preferences(
    signup: Signup, clock
) -> None:
    old = _unsubscribe_url(signup)
    clock.shift(timedelta(days=400))
    mail_client = Client(enforce_csrf_checks=True)
    response = mail_client.post(old, {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    signup.refresh_from_db()
    assert signup.status == Signup.Status.UNSUBSCRIBED
    assert "/newsletters/preferences/" not in response.content.decode()
    recent = Client().get(_unsubscribe_url(signup)).content.decode()
    assert "/newsletters/preferences/" in recent
