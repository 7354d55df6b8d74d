"""The learning plan in a real browser: live HTMX progress, focus, errors, accessibility, phones, no-JS."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.conftest import PASSWORD, make_user
from tests.e2e.conftest import assert_accessible
from tests.e2e.helpers import account_link


def sign_in(page, live_server, email: str = "owner@example.com"):
    user = make_user(email)
    page.goto(live_server.url + "/accounts/login/")
    page.get_by_label("Email").fill(user.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(account_link(page, user.email)).to_be_visible()
    return user


def start_track(page, live_server, slug: str = "technical") -> None:
    page.goto(f"{live_server.url}/tracks/{slug}/")
    page.get_by_role("button", name="Start this track").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(re.compile(r"^My plan: "))


@pytest.fixture
def plan_page(live_server, page):
    sign_in(page, live_server)
    start_track(page, live_server)
    yield page
    # A change makes the next-steps panel refresh itself; let that request
    # finish before the test database is flushed under it.
    page.wait_for_function("() => !document.querySelector('.htmx-request')")


def course(page, index: int = 1):
    return page.locator("#course-list > li").nth(index)


def test_ticking_a_course_updates_both_bars_without_a_reload(plan_page, csp_errors):
    page = plan_page
    page.evaluate("window.__stillHere = 'yes'")
    overall_before = page.locator("#progress-overall-bar").get_attribute("value")
    expect(page.locator("#progress-courses-text")).to_have_text("0 of 3 completed")

    course(page).get_by_role("button", name="Completed").click()

    expect(page.locator("#progress-courses-text")).to_have_text("1 of 3 completed")
    expect(page.locator("#progress-courses-bar")).to_have_attribute("value", "1")
    expect(page.locator("#progress-overall-bar")).not_to_have_attribute("value", overall_before)
    expect(page.locator("#progress-overall-text")).to_have_text(re.compile(r"^[1-9]\d*% of your plan complete$"))
    expect(course(page).get_by_role("button", name="Completed")).to_have_attribute("aria-pressed", "true")
    expect(page.locator("#plan-announcer")).to_contain_text("marked completed. Courses: 1 of 3 completed.")
    # Focus stays on the button just pressed, in the re-rendered item.
    assert page.evaluate("document.activeElement.getAttribute('aria-pressed')") == "true"
    # No navigation happened: the marker set on this very page survives.
    assert page.evaluate("window.__stillHere") == "yes"
    # The next-steps panel refreshed itself: the completed course is no longer suggested.
    expect(page.locator("#next-steps")).not_to_contain_text("Product Development for Technical Managers")
    page.reload()
    expect(page.locator("#progress-courses-text")).to_have_text("1 of 3 completed")
    assert csp_errors == []


def test_plan_page_passes_axe_also_with_a_form_error_shown(plan_page, csp_errors):
    page = plan_page
    assert_accessible(page)

    page.get_by_text("Add a portfolio case").click()
    page.get_by_role("button", name="Add case").click()
    title = page.locator("#case-add").get_by_label("Title")
    expect(title).to_have_attribute("aria-invalid", "true")
    expect(page.locator("#case-add")).to_contain_text("This field is required.")
    expect(title).to_be_focused()
    assert_accessible(page)

    course(page).get_by_role("link", name=re.compile("^Edit date, note and certificate")).click()
    expect(course(page).get_by_label("Note")).to_be_focused()  # first field (no date until completed)
    course(page).get_by_label("Certificate link").fill("javascript:alert(1)")
    course(page).get_by_role("button", name="Save").click()
    expect(course(page)).to_contain_text("Enter a web address starting with https://")
    assert_accessible(page)
    assert csp_errors == []


def test_add_edit_and_delete_a_portfolio_case_in_place(plan_page):
    page = plan_page
    page.evaluate("window.__stillHere = 'yes'")
    page.get_by_text("Add a portfolio case").click()
    form = page.locator("#case-add")
    form.get_by_label("Title").fill("Checkout <b>redesign</b>")
    form.get_by_label("Status").select_option("published")
    form.get_by_role("button", name="Add case").click()

    case = page.locator("#case-list > li.plan-item")
    expect(case).to_have_count(1)
    expect(case.get_by_role("heading")).to_have_text("Checkout <b>redesign</b>")  # escaped, shown as typed
    expect(case).to_be_focused()
    expect(page.locator("#progress-portfolio-text")).to_have_text("1 of 3 cases published")
    expect(page.locator("#case-add")).not_to_have_attribute("open", "")

    case.get_by_role("link", name=re.compile("^Edit or delete")).click()
    case.get_by_label("Title").fill("Checkout redesign")
    case.get_by_role("button", name="Save").click()
    expect(case.get_by_role("heading")).to_have_text("Checkout redesign")

    page.once("dialog", lambda dialog: dialog.accept())
    case.get_by_role("link", name=re.compile("^Edit or delete")).click()
    case.get_by_role("button", name="Delete").click()
    expect(page.locator("#case-list > li.plan-item")).to_have_count(0)
    expect(page.locator("#progress-portfolio-text")).to_have_text("0 of 3 cases published")
    expect(page.locator("#portfolio-heading")).to_be_focused()
    assert page.evaluate("window.__stillHere") == "yes"


def test_suggested_networking_step_and_skill_rating(plan_page):
    page = plan_page
    page.get_by_role("button", name=re.compile("^Add to my log.*Find a mentor")).click()
    expect(page.locator("#networking-list > li.plan-item")).to_have_count(1)
    expect(page.locator("#suggestion-find-a-mentor")).to_have_count(0)
    page.locator("#networking-list > li.plan-item").get_by_role("button", name=re.compile("^Done")).click()
    expect(page.locator("#progress-networking-text")).to_have_text("1 of 5 steps done")

    skill = page.locator("#skills li.plan-item").first
    skill.get_by_role("button", name="3 Confident").click()
    expect(page.locator("#progress-skills-text")).to_have_text("3 of 12 rating points")
    expect(skill.get_by_role("button", name="3 Confident")).to_have_attribute("aria-pressed", "true")


def test_a_failed_request_shows_an_error_next_to_the_item_and_changes_nothing(plan_page):
    page = plan_page
    page.route("**/plan/courses/*/status/", lambda route: route.fulfill(status=500, body="boom"))
    course(page).get_by_role("button", name="Completed").click()
    expect(course(page).get_by_role("alert")).to_contain_text("your change was not saved")
    expect(page.locator("#progress-courses-text")).to_have_text("0 of 3 completed")
    expect(course(page).get_by_role("button", name="Not started")).to_have_attribute("aria-pressed", "true")


def test_switching_track_confirms_then_archives(plan_page, live_server, csp_errors):
    page = plan_page
    course(page).get_by_role("button", name="Completed").click()
    expect(page.locator("#progress-courses-text")).to_have_text("1 of 3 completed")

    page.goto(live_server.url + "/tracks/ux/")
    expect(page.locator("#start-track")).to_contain_text("Switching archives it with all its progress")
    assert_accessible(page)
    page.get_by_role("button", name="Switch to this track").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Switch to the UX PM track?")
    assert_accessible(page)
    page.get_by_role("button", name=re.compile("^Archive my Technical PM plan")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("My plan: The User Experience PM")

    page.get_by_role("link", name="Archived plans (1)").click()
    assert_accessible(page)
    page.get_by_role("link", name="The Technical Product Manager").click()
    expect(page.locator("#progress-courses-text")).to_have_text("1 of 3 completed")
    assert_accessible(page)
    page.get_by_role("button", name="Make this my active plan").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("My plan: The Technical Product Manager")
    assert csp_errors == []


def test_phone_width_has_no_sideways_scroll_and_big_enough_controls(plan_page):
    page = plan_page
    page.set_viewport_size({"width": 390, "height": 844})
    page.reload()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    too_small = page.evaluate(
        """() => Array.from(document.querySelectorAll('main button, main summary, main .btn'))
              .filter(el => el.offsetParent !== null && el.getBoundingClientRect().height < 44)
              .map(el => el.textContent.trim().slice(0, 40))"""
    )
    assert too_small == []
    # With an edit form open too.
    course(page).get_by_role("link", name=re.compile("^Edit date")).click()
    expect(course(page).locator("form.item-form")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390


@pytest.fixture
def no_js_page(browser, live_server):
    context = browser.new_context(java_script_enabled=False, base_url=live_server.url)
    yield context.new_page()
    context.close()


def test_without_javascript_every_change_is_a_plain_form(no_js_page, live_server):
    page = no_js_page
    sign_in(page, live_server)
    start_track(page, live_server)
    course(page).get_by_role("button", name="Completed").click()
    expect(page).to_have_url(re.compile(r"/plan/#course-\d+$"))
    expect(page.locator("#progress-courses-text")).to_have_text("1 of 3 completed")

    course(page).get_by_role("link", name=re.compile("^Edit date")).click()
    course(page).get_by_label("Completion date").fill("2999-01-01")
    course(page).get_by_role("button", name="Save").click()
    expect(course(page)).to_contain_text("The completion date cannot be in the future.")
    # (axe needs JavaScript, so this page's accessibility is checked with JS on above.)
