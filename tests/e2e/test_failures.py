"""When the server fails or goes away during an htmx change: a visible error next to the row or the form, and
the page stays usable (nothing half-changed, what was typed kept, the next try works and clears the error)."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from plans.models import CourseProgress, PortfolioCase
from tests.e2e.helpers import (
    first_course,
    item_form,
    mark_page,
    open_add_form,
    open_edit_form,
    open_section,
    plan_row,
    section_text,
    still_same_page,
)

SERVER_ERROR = "Sorry, something went wrong on our side and your change was not saved. Please try again."
NO_SERVER = "We could not reach the server, so your change was not saved. Check your connection and try again."


def fail_with_500(route):
    route.fulfill(status=500, content_type="text/html", body="<h1>Server Error (500)</h1>")


def server_gone(route):
    route.abort("connectionrefused")


FAILURES = [(fail_with_500, SERVER_ERROR), (server_gone, NO_SERVER)]
COURSE_STATUS = re.compile(r"/plan/courses/\d+/status/$")


def test_a_failed_state_change_shows_an_error_on_the_row_changes_nothing_and_the_next_change_clears_it(page, planner):
    open_section(page, "Courses")
    mark_page(page)
    course = first_course(page)
    other = page.locator("#courses-list > li.item").nth(1)
    for failure, message in FAILURES:
        page.route(COURSE_STATUS, failure)
        course.get_by_role("button", name="Completed").click()
        alert = course.get_by_role("alert")
        expect(alert).to_have_text(message)
        expect(other.get_by_role("alert")).to_have_count(0)  # only the row that failed says so
        # Nothing looks changed that was not saved.
        expect(course.get_by_role("button", name="Not started")).to_have_attribute("aria-pressed", "true")
        expect(page.get_by_role("progressbar", name="Courses progress")).to_have_attribute("value", "0")
        expect(page.locator("#overall-progress .overall-text")).to_have_text("0%")
        assert not CourseProgress.objects.filter(status="completed").exists()
        # Focus stays where the person was, not thrown back to the top of the page.
        expect(course.get_by_role("button", name="Completed")).to_be_focused()
        page.unroute(COURSE_STATUS)

    # The server is back: the same button works, and the error goes away.
    course.get_by_role("button", name="Completed").click()
    expect(course.get_by_role("button", name="Completed")).to_have_attribute("aria-pressed", "true")
    expect(course.get_by_role("alert")).to_have_count(0)
    expect(page.get_by_role("progressbar", name="Courses progress")).to_have_attribute("value", "1")

    # A failure on one row leaves the rest of the plan working.
    page.route(COURSE_STATUS, fail_with_500)
    other.get_by_role("button", name="In progress").click()
    expect(other.get_by_role("alert")).to_have_text(SERVER_ERROR)
    open_section(page, "Skills")
    skill = page.locator("#skills-list > li.item").first
    skill.get_by_role("button", name="2 Developing").click()
    expect(skill.get_by_role("button", name="2 Developing")).to_have_attribute("aria-pressed", "true")
    expect(section_text(page, "skills")).to_have_text("2 of 12 rating points")
    assert still_same_page(page)


def test_a_failed_add_or_save_keeps_what_was_typed_shows_the_error_at_the_form_and_a_retry_saves_it_once(page, planner):
    open_section(page, "Portfolio")
    mark_page(page)
    open_add_form(page, "Add a portfolio case")
    form = item_form(page, "Add a portfolio case")
    form.get_by_label("Title").fill("Search relevance case")
    add_slot = page.locator("#portfolio-add-slot")
    for failure, message in FAILURES:
        page.route("**/plan/portfolio/add/", failure)
        form.get_by_role("button", name="Add", exact=True).click()
        expect(page.get_by_role("alert")).to_have_text(message)
        expect(add_slot.get_by_role("alert")).to_have_text(message)  # next to the form, not at the top of the page
        expect(form.get_by_label("Title")).to_have_value("Search relevance case")
        assert not PortfolioCase.objects.exists()
        page.unroute("**/plan/portfolio/add/")

    form.get_by_role("button", name="Add", exact=True).click()
    case = plan_row(page, "Search relevance case")
    expect(case).to_be_visible()
    expect(page.get_by_role("alert")).to_have_count(0)
    assert PortfolioCase.objects.count() == 1

    # The same for an edit form's Save.
    open_edit_form(case)
    row = page.locator(f"#{PortfolioCase.objects.get().anchor}")  # the row while it shows its edit form
    edit = item_form(page, "Edit “Search relevance case”")
    edit.get_by_label("Title").fill("Search relevance, measured")
    page.route(re.compile(r"/plan/portfolio/\d+/edit/$"), fail_with_500)
    edit.get_by_role("button", name="Save").click()
    expect(row.get_by_role("alert")).to_have_text(SERVER_ERROR)
    expect(edit.get_by_label("Title")).to_have_value("Search relevance, measured")
    assert PortfolioCase.objects.get().title == "Search relevance case"
    page.unroute(re.compile(r"/plan/portfolio/\d+/edit/$"))
    edit.get_by_role("button", name="Save").click()
    expect(plan_row(page, "Search relevance, measured")).to_be_visible()
    expect(page.get_by_role("alert")).to_have_count(0)
    assert still_same_page(page)
