"""The embedded default counts beacons without a database write per hit, and a web worker
that stops normally folds what it had added up: granian with 2 workers (what `make run`
serves), no Varnish, no Redis, on the demo newsroom's SQLite database.

Each worker folds every AUDIENCE_BUFFER_SECONDS: set far beyond the test here, so nothing is
written while the beacons arrive, and only the stop can have folded them.
"""

import json

from .conftest import StackFactory
from .servers import PYTHON, request

BROWSER = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0"
ROBOT = "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)"
GRANIAN = [str(PYTHON.parent / "granian"), "--interface", "wsgi", "--host", "127.0.0.1", "--port", "{port}",
           "--workers", "2", "--log-level", "warning", "manchette.wsgi:application"]
VIEWS = 40

_ARTICLE_AND_VIEWS = """
import json
from django.db.models import Sum
from manchette.articles.models import ArticlePage
from manchette.audience.models import DailyViews
article = ArticlePage.objects.live().order_by("pk").first()
views = DailyViews.objects.filter(object_id=article.pk).aggregate(total=Sum("views"))["total"] or 0
print(json.dumps({"id": article.pk, "views": views}))
"""


def test_workers_add_up_in_memory_and_fold_when_they_stop(make_stack: StackFactory) -> None:
    stack = make_stack(varnish=False, app_command=GRANIAN, env={"AUDIENCE_BUFFER_SECONDS": "600"})

    def article() -> dict:
        return json.loads(stack.manage("shell", "-c", _ARTICLE_AND_VIEWS).strip().splitlines()[-1])

    found = article()
    for number in range(VIEWS + VIEWS // 4):
        agent = ROBOT if number % 5 == 4 else BROWSER
        answer = request(f"{stack.url}/mesure/?k=articlepage&p={found['id']}&r=www.google.fr&n=0", "POST",
                         body=b"", headers={"User-Agent": agent})
        assert answer.status == 204
    assert article()["views"] == found["views"]  # nothing written yet
    stack.apps[0].stop(timeout=30)
    assert article()["views"] - found["views"] == VIEWS
