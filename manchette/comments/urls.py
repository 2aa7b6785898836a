from django.urls import path

from . import views

app_name = "comments"
urlpatterns = [
    path("charte/", views.charter, name="charter"),
    path("conditions/", views.terms, name="terms"),
    path("avis-par-e-mail/", views.reply_mails, name="reply_mails"),
    path("article/<id:article_id>/", views.comment_list, name="list"),
    path("article/<id:article_id>/publier/", views.post, name="post"),
    path("<id:comment_id>/", views.detail, name="detail"),
    path("<id:comment_id>/modifier/", views.edit, name="edit"),
    path("<id:comment_id>/supprimer/", views.delete, name="delete"),
    path("<id:comment_id>/signaler/", views.report, name="report"),
]
