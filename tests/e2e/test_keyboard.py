"""By keyboard alone (Tab, Shift+Tab, Enter, Space): a skip link first, focus always visible, focus kept in
the item after an HTMX swap, and every progress change announced to screen readers."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.conftest import PASSWORD, make_user
from tests.e2e.helpers import (
    TECHNICAL_ANSWERS,
    account_link,
    focus_is_visible,
    is_focused,
    live_region_texts,
    section,
    sign_in_context,
    start_plan,
    tab_to,
)

EMAIL = "keys@example.com"


@pytest.mark.parametrize("path", ["/", "/assessment/step/1/", "/accounts/login/", "/plan/"])
def test_skip_link_is_the_first_tab_stop_and_moves_focus_to_the_main_content(live_server, page, path):
    user = make_user("owner@example.com")
    start_plan(user)
    sign_in_context(page.context, live_server, user)
    if path == "/accounts/login/":
        page.context.clear_cookies()
    page.goto(live_server.url + path)

    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to main content")
    assert is_focused(skip)
    expect(skip).to_be_in_viewport()  # shown when focused, hidden otherwise
    assert focus_is_visible(page)

    page.keyboard.press("Enter")
    expect(page.get_by_role("main")).to_be_focused()
    # The next Tab lands inside the main content, past the navigation.
    page.keyboard.press("Tab")
    assert page.evaluate("document.querySelector('main').contains(document.activeElement)")


def test_focus_indicator_is_visible_on_every_tab_stop_of_the_plan(live_server, page):
    user = make_user("owner@example.com")
    start_plan(user)
    sign_in_context(page.context, live_server, user)
    page.goto(live_server.url + "/plan/")
    # tab_to asserts a visible outline or focus ring at each of the page's stops on the way to the footer.
    presses = tab_to(page, page.get_by_role("contentinfo").get_by_role("link", name="Course catalogue"), limit=400)
    assert presses > 50


def test_progress_bars_are_native_and_named(live_server, page):
    user = make_user("owner@example.com")
    start_plan(user)
    sign_in_context(page.context, live_server, user)
    page.goto(live_server.url + "/plan/")
    unnamed = page.evaluate(
        """() => Array.from(document.querySelectorAll('progress'))
              .filter(el => !(el.labels.length || el.getAttribute('aria-label') || el.getAttribute('aria-labelledby')))
              .map(el => el.outerHTML)"""
    )
    assert unnamed == []
    assert page.locator("[role=progressbar]:not(progress)").count() == 0
    for name in ("Overall progress", "Courses progress", "Portfolio progress", "Networking progress"):
        expect(page.get_by_role("progressbar", name=name)).to_have_count(1)


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
    page.evaluate("window.__samePage = true")

    # A course: Space on "Completed", Shift+Tab back to "In progress", Enter.
    course = section(page, "Courses").get_by_role("listitem").first
    before = live_region_texts(page)
    tab_to(page, course.get_by_role("button", name="Completed"))
    page.keyboard.press("Space")
    expect(course.get_by_role("button", name="Completed")).to_have_attribute("aria-pressed", "true")
    expect(course.get_by_role("button", name="Completed")).to_be_focused()  # focus stayed in the swapped item
    after = live_region_texts(page)
    assert after != before
    assert any("Courses: 1 of 3 completed" in text for text in after), after

    tab_to(page, course.get_by_role("button", name="In progress"), backwards=True)
    page.keyboard.press("Enter")
    expect(course.get_by_role("button", name="In progress")).to_have_attribute("aria-pressed", "true")
    assert course.evaluate("el => el.contains(document.activeElement)")
    expect(page.get_by_role("status").filter(has_text="marked in progress")).to_have_count(1)

    # A portfolio case: open the add form, type, send; focus goes to the new item.
    portfolio = section(page, "Portfolio")
    tab_to(page, portfolio.get_by_text("Add a portfolio case", exact=True))
    page.keyboard.press("Enter")
    tab_to(page, portfolio.get_by_label("Title"))
    page.keyboard.type("Keyboard-only checkout")
    tab_to(page, portfolio.get_by_role("button", name="Add case"))
    page.keyboard.press("Enter")
    case = portfolio.get_by_role("listitem").filter(has_text="Keyboard-only checkout")
    expect(case).to_be_focused()
    assert focus_is_visible(page) or case.evaluate("el => getComputedStyle(el).boxShadow !== 'none'")

    # Publish it, then edit its title: focus goes into the form, and back to the item after saving.
    tab_to(page, case.get_by_role("button", name="Published"))
    page.keyboard.press("Space")
    expect(portfolio).to_contain_text("1 of 3 cases published")
    assert case.evaluate("el => el.contains(document.activeElement)")
    tab_to(page, case.get_by_role("link", name=re.compile("^Edit or delete")))
    page.keyboard.press("Enter")
    title = portfolio.get_by_label("Title").first
    expect(title).to_be_focused()
    page.keyboard.press("End")
    page.keyboard.type(" (v2)")
    tab_to(page, portfolio.get_by_role("button", name="Save"))
    page.keyboard.press("Enter")
    saved = portfolio.get_by_role("listitem").filter(has_text="Keyboard-only checkout (v2)")
    expect(saved.get_by_role("heading")).to_have_text("Keyboard-only checkout (v2)")
    assert saved.evaluate("el => el.contains(document.activeElement)"), "focus fell out of the saved item"

    # A suggested networking step, added by keyboard.
    networking = section(page, "Networking")
    tab_to(page, networking.get_by_role("button", name=re.compile(r"^Add to my log\W+Find a mentor")))
    page.keyboard.press("Enter")
    step = networking.get_by_role("listitem").filter(has=page.get_by_role("heading", name=re.compile("Find a mentor")))
    expect(step).to_be_focused()
    expect(page.get_by_role("status").filter(has_text="to your networking log")).to_have_count(1)

    assert page.evaluate("window.__samePage === true"), "the page reloaded during the keyboard journey"

    # Log out and back in; the work is still there.
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
    expect(section(page, "Portfolio").get_by_role("heading", name="Keyboard-only checkout (v2)")).to_be_visible()
    expect(course.get_by_role("button", name="In progress")).to_have_attribute("aria-pressed", "true")
    assert csp_errors == []
