"""PM Planner settings: one module, every knob read from the environment once."""

from __future__ import annotations

import hashlib
import os
import re
import sys
from pathlib import Path
from typing import NoReturn

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name} must be one of 1/0/true/false/yes/no/on/off, not {raw!r}.")


def env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        return int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {raw!r}.") from None


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


# One allauth rate, e.g. "30/m/ip" or "5/5m/key" (an amount, a period, and per what).
_RATE = re.compile(r"\d+/(\d+(\.\d+)?)?[smhd](/(ip|key|user))?")


def env_rates(name: str, default: str) -> str:
    """A comma-separated list of allauth rates."""
    raw = os.environ.get(name, default).strip()
    if not all(_RATE.fullmatch(rate.strip()) for rate in raw.split(",")):
        raise ImproperlyConfigured(f"{name} must be rates such as 10/m/ip,5/5m/key, not {raw!r}.")
    return raw


def refuse_to_start(reason: str) -> NoReturn:
    # One clear line rather than a traceback. Exit status 3 is also gunicorn's
    # "worker failed to boot", so the master stops instead of respawning workers.
    sys.stderr.write(f"PM Planner cannot start: {reason}\n")
    raise SystemExit(3)


DEBUG = env_bool("DEBUG", False)

SECRET_KEY = env_str("SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG:
        refuse_to_start("SECRET_KEY is not set. Set it in the environment (or DEBUG=1 for local development).")
    SECRET_KEY = "django-insecure-local-development-only"  # noqa: S105 - DEBUG only

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    # Before the admin: its admin classes and per-language fields (careers/translation.py).
    "modeltranslation",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.sites",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "template_partials",
    "crispy_forms",
    "crispy_bootstrap5",
    "allauth",
    "allauth.account",
    "csp",
    "adminsortable2",
    "careers",
    "plans",
    "accounts",
    "sharing",
    "insights",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "pmplanner.middleware.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # The language of a page: /zh-hans/… is Chinese, anything else English (see pmplanner/urls.py).
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Sends a visitor who prefers Chinese from an English address to its Chinese one (accounts/language.py).
    "accounts.language.PreferredLanguageMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "csp.middleware.CSPMiddleware",
]

ROOT_URLCONF = "pmplanner.urls"
WSGI_APPLICATION = "pmplanner.wsgi.application"
ASGI_APPLICATION = "pmplanner.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "accounts.language.languages",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "accounts.appearance.appearance",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=env_int("CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Several threads or processes write at once (runserver, gunicorn workers):
    # WAL lets reads run beside a write, and IMMEDIATE takes the write lock when
    # a transaction starts, so writers queue (up to `timeout` seconds) instead
    # of failing with "database is locked" halfway through.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# Django's and allauth's backends, loading the profile (name, theme) with the user.
AUTHENTICATION_BACKENDS = [
    "accounts.backends.ModelBackend",
    "accounts.backends.AuthenticationBackend",
]

# English and Simplified Chinese. English pages keep their addresses; Chinese ones
# live under /zh-hans/ (pmplanner/urls.py). Dates follow the language: "j M Y" in
# English (pmplanner/formats/en), Django's own "Y年n月j日" in Chinese.
LANGUAGE_CODE = "en"
LANGUAGES = [("en", "English"), ("zh-hans", "简体中文")]
LOCALE_PATHS = [BASE_DIR / "locale"]
FORMAT_MODULE_PATH = ["pmplanner.formats"]
TIME_ZONE = env_str("TIME_ZONE", "UTC")
USE_I18N = True
USE_TZ = True
# The switcher's choice, for a year (signed in, the profile keeps it too).
LANGUAGE_COOKIE_AGE = 365 * 24 * 3600
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"

# Career content in both languages (django-modeltranslation): a column per
# language, English required, Chinese falling back to English when empty.
MODELTRANSLATION_DEFAULT_LANGUAGE = "en"
MODELTRANSLATION_LANGUAGES = ("en", "zh-hans")
MODELTRANSLATION_FALLBACK_LANGUAGES = ("en",)
# Slugs the admin fills in come from the English text.
MODELTRANSLATION_PREPOPULATE_LANGUAGE = "en"
# The admin's language tabs use jQuery UI: vendored, since the CSP allows no other origin.
JQUERY_UI_URL = "vendor/jquery-ui-1.13.3.min.js"

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "pmplanner" / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": env_str(
            "STATICFILES_BACKEND",
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage",
        )
    },
}
WHITENOISE_MAX_AGE = 31536000 if not DEBUG else 0

# Email: console in development; EMAIL_URL-style settings for a real server.
EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "PM Planner <noreply@pmplanner.local>")

# Sessions live in the database so any number of app servers can share them.
SESSION_ENGINE = "django.contrib.sessions.backends.db"


