from django.http import HttpRequest
from django.urls import URLPattern, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import admin_views


class ModerationMenuItem(MenuItem):
    def is_shown(self, request: HttpRequest) -> bool:
        return admin_views.may_moderate(request.user)


@hooks.register("register_admin_urls")
def moderation_urls() -> list[URLPattern]:
    return [
        path("commentaires/", admin_views.queue, name="comments_moderation"),
        path("commentaires/<id:comment_id>/<slug:action>/", admin_views.act, name="comments_moderate"),
        path("commentaires/article/<id:article_id>/fermer/", admin_views.close, name="comments_close"),
        path("commentaires/lecteur/<id:user_id>/", admin_views.commenter, name="comments_commenter"),
        path(
            "commentaires/lecteur/<id:user_id>/mesure/",
            admin_views.commenter_act,
            name="comments_commenter_act",
        ),
    ]


@hooks.register("register_admin_menu_item")
def moderation_menu_item() -> MenuItem:
    return ModerationMenuItem(
        _("Modération"),
        reverse("comments_moderation"),
        name="comments-moderation",
        icon_name="comment",
        order=250,
    )
