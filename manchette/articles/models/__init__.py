"""Pages and snippets of the newsroom: home, sections, articles, authors, agencies.

One module per concern; every name is importable from here, as before the split, so
migrations and the other apps' imports stay as they were.
"""

from .articles import (
    MUST_READ_COUNT,
    ArticleAuthor,
    ArticleBody,
    ArticlePage,
    ArticlePageQuerySet,
    ArticleTag,
    MustRead,
)
from .caching import PublicCacheMixin
from .listing import as_news_pages, news_pages, paginate, with_bylines
from .news_page import HERO_PANEL, NewsPage
from .sections import SECTION_BLOCK_SIZE, FrontPage, HomePage, SectionBlock, SectionPage, with_listing_details
from .snippets import Agency, Author

__all__ = [
    "HERO_PANEL",
    "MUST_READ_COUNT",
    "SECTION_BLOCK_SIZE",
    "Agency",
    "ArticleAuthor",
    "ArticleBody",
    "ArticlePage",
    "ArticlePageQuerySet",
    "ArticleTag",
    "Author",
    "FrontPage",
    "HomePage",
    "MustRead",
    "NewsPage",
    "PublicCacheMixin",
    "SectionBlock",
    "SectionPage",
    "as_news_pages",
    "news_pages",
    "paginate",
    "with_bylines",
    "with_listing_details",
]
