from django.apps import AppConfig, apps
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = gettext_lazy("Your account")

    def ready(self) -> None:
        from . import language  # noqa: F401 - connects the login signal
        from .site import sync_site

        # Sent for the sites app, once its tables exist.
        post_migrate.connect(sync_site, sender=apps.get_app_config("sites"), dispatch_uid="accounts_sync_site")
