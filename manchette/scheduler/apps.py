from django.apps import AppConfig


class SchedulerConfig(AppConfig):
    """`manage.py run_scheduler` and its reconcilers' registry; no models, nothing in the admin."""

    name = "manchette.scheduler"
    label = "scheduler"
