"""Issue 21: one address check (manchette/addresses.py) for every form that takes an address.

Each bad address is refused with the same French message by the newsletter signup, the
accounts' sign-up and the address change of "Mon compte"; nothing is stored, no mail leaves.
Before, `"a\\x0bb"@…`, `root@localhost` and `lit@[127.0.0.1]` were accepted everywhere.
"""

import html
from collections.abc import Callable

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.core import mail
from django.test import Client

from manchette.addresses import clean_address, mailbox_key
from manchette.newsletters.models import Signup
from tests.newsletters.conftest import make_newsletter
from tests.subscriptions.conftest import new_reader

pytestmark = pytest.mark.django_db

CONTROL = "Cette adresse e-mail contient un caractère invisible"
QUOTED = "Les guillemets et les barres obliques inverses ne sont pas acceptés"
NOT_PUBLIC = "Après le « @ », indiquez le domaine de votre messagerie"
MALFORMED = "Cette adresse e-mail n'est pas valide"
TOO_LONG = "Cette adresse e-mail est trop longue."
SPACE = "Une adresse e-mail ne contient pas d'espace."

BAD_ADDRESSES = [
    ('"a\x0bb"@exemple.fr', CONTROL),
    ("a\x0bb@exemple.fr", CONTROL),
    ("lea\x7f@exemple.fr", CONTROL),
    ("lea\x1f@exemple.fr", CONTROL),
    ("lea\u202e@exemple.fr", CONTROL),  # a bidirectional override
    ("lea@exemple.fr\r\nBcc: tous@exemple.fr", CONTROL),
    ('"lea"@exemple.fr', QUOTED),
    ('"le a"@exemple.fr', QUOTED),
    ('"lea@evil"@exemple.fr', QUOTED),
    ("root@localhost", NOT_PUBLIC),
    ("root@mail.localhost", NOT_PUBLIC),
    ("lit@[127.0.0.1]", NOT_PUBLIC),
    ("lit@[IPv6:::1]", NOT_PUBLIC),
    ("lea@intranet", MALFORMED),
    ("lea@10.0.0.1", MALFORMED),
    ("a" * 65 + "@exemple.fr", TOO_LONG),
    ("lea\u00a0dupont@exemple.fr", SPACE),
]


def newsletter_signup(address: str) -> str:
    newsletter = make_newsletter(None)
    response = Client(headers={"Sec-Fetch-Site": "same-origin"}).post(
        f"/newsletters/{newsletter.slug}/inscription/", {"email": address}
    )
    assert response.status_code == 400
    assert not Signup.objects.exists()
    return response.content.decode()


def account_signup(address: str) -> str:
    response = Client().post(
        "/compte/signup/",
        {"email": address, "password1": "Cormoran-Violet-2031", "password2": "Cormoran-Violet-2031"},
    )
    assert response.status_code == 200
    assert not get_user_model().objects.exists()
    return response.content.decode()


def address_change(address: str) -> str:
    reader = new_reader(email="zoe@example.test")
    browser = Client()
    browser.force_login(reader)
    response = browser.post("/compte/email/", {"email": address, "action_add": ""})
    assert response.status_code == 200
    assert list(EmailAddress.objects.values_list("email", flat=True)) == ["zoe@example.test"]
    return response.content.decode()


FORMS: dict[str, Callable[[str], str]] = {
    "newsletter signup": newsletter_signup,
    "account sign-up": account_signup,
    "address change": address_change,
}


@pytest.mark.parametrize("form", FORMS)
@pytest.mark.parametrize(("address", "message"), BAD_ADDRESSES)
def test_every_form_refuses_the_same_addresses_with_the_same_message(
    form: str, address: str, message: str
) -> None:
    page = html.unescape(FORMS[form](address))
    assert message in page
    assert mail.outbox == []


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("Prenom.Nom+Lettres@Exemple.FR", "prenom.nom+lettres@exemple.fr"),
        (" lea@exémple.fr ", "lea@xn--exmple-cva.fr"),
        ("lea@exemple.fr.", "lea@exemple.fr"),
        ("o'brien@exemple.ie", "o'brien@exemple.ie"),
    ],
)
def test_ordinary_addresses_are_kept(typed: str, stored: str) -> None:
    assert clean_address(typed) == stored


@pytest.mark.parametrize(
    ("address", "mailbox"),
    [
        ("lea+a@exemple.fr", "lea@exemple.fr"),
        ("lea+a+b@exemple.fr", "lea@exemple.fr"),
        ("jean.dupont@exemple.fr", "jean.dupont@exemple.fr"),  # dots count, except at Gmail
        ("j.e.a.n+x@googlemail.com", "jean@gmail.com"),
        ("jean@gmail.com", "jean@gmail.com"),
    ],
)
def test_the_mailbox_an_address_reaches(address: str, mailbox: str) -> None:
    assert mailbox_key(address) == mailbox
