"""Moving between the plan's pages: the section tabs load a section in place and push its address, so
Back, Forward, reloads and bookmarks land on the right section, with its tab marked as the current page."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from tests.e2e.helpers import (
    first_course,
    mark_page,
    open_section,
    plan_row,
    plan_tabs,
    requests_to_app,
    section_text,
    shown_numbers,
    still_same_page,
)


def on_section(page, name: str, path: str) -> None:
    """The page shows the section `name` at `path`, with its tab (only) marked current."""
    expect(page).to_have_url(re.compile(rf"{re.escape(path)}$"))
    heading = re.compile(r"^My plan: ") if name == "Overview" else name
    expect(page.get_by_role("heading", level=1)).to_have_text(heading)
    expect(plan_tabs(page)).to_have_count(1)
    current = plan_tabs(page).locator("[aria-current=page]")
    expect(current).to_have_count(1)
    expect(current).to_have_text(name)


def test_tabs_load_sections_in_place_and_back_forward_and_bookmarks_land_on_them(page, planner, live_server):
    on_section(page, "Overview", "/plan/")
    mark_page(page)

    with requests_to_app(page, live_server.url) as sent:
        open_section(page, "Courses")
    assert sent == ["GET /plan/courses/"], sent  # the section's main area only, no page load
    on_section(page, "Courses", "/plan/courses/")
    expect(page).to_have_title("Courses · My plan · PM Planner")
    expect(first_course(page)).to_be_visible()
    open_section(page, "Skills")
    on_section(page, "Skills", "/plan/skills/")
    expect(page.get_by_role("heading", name="Technical understanding", level=3)).to_be_visible()
    assert still_same_page(page)

    page.go_back()
    on_section(page, "Courses", "/plan/courses/")
    expect(first_course(page).get_by_role("button", name="Completed")).to_be_visible()
    expect(page).to_have_title("Courses · My plan · PM Planner")
    page.go_back()
    on_section(page, "Overview", "/plan/")
    expect(page.locator(".section-cards")).to_contain_text("Rate yourself on the 3 key skills of your track.")
    page.go_forward()
    on_section(page, "Courses", "/plan/courses/")
    page.go_forward()
    on_section(page, "Skills", "/plan/skills/")
    # After Back and Forward the restored page still works: a change and a tab.
    skill = plan_row(page, "Technical understanding")
    skill.get_by_role("button", name="2 Developing").click()
    expect(section_text(page, "skills")).to_have_text("2 of 12 rating points")
    open_section(page, "Milestones")
    on_section(page, "Milestones", "/plan/milestones/")

    # A reload, and a bookmark opened in a new tab, show the section as a whole page.
    page.reload()
    on_section(page, "Milestones", "/plan/milestones/")
    bookmark = page.context.new_page()
    bookmark.goto(live_server.url + "/plan/networking/")
    on_section(bookmark, "Networking", "/plan/networking/")
    expect(bookmark.get_by_role("navigation", name="Main")).to_have_count(1)
    bookmark.close()


def test_back_to_the_overview_after_a_change_shows_the_new_numbers(page, planner):
    open_section(page, "Courses")
    first_course(page).get_by_role("button", name="Completed").click()
    expect(section_text(page, "courses")).to_have_text("1 of 3 completed")
    overall, courses = shown_numbers(page, "courses")

    page.go_back()
    on_section(page, "Overview", "/plan/")
    expect(page.locator(".overall-number")).to_have_text(overall)
    expect(section_text(page, "courses")).to_have_text(courses)
