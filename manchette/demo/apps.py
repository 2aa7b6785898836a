from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "manchette.demo"
    label = "demo"
    verbose_name = "Démo"
