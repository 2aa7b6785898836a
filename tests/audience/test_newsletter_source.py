"""An edition's article links say they come from a newsletter, and the view counts as such."""

import re

from django.test import Client

from manchette.audience.models import DailyViews, Source
from manchette.newsletters import mail
from manchette.newsletters.models import Edition
from tests.newsletters.conftest import edition, international, newsletter  # noqa: F401 (fixtures)

BROWSER = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0"


def _path(link: str) -> str:
    return "/" + link.split("://", 1)[1].split("/", 1)[1]


def test_edition_links_carry_the_newsletter_mark(edition: Edition, client: Client) -> None:  # noqa: F811
    rendered = mail.render_edition(edition)
    links = set(re.findall(r'href="([^"]+)"', rendered.html))
    article_links = {link for link in links if "%%" not in link}
    assert article_links, rendered.html
    for link in article_links:  # through the redirect that counts the link's clicks
        assert client.get(_path(link))["Location"].endswith("?utm_source=newsletter"), link
    assert all(link in rendered.text for link in article_links)
    # The preferences and unsubscribe links are not articles: no mark.
    assert "%%manage-url%%" in rendered.html and "%%unsubscribe-url%%" in rendered.html


def test_a_view_from_an_edition_counts_as_newsletter_and_keeps_no_address(
    edition: Edition, client: Client  # noqa: F811
) -> None:
    link = re.search(r'href="([^"]+/newsletters/lien/[^"]+)"', mail.render_edition(edition).html).group(1)
    page = client.get(_path(link), follow=True).content.decode()
    found = re.search(r'new URLSearchParams\(\{k:"([a-z]+)",p:"(\d+)"', page)
    assert found is not None
    # What the page's script sends for an address carrying the mark: n=1.
    assert "utm_source=newsletter" in page.split("sendBeacon")[0]
    client.post("/mesure/", {"k": found.group(1), "p": found.group(2), "r": "", "n": "1"},
                HTTP_USER_AGENT=BROWSER)
    rows = list(DailyViews.objects.values("source", "domain", "views"))
    assert rows == [{"source": Source.NEWSLETTER, "domain": "", "views": 1}]
    assert "utm" not in str(list(DailyViews.objects.values()))
