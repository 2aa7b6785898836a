"""Over real HTTP, against the live server (issue 27): every page limited to reading answers
HEAD as it answers GET (monitoring and link checkers use HEAD), and the pages Lighthouse found
without one carry a meta description.
"""

import http.client
import re
from html import unescape
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model

from manchette.comments import posting
from manchette.comments.models import CommentSettings

from .conftest import LiveDemo, _session_cookie_of
from .test_comments import _reader

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _request(live_demo: LiveDemo, method: str, path: str, cookie: str = "") -> tuple[int, bytes]:
    address = urlsplit(live_demo.url)
    connection = http.client.HTTPConnection(address.hostname, address.port, timeout=30)
    try:
        connection.request(method, path, headers={"Cookie": cookie} if cookie else {})
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()


def _description(html: bytes) -> str:
    found = re.search(rb'<meta name="description" content="([^"]*)"', html)
    return unescape(found.group(1).decode()) if found else ""


def test_pages_for_reading_answer_head_as_they_answer_get(live_demo: LiveDemo) -> None:
    rules = CommentSettings.load()
    rules.premoderation = False
    rules.save()
    comment = posting.post_comment(_reader("a@exemple.test", "Aline"), live_demo.lead, "Un avis.")
    cookie = _session_cookie_of(get_user_model().objects.get(username="a@exemple.test").email)
    reader = f"{settings.SESSION_COOKIE_NAME}={cookie['value']}"
    paths = [
        ("/newsletters/", ""),
        ("/newsletters/conditions/", ""),
        ("/abonnement/", ""),
        ("/recherche/?q=budget", ""),
        ("/commentaires/charte/", ""),
        ("/commentaires/conditions/", ""),
        (f"/commentaires/article/{live_demo.lead.pk}/", ""),
        (f"/commentaires/{comment.pk}/", reader),
        ("/mon-compte/", reader),
        ("/mon-compte/supprimer/", reader),
    ]
    answers = {}
    for path, cookie_header in paths:
        get_status, _ = _request(live_demo, "GET", path, cookie_header)
        head_status, head_body = _request(live_demo, "HEAD", path, cookie_header)
        answers[path] = (get_status, head_status, len(head_body))
    wrong = {path: answer for path, answer in answers.items() if answer[:2] != (200, 200) or answer[2]}
    assert not wrong, f"(GET, HEAD, bytes of HEAD's body): {wrong}"


def test_pages_carry_a_meta_description(live_demo: LiveDemo) -> None:
    found = {}
    for path in ("/newsletters/", "/abonnement/", "/commentaires/charte/", "/commentaires/conditions/"):
        status, html = _request(live_demo, "GET", path)
        found[path] = (status, _description(html))
    assert all(status == 200 and len(text) >= 40 for status, text in found.values()), found
