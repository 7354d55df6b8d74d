from django.urls import path, register_converter

from plans.progress import LABELS

from . import views


class TokenConverter:
    """A random token as `secrets.token_urlsafe` makes it; anything else never reaches a view."""

    regex = "[A-Za-z0-9_-]{16,64}"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


class SectionConverter:
    """A section of the plan, by its key (courses, portfolio, ...)."""

    regex = "|".join(LABELS)

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(TokenConverter, "token")
register_converter(SectionConverter, "section")

app_name = "sharing"

urlpatterns = [
    # What the person shares, managed by them.
    path("share/", views.manage, name="manage"),
    path("share/portfolio/", views.profile, name="profile"),
    path("share/links/", views.link_create, name="link_create"),
    path("share/links/<int:pk>/revoke/", views.link_revoke, name="link_revoke"),
    path("share/download/<section:section>.csv", views.download_csv, name="csv"),
    # What anyone with the address sees.
    path("p/<slug:slug>/", views.portfolio, name="portfolio"),
    path("p/t/<token:token>/", views.portfolio_by_token, name="portfolio_by_token"),
    path("shared-plan/<token:token>/", views.shared_plan, name="shared_plan"),
]
