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
from .listing import paginate, with_bylines
from .sections import SECTION_BLOCK_SIZE, FrontPage, HomePage, SectionBlock, SectionPage, with_listing_details
from .snippets import Agency, Author

__all__ = [
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
    "PublicCacheMixin",
    "SectionBlock",
    "SectionPage",
    "paginate",
    "with_bylines",
    "with_listing_details",
]
