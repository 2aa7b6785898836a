"""The newsroom's view of an article's audio: its state, and a button to make it again."""

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin.views.generic import WagtailAdminTemplateMixin

from manchette.articles.models import ArticlePage

from . import services, tasks
from .models import ArticleAudio


def state_label(audio: ArticleAudio | None) -> str:
    """ "prête (3 min 12 s)", "en préparation", "échec", "pas encore demandée"."""
    if audio is None:
        return _("pas encore demandée")
    if audio.status == ArticleAudio.Status.READY:
        minutes, seconds = divmod(round(audio.duration or 0), 60)
        return _("prête (%(minutes)d min %(seconds)d s)") % {"minutes": minutes, "seconds": seconds}
    return str(audio.get_status_display())


class ArticleAudioView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "audio/admin/article_audio.html"
    page_title = gettext_lazy("Version audio")
    header_icon = "media"

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        self.article = get_object_or_404(ArticlePage, pk=kwargs["page_id"])
        self.permissions = self.article.permissions_for_user(request.user)
        if not self.permissions.can_edit():
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_page_subtitle(self) -> str:
        return self.article.title

    def get_header_title(self) -> str:
        # Wagtail joins them with ": ", which French typography does not (" : ").
        return _("Version audio : %(title)s") % {"title": self.article.title}

    def get_breadcrumbs_items(self) -> list[dict]:
        """Home, the article (its editor), then this page: where the editor came from."""
        return [
            *self.breadcrumbs_items,
            {"url": reverse("wagtailadmin_pages:edit", args=[self.article.pk]), "label": self.article.title},
            {"url": "", "label": _("Version audio")},
        ]

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        audio = ArticleAudio.objects.filter(article=self.article).first()
        return {
            **super().get_context_data(**kwargs),
            "article": self.article,
            "audio": audio,
            "state": state_label(audio),
            "may_regenerate": self.article.live and self.permissions.can_publish(),
        }

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not (self.article.live and self.permissions.can_publish()):
            raise PermissionDenied
        article_id = self.article.pk
        services.mark_pending([article_id])
        transaction.on_commit(lambda: tasks.generate_audio.enqueue(article_id, force=True))
        messages.success(request, _("La version audio sera refaite par le serveur de tâches."))
        return redirect(reverse("audio_admin_article", args=[article_id]))
