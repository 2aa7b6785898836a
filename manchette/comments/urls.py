from django.urls import path

from . import views

app_name = "comments"
urlpatterns = [
    path("charte/", views.charter, name="charter"),
    path("conditions/", views.terms, name="terms"),
    path("avis-par-e-mail/", views.reply_mails, name="reply_mails"),
    path("article/<int:article_id>/", views.comment_list, name="list"),
    path("article/<int:article_id>/publier/", views.post, name="post"),
    path("<int:comment_id>/", views.detail, name="detail"),
    path("<int:comment_id>/modifier/", views.edit, name="edit"),
    path("<int:comment_id>/supprimer/", views.delete, name="delete"),
    path("<int:comment_id>/signaler/", views.report, name="report"),
]
