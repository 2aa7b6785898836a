"""The newsroom's figures: per article, links and openings; for editors; naming nobody."""

from django.test import Client

from manchette.newsroom.services import EDITORS, JOURNALISTS

from .conftest import Scene, signed_in


def test_editors_see_links_and_openings_per_article_and_no_names(scene: Scene, make_user) -> None:
    path = scene.gift_path(scene.offer())
    Client().get(path)
    Client().get(path)
    editor = make_user(group=EDITORS)
    page = signed_in(editor).get("/admin/articles-offerts/")
    assert page.status_code == 200
    html = page.content.decode()
    row = html[html.index(scene.article.title) :]
    assert "<td>1</td><td>2</td>" in row.replace("\n", "")
    assert scene.subscriber.email not in html and scene.subscriber.username not in html
    journalist = make_user(group=JOURNALISTS)
    assert signed_in(journalist).get("/admin/articles-offerts/").status_code in (302, 403)
