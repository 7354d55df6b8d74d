"""axe-core on every page a person can reach, anonymous and signed in, with forms showing errors:
zero WCAG 2.1 A/AA violations (colour contrast included), and no Content-Security-Policy violation."""

from __future__ import annotations

import pytest

from tests.e2e.conftest import axe_violations
from tests.e2e.helpers import tour_every_page

# Views that raise 400, 403 and 500 on top of the site's own URLs.
pytestmark = pytest.mark.urls("tests.security.test_error_pages")


def test_every_page_passes_axe_wcag_21_aa(live_server, page, csp_errors):
    found: dict[str, list[str]] = {}
    visited = []
    for label in tour_every_page(page, live_server):
        visited.append(label)
        if violations := axe_violations(page):
            found[f"{label} ({page.url})"] = violations
    assert len(visited) >= 45, f"the tour stopped early: {visited}"
    report = "\n".join(f"{where}:\n  " + "\n  ".join(lines) for where, lines in found.items())
    assert not found, f"axe found WCAG 2.1 A/AA violations on {len(found)} page(s):\n{report}"
    assert csp_errors == []
