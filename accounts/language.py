"""Which language the site speaks to a person, and how they change it.

A page's language is in its address: /zh-hans/… is Chinese, every other page
English (Django's LocaleMiddleware with `i18n_patterns(prefix_default_language=False)`,
pmplanner/urls.py), so a link always opens in the language it was made in. What a
person prefers (the switcher's choice in the language cookie, else their browser's
Accept-Language) sends them from an English address to its Chinese one when that
is what they prefer. Signed in, the profile keeps the choice: it is saved by the
switcher, remembered from the language of sign-up or first login, and put back
in the cookie at every login, so another browser speaks their language at once.
Emails use the profile's language (`for_user`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth.signals import user_logged_in
from django.core.exceptions import BadRequest
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import translate_url
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.functional import SimpleLazyObject
from django.views.decorators.http import require_POST
from django.views.i18n import set_language as django_set_language

from .models import Profile

CODES = [code for code, _name in settings.LANGUAGES]
# Set on a request whose response must put the profile's language in the cookie.
COOKIE_FROM_PROFILE = "_language_from_profile"


def path_in(path: str, language: str) -> str:
    """The same page in `language` ("/tracks/ux/" -> "/zh-hans/tracks/ux/"), query string kept.

    Resolved in the language the path itself is in: Django's `translate_url` resolves
    in the active language, which on /i18n/setlang/ is English, so on its own it
    could not read a Chinese address. A path no page matches comes back unchanged."""
    own = translation.get_language_from_path(urlsplit(path).path) or settings.LANGUAGE_CODE
    with translation.override(own):
        return translate_url(path, language)


def preferred(request: HttpRequest) -> str:
    """The switcher's choice (the cookie), else the browser's best match, else English."""
    return translation.get_language_from_request(request, check_path=False)


def for_user(user) -> str:
    """The language to write to someone in: their profile's, else English."""
    language = Profile.of(user).language
    return language if language in CODES else settings.LANGUAGE_CODE


class PreferredLanguageMiddleware:
    """Redirects a page view at an English (unprefixed) address to the same page in
    the language the visitor prefers, when that is not English.

    Only GET and HEAD of whole pages: a form post or an htmx request is answered in
    the language of its address. Addresses outside `i18n_patterns` (/healthz, the
    admin) map to themselves and are never redirected; a visitor who prefers English
    costs nothing more than reading the cookie and Accept-Language."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        redirect = self.redirect(request)
        response = redirect or self.get_response(request)
        remembered = getattr(request, COOKIE_FROM_PROFILE, None)
        if remembered:
            set_cookie(response, remembered)
        return response

    def redirect(self, request: HttpRequest) -> HttpResponse | None:
        if request.method not in ("GET", "HEAD") or request.headers.get("HX-Request"):
            return None
        if translation.get_language_from_path(request.path_info):
            return None
        language = preferred(request)
        if language == settings.LANGUAGE_CODE:
            return None
        here = request.get_full_path()
        there = path_in(here, language)
        if there == here:
            return None
        response = HttpResponseRedirect(there)
        patch_vary_headers(response, ("Accept-Language", "Cookie"))
        return response


def set_cookie(response: HttpResponse, language: str) -> None:
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        path=settings.LANGUAGE_COOKIE_PATH,
        domain=settings.LANGUAGE_COOKIE_DOMAIN,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
    )


@require_POST
def set_language(request: HttpRequest) -> HttpResponse:
    """The switcher: Django's `set_language` (cookie, then back to `next` in the chosen
    language), refusing an unknown language, and saving the choice on the profile."""
    language = request.POST.get("language", "")
    if language not in CODES:
        raise BadRequest(translation.gettext("Choose one of the site's languages."))
    # Django resolves `next` in the active language: make that the language `next` is in.
    next_path = request.POST.get("next", "")
    with translation.override(translation.get_language_from_path(urlsplit(next_path).path) or settings.LANGUAGE_CODE):
        response = django_set_language(request)
    if request.user.is_authenticated:
        Profile.objects.update_or_create(user=request.user, defaults={"language": language})
    return response


@receiver(user_logged_in, dispatch_uid="accounts_language_at_login")
def language_at_login(sender, request, user, **kwargs) -> None:
    """Signing up or in: a profile's language comes back to this browser. Without one,
    a person using the site in Chinese keeps Chinese (for their emails too); English,
    the default, needs no row (nothing is stored until there is something to keep)."""
    if request is None:
        return
    profile = Profile.of(user)
    if profile.language in CODES:
        setattr(request, COOKIE_FROM_PROFILE, profile.language)
        return
    current = translation.get_language()
    if current in CODES and current != settings.LANGUAGE_CODE:
        Profile.objects.update_or_create(user=user, defaults={"language": current})


@dataclass(frozen=True)
class LanguageLink:
    code: str  # "zh-hans"
    name: str  # in its own language: "简体中文"
    url: str  # this page in that language
    absolute_url: str
    current: bool

    @property
    def tag(self) -> str:
        """The BCP 47 tag for `lang` and `hreflang`: "zh-Hans"."""
        return translation.to_locale(self.code).replace("_", "-")


def links(request: HttpRequest) -> list[LanguageLink]:
    """This page in every language; empty when the page has no address per language
    (a 404, the admin), so no alternates or switcher links point nowhere."""
    here = request.get_full_path()
    current = translation.get_language()
    urls = {code: path_in(here, code) for code in CODES}
    if len(set(urls.values())) < len(urls):
        return []
    return [
        LanguageLink(code, name, urls[code], request.build_absolute_uri(urls[code]), code == current)
        for code, name in settings.LANGUAGES
    ]


def languages(request: HttpRequest) -> dict:
    """Context processor: `language_links` for the switcher and the hreflang alternates. Lazy."""
    return {"language_links": SimpleLazyObject(lambda: links(request))}
