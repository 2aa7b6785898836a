from typing import TYPE_CHECKING, Any

from django import template

from manchette.website import generation

from .. import services

if TYPE_CHECKING:  # the template tag is given the page: no import at run time
    from manchette.articles.models import ArticlePage

register = template.Library()

SPEEDS = [("1", "1×"), ("1.25", "1,25×"), ("1.5", "1,5×"), ("2", "2×")]


def clock(seconds: float) -> str:
    minutes, rest = divmod(round(seconds), 60)
    return f"{minutes}:{rest:02d}"


@register.inclusion_tag("audio/player.html", takes_context=True)
def audio_player(context: template.Context, article: "ArticlePage") -> dict[str, Any]:
    """The player for a reader entitled to listen (the page asked): a link signed for them alone."""
    request = context["request"]
    audio = generation.remember(
        generation.current(request), f"playable-audio:{article.pk}", lambda: services.playable_audio(article)
    )
    if audio is None:
        return {"audio": None}
    minutes, seconds = divmod(round(audio.duration or 0), 60)
    return {
        "audio": audio,
        "article": article,
        "url": services.listening_url(audio, request.user),
        "minutes": minutes,
        "seconds": seconds,
        "speeds": SPEEDS,
        "chapters": [{**chapter, "clock": clock(chapter["start"])} for chapter in audio.chapters],
    }
