"""At phone width (390 x 844): no page scrolls sideways, and the plan's controls are big enough to tap."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from plans.models import PortfolioCase
from tests.conftest import make_user
from tests.e2e.helpers import (
    SECTIONS,
    fill_plan,
    first_course,
    horizontal_overflow,
    item_form,
    open_add_form,
    open_edit_form,
    sign_in_context,
    start_plan,
    tour_every_page,
    wider_than_viewport,
)

PHONE = {"width": 390, "height": 844}
MIN_TARGET = 44  # CSS pixels, the usual minimum for a touch target

# Every control a person taps on the plan's pages: form controls, the plan bar and its tabs, the overview's
# cards and next steps, every link in an item list (titles, Edit, links in the details), the add links,
# the forms' links, breadcrumbs and page links.
PLAN_CONTROLS = """() => Array.from(document.querySelectorAll(
        'main button, main select, main input:not([type=hidden]), main textarea, main summary, main nav a, ' +
        '.plan-bar a, .section-cards a, .next-steps a, .items a, .add-action a, .form-actions a'))
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
        phone.wait_for_function("() => document.readyState === 'complete' && document.documentElement")
        if overflow := horizontal_overflow(phone):
            too_wide[f"{label} ({phone.url}): {overflow}px too wide"] = wider_than_viewport(phone)
    assert visited >= 55
    assert not too_wide, "pages wider than the phone:\n" + "\n".join(f"{k}\n  {v}" for k, v in too_wide.items())


def test_plan_pages_fit_a_phone_and_every_control_is_at_least_44px_tall(phone, live_server):
    page = phone
    user = make_user("owner@example.com")
    start_plan(user)
    fill_plan(user)
    sign_in_context(page.context, live_server, user)
    problems: dict[str, list[str]] = {}

    def check(where: str) -> None:
        found = page.evaluate(PLAN_CONTROLS % MIN_TARGET)
        if overflow := horizontal_overflow(page):
            found.append(f"the page is {overflow}px wider than the phone: {wider_than_viewport(page)}")
        if found:
            problems[f"{where} ({page.url})"] = found

    page.goto("/plan/")
    check("overview")
    for key in SECTIONS.values():
        page.goto(f"/plan/{key}/")
        check(f"section {key}")

    # Forms fetched into the page: an edit form open, an add form showing an error.
    page.goto("/plan/courses/")
    open_edit_form(first_course(page))
    expect(first_course(page).get_by_label("Certificate link")).to_be_visible()
    check("courses with an edit form open")
    page.goto("/plan/portfolio/")
    open_add_form(page, "Add a portfolio case")
    item_form(page, "Add a portfolio case").get_by_role("button", name="Add", exact=True).click()
    expect(item_form(page, "Add a portfolio case")).to_contain_text("This field is required.")
    check("portfolio with an add form showing an error")
    # The add and edit pages of their own (as without JavaScript).
    page.goto("/plan/networking/add/")
    check("networking add page")
    page.goto(PortfolioCase.objects.get(title="Checkout redesign").edit_url)
    check("portfolio case edit page")

    # An archived (read-only) plan too.
    page.goto("/tracks/ux/")
    page.get_by_role("button", name=re.compile(r"^Switch to this track")).click()
    page.get_by_role("button", name=re.compile("^Archive my")).click()
    page.get_by_role("link", name="All my plans").click()
    check("all my plans")
    page.get_by_role("link", name="The Technical Product Manager").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(re.compile("^Archived plan"))
    check("archived plan")
    assert not problems, "too small or too wide at phone width:\n" + "\n".join(
        f"{where}:\n  " + "\n  ".join(found) for where, found in problems.items()
    )
