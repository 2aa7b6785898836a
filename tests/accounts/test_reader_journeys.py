"""The rough edges readers hit (issue 15, points 1 to 8), each checked on the page the server sends.

Focus and Tab order are checked in Chromium: tests/browser/test_keyboard_journeys.py.
"""

import re
from html.parser import HTMLParser
from urllib.parse import parse_qs, urlsplit

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.base_user import AbstractBaseUser
from django.core import mail
from django.test import Client

from tests.conftest import Newsroom, paragraph, words

from .conftest import PASSWORD as READER_PASSWORD
from .conftest import Plans, page_text

pytestmark = pytest.mark.django_db

PASSWORD = "Cormoran-Violet-2031"


class Elements(HTMLParser):
    """Every start tag of a page, in document order, with its attributes."""

    def __init__(self, page: str) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.feed(page)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, {name: value or "" for name, value in attrs}))

    def find(self, tag: str, **attrs: str) -> list[dict[str, str]]:
        return [
            found for name, found in self.tags
            if name == tag and all(found.get(key) == value for key, value in attrs.items())
        ]


def links_named(page: str, text: str) -> list[tuple[str, str]]:
    """(href, accessible text) of the links whose visible text starts with `text`."""
    found = []
    for href, inner in re.findall(r'<a [^>]*href="([^"]+)"[^>]*>(.*?)</a>', page, re.S):
        name = " ".join(re.sub(r"<[^>]+>", " ", inner).split()).replace("&#x27;", "'")
        if name.startswith(text):
            found.append((href.replace("&amp;", "&"), name))
    return found


# --------------------------------------------------------------------------- 1. Mon compte


@pytest.mark.parametrize(
    ("path", "tab"), [("/compte/email/", "Adresse e-mail"), ("/compte/password/change/", "Mot de passe")]
)
def test_address_and_password_pages_sit_in_mon_compte(reader_client: Client, path: str, tab: str) -> None:
    page = reader_client.get(path).content.decode()
    assert 'aria-label="Rubriques du compte"' in page
    current = re.findall(r'<a href="([^"]+)" aria-current="page">([^<]+)</a>', page)
    assert current == [(path, tab)]
    assert "Se déconnecter" in page_text(reader_client.get(path))
    # One page heading: "Mon compte"; allauth's own title comes one level down.
    assert re.findall(r"<h1>(.*?)</h1>", page, re.S) == ["Mon compte"]


def test_each_address_radio_is_followed_by_its_label(reader_client: Client, reader: AbstractBaseUser) -> None:
    page = reader_client.get("/compte/email/").content.decode()
    radio = re.search(r'<input\b[^>]*type="radio">\s*<label for="([^"]+)">\s*([^<\s]+)', page)
    assert radio, "no radio button followed by its label"
    assert re.search(rf'id="{radio.group(1)}"', page)
    assert radio.group(2) == reader.email


# --------------------------------------------------------------------------- 2 and 4. every page


def test_header_reaches_account_links_then_search_and_the_skip_link_target_takes_focus(
    client: Client,
) -> None:
    page = Elements(client.get("/recherche/").content.decode())
    names = [(tag, attrs.get("class", attrs.get("id", ""))) for tag, attrs in page.tags]
    assert names.index(("ul", "masthead__account")) < names.index(("form", "masthead__search"))
    [main] = page.find("main")
    assert main == {"id": "contenu", "tabindex": "-1"}
    assert page.find("a", href="#contenu", **{"class": "skip-link"})


# --------------------------------------------------------------------------- 3. failed forms


def test_a_failed_sign_up_opens_on_a_summary_linking_each_field(client: Client) -> None:
    response = client.post(
        "/compte/signup/", {"email": "pas-une-adresse", "password1": "court", "password2": "autre"}
    )
    page = response.content.decode()
    summary = Elements(page).find("div", id="error-summary")
    assert summary and "autofocus" in summary[0] and summary[0]["tabindex"] == "-1"
    start = page.index('id="error-summary"')
    block = page[start : page.index("</div>", start)]
    targets = re.findall(r'<a href="#([^"]+)">', block)
    assert targets[0] == "id_email"
    assert "id_password1" in targets
    for target in targets:
        assert f'id="{target}"' in page
    invalid = "E-mail : Cette adresse e-mail n'est pas valide (exemple : prenom.nom@exemple.fr)."
    assert invalid in page_text(response)


def test_a_failed_login_opens_on_a_summary(client: Client, reader: AbstractBaseUser) -> None:
    response = client.post("/compte/login/", {"login": reader.email, "password": "pas-le-bon-mot"})
    text = page_text(response)
    assert "Le formulaire n'a pas été envoyé : corrigez ce qui suit." in text
    assert Elements(response.content.decode()).find("div", id="error-summary")


def test_a_form_without_errors_has_no_summary(client: Client) -> None:
    assert 'id="error-summary"' not in client.get("/compte/signup/").content.decode()


# --------------------------------------------------------------------------- 5. offers


