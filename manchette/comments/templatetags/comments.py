"""The comment section of the article page, and a comment's text as HTML."""

from typing import TYPE_CHECKING, Any

from django import template
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe

from manchette.subscriptions import entitlements

from .. import checks, listing, notices, notifications, rendering

if TYPE_CHECKING:  # the template tag is given the page: no import at run time
    from manchette.articles.models import ArticlePage

register = template.Library()

# What usually ends a sentence rather than an address: "(voir https://exemple.fr)."
_TRAILING = ".,;:!?)]»'\""


@register.filter
def comment_text(text: str) -> SafeString:
    """Escaped text, addresses as links the site does not vouch for, line breaks kept."""
    parts, last = [], 0
    for match in checks.URL.finditer(text):
        url = match.group(0).rstrip(_TRAILING)
        start, end = match.start(), match.start() + len(url)
        parts.append(escape(text[last:start]))
        parts.append(format_html('<a href="{}" rel="nofollow ugc noopener">{}</a>', url, url))
        last = end
    parts.append(escape(text[last:]))
    return mark_safe("".join(parts).replace("\n", "<br>\n"))  # noqa: S308 (every piece escaped above)


@register.inclusion_tag("comments/section.html", takes_context=True)
def comment_section(
    context: template.Context, article: "ArticlePage", sort: str = "recents", pages: int = 1
) -> dict[str, Any]:
    """Public list for everyone; the form, notices and own pending comments only for a logged-in reader.

    `may_comment` comes from the article page's context when it asked already (one question
    to the subscriptions per page), else from the subscriptions service.
    """
    request = context["request"]
    user = request.user
    reader = None
    if user.is_authenticated:
        # The reader's own question also reads the list's version: no query more for it.
        row = listing.reader_row(user, article)
        public = rendering.public_part(request, article, sort, pages, version=row.list_version or "")
        may_comment = context.get("may_comment")
        if may_comment is None:
            may_comment = entitlements.may_comment(user)
        reader = listing.reader_state(user, article, row, may_comment, public.closed)
    else:
        public = rendering.public_part(request, article, sort, pages)
    return {
        "request": request,
        "article": article,
        "public": public,
        "reader": reader,
        "text": context.get("comment_text", ""),
        "limit": checks.LIMIT,
        "posted": notices.take_posted(request, article.pk) if reader is not None else None,
    }


@register.inclusion_tag("comments/account_mails.html", takes_context=True)
def comment_mails_choice(context: template.Context) -> dict[str, Any]:
    """The "Commentaires" box of "Mon compte": whether replies and mentions are mailed."""
    request = context["request"]
    return {
        "request": request,
        "csrf_token": context.get("csrf_token"),
        "wanted": notifications.reply_mails_wanted(request.user),
    }
