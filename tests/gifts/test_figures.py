"""The newsroom's figures: per article, links and openings; for editors; naming nobody."""

from bs4 import BeautifulSoup
from django.test import Client

from manchette.audience.models import Action, DailyActions
from manchette.newsroom.services import EDITORS, JOURNALISTS
from tests.subscriptions.conftest import (  # noqa: F401 (fixtures)
    StripeApi,
    new_reader,
    stripe_api,
    stripe_configured,
)

from .conftest import Scene, signed_in

BROWSER = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0"


def test_editors_see_links_and_openings_per_article_and_no_names(scene: Scene, make_user) -> None:
    path = scene.gift_path(scene.offer())
    Client().get(path)
    Client().get(path)
    editor = make_user(group=EDITORS)
    page = signed_in(editor).get("/admin/articles-offerts/")
    assert page.status_code == 200
    html = page.content.decode()
    row = html[html.index(scene.article.title) :]
    assert "<td>1</td><td>2</td><td>0</td>" in row.replace("\n", "")
    assert scene.subscriber.email not in html and scene.subscriber.username not in html
    journalist = make_user(group=JOURNALISTS)
    assert signed_in(journalist).get("/admin/articles-offerts/").status_code in (302, 403)


def test_a_subscription_started_from_the_gift_banner_counts_for_the_article(
    scene: Scene, stripe_configured, stripe_api: StripeApi, make_user  # noqa: F811
) -> None:
    """The friend follows the banner's invitation, signs up and starts paying: the article's
    figure says one subscription started after a gift, and nothing says whose."""
    scene.plan.stripe_price_id = "price_test_essentiel"
    scene.plan.save()
    friend = Client(HTTP_USER_AGENT=BROWSER)
    banner = BeautifulSoup(friend.get(scene.gift_path(scene.offer())).content, "html.parser")
    invitation = banner.select_one(".gift-banner a")["href"]
    assert invitation == f"/abonnement/?depuis={scene.article.pk}&offert=1"

    friend.force_login(new_reader())
    offers = friend.get(f"{invitation}&formule={scene.plan.slug}")
    form = BeautifulSoup(offers.content, "html.parser").select_one(f"#formule-{scene.plan.slug} form")
    fields = {field["name"]: field["value"] for field in form.select("input[type=hidden]")}
    assert friend.post(form["action"], fields).status_code == 302
    # A checkout from the plain paywall is not one after a gift.
    del fields["offert"]
    assert friend.post(form["action"], fields).status_code == 302

    counted = dict(DailyActions.objects.filter(object_id=scene.article.pk).values_list("action", "count"))
    assert counted[Action.GIFT_CHECKOUT] == 1 and counted[Action.CHECKOUT] == 2
    html = signed_in(make_user(group=EDITORS)).get("/admin/articles-offerts/").content.decode()
    row = html[html.index(scene.article.title) :]
    assert "<td>1</td><td>1</td><td>1</td>" in row.replace("\n", "")

