from django.apps import AppConfig


class CareersConfig(AppConfig):
    name = "careers"
    verbose_name = "Career content"

    def ready(self) -> None:
        from . import signals  # noqa: F401 - connects the receivers
