"""By keyboard alone (Tab, Shift+Tab, Enter, Space): a skip link first, focus always visible, the section tabs,
focus kept or moved where the person expects after every htmx swap, and every change announced."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from tests.conftest import PASSWORD
from tests.e2e.helpers import (
    SECTIONS,
    TECHNICAL_ANSWERS,
    account_link,
    focus_is_visible,
    focus_within,
    is_focused,
    mark_page,
    plan_row,
    plan_tabs,
    section_text,
    still_same_page,
    tab_to,
)

EMAIL = "keys@example.com"


def test_skip_link_is_the_first_tab_stop_and_moves_focus_to_the_main_content(page, planner, live_server):
    for path in ["/", "/assessment/step/1/", "/plan/", "/plan/courses/", "/accounts/login/"]:
        if path == "/accounts/login/":
            page.context.clear_cookies()
        page.goto(live_server.url + path)
        page.keyboard.press("Tab")
        skip = page.get_by_role("link", name="Skip to main content")
        assert is_focused(skip), path
        expect(skip).to_be_in_viewport()  # shown when focused, hidden otherwise
        assert focus_is_visible(page), path

        page.keyboard.press("Enter")
        expect(page.get_by_role("main")).to_be_focused()
        # The next Tab lands inside the main content, past the navigation.
        page.keyboard.press("Tab")
        assert page.evaluate("document.querySelector('main').contains(document.activeElement)"), path


def test_every_tab_stop_of_the_plan_pages_shows_focus_and_every_bar_is_a_named_native_progress(
    page, planner, live_server
):
    for path in ["/plan/", "/plan/courses/", "/plan/networking/"]:
        page.goto(live_server.url + path)
        # tab_to asserts a visible outline or focus ring at each of the page's stops on the way to the footer.
        presses = tab_to(page, page.get_by_role("contentinfo").get_by_role("link", name="Course catalogue"))
        assert presses > 15, path
        unnamed = page.evaluate(
            """() => Array.from(document.querySelectorAll('progress'))
                  .filter(el => !(el.labels.length || el.getAttribute('aria-label')
                                  || el.getAttribute('aria-labelledby')))
                  .map(el => el.outerHTML)"""
        )
        assert unnamed == [], path
        assert page.locator("[role=progressbar]:not(progress)").count() == 0
        expect(page.get_by_role("progressbar", name="Overall")).to_have_count(1)
    page.goto(live_server.url + "/plan/")
    for name, key in SECTIONS.items():
        expect(page.get_by_role("progressbar", name=f"{name} progress")).to_have_count(1)
        expect(section_text(page, key)).to_be_visible()


def test_the_journey_by_keyboard_alone(live_server, page, csp_errors):
    page.goto(live_server.url + "/")

    # The assessment: Tab into each step's answers, arrows to choose, Enter to send.
    tab_to(page, page.get_by_role("link", name="Take the assessment"))
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Which product management track fits you?")
    tab_to(page, page.get_by_role("button", name="Start the assessment"))
    page.keyboard.press("Enter")
    for number, answer in enumerate(TECHNICAL_ANSWERS, start=1):
        question = page.get_by_role("heading", level=2)
        expect(question).to_contain_text(f"Step {number} of {len(TECHNICAL_ANSWERS)}")
        if number == 1:
            tab_to(page, page.get_by_role("radio").first)
        else:
            expect(question).to_be_focused()  # focus followed the swap to the new question
            page.keyboard.press("Tab")
            expect(page.get_by_role("radio").first).to_be_focused()  # and Tab enters its answers at the first
        page.keyboard.press("Space")
        choice = page.get_by_role("radio", name=answer, exact=True)
        while not is_focused(choice):
            page.keyboard.press("ArrowDown")
        expect(choice).to_be_checked()
        page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Your best fit: Technical PM")

    # Sign up from the result, then start the recommended track from it.
    tab_to(page, page.get_by_role("link", name=re.compile(r"^Sign up to start this track")))
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign up")
    tab_to(page, page.get_by_role("textbox", name=re.compile(r"^Email")))
    page.keyboard.type(EMAIL)
    tab_to(page, page.get_by_role("textbox", name=re.compile(r"^Password\W*$")))
    page.keyboard.type(PASSWORD)
    tab_to(page, page.get_by_role("textbox", name=re.compile(r"^Password \(again\)")))
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")
    expect(account_link(page, EMAIL)).to_be_visible()
    tab_to(page, page.get_by_role("button", name=re.compile(r"^Start this track")))
    page.keyboard.press("Space")
    expect(page.get_by_role("heading", level=1)).to_have_text("My plan: The Technical Product Manager")
    mark_page(page)
    # What the live region says after each change, checked at the end (so every focus step is checked first).
    announced: list[str] = []

    def heard() -> None:
        announced.append(" ".join(page.locator("#plan-announcer").all_inner_texts()))

    # The Courses tab: the section loads in place and focus moves to its heading.
    tab_to(page, plan_tabs(page).get_by_role("link", name="Courses"))
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1, name="Courses")).to_be_focused()
    expect(page).to_have_url(re.compile(r"/plan/courses/$"))

    # A course: Space on "Completed" keeps focus on it; Shift+Tab back to "In progress", Enter.
    course = page.locator("#courses-list > li.item").first
    tab_to(page, course.get_by_role("button", name="Completed"))
    page.keyboard.press("Space")
    expect(course.get_by_role("button", name="Completed")).to_have_attribute("aria-pressed", "true")
    expect(course.get_by_role("button", name="Completed")).to_be_focused()
    heard()
    tab_to(page, course.get_by_role("button", name="In progress"), backwards=True)
    page.keyboard.press("Enter")
    expect(course.get_by_role("button", name="In progress")).to_have_attribute("aria-pressed", "true")
    expect(course.get_by_role("button", name="In progress")).to_be_focused()
    heard()

    # Back up to the tabs, to the Portfolio: add a case; focus goes into the form, then to the new row.
    tab_to(page, plan_tabs(page).get_by_role("link", name="Portfolio"), backwards=True)
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1, name="Portfolio")).to_be_focused()
    tab_to(page, page.get_by_role("link", name="Add a portfolio case"))
    page.keyboard.press("Enter")
    expect(page.get_by_label("Title")).to_be_focused()
    page.keyboard.type("Keyboard-only checkout")
    tab_to(page, page.get_by_role("button", name="Add", exact=True))
    page.keyboard.press("Enter")
    case = page.locator("#portfolio-list > li.item").filter(has_text="Keyboard-only checkout")
    expect(case).to_be_focused()
    assert focus_is_visible(page), "the focused row shows no focus"
    heard()

    # Publish it; then edit its title: focus goes to the form's first field, and back to the row on Save.
    tab_to(page, case.get_by_role("button", name="Published"))
    page.keyboard.press("Space")
    expect(section_text(page, "portfolio")).to_have_text("1 of 3 cases published")
    expect(case.get_by_role("button", name="Published")).to_be_focused()
    tab_to(page, case.get_by_role("link", name=re.compile("^Edit")))
    page.keyboard.press("Enter")
    title = page.get_by_label("Title")
    expect(title).to_be_focused()
    page.keyboard.press("End")
    page.keyboard.type(" (v2)")
    tab_to(page, page.get_by_role("button", name="Save"))
    page.keyboard.press("Enter")
    case = plan_row(page, "Keyboard-only checkout (v2)")
    expect(case).to_be_visible()
    expect(focus_within(case)).to_have_count(1)  # focus came back to the saved row
    # Cancel also returns focus to the row.
    tab_to(page, case.get_by_role("link", name=re.compile("^Edit")))
    page.keyboard.press("Enter")
    expect(title).to_be_focused()
    tab_to(page, page.get_by_role("link", name="Cancel"))
    page.keyboard.press("Enter")
    expect(case.get_by_role("button", name="Published")).to_be_visible()
    expect(focus_within(case)).to_have_count(1)  # and after Cancel

    # A suggested networking step, added by keyboard: focus goes to the new row in the log.
    tab_to(page, plan_tabs(page).get_by_role("link", name="Networking"), backwards=True)
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1, name="Networking")).to_be_focused()
    tab_to(page, page.get_by_role("button", name=re.compile(r"^Add to my log\W+Find a mentor")))
    page.keyboard.press("Enter")
    step = page.locator("#networking-list > li.item").filter(has_text="Find a mentor")
    expect(focus_within(step)).to_have_count(1)
    heard()
    assert still_same_page(page), "the page reloaded during the keyboard journey"

    # Log out and back in; the work is still there. Then delete the case: focus goes to the heading.
    tab_to(page, page.get_by_role("button", name="Log out"), backwards=True)
    page.keyboard.press("Enter")
    expect(page.get_by_role("link", name="Log in")).to_be_visible()
    tab_to(page, page.get_by_role("link", name="Log in"))
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Log in")
    tab_to(page, page.get_by_role("textbox", name=re.compile(r"^Email")))
    page.keyboard.type(EMAIL)
    page.keyboard.press("Tab")
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")
    expect(account_link(page, EMAIL)).to_be_visible()  # and logging in lands on the plan
    expect(section_text(page, "portfolio")).to_have_text("1 of 3 cases published")
    tab_to(page, plan_tabs(page).get_by_role("link", name="Portfolio"))
    page.keyboard.press("Enter")
    case = plan_row(page, "Keyboard-only checkout (v2)")
    tab_to(page, case.get_by_role("link", name=re.compile("^Edit")))
    page.keyboard.press("Enter")
    page.once("dialog", lambda dialog: dialog.accept())
    tab_to(page, page.get_by_role("button", name="Delete"))
    page.keyboard.press("Enter")
    expect(case).to_have_count(0)
    expect(page.get_by_role("heading", level=1, name="Portfolio")).to_be_focused()
    heard()
    assert csp_errors == []
    expected = [
        "Courses: 1 of 3 completed",
        "marked in progress",
        "Added “Keyboard-only checkout”.",
        "to your networking log",
        "Deleted “Keyboard-only checkout (v2)”.",
    ]
    missing = [text for text in expected if not any(text in said for said in announced)]
    assert not missing, f"never announced: {missing}; the live region said: {announced}"
