"""At phone width (390 x 844): no page scrolls sideways, and the plan's controls are big enough to tap."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.conftest import make_user
from tests.e2e.helpers import (
    add_form,
    fill_plan,
    section,
    sign_in_context,
    start_plan,
    tour_every_page,
    wider_than_viewport,
)

PHONE = {"width": 390, "height": 844}
MIN_TARGET = 44  # CSS pixels, the usual minimum for a touch target

# Every control a person taps in the plan's sections and lists.
PLAN_CONTROLS = """() => Array.from(document.querySelectorAll(
        '.plan-section button, .plan-section select, .plan-section input:not([type=hidden]), ' +
        '.plan-section textarea, .plan-section summary, .plan-section .plan-list a, ' +
        '.next-steps a, .plan-header a, .plan-header button, main nav a'))
    .filter(el => el.getClientRects().length)
    .filter(el => el.getBoundingClientRect().height < %d)
    .map(el => `${el.tagName.toLowerCase()} "${(el.textContent || el.name || '').trim().slice(0, 40)}": ` +
               `${el.getBoundingClientRect().height.toFixed(1)}px`)"""


@pytest.fixture
def phone(browser, live_server):
    context = browser.new_context(
        base_url=live_server.url, viewport=PHONE, is_mobile=True, has_touch=True, device_scale_factor=3
    )
    yield context.new_page()
    context.close()


@pytest.mark.urls("tests.security.test_error_pages")
def test_no_page_scrolls_sideways_at_phone_width(phone, live_server):
    too_wide = {}
    visited = 0
    for label in tour_every_page(phone, live_server):
        visited += 1
        # Some tour steps end with a click that navigates: wait for the new document.
        # A function, not a bare expression: Playwright polls an expression with eval(),
        # which the site's CSP refuses whenever the first check comes back false.
        width = phone.wait_for_function(
            "() => document.readyState === 'complete' && document.documentElement"
            " && document.documentElement.scrollWidth"
        ).json_value()
        if width > PHONE["width"]:
            too_wide[f"{label} ({phone.url}): {width}px"] = wider_than_viewport(phone)
    assert visited >= 45
    assert not too_wide, "pages wider than the phone:\n" + "\n".join(f"{k}\n  {v}" for k, v in too_wide.items())


def small_plan_controls(page) -> list[str]:
    return page.evaluate(PLAN_CONTROLS % MIN_TARGET)


def test_plan_controls_are_at_least_44px_tall(phone, live_server):
    page = phone
    user = make_user("owner@example.com")
    start_plan(user)
    fill_plan(user)
    sign_in_context(page.context, live_server, user)
    page.goto("/plan/")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert (small := small_plan_controls(page)) == [], "\n".join(small)

    # With both add forms open and an item's edit form open, in an error state too.
    section(page, "Portfolio").get_by_text("Add a portfolio case", exact=True).click()
    add_form(page, "Add case").get_by_role("button", name="Add case").click()
    expect(add_form(page, "Add case")).to_contain_text("This field is required.")
    section(page, "Networking").get_by_text("Log a networking step", exact=True).click()
    networking = section(page, "Networking")
    networking.get_by_role("link", name=re.compile("^Edit or delete")).first.click()
    expect(networking.get_by_role("button", name="Delete")).to_be_visible()
    assert (small := small_plan_controls(page)) == [], "\n".join(small)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]

    # An archived (read-only) plan too.
    page.goto("/tracks/ux/")
    page.get_by_role("button", name="Switch to this track").click()
    page.get_by_role("button", name=re.compile("^Archive my")).click()
    page.get_by_role("link", name=re.compile(r"^Archived plans")).click()
    page.get_by_role("link", name="The Technical Product Manager").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(re.compile("^Archived plan"))
    assert (small := small_plan_controls(page)) == [], "\n".join(small)
