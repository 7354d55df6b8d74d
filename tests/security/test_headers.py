"""Security headers on every page, and templates that keep the strict CSP possible."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.test import override_settings
from django.urls import reverse

pytestmark = pytest.mark.django_db

# Production values (tests run with DEBUG-style settings, and HSTS is only sent over HTTPS).
PRODUCTION = {"SECURE_HSTS_SECONDS": 31536000, "SECURE_HSTS_INCLUDE_SUBDOMAINS": True, "SECURE_HSTS_PRELOAD": True}


def csp_directives(response) -> dict[str, list[str]]:
    header = response["Content-Security-Policy"]
    directives = {}
    for part in header.split(";"):
        name, *values = part.split()
        directives[name] = values
    return directives


@override_settings(**PRODUCTION)
@pytest.mark.parametrize("url", [reverse("home"), reverse("account_login"), "/no-such-page/"])
def test_security_headers_on_pages(client, url):
    response = client.get(url, secure=True)
    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    policy = response["Permissions-Policy"]
    assert policy == settings.PERMISSIONS_POLICY
    assert {"camera=()", "microphone=()", "geolocation=()", "payment=()"} <= set(policy.split(", "))


def test_signed_in_pages_carry_the_headers_too(owner_client):
    response = owner_client.get(reverse("accounts:overview"))
    assert response.status_code == 200
    assert "Content-Security-Policy" in response
    assert response["X-Frame-Options"] == "DENY"
    assert "Permissions-Policy" in response


def test_content_security_policy_allows_nothing_inline_or_foreign(client):
    response = client.get(reverse("home"))
    directives = csp_directives(response)
    assert directives["default-src"] == ["'self'"]
    assert directives["script-src"] == ["'self'"]
    assert directives["style-src"] == ["'self'"]
    assert directives["object-src"] == ["'none'"]
    assert directives["frame-ancestors"] == ["'none'"]
    assert directives["base-uri"] == ["'self'"]
    assert directives["form-action"] == ["'self'"]
    header = response["Content-Security-Policy"]
    assert "unsafe-inline" not in header
    assert "unsafe-eval" not in header


@override_settings(PERMISSIONS_POLICY="")
def test_permissions_policy_can_be_switched_off(client):
    assert "Permissions-Policy" not in client.get(reverse("home"))


def test_htmx_is_configured_to_run_under_the_policy(client):
    html = client.get(reverse("home")).content.decode()
    config = re.search(r'<meta name="htmx-config" content=\'([^\']*)\'>', html)
    assert config, "base.html must configure htmx through its meta tag"
    assert '"includeIndicatorStyles": false' in config.group(1)
    assert '"allowEval": false' in config.group(1)


TEMPLATES_DIR = Path(settings.BASE_DIR) / "templates"
INLINE = {
    "inline <script>": re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.IGNORECASE),
    "style attribute": re.compile(r"\sstyle\s*=", re.IGNORECASE),
    "<style> element": re.compile(r"<style[\s>]", re.IGNORECASE),
    "event-handler attribute": re.compile(r"\son[a-z]+\s*=", re.IGNORECASE),
    "hx-on attribute": re.compile(r"\s(?:data-)?hx-on", re.IGNORECASE),
    "javascript: URL": re.compile(r"javascript:", re.IGNORECASE),
}


@pytest.mark.parametrize(
    "template", sorted(TEMPLATES_DIR.rglob("*.html")), ids=lambda p: str(p.relative_to(TEMPLATES_DIR))
)
def test_templates_carry_nothing_the_policy_would_block(template):
    text = template.read_text(encoding="utf-8")
    found = [name for name, pattern in INLINE.items() if pattern.search(text)]
    assert not found, f"{template.relative_to(TEMPLATES_DIR)} has {', '.join(found)}"


def test_the_template_check_catches_inline_code():
    sample = '<button onclick="go()" style="color:red">Go</button><script>alert(1)</script>'
    assert {name for name, pattern in INLINE.items() if pattern.search(sample)} == {
        "inline <script>",
        "style attribute",
        "event-handler attribute",
    }
