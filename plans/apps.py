from django.apps import AppConfig


class PlansConfig(AppConfig):
    name = "plans"
    verbose_name = "Learning plans"

    def ready(self) -> None:
        from careers import content_version

        from .models import SuggestedStep, Target

        content_version.track(SuggestedStep, Target)
