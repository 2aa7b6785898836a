"""What the reader is told after posting, said in the comment section itself.

The site's message list sits at the top of the article, thousands of pixels above the
comments and already in the page when it loads: nobody sees or hears it there. The view
that took the comment leaves a note in the session; the article's comment section takes
it (once) and shows it where the reader is, with the focus on it.
"""

from dataclasses import dataclass

from django.http import HttpRequest

from .models import Comment

SESSION_KEY = "comments:posted"


@dataclass(frozen=True)
class Posted:
    comment_id: int
    published: bool
    reply: bool


def remember_posted(request: HttpRequest, comment: Comment) -> None:
    request.session[SESSION_KEY] = {
        "article": comment.article_id,
        "comment": comment.pk,
        "published": comment.is_published,
        "reply": comment.reply_to_id is not None,
    }


def take_posted(request: HttpRequest, article_id: int) -> Posted | None:
    """The note about a comment just posted on this article, forgotten once shown."""
    session = getattr(request, "session", None)
    if session is None:
        return None
    note = session.get(SESSION_KEY)
    if not isinstance(note, dict) or note.get("article") != article_id:
        return None
    del session[SESSION_KEY]
    return Posted(int(note["comment"]), bool(note["published"]), bool(note.get("reply")))
