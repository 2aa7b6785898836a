"""From an article to subscribing: the paywall shown, the offers opened, the checkout started
and the newsletter signup, each counted for the article alone, never for a reader."""

import re

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test import Client

from manchette.audience.models import Action, DailyActions
from manchette.newsroom.services import EDITORS
from tests.conftest import Newsroom, paragraph
from tests.newsletters.conftest import make_newsletter
from tests.subscriptions.conftest import (  # noqa: F401 (fixtures)
    Plans,
    StripeApi,
    new_reader,
    plans,
    stripe_api,
    stripe_configured,
)

BROWSER = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0"
ROBOT = "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)"


def _actions(article_id: int) -> dict[str, int]:
    return dict(DailyActions.objects.filter(object_id=article_id).values_list("action", "count"))


@pytest.fixture
def premium(newsroom: Newsroom):
    body = [paragraph("Réservé."), *(paragraph("Suite réservée aux abonnés.") for _ in range(4))]
    return newsroom.article(newsroom.section(), premium=True, body=body)


def test_the_paywall_view_is_counted_for_its_article(premium, newsroom: Newsroom) -> None:
    free = newsroom.article(premium.get_parent().specific)
    reader = Client(HTTP_USER_AGENT=BROWSER)
    page = reader.get(premium.url).content.decode()
    assert re.search(rf'k:"articlepage",p:"{premium.pk}",.*,w:1\}}', page)
    assert ",w:1" not in reader.get(free.url).content.decode()

    reader.post("/mesure/", {"k": "articlepage", "p": premium.pk, "w": "1"})
    reader.post("/mesure/", {"k": "articlepage", "p": premium.pk, "w": "1"}, HTTP_USER_AGENT=ROBOT)
    # "w" on a page that is not an article counts a view, no paywall.
    reader.post("/mesure/", {"k": "sectionpage", "p": free.get_parent().pk, "w": "1"})
    assert _actions(premium.pk) == {Action.PAYWALL: 1}
    assert DailyActions.objects.count() == 1


def test_a_subscription_started_from_the_paywall_shows_in_its_funnel(
    premium, plans: Plans, stripe_configured, stripe_api: StripeApi, make_user  # noqa: F811
) -> None:
    plans.monthly.stripe_price_id = "price_test_essentiel"
    plans.monthly.save()
    anonymous = Client(HTTP_USER_AGENT=BROWSER)
    paywall = BeautifulSoup(anonymous.get(premium.url).content, "html.parser").select_one(".paywall a.button")
    assert paywall["href"] == f"/abonnement/?depuis={premium.pk}"

    offers = anonymous.get(paywall["href"]).content.decode()
    signup = BeautifulSoup(offers, "html.parser").select_one(".plan a.button")["href"]
    assert f"%26depuis%3D{premium.pk}" in signup  # the article survives signing up
    Client(HTTP_USER_AGENT=ROBOT).get(paywall["href"])  # a robot following the link: not counted
    anonymous.get("/abonnement/?depuis=999999999")  # no such article: not counted

    reader = new_reader()
    client = Client(HTTP_USER_AGENT=BROWSER)
    client.force_login(reader)
    back = client.get(f"/abonnement/?formule={plans.monthly.slug}&depuis={premium.pk}")
    form = BeautifulSoup(back.content, "html.parser").select_one(f"#formule-{plans.monthly.slug} form")
    fields = {field["name"]: field["value"] for field in form.select("input[type=hidden]")}
    assert fields["depuis"] == str(premium.pk)
    response = client.post(form["action"], fields)
    assert response.status_code == 302 and "checkout.stripe" in response["Location"]

    assert _actions(premium.pk) == {Action.OFFERS: 1, Action.CHECKOUT: 1}
    # Stripe hears nothing of the article, and nothing of ours joins the reader to it.
    assert str(premium.pk) not in str(stripe_api.sessions)
    columns = {field.name for field in DailyActions._meta.get_fields()}
    assert columns == {"id", "object_id", "day", "action", "count"}
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT * FROM {DailyActions._meta.db_table}")  # noqa: S608 (our table)
        stored = " ".join(str(value) for row in cursor.fetchall() for value in row)
    assert reader.email not in stored and reader.get_username() not in stored

    editor = Client()
    editor.force_login(make_user(EDITORS))
    screen = BeautifulSoup(editor.get("/admin/audience/").content, "html.parser")
    row = screen.select_one("#audience-funnel").find_parent("section").select_one("tbody tr")
    assert premium.title in row.get_text()
    assert [cell.get_text() for cell in row.select("td")] == ["0", "0", "1", "1", "0"]


def test_a_newsletter_signup_from_an_article_counts_for_it(newsroom: Newsroom) -> None:
    section = newsroom.section()
    article = newsroom.article(section)
    newsletter = make_newsletter(section)
    client = Client(HTTP_USER_AGENT=BROWSER, headers={"Sec-Fetch-Site": "same-origin"})
    sent = client.post(f"/newsletters/{newsletter.slug}/inscription/",
                       {"email": "lea@exemple.fr", "source": article.url})
    assert sent.status_code == 302
    client.post(f"/newsletters/{newsletter.slug}/inscription/", {"email": "paul@exemple.fr", "source": "/"})
    assert _actions(article.pk) == {Action.NEWSLETTER: 1}
    assert DailyActions.objects.count() == 1
    assert "exemple.fr" not in str(list(DailyActions.objects.values()))
