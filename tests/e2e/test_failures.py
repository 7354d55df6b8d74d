"""When the server fails or goes away during an HTMX change: a visible error next to the item, and the page
stays usable (nothing half-changed, the next change works and clears the error)."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from plans.models import CourseProgress, PortfolioCase
from tests.conftest import make_user
from tests.e2e.helpers import add_form, mark_page, section, sign_in_context, start_plan, still_same_page

SERVER_ERROR = "Sorry, something went wrong on our side and your change was not saved. Please try again."
NO_SERVER = "We could not reach the server, so your change was not saved. Check your connection and try again."


def fail_with_500(route):
    route.fulfill(status=500, content_type="text/html", body="<h1>Server Error (500)</h1>")


def server_gone(route):
    route.abort("connectionrefused")


FAILURES = [pytest.param(fail_with_500, SERVER_ERROR, id="500"), pytest.param(server_gone, NO_SERVER, id="gone")]


@pytest.fixture
def plan_page(live_server, page):
    user = make_user("owner@example.com")
    start_plan(user)
    sign_in_context(page.context, live_server, user)
    page.goto(live_server.url + "/plan/")
    mark_page(page)
    yield page
    # A change makes the next-steps panel refresh itself: let that finish before the database is flushed.
    page.wait_for_function("() => !document.querySelector('.htmx-request')")


def course_item(page, position: int = 0):
    items = section(page, "Courses").get_by_role("listitem")
    return items.filter(has=page.get_by_role("button", name="Completed")).nth(position)


@pytest.mark.parametrize(("failure", "message"), FAILURES)
def test_a_failed_state_change_shows_an_error_on_the_item_and_the_next_change_clears_it(plan_page, failure, message):
    page = plan_page
    course = course_item(page)
    other = course_item(page, 1)
    page.route(re.compile(r"/plan/courses/\d+/status/$"), failure)

    course.get_by_role("button", name="Completed").click()
    alert = course.get_by_role("alert")
    expect(alert).to_have_text(message)
    expect(other.get_by_role("alert")).to_have_count(0)  # only the item that failed says so
    # Nothing looks changed that was not saved.
    expect(course.get_by_role("button", name="Not started")).to_have_attribute("aria-pressed", "true")
    expect(page.get_by_role("progressbar", name="Courses progress")).to_have_attribute("value", "0")
    assert not CourseProgress.objects.filter(status="completed").exists()
    # Focus stays where the person was, not thrown back to the top of the page.
    expect(course.get_by_role("button", name="Completed")).to_be_focused()

    # The server is back: the same button works, and the error goes away.
    page.unroute(re.compile(r"/plan/courses/\d+/status/$"))
    course.get_by_role("button", name="Completed").click()
    expect(course.get_by_role("button", name="Completed")).to_have_attribute("aria-pressed", "true")
    expect(alert).to_have_count(0)
    expect(page.get_by_role("progressbar", name="Courses progress")).to_have_attribute("value", "1")
    assert still_same_page(page)


@pytest.mark.parametrize(("failure", "message"), FAILURES)
def test_a_failed_add_keeps_what_was_typed_and_a_retry_adds_it_once(plan_page, failure, message):
    page = plan_page
    section(page, "Portfolio").get_by_text("Add a portfolio case", exact=True).click()
    form = add_form(page, "Add case")
    form.get_by_label("Title").fill("Search relevance case")
    page.route("**/plan/cases/add/", failure)

    form.get_by_role("button", name="Add case").click()
    expect(section(page, "Portfolio").get_by_role("alert")).to_have_text(message)
    expect(form.get_by_label("Title")).to_have_value("Search relevance case")
    assert not PortfolioCase.objects.exists()

    page.unroute("**/plan/cases/add/")
    form.get_by_role("button", name="Add case").click()
    expect(section(page, "Portfolio").get_by_role("heading", name="Search relevance case")).to_be_visible()
    expect(section(page, "Portfolio").get_by_role("alert")).to_have_count(0)
    expect(page.get_by_role("progressbar", name="Portfolio progress")).to_be_visible()
    assert PortfolioCase.objects.count() == 1
    assert still_same_page(page)


def test_after_a_failure_elsewhere_the_rest_of_the_page_still_works(plan_page):
    page = plan_page
    page.route(re.compile(r"/plan/courses/\d+/status/$"), fail_with_500)
    course_item(page).get_by_role("button", name="In progress").click()
    expect(course_item(page).get_by_role("alert")).to_have_text(SERVER_ERROR)

    # Other sections are untouched by the routed failure and keep working.
    skill = section(page, "Skills").get_by_role("listitem").first
    skill.get_by_role("button", name="2 Developing").click()
    expect(skill.get_by_role("button", name="2 Developing")).to_have_attribute("aria-pressed", "true")
    expect(section(page, "Skills")).to_contain_text("2 of 12 rating points")
    expect(course_item(page).get_by_role("alert")).to_have_text(SERVER_ERROR)  # still next to the course
    assert still_same_page(page)