def test_offers_carry_the_chosen_plan_through_sign_up(client: Client, plans: Plans) -> None:
    page = client.get("/abonnement/").content.decode()
    signups = links_named(page, "Créer un compte pour m'abonner")
    assert len(signups) == 2
    assert len({name for _href, name in signups}) == 2, signups  # distinct accessible names
    nexts = {parse_qs(urlsplit(href).query)["next"][0] for href, _name in signups}
    assert nexts == {"/abonnement/?formule=essentiel", "/abonnement/?formule=annuel"}
    [(login, _name)] = links_named(page, "S'identifier")[-1:]
    assert parse_qs(urlsplit(login).query)["next"] == ["/abonnement/"]


def test_the_plan_survives_sign_up_and_the_confirmation_mail(client: Client, plans: Plans) -> None:
    page = client.get("/abonnement/").content.decode()
    [href] = [href for href, name in links_named(page, "Créer un compte") if "annuel" in href]
    signup = client.get(href)
    assert signup.status_code == 200
    response = client.post(
        href, {"email": "ines@example.org", "password1": PASSWORD, "password2": PASSWORD}
    )
    assert response.status_code == 302
    [message] = mail.outbox
    link = re.search(r"https?://testserver(/\S+)", message.body).group(1)
    confirmed = client.post(link)
    assert confirmed["Location"] == "/abonnement/?formule=annuel"
    chosen = client.get(confirmed["Location"])
    plan = Elements(chosen.content.decode()).find("li", id="formule-annuel")
    assert plan and "plan--chosen" in plan[0]["class"]
    assert "Votre choix" in page_text(chosen)
    assert re.search(r"<button type=\"submit\" autofocus>Choisir cette formule", chosen.content.decode())


# --------------------------------------------------------------------------- 6. language switch


def test_the_language_switch_keeps_the_search(client: Client) -> None:
    page = client.get("/recherche/", {"q": "eau potable"}).content.decode()
    [(href, _name)] = links_named(page, "English")
    back = client.get(href)
    assert back.status_code == 302
    assert back["Location"] == "/recherche/?q=eau+potable"


# --------------------------------------------------------------------------- 7. mail and contact


def test_the_confirmation_mail_speaks_for_the_publication(client: Client, settings) -> None:
    settings.WAGTAIL_SITE_NAME = "Le Courrier du Nord"
    settings.SITE_URL = "https://courrier-du-nord.example"
    form = {"email": "ines@example.org", "password1": PASSWORD, "password2": PASSWORD}
    client.post("/compte/signup/", form)
    [message] = mail.outbox
    user = get_user_model().objects.get(email="ines@example.org")
    assert message.body.startswith("Bonjour,\n")
    assert "Le Courrier du Nord" in message.body
    assert "courrier-du-nord.example" in message.body
    assert "testserver" not in message.body.replace("http://testserver/compte/confirm-email/", "")
    assert user.username not in message.body


def test_checkout_without_online_payment_gives_the_desk_address(
    reader_client: Client, plans: Plans, settings
) -> None:
    settings.SUBSCRIPTIONS_CONTACT_EMAIL = "abos@courrier-du-nord.example"
    response = reader_client.post("/abonnement/annuel/payer/", follow=True)
    page = response.content.decode()
    message = re.search(r'<li class="message[^"]*">(.*?)</li>', page, re.S).group(1)
    assert "contactez notre service abonnements" in message
    assert '<a href="mailto:abos@courrier-du-nord.example">abos@courrier-du-nord.example</a>' in message
    assert 'href="mailto:abos@courrier-du-nord.example"' in page.split("</ul>", 1)[1]  # and on the page


def test_the_contact_address_is_escaped(reader_client: Client, plans: Plans, settings) -> None:
    settings.SUBSCRIPTIONS_CONTACT_EMAIL = '"><script>x</script>@example.org'
    page = reader_client.post("/abonnement/annuel/payer/", follow=True).content.decode()
    assert "<script>x" not in page


# --------------------------------------------------------------------------- 8. cards


def test_home_and_section_cards_show_byline_and_reading_time(newsroom: Newsroom, client: Client) -> None:
    section = newsroom.section("International", slug="international")
    agency = newsroom.agency("Agence Test Presse", "ATP")
    lea = newsroom.author("Léa Lambert", "L. L.")
    lead = newsroom.article(section, title="La une", authors=[lea], body=[paragraph(words(700))])
    other = newsroom.article(
        section, title="Une dépêche", authors=[newsroom.author("Marc Roux", "M. R.")], agency=agency
    )
    lead.refresh_from_db()
    for path in ("/", section.url):
        text = page_text(client.get(path))
        assert "Par Léa Lambert" in text
        assert "Par M. R. avec ATP" in text
        assert f"{lead.reading_time} min de lecture" in text
        assert f"{other.reading_time} min de lecture" in text
    assert lead.reading_time > 1


def test_the_login_message_names_the_reader_by_address(client: Client, reader: AbstractBaseUser) -> None:
    form = {"login": reader.email, "password": READER_PASSWORD}
    response = client.post("/compte/login/", form, follow=True)
    texts = [str(message) for message in response.context["messages"]]
    assert f"Connexion avec {reader.email} réussie." in texts, texts
    assert not any(reader.username in text for text in texts), texts
