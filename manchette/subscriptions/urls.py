from django.urls import path

from . import views

app_name = "subscriptions"
urlpatterns = [
    path("", views.offers, name="offers"),
    path("<slug:slug>/payer/", views.checkout, name="checkout"),
    path("resilier/", views.cancel, name="cancel"),
    path("resiliation-confirmee/", views.cancelled, name="cancelled"),
    path("reprendre/", views.resume, name="resume"),
    path("moyen-de-paiement/", views.payment_method, name="payment_method"),
    path("stripe/webhook/", views.stripe_webhook, name="stripe_webhook"),
]
