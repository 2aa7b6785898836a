"""Issue 21, "mail bombing through the signup form", on the embedded default's cache: two
gunicorn servers of two worker processes each, no Redis, one database. The newsletter signup's
limits (30 an hour per client, 5 per inbox) held per process: 60 an hour got through `make
run`'s two workers, and a restart gave the budget again. They count in the database now.

Clients are told apart by their loopback source address (127.0.0.2, 127.0.0.3…).
"""

from __future__ import annotations

import re
from urllib.parse import urlencode

import pytest

from .conftest import Stack
from .servers import Response, request


@pytest.fixture(scope="module")
def stack(make_module_stack) -> Stack:
    return make_module_stack(apps=2, varnish=False)


def signup(server: str, email: str, source: str) -> Response:
    index = request(server + "/newsletters/", source_address=source).text
    action = re.search(r'action="(/newsletters/[^"]+/inscription/)"', index)
    assert action, index[:500]
    return request(
        server + action.group(1),
        method="POST",
        headers={"Content-Type": "application/x-www-form-urlencoded", "Sec-Fetch-Site": "same-origin"},
        body=urlencode({"email": email}),
        source_address=source,
    )


def restart(stack: Stack) -> None:
    ports = [app.port for app in stack.apps]
    for app in stack.apps:
        app.stop()
    stack.apps.clear()
    for port in ports:
        stack.start_app(port=port)


def test_a_clients_limit_holds_on_every_process_and_after_a_restart(stack: Stack) -> None:
    client = "127.0.0.2"
    servers = [app.url for app in stack.apps]
    answers = [signup(servers[n % 2], f"lecteur{n}@exemple.fr", client).status for n in range(20)]
    assert answers == [302] * 20
    restart(stack)
    servers = [app.url for app in stack.apps]
    answers = [signup(servers[n % 2], f"lecteur{n}@exemple.fr", client).status for n in range(20, 30)]
    assert answers == [302] * 10
    for server in servers:
        refused = signup(server, "encore@exemple.fr", client)
        assert refused.status == 429, "the 31st signup of the hour was accepted"
        assert "Trop de demandes" in refused.text
    # Another client keeps its own budget.
    assert signup(servers[0], "autre@exemple.fr", "127.0.0.3").status == 302


def test_an_inboxs_limit_holds_on_every_process(stack: Stack) -> None:
    servers = [app.url for app in stack.apps]
    spellings = [f"Lea+{n}@Exemple.fr" for n in range(5)]
    # From five clients, so that only the inbox's count can stop them.
    answers = [signup(servers[n % 2], typed, f"127.0.1.{n}").status for n, typed in enumerate(spellings)]
    assert answers == [302] * 5
    for server in servers:
        assert signup(server, "lea+encore@exemple.fr", "127.0.2.1").status == 429
