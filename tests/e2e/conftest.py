"""Helpers for the browser tests: accessibility checks and signing in."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe

WCAG_AA = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
    "resultTypes": ["violations"],
}

_axe = Axe()


def axe_violations(page) -> list[str]:
    """Every WCAG 2.1 A/AA violation on the page, as 'rule: element' lines."""
    results = _axe.run(page, options=WCAG_AA)
    return [
        f"{v['id']} ({v['impact']}): {v['help']} -> {node['target']}"
        for v in results.response["violations"]
        for node in v["nodes"]
    ]


def assert_accessible(page) -> None:
    violations = axe_violations(page)
    assert not violations, f"axe found violations on {page.url}:\n" + "\n".join(violations)


@pytest.fixture
def csp_errors(page):
    """Collects Content-Security-Policy violations reported by the browser."""
    errors: list[str] = []
    page.on("console", lambda msg: errors.append(msg.text) if "Content Security Policy" in msg.text else None)
    return errors
