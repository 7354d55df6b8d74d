"""The newcomer's whole journey, as a person does it: visible labels and roles, no URLs after the home page."""

from __future__ import annotations

import datetime
import re

from playwright.sync_api import expect

from plans.models import NetworkingStep, PortfolioCase
from tests.e2e.helpers import (
    add_case_after_a_validation_error,
    first_course,
    log_in_with_form,
    log_networking_step,
    mark_page,
    open_section,
    section_text,
    sign_up,
    still_same_page,
    still_there,
    take_assessment,
)

EMAIL = "newcomer@example.com"


def test_newcomer_journey_from_home_page_to_a_plan_that_is_still_there_next_time(live_server, page, csp_errors):
    follow_up = datetime.date.today() + datetime.timedelta(days=14)
    page.goto(live_server.url + "/")

    # Assessment, then its result.
    take_assessment(page)
    expect(page.get_by_role("heading", level=1)).to_have_text("Your best fit: Technical PM")
    expect(page.get_by_text("You strongly agreed that you enjoy coordinating cross-functional teams")).to_be_visible()

    # Sign up from the result, come back to it, start the recommended track: its overview.
    page.get_by_role("link", name=re.compile(r"^Sign up to start this track\W+Technical PM")).click()
    sign_up(page, EMAIL)
    expect(page.get_by_role("heading", level=1)).to_have_text("Your best fit: Technical PM")
    page.get_by_role("button", name=re.compile(r"^Start this track\W+Technical PM")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("My plan: The Technical Product Manager")
    expect(page.get_by_text("Your Technical PM plan is ready.")).to_be_visible()
    expect(page.locator(".overall-number")).to_have_text("0%")

    # A course completed on its section's page: both bars move, the page is the same document.
    mark_page(page)
    open_section(page, "Courses")
    courses_bar = page.get_by_role("progressbar", name="Courses progress")
    overall_bar = page.get_by_role("progressbar", name="Overall")
    expect(courses_bar).to_have_attribute("value", "0")
    expect(overall_bar).to_have_attribute("value", "0")
    course = first_course(page)
    course_title = course.get_by_role("heading").inner_text()
    course.get_by_role("button", name="Completed").click()
    expect(courses_bar).to_have_attribute("value", "1")
    expect(section_text(page, "courses")).to_have_text("1 of 3 completed")
    expect(overall_bar).not_to_have_attribute("value", "0")
    expect(course.get_by_role("button", name="Completed")).to_have_attribute("aria-pressed", "true")

    # A portfolio case: first without a title (the form says why, focus goes to the field), then properly.
    open_section(page, "Portfolio")
    add_case_after_a_validation_error(page)

    # A networking step with a follow-up date.
    open_section(page, "Networking")
    log_networking_step(page, follow_up)
    assert still_same_page(page), "the whole plan was worked on without a page load"
    assert PortfolioCase.objects.filter(title="Onboarding funnel teardown", user__email=EMAIL).exists()
    assert NetworkingStep.objects.filter(who="Priya, PM at Acme", follow_up_on=follow_up).exists()

    # Log out, log in again: everything is still there.
    page.get_by_role("button", name="Log out").click()
    expect(page.get_by_role("link", name="Log in")).to_be_visible()
    log_in_with_form(page, EMAIL)
    page.get_by_role("navigation", name="Main").get_by_role("link", name="My plan").click()
    still_there(page, course_title=course_title, follow_up=follow_up)
    assert csp_errors == []
