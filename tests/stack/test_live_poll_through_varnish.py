"""Issue 26: a live's update check through a real Varnish (the shipped VCL) in front of a real
gunicorn and task worker, on the demo newsroom.

Many readers polling the version number cost the application one request, logged in or not;
posting an entry purges it, so readers see the new version at once rather than when the copy
expires (VERSION_MAX_AGE); the changes between two versions are fetched once for all readers.
"""

import json

import pytest

from manchette.live.publishing import VERSION_MAX_AGE

from .conftest import Stack, StackFactory
from .servers import request, wait_until

READERS = 50

_CREATE_LIVE = """
import json
from manchette.articles.models import Author, SectionPage
from manchette.live.models import LivePage
section = SectionPage.objects.live().order_by("pk").first()
live = LivePage(title="Crue de la Seine", slug="crue-de-la-seine", standfirst="Le fleuve monte à Paris.")
section.add_child(instance=live)
live.live_authors.create(author=Author.objects.order_by("pk").first())
live.save_revision().publish()
print(json.dumps({"id": live.pk, "url": live.url}))
"""

_POST = """
from manchette.live import entries
from manchette.live.models import LivePage
entries.post_entry(LivePage.objects.get(pk={page_id}), entries.EntryText(text="{text}"))
"""


@pytest.fixture(scope="module")
def stack(make_module_stack: StackFactory) -> Stack:
    return make_module_stack(apps=1, workers=1)


@pytest.fixture(scope="module")
def live(stack: Stack) -> dict:
    return json.loads(stack.manage("shell", "-c", _CREATE_LIVE).strip().splitlines()[-1])


def _backend_requests(stack: Stack) -> int:
    assert stack.varnish is not None
    return stack.varnish.stat("MAIN.backend_req")


def _version(stack: Stack, page_id: int, **kwargs) -> int:
    response = request(f"{stack.url}/direct/{page_id}/version.json", **kwargs)
    assert response.status == 200, response.text[:300]
    return json.loads(response.body)["version"]


def test_many_readers_polling_cost_one_request_and_a_post_reaches_them_by_purge(
    stack: Stack, live: dict
) -> None:
    page_id = live["id"]
    assert _version(stack, page_id) == 0  # cached from now on, fresh for VERSION_MAX_AGE seconds
    before = _backend_requests(stack)
    for number in range(READERS):
        # Logged-in readers too: their session cookie does not make the number personal.
        cookies = {"sessionid": f"lecteur{number}"} if number % 2 else None
        assert _version(stack, page_id, cookies=cookies) == 0
    assert _backend_requests(stack) == before

    stack.manage("shell", "-c", _POST.format(page_id=page_id, text="La Seine atteint 6 mètres."))
    # The worker purges Varnish's copy: readers see the new version well before it would expire.
    wait_until(lambda: _version(stack, page_id) == 1, timeout=VERSION_MAX_AGE / 2, what="the purge")

    before = _backend_requests(stack)
    changes = f"{stack.url}/direct/{page_id}/entrees.json?depuis=0&version=1"
    for _ in range(READERS):
        assert _version(stack, page_id) == 1
        found = request(changes)
        assert found.status == 200
        assert "La Seine atteint 6 mètres." in json.loads(found.body)["entries"][0]["html"]
    # One request for the changes; the version was fetched by the wait above.
    assert _backend_requests(stack) - before == 1


def test_the_live_page_is_purged_too(stack: Stack, live: dict) -> None:
    text = "Les quais sont fermés à la circulation."
    assert text not in request(stack.url + live["url"]).text
    stack.manage("shell", "-c", _POST.format(page_id=live["id"], text=text))
    wait_until(lambda: text in request(stack.url + live["url"]).text, timeout=5, what="the page's purge")
