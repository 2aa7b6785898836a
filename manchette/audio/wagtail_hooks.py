from collections.abc import Iterator

from django.contrib.auth.models import User
from django.urls import URLPattern, path, reverse
from django.utils.translation import gettext as _
from wagtail import hooks
from wagtail.admin.widgets import Button
from wagtail.models import Page

from manchette.articles.models import ArticlePage

from .admin_views import ArticleAudioView, state_label
from .models import ArticleAudio


@hooks.register("register_admin_urls")
def audio_admin_urls() -> list[URLPattern]:
    return [path("audio/article/<id:page_id>/", ArticleAudioView.as_view(), name="audio_admin_article")]


@hooks.register("register_page_header_buttons")
def audio_state_button(
    page: Page, user: User, view_name: str, next_url: str | None = None
) -> Iterator[Button]:
    """The article's editing page says where its audio stands, and leads to its page."""
    if not issubclass(page.specific_class, ArticlePage):
        return
    audio = ArticleAudio.objects.filter(article_id=page.pk).first()
    yield Button(
        _("Audio : %(state)s") % {"state": state_label(audio)},
        reverse("audio_admin_article", args=[page.pk]),
        icon_name="media",
        priority=90,
    )
