"""axe-core on every page a person can reach, anonymous and signed in, the plan's overview and every section
with forms open and showing errors: zero WCAG 2.1 A/AA violations (colour contrast included), no required
marker inside a field's name, no Content-Security-Policy violation; and the pages reflow at 200 % zoom."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.conftest import make_user
from tests.e2e.conftest import axe_violations
from tests.e2e.helpers import (
    SECTIONS,
    fill_plan,
    horizontal_overflow,
    sign_in_context,
    start_plan,
    tab_to,
    tour_every_page,
    wider_than_viewport,
)

# Labels whose text (what a screen reader reads as the field's name) ends with a required marker ("Title*").
MARKED_LABELS = """() => Array.from(document.querySelectorAll('label'))
    .filter(label => label.getClientRects().length)
    .map(label => {
        const copy = label.cloneNode(true);
        copy.querySelectorAll('[aria-hidden=true]').forEach(el => el.remove());
        return copy.textContent.replace(/\\s+/g, ' ').trim();
    })
    .filter(name => /\\*$/.test(name))"""


# Views that raise 400, 403 and 500 on top of the site's own URLs. Both themes, in
# the same browser: the device asks for light or dark and the site follows it.
@pytest.mark.urls("tests.security.test_error_pages")
@pytest.mark.parametrize("theme", ["light", "dark"])
def test_every_page_passes_axe_wcag_21_aa_and_no_field_name_carries_a_required_marker(
    live_server, page, csp_errors, theme
):
    page.emulate_media(color_scheme=theme)
    found: dict[str, list[str]] = {}
    visited, other_theme = [], []
    for label in tour_every_page(page, live_server):
        visited.append(label)
        if page.evaluate("document.documentElement.getAttribute('data-bs-theme')") != theme:
            other_theme.append(label)
        violations = axe_violations(page)
        violations += [f"required marker in the name of a field: {name!r}" for name in page.evaluate(MARKED_LABELS)]
        if violations:
            found[f"{label} ({page.url})"] = violations
    assert len(visited) >= 55, f"the tour stopped early: {visited}"
    assert not other_theme, f"pages not shown in the {theme} theme: {other_theme}"
    report = "\n".join(f"{where}:\n  " + "\n  ".join(lines) for where, lines in found.items())
    assert not found, f"accessibility problems on {len(found)} page(s):\n{report}"
    assert csp_errors == []


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_every_component_of_the_style_guide_passes_axe(live_server, page, csp_errors, theme):
    # docs/design.md's markup, rendered (/design/, staff only): what new pages are built from.
    sign_in_context(page.context, live_server, make_user("staff@example.com", staff=True))
    page.emulate_media(color_scheme=theme)
    for viewport in ({"width": 1280, "height": 800}, {"width": 390, "height": 844}):
        page.set_viewport_size(viewport)
        page.goto(live_server.url + "/design/")
        assert page.evaluate("document.documentElement.getAttribute('data-bs-theme')") == theme
        violations = axe_violations(page)
        assert not violations, f"axe found violations in the style guide ({theme}, {viewport['width']} px):\n" + (
            "\n".join(violations)
        )
        assert horizontal_overflow(page) == 0, wider_than_viewport(page)
    assert csp_errors == []


# 200 % zoom of a 1280 x 720 window is a 640 x 360 CSS-pixel viewport.
ZOOMED = {"width": 640, "height": 360}


@pytest.fixture
def zoomed(browser, live_server):
    context = browser.new_context(base_url=live_server.url, viewport=ZOOMED, device_scale_factor=2)
    yield context.new_page()
    context.close()


def test_main_pages_reflow_at_200_percent_zoom(zoomed, live_server):
    page = zoomed
    user = make_user("owner@example.com")
    start_plan(user)
    fill_plan(user)
    too_wide = {}

    def check(paths):
        for path in paths:
            page.goto(path)
            if horizontal_overflow(page) > 0:
                too_wide[path] = wider_than_viewport(page)

    check(["/", "/guide/", "/courses/", "/tracks/technical/", "/assessment/", "/assessment/step/1/"])
    check(["/accounts/login/", "/accounts/signup/"])
    sign_in_context(page.context, live_server, user)
    check(["/plan/", *(f"/plan/{key}/" for key in SECTIONS.values()), "/plan/portfolio/add/"])
    check(["/assessment/results/", "/account/", "/account/delete/", "/accounts/password/change/"])
    assert not too_wide, f"pages that scroll sideways at 200 % zoom: {too_wide}"


def test_navigation_works_by_keyboard_at_200_percent_zoom(zoomed):
    page = zoomed
    page.goto("/")
    menu = page.get_by_role("button", name="Toggle navigation")
    guide = page.get_by_role("navigation", name="Main").get_by_role("link", name="Career guide")
    expect(guide).not_to_be_visible()  # collapsed behind the menu button at this width
    tab_to(page, menu)
    page.keyboard.press("Enter")
    expect(menu).to_have_attribute("aria-expanded", "true")
    tab_to(page, guide)
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/guide/$"))
    assert horizontal_overflow(page) == 0
