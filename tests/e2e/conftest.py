"""Fixtures and checks for the browser tests: accessibility (axe-core), CSP violations, a signed-in
planner, a page without JavaScript."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe

WCAG_AA = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
    "resultTypes": ["violations"],
}

_axe = Axe()


def axe_violations(page) -> list[str]:
    """Every WCAG 2.1 A/AA violation on the page, as 'rule: element' lines.

    With reduced motion, as the site then has no transitions: a control just clicked or hovered is
    checked in its final colours, not halfway through a 150 ms colour transition."""
    page.emulate_media(reduced_motion="reduce")
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


@pytest.fixture
def planner(live_server, page):
    """A signed-in person with a fresh Technical PM plan; their browser is on the plan's overview."""
    from tests.conftest import make_user
    from tests.e2e.helpers import sign_in_context, start_plan

    user = make_user("owner@example.com")
    start_plan(user)
    sign_in_context(page.context, live_server, user)
    page.goto(live_server.url + "/plan/")
    yield user
    # Let a request still in flight finish before the test database is flushed under it.
    page.wait_for_function("() => !document.querySelector('.htmx-request')")


@pytest.fixture
def no_js_page(browser, live_server):
    """A page in a browser context with JavaScript switched off."""
    context = browser.new_context(java_script_enabled=False, base_url=live_server.url)
    yield context.new_page()
    context.close()
