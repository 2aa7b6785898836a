"""Media files with a cache lifetime, robots.txt and the favicon from the site app."""

from django.test import Client
from wagtail.images.models import Rendition

from tests.conftest import Newsroom


def test_renditions_may_be_kept_a_year(newsroom: Newsroom, client: Client) -> None:
    image = newsroom.image()
    rendition = image.get_rendition("fill-320x180|format-webp")
    response = client.get(rendition.url)
    assert response.status_code == 200
    directives = {part.strip() for part in response["Cache-Control"].split(",")}
    assert {"public", "max-age=31536000", "immutable"} <= directives
    assert Rendition.objects.filter(file=rendition.file.name).exists()


def test_original_images_get_a_short_lifetime(newsroom: Newsroom, client: Client) -> None:
    image = newsroom.image()
    response = client.get(image.file.url)
    assert response.status_code == 200
    directives = {part.strip() for part in response["Cache-Control"].split(",")}
    assert "max-age=3600" in directives and "immutable" not in directives


def test_missing_media_is_a_404(client: Client, db) -> None:
    assert client.get("/media/images/absente.webp").status_code == 404


def test_robots_txt_names_the_sitemaps(client: Client, settings, db) -> None:
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert f"Sitemap: {settings.SITE_URL}/sitemap.xml" in response.content.decode()


def test_favicon_points_at_the_fingerprinted_file(client: Client, db) -> None:
    response = client.get("/favicon.ico")
    assert response.status_code == 301 and "favicon" in response["Location"]


def test_the_site_url_names_the_address_in_canonical_links_and_feeds(settings, newsroom: Newsroom) -> None:
    # `make run PORT=8123` exports SITE_URL=http://127.0.0.1:8123 before `set_up_site`.
    from manchette.articles.services import ensure_home_page

    settings.SITE_URL = "http://127.0.0.1:8123"
    ensure_home_page()
    article = newsroom.article(newsroom.section())
    client = Client()
    page = client.get(article.url, HTTP_HOST="127.0.0.1:8123").content.decode()
    assert f'<link rel="canonical" href="http://127.0.0.1:8123{article.url}">' in page
    feed = client.get("/rss.xml", HTTP_HOST="127.0.0.1:8123").content.decode()
    assert f"http://127.0.0.1:8123{article.url}" in feed
