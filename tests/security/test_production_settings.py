"""Production settings, checked in a fresh interpreter with a production environment.

The test process itself runs pmplanner.settings_test (DEBUG on), so these start
manage.py / python in a subprocess with only the variables a server would have.
"""

from __future__ import annotations

import json
import os
import secrets
import subprocess
import sys

from django.conf import settings

PRODUCTION_ENV = {
    "DJANGO_SETTINGS_MODULE": "pmplanner.settings",
    "DEBUG": "0",
    "ALLOWED_HOSTS": "planner.example.com",
    # Never connected to: check --deploy and reading settings need no server.
    "DATABASE_URL": "postgres://pmplanner:secret@db.invalid:5432/pmplanner",
}


def run(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    base = {"PATH": os.environ.get("PATH", ""), **PRODUCTION_ENV}
    return subprocess.run(
        [sys.executable, *args],
        cwd=settings.BASE_DIR,
        env={**base, **env},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def production_settings(*names: str, **env: str) -> dict:
    code = (
        "import json; from django.conf import settings; "
        f"print(json.dumps({{name: getattr(settings, name) for name in {list(names)!r}}}, default=str))"
    )
    result = run("-c", code, SECRET_KEY=secrets.token_urlsafe(50), **env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_check_deploy_has_no_warnings():
    result = run("manage.py", "check", "--deploy", "--fail-level", "WARNING", SECRET_KEY=secrets.token_urlsafe(50))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout
    assert "WARNING" not in result.stdout + result.stderr


def test_check_deploy_notices_an_insecure_setting():
    # The test above can fail: the same check flags a production server without HSTS.
    result = run(
        "manage.py", "check", "--deploy", "--fail-level", "WARNING", SECRET_KEY=secrets.token_urlsafe(50),
        SECURE_HSTS_SECONDS="0",
    )  # fmt: skip
    assert result.returncode != 0
    assert "security.W004" in result.stdout + result.stderr


def test_missing_secret_key_stops_start_up_with_one_line():
    result = run("manage.py", "check")
    assert result.returncode != 0
    lines = result.stderr.strip().splitlines()
    assert lines == [
        "PM Planner cannot start: SECRET_KEY is not set. Set it in the environment (or DEBUG=1 for local development)."
    ]


def test_missing_secret_key_stops_the_wsgi_application_too():
    result = run("-c", "import pmplanner.wsgi")
    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr
    assert "Traceback" not in result.stderr


def test_production_uses_postgres_from_database_url():
    values = production_settings("DATABASES")
    assert values["DATABASES"]["default"]["ENGINE"] == "django.db.backends.postgresql"
    assert values["DATABASES"]["default"]["HOST"] == "db.invalid"


def test_production_cookies_are_secure_http_only_and_same_site():
    values = production_settings(
        "DEBUG",
        "SESSION_COOKIE_SECURE",
        "SESSION_COOKIE_HTTPONLY",
        "SESSION_COOKIE_SAMESITE",
        "CSRF_COOKIE_SECURE",
        "CSRF_COOKIE_HTTPONLY",
        "CSRF_COOKIE_SAMESITE",
        "SECURE_SSL_REDIRECT",
        "SECURE_HSTS_SECONDS",
    )
    assert values == {
        "DEBUG": False,
        "SESSION_COOKIE_SECURE": True,
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "CSRF_COOKIE_SECURE": True,
        "CSRF_COOKIE_HTTPONLY": True,
        "CSRF_COOKIE_SAMESITE": "Lax",
        "SECURE_SSL_REDIRECT": True,
        "SECURE_HSTS_SECONDS": 31536000,
    }


def test_development_cookies_work_over_plain_http():
    values = production_settings("SESSION_COOKIE_SECURE", "CSRF_COOKIE_SECURE", "SECURE_SSL_REDIRECT", DEBUG="1")
    assert values == {"SESSION_COOKIE_SECURE": False, "CSRF_COOKIE_SECURE": False, "SECURE_SSL_REDIRECT": False}


def test_both_caches_are_shared_across_servers_when_redis_url_is_set():
    values = production_settings("CACHES", REDIS_URL="redis://cache.invalid:6379/0", RELEASE="2026.11.25")
    redis = {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": "redis://cache.invalid:6379/0"}
    assert values["CACHES"] == {
        "default": {**redis, "KEY_PREFIX": "pmplanner"},
        "fragments": {**redis, "KEY_PREFIX": "pmplanner:2026.11.25"},
    }
    # The client library is installed: building the client (which connects lazily) works.
    code = "import django; django.setup(); from django.core.cache import cache; print(type(cache._cache.get_client()))"
    result = run("-c", code, SECRET_KEY=secrets.token_urlsafe(50), REDIS_URL="redis://cache.invalid:6379/0")
    assert result.returncode == 0, result.stderr
    assert "redis.client.Redis" in result.stdout


def test_without_redis_each_alias_has_its_own_local_memory():
    caches = production_settings("CACHES", RELEASE="abc123")["CACHES"]
    assert {alias: (c["BACKEND"], c["LOCATION"]) for alias, c in caches.items()} == {
        "default": ("django.core.cache.backends.locmem.LocMemCache", "default"),
        "fragments": ("django.core.cache.backends.locmem.LocMemCache", "fragments"),
    }


def test_fragments_carry_the_release_and_rate_limits_do_not():
    first = production_settings("CACHES", RELEASE="abc123")["CACHES"]
    second = production_settings("CACHES", RELEASE="def456")["CACHES"]
    assert first["fragments"]["KEY_PREFIX"] == "pmplanner:abc123"
    assert second["fragments"]["KEY_PREFIX"] == "pmplanner:def456"
    assert first["default"]["KEY_PREFIX"] == second["default"]["KEY_PREFIX"] == "pmplanner"
    # Without RELEASE, the release is a digest of the templates: the same for the same templates.
    digest = production_settings("CACHES")["CACHES"]["fragments"]["KEY_PREFIX"]
    assert digest == production_settings("CACHES")["CACHES"]["fragments"]["KEY_PREFIX"]
    assert len(digest) == len("pmplanner:") + 12 and digest != "pmplanner:abc123"


def test_site_domain_defaults_to_the_first_allowed_host():
    assert production_settings("SITE_ID", "SITE_DOMAIN", ALLOWED_HOSTS=".example.com,Planner.example.com,*") == {
        "SITE_ID": 1,
        "SITE_DOMAIN": "planner.example.com",
    }
    assert production_settings("SITE_DOMAIN", ALLOWED_HOSTS="*")["SITE_DOMAIN"] == "localhost"


def test_site_domain_from_the_environment_wins():
    values = production_settings("SITE_DOMAIN", SITE_DOMAIN="Plans.Example.org")
    assert values["SITE_DOMAIN"] == "plans.example.org"


def test_rate_limits_can_be_tuned_from_the_environment():
    limits = production_settings("ACCOUNT_RATE_LIMITS", RATE_LIMIT_LOGIN_FAILED="100/m/ip,5/30s/key")
    assert limits["ACCOUNT_RATE_LIMITS"]["login_failed"] == "100/m/ip,5/30s/key"
    assert limits["ACCOUNT_RATE_LIMITS"]["login"] == "30/m/ip"


def test_a_malformed_rate_limit_is_refused():
    result = run(
        "-c",
        "from django.conf import settings; settings.DEBUG",
        SECRET_KEY=secrets.token_urlsafe(50),
        RATE_LIMIT_LOGIN="lots",
    )
    assert result.returncode != 0
    assert "RATE_LIMIT_LOGIN must be rates such as 10/m/ip,5/5m/key, not 'lots'." in result.stderr


def test_a_malformed_boolean_is_refused():
    result = run("-c", "from django.conf import settings; settings.DEBUG", DEBUG="yes please")
    assert result.returncode != 0
    assert "DEBUG must be one of" in result.stderr
