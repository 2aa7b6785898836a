from django.urls import path

from manchette.newsletters import views as newsletters

from . import views

app_name = "accounts"
urlpatterns = [
    path("", views.overview, name="overview"),
    path("abonnement/", views.subscription, name="subscription"),
    path("newsletters/", newsletters.account, name="newsletters"),
    path("mes-donnees.json", views.export_data, name="export"),
    path("supprimer/", views.delete_account, name="delete"),
]
