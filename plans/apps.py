from django.apps import AppConfig


class PlansConfig(AppConfig):
    name = "plans"
    verbose_name = "Learning plans"

    def ready(self) -> None:
        from . import signals  # noqa: F401 - connects the receivers
