"""Changing direction: what a person did follows them from one track's plan to the next (courses, portfolio,
networking, first steps and habits), switching back duplicates nothing, and a course two tracks list has one
state in both."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from careers.models import Course, Habit, Track
from plans.models import ChecklistItem, CourseProgress, NetworkingStep, Plan, PortfolioCase
from tests.e2e.conftest import assert_accessible
from tests.e2e.helpers import open_section, plan_row, section_text, start_plan

IBM = "IBM Product Manager Professional Certificate"  # recommended for every track
STEPS = ["Priya, PM at Acme", "Product meetup Berlin", "Mentor call"]


def what_belongs_to_the_person(user) -> None:
    """A completed general course, a published case, three networking steps (one done), two ticked habits."""
    CourseProgress.objects.get(user=user, course__title=IBM).set_status(CourseProgress.Status.COMPLETED)
    PortfolioCase.objects.create(user=user, title="Churn dashboard", status=PortfolioCase.Status.PUBLISHED)
    for who in STEPS:
        NetworkingStep.objects.create(user=user, who=who, done=who == "Mentor call")
    ChecklistItem.objects.filter(user=user, habit__in=Habit.objects.all()[:2]).update(done=True)


def shows_what_belongs_to_the_person(page, courses_text: str) -> None:
    """The overview's numbers, then each section page through its tab."""
    expect(section_text(page, "courses")).to_have_text(courses_text)
    expect(section_text(page, "portfolio")).to_have_text("1 of 3 cases published")
    expect(section_text(page, "networking")).to_have_text("1 of 5 steps done")
    expect(section_text(page, "checklist")).to_have_text("2 of 7 done")
    open_section(page, "Courses")
    expect(plan_row(page, IBM).get_by_role("button", name="Completed")).to_have_attribute("aria-pressed", "true")
    open_section(page, "Portfolio")
    expect(plan_row(page, "Churn dashboard").get_by_role("button", name="Published")).to_have_attribute(
        "aria-pressed", "true"
    )
    open_section(page, "Networking")
    expect(page.locator("#networking-list > li.item h3")).to_have_text(STEPS)
    open_section(page, "First steps and habits")
    expect(page.locator("#checklist-list > li.item").get_by_role("button", name="Done", pressed=True)).to_have_count(2)
    open_section(page, "Overview")


def test_switching_track_keeps_what_the_person_did_and_switching_back_duplicates_nothing(
    page, planner, live_server, csp_errors
):
    what_belongs_to_the_person(planner)
    rows_before = (CourseProgress.objects.count(), ChecklistItem.objects.count())

    # Switch from the UX track's page, confirming.
    page.goto(live_server.url + "/tracks/ux/")
    expect(page.locator("#start-track")).to_contain_text("Switching archives it with all its progress")
    assert_accessible(page)
    page.get_by_role("button", name=re.compile(r"^Switch to this track")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Switch to the UX PM track?")
    assert_accessible(page)
    page.get_by_role("button", name=re.compile("^Archive my Technical PM plan")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("My plan: The User Experience PM")
    expect(page.get_by_text("your courses, portfolio, network and habits came with you")).to_be_visible()
    shows_what_belongs_to_the_person(page, "1 of 4 completed")  # IBM counts in the UX plan too
    expect(page.locator(".overall-number")).not_to_have_text("0%")

    # The archived plan reads the same, and switching back brings it all along once.
    page.get_by_role("link", name="All my plans").click()
    assert_accessible(page)
    page.get_by_role("link", name="The Technical Product Manager").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Archived plan: The Technical Product Manager")
    expect(page.get_by_role("region", name="Portfolio")).to_contain_text("Churn dashboard")
    assert_accessible(page)
    page.get_by_role("button", name="Make this my active plan").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("My plan: The Technical Product Manager")
    shows_what_belongs_to_the_person(page, "1 of 3 completed")

    # One row each, however often the person switched: the UX plan only added its own courses' rows.
    ux_only = Course.objects.filter(tracks__slug="ux").count()
    assert (CourseProgress.objects.count(), ChecklistItem.objects.count()) == (rows_before[0] + ux_only, rows_before[1])
    assert PortfolioCase.objects.count() == 1
    assert NetworkingStep.objects.count() == 3
    assert Plan.objects.filter(user=planner).count() == 2
    assert csp_errors == []


def test_a_course_two_tracks_list_has_one_state_in_both_plans(page, planner, live_server):
    course = Course.objects.get(title="Product Development for Technical Managers Specialization")
    course.tracks.add(Track.objects.get(slug="ux"))
    open_section(page, "Courses")
    plan_row(page, course.title).get_by_role("button", name="In progress").click()
    expect(plan_row(page, course.title).get_by_role("button", name="In progress")).to_have_attribute(
        "aria-pressed", "true"
    )

    start_plan(planner, "ux")
    page.goto(live_server.url + "/plan/courses/")
    shared = plan_row(page, course.title)
    expect(shared.get_by_role("button", name="In progress")).to_have_attribute("aria-pressed", "true")
    shared.get_by_role("button", name="Completed").click()
    expect(section_text(page, "courses")).to_have_text("1 of 5 completed")

    start_plan(planner, "technical")
    page.goto(live_server.url + "/plan/courses/")
    expect(plan_row(page, course.title).get_by_role("button", name="Completed")).to_have_attribute(
        "aria-pressed", "true"
    )
    expect(section_text(page, "courses")).to_have_text("1 of 3 completed")
    assert CourseProgress.objects.filter(user=planner, course=course).count() == 1