def release_id() -> str:
    """RELEASE (e.g. the git SHA), else a digest of the templates: cached page
    fragments are rendered templates, so a new release must not be served the
    previous one's from a shared cache."""
    if release := env_str("RELEASE"):
        return release
    digest = hashlib.sha256()
    for path in sorted((BASE_DIR / "templates").rglob("*.html")):
        digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


# Two caches. "default" outlives releases: allauth's rate limits (a deploy must
# not hand every account fresh login attempts, and old and new servers must
# count together during a rolling deploy). "fragments" carries the release in
# its keys: rendered page fragments and content loaded for a content version
# (careers/content_version.py), which the next release's templates or models
# must never be served. Redis shares both between processes and hosts (one
# server, two prefixes); local memory is per process.
REDIS_URL = env_str("REDIS_URL")


def cache_alias(name: str, key_prefix: str) -> dict:
    if REDIS_URL:
        return {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": key_prefix,
        }
    return {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": name,
        "KEY_PREFIX": key_prefix,
        "OPTIONS": {"MAX_ENTRIES": 10_000},
    }


def cache_settings(release: str) -> dict:
    return {
        "default": cache_alias("default", "pmplanner"),
        "fragments": cache_alias("fragments", f"pmplanner:{release}"),
    }


CACHES = cache_settings(release_id())

# Accounts (django-allauth): email + password, no usernames shown.
SITE_NAME = "PM Planner"
# One fixed site (django.contrib.sites, kept in step by accounts/site.py on
# every migrate). allauth keys the per-account limit on failed logins on the
# site's domain plus the email; without a fixed site that domain would be the
# request's Host header, which the client picks: every new port or spelling
# would get a fresh set of guesses. The domain also signs the site's emails.
SITE_ID = 1
SITE_DOMAIN = (
    env_str("SITE_DOMAIN").strip().lower()
    or next((host for host in ALLOWED_HOSTS if host != "*" and not host.startswith(".")), "localhost").lower()
)
LOGIN_URL = "account_login"
# After logging in or signing up: the plan, unless `next` names a page.
LOGIN_REDIRECT_URL = "plans:plan"
ACCOUNT_LOGOUT_REDIRECT_URL = "home"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = "username"
# allauth fills `username` in from the email; the site never shows it.
ACCOUNT_USER_DISPLAY = "accounts.models.display_name"
# Account emails' subjects start "PM Planner: " in the email's language (accounts/adapter.py).
ACCOUNT_ADAPTER = "accounts.adapter.AccountAdapter"
# allauth's forms in the site's voice, with PM Planner's input limits (accounts/forms.py).
ACCOUNT_FORMS = {
    "login": "accounts.forms.LoginForm",
    "signup": "accounts.forms.SignupForm",
    "add_email": "accounts.forms.AddEmailForm",
    "change_password": "accounts.forms.ChangePasswordForm",
    "set_password": "accounts.forms.SetPasswordForm",
    "reset_password": "accounts.forms.ResetPasswordForm",
    "reset_password_from_key": "accounts.forms.ResetPasswordKeyForm",
    "reauthenticate": "accounts.forms.ReauthenticateForm",
}
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_EMAIL_VERIFICATION = env_str("ACCOUNT_EMAIL_VERIFICATION", "optional")
ACCOUNT_LOGOUT_ON_GET = False
ACCOUNT_SESSION_REMEMBER = None
# Behind N reverse proxies / load balancers, the client is the Nth address from
# the right of X-Forwarded-For; without this every visitor shares the proxy's IP limit.
ALLAUTH_TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)
# Each can be tuned from the environment (RATE_LIMIT_LOGIN_FAILED and so on),
# e.g. shorter windows for `make test-scale`, which cannot wait five minutes.
ACCOUNT_RATE_LIMITS = {
    action: env_rates(f"RATE_LIMIT_{action.upper()}", default)
    for action, default in {
        "login": "30/m/ip",
        "login_failed": "10/m/ip,5/5m/key",
        "signup": "20/m/ip",
        "reset_password": "20/m/ip,5/m/key",
        "reset_password_from_key": "20/m/ip",
    }.items()
}

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# Security headers; production values are switched on when DEBUG is off.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
# Pages carry the token in the markup (hx-headers, form fields); no script reads the cookie.
CSRF_COOKIE_HTTPONLY = True
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
LANGUAGE_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
# A load balancer's health probe may use plain HTTP inside the network.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = not DEBUG

MESSAGE_TAGS = {40: "danger"}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "WARNING")},
}

# Content-Security-Policy (django-csp): nothing inline, nothing from elsewhere.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}
# Sent by pmplanner.middleware.PermissionsPolicyMiddleware: the planner needs
# none of these browser features, so no page (or injected script) may use them.
PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in (
        "accelerometer",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "usb",
    )
)
