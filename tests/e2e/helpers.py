"""Small helpers shared by the browser tests: signing in fast, plans, and page measurements."""

from __future__ import annotations

import re

from django.conf import settings
from django.test import Client
from playwright.sync_api import BrowserContext, Page, expect

from careers.models import Track
from plans.models import Plan
from tests.conftest import PASSWORD


def sign_in_context(context: BrowserContext, live_server, user) -> None:
    """Give the browser context a session for `user` without going through the login form.

    Journeys that are about logging in use the form; every other test starts signed in."""
    client = Client()
    client.force_login(user)
    session = client.cookies[settings.SESSION_COOKIE_NAME].value
    context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": session, "url": live_server.url}])


def log_in_with_form(page: Page, email: str, password: str = PASSWORD) -> None:
    """Log in through the visible form, starting from any page with the navbar."""
    page.get_by_role("link", name="Log in").click()
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign In").click()
    expect(page.get_by_role("link", name=f"Signed in as {email}")).to_be_visible()


def start_plan(user, slug: str = "technical") -> Plan:
    return Plan.start(user, Track.objects.get(slug=slug))


def horizontal_overflow(page: Page) -> int:
    """How many CSS pixels the page is wider than the viewport (0 when it fits)."""
    return page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")


def wider_than_viewport(page: Page) -> list[str]:
    """The elements that stick out to the right of the viewport, to say why a page scrolls sideways."""
    return page.evaluate(
        """() => {
            const width = document.documentElement.clientWidth;
            return Array.from(document.querySelectorAll('body *'))
              .filter(el => el.getClientRects().length && el.getBoundingClientRect().right > width + 0.5)
              .slice(0, 8)
              .map(el => `<${el.tagName.toLowerCase()} id="${el.id}" class="${el.getAttribute('class') || ''}">`
                         + ` right edge at ${Math.round(el.getBoundingClientRect().right)}px`);
        }"""
    )


def mark_page(page: Page) -> None:
    """Set a marker that only survives as long as this very document does (no reload, no navigation)."""
    page.evaluate("window.__samePage = true")


def still_same_page(page: Page) -> bool:
    return page.evaluate("window.__samePage === true")


# --- The newcomer's journey, step by step, by visible labels and roles ---------

# One answer per assessment step (by its visible label) for a clearly technical profile.
TECHNICAL_ANSWERS = [
    "Strongly agree",
    "Neither agree nor disagree",
    "Neither agree nor disagree",
    "Agree",
    "Neither agree nor disagree",
    "Neither agree nor disagree",
    "Strongly agree",
    "Neither agree nor disagree",
    "Technical background",
    "Tech companies",
    "Tech companies: specialized focus",
]


def take_assessment(page: Page, answers: list[str] = TECHNICAL_ANSWERS) -> None:
    """From any page: open the assessment from the navbar and answer every step."""
    page.get_by_role("link", name="Take the assessment").click()
    page.get_by_role("button", name="Start the assessment").click()
    for number, answer in enumerate(answers, start=1):
        expect(page.get_by_role("heading", level=2)).to_contain_text(f"Step {number} of {len(answers)}")
        page.get_by_role("radio", name=answer, exact=True).check()
        last = number == len(answers)
        page.get_by_role("button", name="See my result" if last else "Next").click()


def sign_up(page: Page, email: str, password: str = PASSWORD) -> None:
    page.get_by_label("Email").fill(email)
    page.get_by_role("textbox", name=re.compile(r"^Password\W*$")).fill(password)
    page.get_by_label("Password (again)").fill(password)
    page.get_by_role("button", name="Sign Up").click()
    expect(page.get_by_role("link", name=f"Signed in as {email}")).to_be_visible()


def section(page: Page, name: str):
    """A plan section (a <section> labelled by its heading) by that heading."""
    return page.get_by_role("region", name=name, exact=True)


def first_course(page: Page):
    return (
        section(page, "Courses").get_by_role("listitem").filter(has=page.get_by_role("button", name="Completed")).first
    )


def add_form(page: Page, submit: str):
    """The plan's add form whose submit button says `submit`."""
    return page.locator("form").filter(has=page.get_by_role("button", name=submit, exact=True))


def still_there(page: Page, *, course_title: str, follow_up) -> None:
    """The journey's end state, seen on the plan page and in the assessment history."""
    expect(page.get_by_role("heading", level=1)).to_have_text("My plan: The Technical Product Manager")
    course = section(page, "Courses").get_by_role("listitem").filter(has_text=course_title).first
    expect(course.get_by_role("button", name="Completed")).to_have_attribute("aria-pressed", "true")
    expect(section(page, "Courses")).to_contain_text("1 of 3 completed")
    expect(page.get_by_role("progressbar", name="Courses progress")).to_have_attribute("value", "1")
    expect(page.get_by_role("progressbar", name="Overall progress")).not_to_have_attribute("value", "0")
    expect(section(page, "Portfolio").get_by_role("heading", name="Onboarding funnel teardown")).to_be_visible()
    networking = section(page, "Networking")
    expect(networking.get_by_role("heading", name="Priya, PM at Acme")).to_be_visible()
    expect(networking.get_by_text(f"Follow up by {follow_up:%-d %b %Y}")).to_be_visible()
    # The result taken before signing up was kept with the account.
    page.get_by_role("link", name="Assessment", exact=True).click()
    expect(page.get_by_role("region", name="Your past results")).to_contain_text("Technical PM")


def add_case_after_a_validation_error(
    page: Page, title: str = "Onboarding funnel teardown", *, focus_moves_to_error: bool = True
) -> None:
    """Open "Add a portfolio case", send it without a title (the form says why), then properly."""
    portfolio = section(page, "Portfolio")
    portfolio.get_by_text("Add a portfolio case", exact=True).click()
    form = add_form(page, "Add case")
    form.get_by_role("button", name="Add case").click()
    expect(form).to_contain_text("This field is required.")
    expect(form.get_by_label("Title")).to_have_attribute("aria-invalid", "true")
    if focus_moves_to_error:
        expect(form.get_by_label("Title")).to_be_focused()
    expect(section(page, "Portfolio").get_by_role("heading", level=3)).to_have_count(0)
    form.get_by_label("Title").fill(title)
    form.get_by_label("Problem").fill("Half of new users never finish onboarding.")
    form.get_by_role("button", name="Add case").click()
    expect(portfolio.get_by_role("heading", name=title)).to_be_visible()
    expect(portfolio.get_by_role("button", name="Idea")).to_have_attribute("aria-pressed", "true")


def log_networking_step(page: Page, follow_up, who: str = "Priya, PM at Acme") -> None:
    networking = section(page, "Networking")
    networking.get_by_text("Log a networking step", exact=True).click()
    form = add_form(page, "Add to my log")
    form.get_by_label("Who or where").fill(who)
    form.get_by_label("Kind").select_option(label="Coffee chat")
    form.get_by_label("Follow-up date").fill(follow_up.isoformat())
    form.get_by_role("button", name="Add to my log").click()
    expect(networking.get_by_role("heading", name=who)).to_be_visible()
    expect(networking.get_by_text(f"Follow up by {follow_up:%-d %b %Y}")).to_be_visible()
