from django.urls import path

from . import views

app_name = "subscriptions"
urlpatterns = [
    path("", views.offers, name="offers"),
    path("<slug:slug>/payer/", views.checkout, name="checkout"),
    path("stripe/webhook/", views.stripe_webhook, name="stripe_webhook"),
]
