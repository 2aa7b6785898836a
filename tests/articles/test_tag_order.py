"""An article's tags come in one order, the order they were given, wherever they are listed.

Found by the restore drill (tests/backups/) on PostgreSQL: without an ORDER BY, the feed listed
an article's tags in the rows' physical order, which a restore (or any update of a row)
changes, so the restored site's RSS feed differed from the original's.
"""

import pytest
from defusedxml import ElementTree
from django.db import connection
from django.test import Client
from taggit.models import Tag

from manchette.articles.models import ArticlePage, ArticleTag, with_listing_details
from tests.conftest import Newsroom


@pytest.fixture
def tagged(newsroom: Newsroom) -> ArticlePage:
    article = newsroom.article(newsroom.section("Politique"), tags=["Parlement", "Budget", "Gouvernement"])
    # Rewriting the first tag's rows (an indexed column changed and back) moves them to the end
    # of PostgreSQL's tables and indexes, as a restore may reorder rows: the order given must not.
    first, second = ArticleTag.objects.filter(content_object=article).order_by("pk")[:2]
    ArticleTag.objects.filter(pk=first.pk).update(tag=second.tag_id)
    ArticleTag.objects.filter(pk=first.pk).update(tag=first.tag_id)
    Tag.objects.filter(pk=first.tag_id).update(slug="provisoire")
    Tag.objects.filter(pk=first.tag_id).update(slug=first.tag.slug)
    return article


def test_listings_give_the_tags_in_the_order_they_were_given(tagged: ArticlePage) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("SQLite keeps an updated row in its place: the order never moves there")
    [article] = with_listing_details([ArticlePage.objects.get(pk=tagged.pk)])
    assert [tag.name for tag in article.tag_list] == ["Parlement", "Budget", "Gouvernement"]


def test_the_feed_gives_the_tags_in_the_order_they_were_given(tagged: ArticlePage) -> None:
    feed = ElementTree.fromstring(Client().get("/rss.xml").content)
    [item] = feed.iter("item")
    assert [category.text for category in item.iter("category")] == [
        "Politique", "Parlement", "Budget", "Gouvernement"]
