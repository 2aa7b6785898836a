"""Issue 13, findings 3, 5 and 7 on the production stack: two gunicorn servers (two worker
processes each) on one Redis, behind Varnish, with TRUSTED_PROXY_COUNT=1.

- An account's lock holds on every server, whatever the Host header, and after the servers
  restart: the count lives in Redis, not in a process.
- Behind Varnish each reader has their own address budget: one client flooding the login
  form is stopped, another client, through the same Varnish, is not.

Clients are told apart by their loopback source address (127.0.0.2, 127.0.0.3…), as
different machines would be; Varnish appends it to X-Forwarded-For.
"""

from __future__ import annotations

import re
from urllib.parse import urlencode

import pytest

from .conftest import Stack
from .servers import Response, request

PASSWORD = "manchette-demo"
LOGIN = "/compte/login/"


def post_login(url: str, fields: dict[str, str], source: str = "127.0.0.1", host: str = "") -> Response:
    """The login form as a browser at `source` posts it: the page first, for its CSRF token."""
    headers = {"Host": host} if host else {}
    page = request(url + LOGIN, headers=headers, source_address=source)
    cookies = page.cookies()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text)
    assert token, page.text[:500]
    return request(
        url + LOGIN,
        method="POST",
        headers={**headers, "Content-Type": "application/x-www-form-urlencoded"},
        cookies=cookies,
        body=urlencode({"csrfmiddlewaretoken": token.group(1), **fields}),
        source_address=source,
    )


@pytest.fixture(scope="module")
def stack(make_module_stack) -> Stack:
    return make_module_stack(apps=2, redis=True, varnish=True, env={"TRUSTED_PROXY_COUNT": "1"})


def test_an_account_lock_holds_on_every_server_under_any_host_and_after_a_restart(stack: Stack) -> None:
    servers = [app.url for app in stack.apps]
    hosts = ["", "localhost", f"localhost:{stack.apps[0].port}", "127.0.0.1:9"]
    for attempt in range(5):
        wrong = post_login(
            servers[attempt % 2],
            {"login": "lecteur@manchette.test", "password": "pas-le-bon"},
            host=hosts[attempt % len(hosts)],
        )
        assert wrong.status == 200, wrong.status

    def refused_everywhere(source: str) -> None:
        # From another address than the failures: the account is locked, not the address.
        for server in servers:
            for host in hosts:
                fields = {"login": "lecteur@manchette.test", "password": PASSWORD}
                answer = post_login(server, fields, source=source, host=host)
                assert answer.status == 200, f"{server} with Host {host!r} let the locked account in"
                assert "Trop de tentatives de connexion" in answer.text

    refused_everywhere("127.0.0.5")
    ports = [app.port for app in stack.apps]
    for app in stack.apps:
        app.stop()
    stack.apps.clear()
    for port in ports:
        stack.start_app(port=port)
    refused_everywhere("127.0.0.6")


def test_behind_varnish_each_reader_has_their_own_address_budget(stack: Stack) -> None:
    flooder, reader = "127.0.0.2", "127.0.0.3"
    for _attempt in range(20):
        assert post_login(stack.url, {"login": "x@example.org"}, source=flooder).status == 200
    assert post_login(stack.url, {"login": "x@example.org"}, source=flooder).status == 429

    answer = post_login(stack.url, {"login": "abonne@manchette.test", "password": PASSWORD}, source=reader)
    assert answer.status == 302, answer.text[:500]
    assert answer.cookies().get("sessionid")

