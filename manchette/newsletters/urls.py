from django.urls import path

from . import link_views, views

app_name = "newsletters"
urlpatterns = [
    path("", views.index, name="index"),
    path("conditions/", views.terms, name="terms"),
    path("confirmer/<str:token>/", views.confirm, name="confirm"),
    path("desinscription/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path("preferences/<str:token>/", views.manage, name="manage"),
    path("lien/<id:edition_id>/<id:article_id>/<str:signature>/", link_views.follow, name="link"),
    path("<slug:slug>/inscription/", views.signup, name="signup"),
    path("<slug:slug>/inscription-enregistree/", views.signed_up, name="signed_up"),
]
