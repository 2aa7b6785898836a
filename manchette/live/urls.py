from django.urls import path

from . import views

app_name = "live"

urlpatterns = [
    path("<id:page_id>/version.json", views.version, name="version"),
    path("<id:page_id>/entrees.json", views.changes, name="changes"),
]
