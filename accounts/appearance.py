"""How the site shows itself to the person asking: their theme and the name it calls them."""

from __future__ import annotations

from dataclasses import dataclass

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from .models import Profile, Theme

# Remembers an anonymous visitor's choice when the switch was used without
# JavaScript (with JavaScript, localStorage does); signed in, the profile does.
THEME_COOKIE = "theme"
THEME_COOKIE_AGE = 365 * 24 * 3600


@dataclass(frozen=True)
class Appearance:
    theme: str  # one of Theme.values
    from_account: bool  # the choice is the account's: it wins over this browser's
    name: str  # "" when signed out

    @classmethod
    def for_request(cls, request: HttpRequest) -> Appearance:
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            profile = Profile.of(user)
            return cls(theme=profile.theme, from_account=True, name=profile.name)
        cookie = request.COOKIES.get(THEME_COOKIE, "")
        return cls(theme=cookie if cookie in Theme.values else Theme.SYSTEM, from_account=False, name="")


def appearance(request: HttpRequest) -> dict:
    """Context processor. Lazy, so a template that never asks costs nothing."""
    return {"appearance": SimpleLazyObject(lambda: Appearance.for_request(request))}
