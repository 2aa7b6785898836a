"""Several machines, simulated on one: two application servers behind one Varnish director,
two workers on one Redis, one database.

- A reader logs in through one application server and carries on through the other, and
  logging out on one ends the session on both (sessions in the database, cached in Redis).
- Articles scheduled for the same instant go live once each, whichever worker runs them.
- A rate limit counts across both servers (allauth's limiter counts in the shared cache).

The servers are real processes on the real clock; the tests wait for them with deadlines.
"""

from __future__ import annotations

import json
import re
import time
from urllib.parse import urlencode

import pytest

from .conftest import Stack
from .servers import Response, request, wait_until

SUBSCRIBER = "abonne@manchette.test"
PASSWORD = "manchette-demo"  # the demo accounts of the stack's database (embedded settings)
LOGIN = "/compte/login/"
ACCOUNT = "/mon-compte/"


class Reader:
    """A browser without a browser: cookies kept across requests, whichever server it asks."""

    def __init__(self, host: str = "") -> None:
        self.cookies: dict[str, str] = {}
        # The Host header a load balancer or Varnish forwards: the site's, whichever server answers.
        self.headers = {"Host": host} if host else {}

    def get(self, url: str) -> Response:
        response = request(url, cookies=self.cookies, headers=self.headers)
        self.cookies.update(response.cookies())
        return response

    def post(self, url: str, fields: dict[str, str]) -> Response:
        page = self.get(url)
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text)
        assert token, f"no CSRF token on {url}"
        response = request(
            url,
            method="POST",
            cookies=self.cookies,
            body=urlencode({"csrfmiddlewaretoken": token.group(1), **fields}),
            headers={**self.headers, "Content-Type": "application/x-www-form-urlencoded"},
        )
        self.cookies.update(response.cookies())
        return response

    def log_in(self, server: str, login: str, password: str) -> Response:
        return self.post(server + LOGIN, {"login": login, "password": password})


@pytest.fixture
def two_servers(make_stack) -> Stack:
    return make_stack(apps=2, workers=2, redis=True, varnish=True)


def test_a_reader_logs_in_on_one_server_and_carries_on_on_the_other(two_servers: Stack) -> None:
    first, second = (app.url for app in two_servers.apps)
    reader = Reader()

    logged_in = reader.log_in(first, SUBSCRIBER, PASSWORD)
    assert logged_in.status == 302, logged_in.text[:500]
    assert reader.cookies.get("sessionid")

    account = reader.get(second + ACCOUNT)
    assert account.status == 200
    assert SUBSCRIBER in account.text
    # Through Varnish too (it passes requests with a session); on a loaded machine its health
    # probes may briefly mark both servers sick, hence the retries.
    wait_until(lambda: SUBSCRIBER in reader.get(two_servers.url + ACCOUNT).text, timeout=30, interval=0.5,
               what="the account page through Varnish")

    session = reader.cookies["sessionid"]
    assert reader.post(second + "/compte/logout/", {}).status == 302
    # The old session cookie is dead on the first server too.
    stale = request(first + ACCOUNT, cookies={"sessionid": session})
    assert stale.status == 302 and LOGIN in stale.header("Location")


def test_failed_logins_count_across_both_servers(two_servers: Stack) -> None:
    """Five wrong passwords, spread over both servers (and their worker processes), lock the account.

    A count kept in each process's memory would let the right password in: no process
    would have seen more than a few failures.
    """
    servers = [app.url for app in two_servers.apps]
    site = f"127.0.0.1:{two_servers.site_port}"
    for attempt in range(5):
        wrong = Reader(host=site).log_in(servers[attempt % 2], SUBSCRIBER, "pas-le-bon-mot-de-passe")
        assert wrong.status == 200, wrong.status

    for server in servers:
        reader = Reader(host=site)
        refused = reader.log_in(server, SUBSCRIBER, PASSWORD)
        assert refused.status != 302, f"{server} let the account in after five failures"
        assert "sessionid" not in reader.cookies


SCHEDULE = """
import json
from datetime import timedelta
from django.utils import timezone
from manchette.articles.models import ArticlePage, SectionPage
section = SectionPage.objects.live().order_by("path").first()
go_live_at = timezone.now() + timedelta(seconds={delay})
urls = []
for number in range({count}):
    article = ArticlePage(title=f"Programmé numéro {{number}}", slug=f"programme-{{number}}",
                          standfirst="Un article programmé.", live=False)
    section.add_child(instance=article)
    article.go_live_at = go_live_at
    article.save_revision().publish()
    urls.append(article.get_url())
print(json.dumps({{"urls": urls, "go_live_at": go_live_at.timestamp()}}))
"""

PUBLICATIONS = """
import json
from wagtail.models import PageLogEntry
from manchette.articles.models import ArticlePage
pages = ArticlePage.objects.filter(slug__startswith="programme-")
print(json.dumps({page.slug: [page.live, PageLogEntry.objects.filter(
    page=page, action="wagtail.publish.scheduled").count()] for page in pages}))
"""


def test_articles_scheduled_for_the_same_instant_go_live_once_each(two_servers: Stack) -> None:
    count = 3
    scheduled = two_servers.manage("shell", "--no-imports", "-c", SCHEDULE.format(delay=8, count=count))
    schedule = json.loads(scheduled.strip())
    urls, go_live_at = schedule["urls"], schedule["go_live_at"]
    assert len(urls) == count
    for url in urls:
        status = request(two_servers.apps[0].url + url).status
        # Not yet, for an answer that came back before the go-live time (a loaded machine
        # may take that long to get here: then there is nothing to check).
        if time.time() < go_live_at:  # the servers run on the suite's clock (servers.on_suite_clock)
            assert status == 404, url

    # Each scheduling queued a task for the go-live time in Redis; a worker's scheduler
    # moves due tasks to the queue, and either worker runs them.
    second = two_servers.apps[1].url
    for url in urls:
        wait_until(lambda url=url: request(second + url).status == 200, timeout=40, interval=0.5,
                   what=f"{url} published")

    publications = json.loads(two_servers.manage("shell", "--no-imports", "-c", PUBLICATIONS).strip())
    assert publications == {f"programme-{number}": [True, 1] for number in range(count)}
    assert all(worker.running() for worker in two_servers.workers)
    for url in urls:
        wait_until(lambda url=url: request(two_servers.url + url).status == 200, timeout=30, interval=0.5,
                   what=f"{url} live through Varnish")
