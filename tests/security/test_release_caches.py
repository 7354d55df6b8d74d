"""A deploy changes the release: cached fragments start afresh, rate-limit counts carry on.

Each release is the settings' own cache configuration (`cache_settings`) for
that release name. Both releases use the same local-memory stores, as two
releases share one Redis server, so only the key prefixes tell them apart.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.test import override_settings
from django.urls import reverse
from django.utils.html import escape

from careers import content_version
from careers.models import ContentBlock
from pmplanner.settings import cache_settings
from tests.conftest import PASSWORD
from tests.security.test_rate_limits import limit

pytestmark = pytest.mark.django_db

REWRITTEN = "Rewritten by a bulk update, which sends no signal."


def release(name: str):
    return override_settings(CACHES=cache_settings(name))


def home_page(client) -> str:
    response = client.get(reverse("home"))
    assert response.status_code == 200
    return response.content.decode()


def test_a_fragment_cached_under_one_release_is_not_served_under_the_next(client):
    intro = escape(ContentBlock.objects.get(slug="career_map").body)
    with release("2026.11.1"):
        assert intro in home_page(client)
        # The content version stays as it was, so this release keeps its cached fragment…
        ContentBlock.objects.filter(slug="career_map").update(body=REWRITTEN)
        page = home_page(client)
        assert intro in page and REWRITTEN not in page
    with release("2026.11.2"):
        # …which the next release never reads: it renders the fragment afresh.
        page = home_page(client)
        assert REWRITTEN in page and intro not in page
    with release("2026.11.1"):
        assert intro in home_page(client)  # the old release's entry is still there, untouched


def test_content_cached_under_one_release_is_loaded_again_under_the_next():
    version = content_version.token()
    with release("2026.11.1"):
        assert content_version.cached("steps", version, lambda: ["loaded by release 1"]) == ["loaded by release 1"]
        assert content_version.cached("steps", version, lambda: ["not called"]) == ["loaded by release 1"]
    with release("2026.11.2"):
        assert content_version.cached("steps", version, lambda: ["loaded by release 2"]) == ["loaded by release 2"]


def test_failed_logins_under_one_release_still_count_under_the_next(client, owner):
    with release("2026.11.1"):
        for _ in range(limit("login_failed", "key")):
            response = client.post(reverse("account_login"), {"login": owner.email, "password": "wrong-guess"})
            assert "not correct" in response.content.decode()
    with release("2026.11.2"):
        response = client.post(reverse("account_login"), {"login": owner.email, "password": PASSWORD})
        assert "Too many failed login attempts. Try again later." in response.content.decode()
        assert "_auth_user_id" not in client.session


def test_failed_logins_split_across_a_rolling_deploy_add_up(client, owner):
    allowed = limit("login_failed", "key")
    for attempt in range(allowed):
        with release("2026.11.1" if attempt % 2 else "2026.11.2"):  # old and new servers, taking turns
            response = client.post(reverse("account_login"), {"login": owner.email, "password": "wrong-guess"})
            assert "not correct" in response.content.decode()
    for name in ("2026.11.1", "2026.11.2"):
        with release(name):
            response = client.post(reverse("account_login"), {"login": owner.email, "password": PASSWORD})
            assert "Too many failed login attempts" in response.content.decode(), name


def test_every_cached_template_fragment_is_in_the_release_cache():
    templates = Path(settings.BASE_DIR) / "templates"
    tags = [tag for path in templates.rglob("*.html") for tag in re.findall(r"{%\s*cache\s[^%]*%}", path.read_text())]
    assert tags, "no {% cache %} tags found: has the fragment cache moved?"
    assert [tag for tag in tags if 'using="fragments"' not in tag] == []
