from django.urls import path

from . import views

app_name = "audio"
urlpatterns = [
    path("ecouter/<str:token>/", views.listen, name="listen"),
]
