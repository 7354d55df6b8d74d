"""The plan in a real browser: the overview and the section pages agree, every change is one request
answered in place (the row, its section's bar, the overall bar, an announcement), forms are fetched when
asked for, and the networking log keeps its promised order."""

from __future__ import annotations

import datetime
import re

from playwright.sync_api import expect

from plans.models import NetworkingStep, PortfolioCase
from tests.e2e.helpers import (
    SECTIONS,
    first_course,
    focus_within,
    item_form,
    mark_page,
    open_add_form,
    open_edit_form,
    open_section,
    overall_text,
    plan_row,
    requests_to_app,
    section_text,
    shown_numbers,
    still_same_page,
)


def overview_agrees(page, key: str, overall: str, text: str) -> None:
    """The overview shows the overall figure and the section's "N of M" a section page showed."""
    expect(page.locator(".overall-number")).to_have_text(overall)
    expect(overall_text(page)).to_have_text(overall)
    expect(section_text(page, key)).to_have_text(text)
    label = next(name for name, section in SECTIONS.items() if section == key)
    expect(page.locator(".overall-sections li").filter(has_text=label)).to_contain_text(text)


def test_a_change_on_a_section_moves_both_bars_is_announced_and_the_overview_agrees(page, planner, csp_errors):
    expect(page.locator(".overall-number")).to_have_text("0%")
    expect(section_text(page, "courses")).to_have_text("0 of 3 completed")

    # From the overview's card to the section's page, and a course completed there.
    page.locator(".section-cards").get_by_role("link", name="Courses", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Courses")
    mark_page(page)
    course = first_course(page)
    course.get_by_role("button", name="Completed").click()
    expect(course.get_by_role("button", name="Completed")).to_have_attribute("aria-pressed", "true")
    expect(page.get_by_role("progressbar", name="Courses progress")).to_have_attribute("value", "1")
    expect(section_text(page, "courses")).to_have_text("1 of 3 completed")
    expect(overall_text(page)).not_to_have_text("0%")
    overall, courses = shown_numbers(page, "courses")
    expect(page.get_by_role("progressbar", name="Overall")).to_have_attribute("value", overall.rstrip("%"))
    expect(page.locator("#plan-announcer")).to_have_text(
        re.compile(rf"marked completed\. Courses: 1 of 3 completed\. Overall progress {overall}\.$")
    )
    expect(course.get_by_role("button", name="Completed")).to_be_focused()  # focus stays on the pressed button

    # Back on the overview (its tab): the same numbers, also after a reload (what the server counts).
    open_section(page, "Overview")
    overview_agrees(page, "courses", overall, courses)
    page.reload()
    overview_agrees(page, "courses", overall, courses)

    # Another section, reached by its tab from the overview: tick a first step.
    open_section(page, "First steps and habits")
    mark_page(page)
    step = page.locator("#checklist-list > li.item").first
    step.get_by_role("button", name="Done").click()
    expect(step.get_by_role("button", name="Done")).to_have_attribute("aria-pressed", "true")
    expect(section_text(page, "checklist")).to_have_text("1 of 7 done")
    expect(overall_text(page)).not_to_have_text(overall)
    overall, checklist = shown_numbers(page, "checklist")
    announced = page.locator("#plan-announcer").all_inner_texts()
    open_section(page, "Overview")
    overview_agrees(page, "checklist", overall, checklist)
    overview_agrees(page, "courses", overall, courses)
    assert still_same_page(page), "the tabs reloaded the page"
    assert csp_errors == []
    # The tick was announced on the page the tab loaded, as on a page loaded in full.
    assert any(f"Overall progress {overall}." in text for text in announced), f"announced: {announced}"


def test_every_click_that_changes_something_sends_one_request_and_keeps_the_page(page, planner, live_server):
    NetworkingStep.objects.create(user=planner, who="Priya at Acme")
    mark_page(page)

    def one_request(click, path: str) -> None:
        with requests_to_app(page, live_server.url) as sent:
            click()
        assert len(sent) == 1 and re.fullmatch(rf"POST {path}", sent[0]), sent

    open_section(page, "Courses")
    course = first_course(page)
    one_request(lambda: course.get_by_role("button", name="In progress").click(), r"/plan/courses/\d+/status/")
    expect(course.get_by_role("button", name="In progress")).to_have_attribute("aria-pressed", "true")

    open_section(page, "First steps and habits")
    step = page.locator("#checklist-list > li.item").first
    one_request(lambda: step.get_by_role("button", name="Done").click(), r"/plan/checklist/\d+/done/")
    expect(section_text(page, "checklist")).to_have_text("1 of 7 done")

    open_section(page, "Networking")
    priya = plan_row(page, "Priya at Acme")
    one_request(lambda: priya.get_by_role("button", name="Done").click(), r"/plan/networking/\d+/done/")
    expect(section_text(page, "networking")).to_have_text("1 of 5 steps done")
    idea = re.compile(r"^Add to my log\W+Find a mentor")
    one_request(lambda: page.get_by_role("button", name=idea).click(), "/plan/networking/suggested/find-a-mentor/")
    expect(plan_row(page, "Find a mentor who works in product")).to_be_visible()

    open_section(page, "Portfolio")
    open_add_form(page, "Add a portfolio case")
    form = item_form(page, "Add a portfolio case")
    form.get_by_label("Title").fill("Checkout redesign")
    one_request(lambda: form.get_by_role("button", name="Add", exact=True).click(), "/plan/portfolio/add/")
    case = plan_row(page, "Checkout redesign")
    one_request(lambda: case.get_by_role("button", name="Published").click(), r"/plan/portfolio/\d+/status/")
    expect(section_text(page, "portfolio")).to_have_text("1 of 3 cases published")

    open_section(page, "Skills")
    skill = page.locator("#skills-list > li.item").first
    one_request(lambda: skill.get_by_role("button", name="3 Confident").click(), r"/plan/skills/\d+/rating/")
    expect(section_text(page, "skills")).to_have_text("3 of 12 rating points")

    open_section(page, "Milestones")
    milestone = page.locator("#milestones-list > li.item").first
    one_request(lambda: milestone.get_by_role("button", name="Reached").click(), r"/plan/milestones/\d+/reached/")
    expect(section_text(page, "milestones")).to_have_text("1 of 3 reached")
    assert still_same_page(page), "a change or a tab reloaded the page"


def test_a_portfolio_case_is_added_edited_and_deleted_in_place(page, planner):
    open_section(page, "Portfolio")
    mark_page(page)
    expect(page.locator("main form.item-form")).to_have_count(0)  # no form until one is asked for

    open_add_form(page, "Add a portfolio case")
    form = item_form(page, "Add a portfolio case")
    form.get_by_label("Title").fill("Checkout <b>redesign</b>")
    form.get_by_label("Status").select_option("published")
    form.get_by_role("button", name="Add", exact=True).click()
    case = page.locator("#portfolio-list > li.item")
    expect(case).to_have_count(1)
    expect(case.get_by_role("heading")).to_have_text("Checkout <b>redesign</b>")  # escaped, shown as typed
    expect(case.get_by_role("button", name="Published")).to_have_attribute("aria-pressed", "true")
    expect(section_text(page, "portfolio")).to_have_text("1 of 3 cases published")
    expect(form).to_have_count(0)  # the add form closed

    # Edit in place: the form replaces the row; Save shows the row again, changed.
    open_edit_form(case)
    edit = item_form(page, re.compile("^Edit “Checkout"))
    expect(edit.get_by_label("Title")).to_have_value("Checkout <b>redesign</b>")
    expect(page.locator("main form.item-form")).to_have_count(1)
    edit.get_by_label("Title").fill("Checkout redesign")
    edit.get_by_role("button", name="Save").click()
    expect(case.get_by_role("heading")).to_have_text("Checkout redesign")

    # A rejected edit (an empty title) says why and changes nothing; Cancel shows the row as it was.
    open_edit_form(case)
    edit.get_by_label("Title").fill("")
    edit.get_by_role("button", name="Save").click()
    expect(edit).to_contain_text("This field is required.")
    expect(edit.get_by_label("Title")).to_have_attribute("aria-invalid", "true")
    assert PortfolioCase.objects.get(user=planner).title == "Checkout redesign"
    edit.get_by_role("link", name="Cancel").click()
    expect(case.get_by_role("heading")).to_have_text("Checkout redesign")

    # Delete, after confirming.
    page.once("dialog", lambda dialog: dialog.accept())
    open_edit_form(case)
    edit.get_by_role("button", name="Delete").click()
    expect(page.locator("#portfolio-list > li.item")).to_have_count(0)
    expect(page.get_by_text("No cases yet.")).to_be_visible()
    expect(section_text(page, "portfolio")).to_have_text("0 of 3 cases published")
    assert not PortfolioCase.objects.filter(user=planner).exists()
    assert still_same_page(page)


def test_the_networking_log_keeps_follow_ups_due_soon_first_after_every_change_and_focus_stays_on_the_row(
    page, planner
):
    today = datetime.date.today()
    NetworkingStep.objects.create(user=planner, who="Later contact", follow_up_on=today + datetime.timedelta(days=30))
    NetworkingStep.objects.create(user=planner, who="No follow-up")
    open_section(page, "Networking")
    order = page.locator("#networking-list > li.item h3")
    expect(order).to_have_text(["Later contact", "No follow-up"])

    open_add_form(page, "Log a networking step")
    form = item_form(page, "Log a networking step")
    form.get_by_label("Who or where").fill("Soon contact")
    form.get_by_label("Follow-up date").fill((today + datetime.timedelta(days=2)).isoformat())
    form.get_by_role("button", name="Add", exact=True).click()
    expect(order).to_have_text(["Soon contact", "Later contact", "No follow-up"])
    expect(form).to_have_count(0)

    open_edit_form(plan_row(page, "Later contact"))
    edit = item_form(page, "Edit “Later contact”")
    edit.get_by_label("Follow-up date").fill((today - datetime.timedelta(days=1)).isoformat())
    edit.get_by_role("button", name="Save").click()
    expect(order).to_have_text(["Later contact", "Soon contact", "No follow-up"])
    expect(plan_row(page, "Later contact")).to_contain_text("Follow-up overdue")

    plan_row(page, "Later contact").get_by_role("button", name="Done").click()
    expect(order).to_have_text(["Soon contact", "No follow-up", "Later contact"])  # done steps go last
    expect(plan_row(page, "Later contact").get_by_role("button", name="Done")).to_be_focused()

    # The whole list is drawn again after a change: focus still goes to the row that changed.
    open_edit_form(plan_row(page, "No follow-up"))
    edit = item_form(page, "Edit “No follow-up”")
    edit.get_by_label("Notes").fill("Met at the product meetup.")
    edit.get_by_role("button", name="Save").click()
    expect(plan_row(page, "No follow-up")).to_contain_text("Met at the product meetup.")
    expect(focus_within(plan_row(page, "No follow-up"))).to_have_count(1)

    page.get_by_role("button", name=re.compile(r"^Add to my log\W+Find a mentor")).click()
    mentor = "Find a mentor who works in product"
    expect(order).to_have_text(["Soon contact", "No follow-up", mentor, "Later contact"])
    expect(page.locator("#suggestion-find-a-mentor")).to_have_count(0)  # the idea left the ideas list
    expect(focus_within(plan_row(page, mentor))).to_have_count(1)
    page.reload()
    expect(order).to_have_text(["Soon contact", "No follow-up", mentor, "Later contact"])


def test_the_overviews_add_and_edit_links_work_with_javascript(page, planner, live_server):
    # The overview links to the add and edit pages themselves (no htmx there): they must work as pages.
    page.get_by_role("link", name="Write up a new case.").click()
    expect(page).to_have_url(re.compile(r"/plan/portfolio/add/$"))
    page.get_by_label("Title").fill("Written from the overview")
    page.get_by_role("button", name="Add", exact=True).click()
    expect(page).to_have_url(re.compile(r"/plan/portfolio/(#case-\d+)?$"))
    expect(plan_row(page, "Written from the overview")).to_be_visible()

    page.goto(live_server.url + "/plan/")
    page.get_by_role("link", name="set a target date").click()
    target = datetime.date.today() + datetime.timedelta(days=200)
    page.get_by_label("Target date").fill(target.isoformat())
    page.get_by_role("button", name="Save").click()
    expect(page).to_have_url(re.compile(r"/plan/milestones/(#milestone-\d+)?$"))
    expect(page.locator("#milestones-list > li.item").first).to_contain_text(f"Target {target:%-d %b %Y}")
