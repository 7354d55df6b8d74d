"""The newcomer's journey with JavaScript off: the tabs are links, every change is a plain form answered by a
redirect back to the changed row, and adding and editing happen on pages of their own."""

from __future__ import annotations

import datetime
import re

from playwright.sync_api import expect

from plans.models import CourseProgress, NetworkingStep, PortfolioCase
from tests.e2e.helpers import (
    add_case_after_a_validation_error,
    first_course,
    item_form,
    log_in_with_form,
    log_networking_step,
    open_section,
    plan_row,
    section_text,
    sign_up,
    still_there,
    take_assessment,
)

EMAIL = "no-script@example.com"


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

    # A course status: a form POST answered by a redirect back to the course's row.
    open_section(page, "Courses")
    expect(page).to_have_url(re.compile(r"/plan/courses/$"))
    course = first_course(page)
    course_title = course.get_by_role("heading").inner_text()
    course.get_by_role("button", name="Completed").click()
    expect(page).to_have_url(re.compile(r"/plan/courses/#course-\d+$"))
    expect(page.get_by_text(f"“{course_title}” marked completed.")).to_be_visible()
    expect(page.get_by_role("progressbar", name="Courses progress")).to_have_attribute("value", "1")
    expect(section_text(page, "courses")).to_have_text("1 of 3 completed")

    # A portfolio case added on its add page (an error first), then edited on its edit page.
    open_section(page, "Portfolio")
    add_case_after_a_validation_error(page, focus_moves_to_error=False)
    expect(page).to_have_url(re.compile(r"/plan/portfolio/#case-\d+$"))
    case = plan_row(page, "Onboarding funnel teardown")
    case.get_by_role("link", name=re.compile("^Edit")).click()
    expect(page).to_have_url(re.compile(r"/plan/portfolio/\d+/edit/$"))
    form = item_form(page, "Edit “Onboarding funnel teardown”")
    form.get_by_label("Title").fill("")
    form.get_by_role("button", name="Save").click()
    expect(form).to_contain_text("This field is required.")  # the form page again, saying why
    expect(form.get_by_label("Title")).to_have_attribute("aria-invalid", "true")
    form.get_by_label("Title").fill("Onboarding funnel teardown")
    form.get_by_label("Status").select_option(label="Published")
    form.get_by_role("button", name="Save").click()
    expect(page).to_have_url(re.compile(r"/plan/portfolio/#case-\d+$"))
    expect(case.get_by_role("button", name="Published")).to_have_attribute("aria-pressed", "true")
    expect(section_text(page, "portfolio")).to_have_text("1 of 3 cases published")

    # A second case, deleted from its edit page: back to the portfolio, the first case untouched.
    page.get_by_role("link", name="Add a portfolio case").click()
    item_form(page, "Add a portfolio case").get_by_label("Title").fill("A case to delete")
    item_form(page, "Add a portfolio case").get_by_role("button", name="Add", exact=True).click()
    plan_row(page, "A case to delete").get_by_role("link", name=re.compile("^Edit")).click()
    page.get_by_role("button", name="Delete").click()
    expect(page.get_by_text("Deleted “A case to delete”.")).to_be_visible()
    expect(plan_row(page, "A case to delete")).to_have_count(0)
    expect(page).to_have_url(re.compile(r"/plan/portfolio/$"))

    open_section(page, "Networking")
    log_networking_step(page, follow_up)
    expect(page).to_have_url(re.compile(r"/plan/networking/#step-\d+$"))

    page.get_by_role("button", name="Log out").click()
    expect(page.get_by_role("link", name="Log in")).to_be_visible()
    log_in_with_form(page, EMAIL)
    page.get_by_role("navigation", name="Main").get_by_role("link", name="My plan").click()
    still_there(page, course_title=course_title, follow_up=follow_up)

    # The same rows as the JavaScript journey, nothing doubled by the redirects.
    assert CourseProgress.objects.filter(user__email=EMAIL, status="completed").count() == 1
    assert list(PortfolioCase.objects.filter(user__email=EMAIL).values_list("title", flat=True)) == [
        "Onboarding funnel teardown"
    ]
    assert NetworkingStep.objects.filter(user__email=EMAIL, follow_up_on=follow_up).count() == 1
