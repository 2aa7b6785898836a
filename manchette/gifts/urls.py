from django.urls import path

from . import views

app_name = "gifts"
urlpatterns = [
    path("offrir/<id:article_id>/", views.offer, name="offer"),
    path("offrir/retirer/<id:gift_id>/", views.withdraw, name="withdraw"),
    path("mon-compte/articles-offerts/", views.account, name="account"),
]
