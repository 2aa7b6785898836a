"""The article page stays within its 14 KB budget with the gift panel and with the banner.

The budget (tests/audience/test_pages.py) counts the page's HTML, CSS and scripts, compressed.
Only subscribers get the panel and its copy script; only the friend gets the banner.
"""

import gzip
import re

from bs4 import BeautifulSoup
from django.test import Client

from tests.audience.test_pages import PAGE_BUDGET, _static_size

from .conftest import Scene, signed_in


def _weight(html: str) -> int:
    soup = BeautifulSoup(html, "html.parser")
    assets = [link["href"] for link in soup.select("link[rel=stylesheet]")]
    assets += [tag["src"] for tag in soup.select("script[src]")]
    return len(gzip.compress(html.encode())) + sum(_static_size(path) for path in assets)


def test_the_panel_and_the_banner_keep_the_page_within_budget(scene: Scene) -> None:
    subscriber = signed_in(scene.subscriber)
    subscriber.post(f"/offrir/{scene.article.pk}/")
    with_panel = subscriber.get(scene.article.url).content.decode()
    script = re.search(r"<script>(\(\(\)=>\{const b=.*?)</script>", with_panel)
    assert script is not None and len(gzip.compress(script.group(1).encode())) < 300
    gift_url = BeautifulSoup(with_panel, "html.parser").select_one("#gift-link")["value"]
    friend = Client().get(gift_url).content.decode()
    anonymous = Client().get(scene.article.url).content.decode()
    weights = {
        name: _weight(html)
        for name, html in [("panel", with_panel), ("friend", friend), ("plain", anonymous)]
    }
    print("compressed weights (HTML + CSS + JS):", weights)
    assert max(weights.values()) <= PAGE_BUDGET, weights
