"""Issue 20, third defect: a comment published through one application process shows
through every other one, in the embedded default (no Redis: each process has its own
in-memory cache).

Two gunicorn servers of two worker processes each, on one database, nothing in front. Every
process renders the article's comment list first (each then holds the list in its own
cache); a subscriber publishes a comment through the first server; then every answer of
every server shows it. The list's version used to live in the per-process cache, changed
only in the process that took the comment: the others kept the old list for good.
"""

from __future__ import annotations

import re
import time
from urllib.parse import urlencode

import pytest

from .conftest import Stack
from .servers import Response, request

PAGE_CACHE_SECONDS = 1
READS = 20
TEXT = "Vu depuis un autre processus : le port de Tromsø paie ses bornes."
SETUP = """
from django.test import Client
from manchette.articles.models import ArticlePage
from manchette.comments.demo import ARTICLE_SLUG
from manchette.comments.models import CommentSettings
from django.contrib.auth import get_user_model

rules = CommentSettings.load()
rules.held_first_comments = 0
rules.save()
article = ArticlePage.objects.get(slug=ARTICLE_SLUG)
client = Client()
client.force_login(get_user_model().objects.get(email="abonne@manchette.test"))
print(article.pk, article.get_url_parts()[2], client.cookies["sessionid"].value)
"""


@pytest.fixture(scope="module")
def stack(make_module_stack) -> Stack:
    # One server only: the second starts once the rules have changed (the first has read none yet).
    return make_module_stack(apps=1, varnish=False, env={"PAGE_CACHE_SECONDS": str(PAGE_CACHE_SECONDS)})


def _shows(response: Response) -> bool:
    assert response.status == 200, (response.status, response.text[:300])
    return TEXT in response.text


def test_a_comment_published_through_one_process_shows_through_every_other(stack: Stack) -> None:
    article_id, article_path, session = stack.manage("shell", "--no-imports", "-c", SETUP).split()[-3:]
    stack.start_app()
    servers = [app.url for app in stack.apps]
    anonymous_list = f"/commentaires/article/{article_id}/?tri=recents"  # never a page copy
    subscriber = {"sessionid": session}

    for server in servers:  # every worker process renders and keeps the list (and the page)
        for _ in range(READS):
            assert not _shows(request(server + anonymous_list))
            assert not _shows(request(server + article_path, cookies=subscriber))
            assert not _shows(request(server + article_path))

    page = request(servers[0] + article_path, cookies=subscriber)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text)
    assert token, page.text[:500]
    posted = request(
        servers[0] + f"/commentaires/article/{article_id}/publier/",
        method="POST",
        headers={"Content-Type": "application/x-www-form-urlencoded", "Referer": servers[0] + article_path},
        cookies={**subscriber, **page.cookies()},
        body=urlencode({"csrfmiddlewaretoken": token.group(1), "texte": TEXT}),
    )
    assert posted.status == 302, posted.text[:500]

    for server in servers:
        # The list on its own page and the logged-in reader's article page: at once.
        assert all(_shows(request(server + anonymous_list)) for _ in range(READS)), server
        assert all(_shows(request(server + article_path, cookies=subscriber)) for _ in range(READS)), server
    # An anonymous article page may be a copy kept PAGE_CACHE_SECONDS by the process that
    # answers (manchette/website/page_cache.py); once that time is out, every answer shows it.
    time.sleep(PAGE_CACHE_SECONDS + 0.5)
    for server in servers:
        assert all(_shows(request(server + article_path)) for _ in range(READS)), server
