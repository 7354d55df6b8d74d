"""The assessment in a real browser: by keyboard alone, with HTMX and without JavaScript."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from careers.models import AssessmentResult
from tests.e2e.conftest import assert_accessible

# Option positions on each step (0 = first), for a clearly technical profile.
STRONGLY_DISAGREE, DISAGREE, NEUTRAL, AGREE, STRONGLY_AGREE = range(5)
TECHNICAL = [STRONGLY_AGREE, NEUTRAL, NEUTRAL, AGREE, NEUTRAL, NEUTRAL, STRONGLY_AGREE, NEUTRAL, 0, 0, 1]


def focused(page) -> dict:
    return page.evaluate(
        """() => { const e = document.activeElement;
                   return {tag: e.tagName, id: e.id, type: e.type || '', text: (e.innerText || '').trim()}; }"""
    )


def tab_to(page, matches, limit: int = 40) -> dict:
    """Press Tab until the focused element satisfies `matches`."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        element = focused(page)
        if matches(element):
            return element
    raise AssertionError(f"Tab never reached the element; stuck on {focused(page)}")


def choose_by_keyboard(page, position: int) -> None:
    """Tab into the radio group, pick the option at `position` with the arrow keys."""
    element = tab_to(page, lambda e: e["type"] == "radio")
    if position == 0:
        page.keyboard.press("Space")
    for _ in range(position):
        page.keyboard.press("ArrowDown")
    assert element["type"] == "radio"
    expect(page.locator("input[name=answer]").nth(position)).to_be_checked()


def press_button(page, name: str) -> None:
    tab_to(page, lambda e: e["tag"] in ("BUTTON", "A") and e["text"] == name)
    page.keyboard.press("Enter")


def expect_step(page, number: int, total: int = 11) -> None:
    heading = page.locator("#question-heading")
    expect(heading).to_contain_text(f"Step {number} of {total}")
    expect(page).to_have_url(re.compile(rf"/assessment/step/{number}/$"))


def test_walk_the_assessment_by_keyboard_alone_and_reach_a_result(live_server, page, csp_errors):
    page.goto(live_server.url + "/assessment/")
    press_button(page, "Start the assessment")
    expect_step(page, 1)
    for number, position in enumerate(TECHNICAL, start=1):
        choose_by_keyboard(page, position)
        if number == 3:
            # Back, via the keyboard: step 2 comes back with its answer, then forward again.
            press_button(page, "Back")
            expect_step(page, 2)
            expect(page.locator("#question-heading")).to_be_focused()
            expect(page.locator("input[name=answer]").nth(NEUTRAL)).to_be_checked()
            press_button(page, "Next")
            expect_step(page, 3)
            choose_by_keyboard(page, position)
        press_button(page, "See my result" if number == len(TECHNICAL) else "Next")
        if number < len(TECHNICAL):
            expect_step(page, number + 1)
            # Focus follows the swap to the new question, so the next Tab lands on its answers.
            expect(page.locator("#question-heading")).to_be_focused()
            expect(page).to_have_title(f"Step {number + 1} of 11 · Assessment · PM Planner")
    expect(page.get_by_role("heading", level=1)).to_have_text("Your best fit: Technical PM")
    expect(page.get_by_text("You strongly agreed that you enjoy coordinating cross-functional teams")).to_be_visible()
    assert AssessmentResult.objects.get().recommended_slug == "technical"
    assert csp_errors == []


def test_step_error_and_result_pages_pass_axe(live_server, page, csp_errors):
    page.goto(live_server.url + "/assessment/step/1/")
    expect_step(page, 1)
    assert_accessible(page)

    page.get_by_role("button", name="Next").click()  # no answer chosen
    error = page.locator("#answer-error")
    expect(error).to_have_text("Error: Choose an answer to continue.")
    expect(error).to_be_focused()
    expect(page).to_have_url(re.compile(r"/assessment/step/1/$"))
    assert page.locator(".request-error").count() == 0  # a validation message, not a failed request
    assert_accessible(page)

    for number, position in enumerate(TECHNICAL, start=1):
        expect_step(page, number)
        page.locator("input[name=answer]").nth(position).check()
        page.locator("#assessment-step button[type=submit]").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your best fit: Technical PM")
    assert_accessible(page)
    assert csp_errors == []


def test_the_url_follows_the_step_so_reload_and_browser_back_land_on_it(live_server, page):
    page.goto(live_server.url + "/assessment/step/1/")
    for number in (1, 2, 3):
        page.get_by_label("Agree", exact=True).check()
        page.get_by_role("button", name="Next").click()
        expect_step(page, number + 1)
    page.reload()
    expect_step(page, 4)
    page.go_back()
    expect_step(page, 3)
    expect(page.get_by_label("Agree", exact=True)).to_be_checked()
    page.go_back()
    expect_step(page, 2)


def test_without_javascript_the_steps_are_ordinary_forms(no_js_page):
    page = no_js_page
    page.goto("/assessment/")
    page.get_by_role("button", name="Start the assessment").click()
    page.get_by_role("button", name="Next").click()
    expect(page.locator("#answer-error")).to_have_text("Error: Choose an answer to continue.")
    for number, position in enumerate(TECHNICAL, start=1):
        expect_step(page, number)
        page.locator("input[name=answer]").nth(position).check()
        page.locator("#assessment-step button[type=submit]").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your best fit: Technical PM")
