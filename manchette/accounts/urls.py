from django.urls import path

from . import views

app_name = "accounts"
urlpatterns = [
    path("", views.overview, name="overview"),
    path("abonnement/", views.subscription, name="subscription"),
    path("newsletters/", views.newsletters, name="newsletters"),
    path("mes-donnees.json", views.export_data, name="export"),
    path("supprimer/", views.delete_account, name="delete"),
]
