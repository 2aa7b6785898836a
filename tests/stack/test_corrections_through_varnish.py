"""A notice reaches readers through a real Varnish at once (issue 26): the article, the
corrections page and its feed are cached and shared, and adding a rectificatif purges the
three, so the next reader sees it well before the cached copies would expire (60 s)."""

import json
from html import unescape

from .conftest import StackFactory
from .servers import request, wait_until

TEXT = "Une version précédente de cet article donnait un mauvais chiffre, le bon est 42."

_FACTS = """
import json
from manchette.articles.models import ArticlePage
from manchette.corrections.models import Correction
corrected = Correction.objects.values_list("article_id", flat=True)
article = ArticlePage.objects.live().filter(premium=False).exclude(pk__in=corrected).order_by("pk").first()
print(json.dumps({"id": article.pk, "url": article.url}))
"""


def test_a_new_notice_is_purged_from_varnish(make_module_stack: StackFactory) -> None:
    stack = make_module_stack(apps=1, workers=1)
    article = json.loads(stack.manage("shell", "-c", _FACTS).strip().splitlines()[-1])
    paths = (article["url"], "/rectificatifs/", "/rectificatifs/rss.xml")
    for path in paths:
        assert request(stack.url + path).status == 200
        again = request(stack.url + path)
        assert again.cache_hit, path
        assert TEXT not in unescape(again.text)

    stack.manage(
        "shell",
        "-c",
        "from manchette.articles.models import ArticlePage\n"
        "from manchette.corrections import services\n"
        f"article = ArticlePage.objects.get(pk={article['id']})\n"
        f"services.add_correction(article, 'rectificatif', {TEXT!r}, by=None)\n",
    )
    for path in paths:
        wait_until(
            lambda path=path: TEXT in unescape(request(stack.url + path).text),
            timeout=10,
            interval=0.05,
            what=f"{path} shows the new notice",
        )
