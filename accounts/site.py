"""The one site PM Planner runs as: `SITE_ID`'s row carries `SITE_DOMAIN` and `SITE_NAME`.

allauth reads the current site for the per-account login limit's key and to
sign its emails; with `SITE_ID` set that is this row, whatever Host header a
request sends. `migrate` writes the configured values after every run, so a
changed `SITE_DOMAIN` takes effect on the next release.
"""

from __future__ import annotations

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, router


def sync_site(*, using: str = DEFAULT_DB_ALIAS, apps=None, **_signal_kwargs) -> None:
    """post_migrate: create or update the site row from the settings."""
    from django.contrib.sites.models import Site

    model = apps.get_model("sites", "Site") if apps else Site
    if not router.allow_migrate_model(using, model):
        return
    model.objects.using(using).update_or_create(
        pk=settings.SITE_ID, defaults={"domain": settings.SITE_DOMAIN, "name": settings.SITE_NAME}
    )
    Site.objects.clear_cache()


def absolute_url(path: str) -> str:
    """A link to a page of the site for an email or a calendar: the configured
    site's domain, with https whenever the site redirects to it."""
    from django.contrib.sites.models import Site

    scheme = "https" if settings.SECURE_SSL_REDIRECT else "http"
    return f"{scheme}://{Site.objects.get_current().domain}{path}"
