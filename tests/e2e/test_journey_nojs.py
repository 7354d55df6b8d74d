"""The newcomer's journey with JavaScript off: plain forms and redirects reach the same end state."""

from __future__ import annotations

import datetime
import re

import pytest
from playwright.sync_api import expect

from plans.models import CourseProgress, NetworkingStep, PortfolioCase
from tests.e2e.helpers import (
    add_case_after_a_validation_error,
    first_course,
    log_in_with_form,
    log_networking_step,
    section,
    sign_up,
    still_there,
    take_assessment,
)

EMAIL = "no-script@example.com"


@pytest.fixture
def no_js_page(browser, live_server):
    context = browser.new_context(java_script_enabled=False, base_url=live_server.url)
    yield context.new_page()
    context.close()


def test_newcomer_journey_without_javascript(no_js_page):
    page = no_js_page
    follow_up = datetime.date.today() + datetime.timedelta(days=14)
    page.goto("/")
    assert not page.evaluate("'htmx' in window"), "htmx must not have run in this context"

    take_assessment(page)
    expect(page.get_by_role("heading", level=1)).to_have_text("Your best fit: Technical PM")
    page.get_by_role("link", name=re.compile(r"^Sign up to start this track\W+Technical PM")).click()
    sign_up(page, EMAIL)
    page.get_by_role("button", name=re.compile(r"^Start this track\W+Technical PM")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("My plan: The Technical Product Manager")

    # Each change is a form POST answered by a redirect back to the changed item.
    course = first_course(page)
    course_title = course.get_by_role("heading").inner_text()
    course.get_by_role("button", name="Completed").click()
    expect(page).to_have_url(re.compile(r"/plan/#course-\d+$"))
    expect(page.get_by_text(f"“{course_title}” marked completed.")).to_be_visible()
    expect(page.get_by_role("progressbar", name="Courses progress")).to_have_attribute("value", "1")
    expect(section(page, "Courses")).to_contain_text("1 of 3 completed")

    add_case_after_a_validation_error(page, focus_moves_to_error=False)
    expect(page).to_have_url(re.compile(r"/plan/#case-\d+$"))
    log_networking_step(page, follow_up)
    expect(page).to_have_url(re.compile(r"/plan/#networking-\d+$"))

    page.get_by_role("button", name="Log out").click()
    expect(page.get_by_role("link", name="Log in")).to_be_visible()
    log_in_with_form(page, EMAIL)
    page.get_by_role("navigation", name="Main").get_by_role("link", name="My plan").click()
    still_there(page, course_title=course_title, follow_up=follow_up)

    # The same rows as the JavaScript journey, nothing doubled by the redirects.
    assert CourseProgress.objects.filter(plan__user__email=EMAIL, status="completed").count() == 1
    assert PortfolioCase.objects.filter(plan__user__email=EMAIL).count() == 1
    assert NetworkingStep.objects.filter(plan__user__email=EMAIL, follow_up_on=follow_up).count() == 1
