"""docs/design.md shows each component in exactly the markup the style guide (/design/) renders."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

ROOT = Path(settings.BASE_DIR)
DOCS = (ROOT / "docs" / "design.md").read_text(encoding="utf-8")
GUIDE = (ROOT / "templates" / "design" / "components.html").read_text(encoding="utf-8")

DOCUMENTED = dict(re.findall(r"<!-- component: ([\w-]+) -->\n```django\n(.*?)\n```", DOCS, re.DOTALL))
PARTIALS = dict(re.findall(r"\{% partialdef ([\w-]+) inline %\}\n(.*?)\n\{% endpartialdef %\}", GUIDE, re.DOTALL))


def test_every_component_of_the_style_guide_is_documented_and_the_other_way_round():
    assert set(DOCUMENTED) == set(PARTIALS)
    assert {"page-header", "card", "section-nav", "item-rows", "badges", "empty-state", "form-layout"} <= set(PARTIALS)
    assert {"alerts", "progress-full", "progress-compact", "chart-bars"} <= set(PARTIALS)


@pytest.mark.parametrize("name", sorted(PARTIALS))
def test_the_documented_markup_is_the_style_guides(name):
    assert DOCUMENTED.get(name) == PARTIALS[name], f"docs/design.md and the style guide differ on {name}"


@pytest.mark.parametrize("klass", sorted(set(re.findall(r'class="([^"{]+)"', "\n".join(PARTIALS.values())))))
def test_every_documented_class_exists(klass):
    css = (ROOT / "pmplanner" / "static" / "css" / "site.css").read_text(encoding="utf-8")
    bootstrap = (ROOT / "pmplanner" / "static" / "vendor" / "bootstrap-5.3.8.min.css").read_text(encoding="utf-8")
    for name in klass.split():
        assert f".{name}" in css or f".{name}" in bootstrap, f"class {name} is in the docs but in no stylesheet"


def test_the_style_guide_is_for_staff_only(client, owner, staff):
    url = reverse("style_guide")
    assert client.get(url).status_code == 404
    client.force_login(owner)
    assert client.get(url).status_code == 404
    client.force_login(staff)
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "No portfolio cases yet" in html and 'aria-pressed="true">Completed</button>' in html
    assert client.post(url).status_code == 405
