"""Small helpers shared by the browser tests: signing in fast, plans, moving around the plan's pages,
counting requests, page measurements, and the tour of every page."""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterator
from contextlib import contextmanager
from urllib.parse import urlsplit

from django.conf import settings
from django.test import Client
from playwright.sync_api import BrowserContext, Locator, Page, expect

from careers.models import Track
from plans.models import NetworkingStep, Plan, PortfolioCase
from tests.conftest import PASSWORD

# The plan's section pages: tab label -> path (also the key of its progress bar, #progress-<key>).
SECTIONS = {
    "First steps and habits": "checklist",
    "Courses": "courses",
    "Portfolio": "portfolio",
    "Networking": "networking",
    "Skills": "skills",
    "Milestones": "milestones",
}


def sign_in_context(context: BrowserContext, live_server, user) -> None:
    """Give the browser context a session for `user` without going through the login form.

    Journeys that are about logging in use the form; every other test starts signed in."""
    client = Client()
    client.force_login(user)
    session = client.cookies[settings.SESSION_COOKIE_NAME].value
    context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": session, "url": live_server.url}])


def account_link(page: Page, email: str):
    """The header's link to the account page: it names the person (here by their email's local part)."""
    return page.get_by_role("link", name=f"Your account: {email.partition('@')[0]}")


def log_in_with_form(page: Page, email: str, password: str = PASSWORD) -> None:
    """Log in through the visible form, starting from any page with the navbar."""
    page.get_by_role("link", name="Log in").click()
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Log in").click()
    expect(account_link(page, email)).to_be_visible()


def start_plan(user, slug: str = "technical") -> Plan:
    return Plan.start(user, Track.objects.get(slug=slug))


# --- The plan's pages -----------------------------------------------------------


def plan_tabs(page: Page) -> Locator:
    """The section tabs shown on every page of the active plan."""
    return page.get_by_role("navigation", name="Plan sections")


def open_section(page: Page, name: str) -> None:
    """Go to a section (or "Overview") by its tab, as a person does: htmx with JavaScript, a link without."""
    plan_tabs(page).get_by_role("link", name=name, exact=True).click()
    heading = re.compile(r"^My plan: ") if name == "Overview" else name
    expect(page.get_by_role("heading", level=1)).to_have_text(heading)


def plan_row(page: Page, title: str) -> Locator:
    """One item row of a section page, by its title."""
    return page.get_by_role("listitem").filter(has=page.get_by_role("heading", level=3, name=title, exact=True))


def first_course(page: Page) -> Locator:
    return page.locator("#courses-list > li.item").first


def open_edit_form(row: Locator) -> None:
    """Open a row's edit form by its Edit link, and wait until the form has taken focus: htmx
    focuses its first field once the swap has settled, so anything typed earlier would land there."""
    row.get_by_role("link", name=re.compile("^Edit")).click()
    expect(row.page.locator(".item-editing :focus")).to_have_count(1)


def open_add_form(page: Page, link: str) -> Locator:
    """Open an add form by its link ("Log a networking step") and wait until its first field has focus
    (in the page with JavaScript, once htmx has settled the swap; on a page of its own, at load)."""
    page.get_by_role("link", name=link).click()
    form = item_form(page, link)
    expect(form.locator(":focus")).to_have_count(1)
    return form


def item_form(page: Page, heading: str | re.Pattern) -> Locator:
    """An add or edit form, by its heading ("Add a portfolio case", "Edit “Checkout”")."""
    return page.locator("form").filter(has=page.get_by_role("heading", name=heading))


def overall_text(page: Page) -> Locator:
    """The compact overall-progress figure every plan page shows ("12%")."""
    return page.locator("#overall-progress .overall-text")


def section_text(page: Page, key: str) -> Locator:
    """A section's "N of M …" next to its bar: on its own page, or on its overview card."""
    return page.locator(f"#progress-{key} .progress-text")


def shown_numbers(page: Page, key: str) -> tuple[str, str]:
    """(overall "N%", the section's "N of M …") as the page shows them now."""
    return overall_text(page).inner_text(), section_text(page, key).inner_text()


def add_case_after_a_validation_error(
    page: Page, title: str = "Onboarding funnel teardown", *, focus_moves_to_error: bool = True
) -> None:
    """On the portfolio page: open "Add a portfolio case", send it without a title (the form says why), then
    properly. With JavaScript the form opens in the page; without, it is a page of its own."""
    page.get_by_role("link", name="Add a portfolio case").click()
    form = item_form(page, "Add a portfolio case")
    form.get_by_role("button", name="Add", exact=True).click()
    expect(form).to_contain_text("This field is required.")
    expect(form.get_by_label("Title")).to_have_attribute("aria-invalid", "true")
    if focus_moves_to_error:
        expect(form.get_by_label("Title")).to_be_focused()
    assert not PortfolioCase.objects.filter(title=title).exists()
    form.get_by_label("Title").fill(title)
    form.get_by_label("Problem").fill("Half of new users never finish onboarding.")
    form.get_by_role("button", name="Add", exact=True).click()
    case = plan_row(page, title)
    expect(case).to_be_visible()
    expect(case.get_by_role("button", name="Idea")).to_have_attribute("aria-pressed", "true")


def log_networking_step(page: Page, follow_up: datetime.date, who: str = "Priya, PM at Acme") -> None:
    """On the networking page: log a coffee chat with a follow-up date."""
    form = open_add_form(page, "Log a networking step")
    form.get_by_label("Who or where").fill(who)
    form.get_by_label("Kind").select_option(label="Coffee chat")
    form.get_by_label("Follow-up date").fill(follow_up.isoformat())
    form.get_by_role("button", name="Add", exact=True).click()
    expect(plan_row(page, who)).to_contain_text(f"Follow up by {follow_up:%-d %b %Y}")


def still_there(page: Page, *, course_title: str, follow_up: datetime.date) -> None:
    """The newcomers' journeys' end state, from the overview through the tabs, and the assessment history."""
    expect(page.get_by_role("heading", level=1)).to_have_text("My plan: The Technical Product Manager")
    expect(section_text(page, "courses")).to_have_text("1 of 3 completed")
    expect(page.locator(".overall-number")).not_to_have_text("0%")
    open_section(page, "Courses")
    expect(plan_row(page, course_title).get_by_role("button", name="Completed")).to_have_attribute(
        "aria-pressed", "true"
    )
    expect(page.get_by_role("progressbar", name="Courses progress")).to_have_attribute("value", "1")
    open_section(page, "Portfolio")
    expect(plan_row(page, "Onboarding funnel teardown")).to_be_visible()
    open_section(page, "Networking")
    expect(plan_row(page, "Priya, PM at Acme")).to_contain_text(f"Follow up by {follow_up:%-d %b %Y}")
    # The result taken before signing up was kept with the account.
    page.get_by_role("link", name="Assessment", exact=True).click()
    expect(page.get_by_role("region", name="Your past results")).to_contain_text("Technical PM")


# --- What the browser does --------------------------------------------------------


def mark_page(page: Page) -> None:
    """Set a marker that only survives as long as this very document does (no reload, no navigation)."""
    page.evaluate("window.__samePage = true")


def still_same_page(page: Page) -> bool:
    return page.evaluate("window.__samePage === true")


def settled(page: Page) -> None:
    """Give a swap time to trigger any follow-up request, then wait until htmx has none in flight."""
    page.wait_for_timeout(300)
    page.wait_for_function("() => !document.querySelector('.htmx-request')")


@contextmanager
def requests_to_app(page: Page, base_url: str) -> Iterator[list[str]]:
    """Record the requests the page sends to the app while the block runs (documents, htmx's XHRs,
    fetches; not static files or the favicon), as "METHOD /path" lines, follow-ups included."""
    sent: list[str] = []

    def record(request) -> None:
        if request.resource_type in {"document", "xhr", "fetch"} and request.url.startswith(base_url):
            sent.append(f"{request.method} {urlsplit(request.url).path}")

    page.on("request", record)
    try:
        yield sent
        settled(page)
    finally:
        page.remove_listener("request", record)


def horizontal_overflow(page: Page) -> int:
    """How many CSS pixels the page is wider than the viewport (0 when it fits)."""
    return page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")


def wider_than_viewport(page: Page) -> list[str]:
    """The elements that stick out to the right of the viewport, to say why a page scrolls sideways.

    An element inside a scrolling box that itself fits (the section tabs on a phone) does not count."""
    return page.evaluate(
        """() => {
            const width = document.documentElement.clientWidth;
            const inFittingScroller = el => {
              for (let box = el.parentElement; box && box !== document.body; box = box.parentElement) {
                if (getComputedStyle(box).overflowX !== 'visible') {
                  return box.getBoundingClientRect().right <= width + 0.5;
                }
              }
              return false;
            };
            return Array.from(document.querySelectorAll('body *'))
              .filter(el => el.getClientRects().length && el.getBoundingClientRect().right > width + 0.5)
              .filter(el => !inFittingScroller(el))
              .slice(0, 8)
              .map(el => `<${el.tagName.toLowerCase()} id="${el.id}" class="${el.getAttribute('class') || ''}">`
                         + ` right edge at ${Math.round(el.getBoundingClientRect().right)}px`);
        }"""
    )


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
    """From the home page: open the assessment by its call to action and answer every step."""
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
    page.get_by_role("button", name="Sign up").click()
    expect(account_link(page, email)).to_be_visible()


# --- Every page a person can reach, in every state worth checking -------------


def tour_every_page(page: Page, live_server, *, error_pages: bool = True):
    """Walk every page a person can reach, anonymous then signed in, including forms with errors shown.

    Yields a label once each page is ready, so a test checks whatever it checks on each.
    The error pages other than 404 need the test to run with
    `pytest.mark.urls("tests.security.test_error_pages")` (views that raise them)."""
    from django.core import mail

    user = make_user_with_history("tour@example.com")
    url = live_server.url

    def visit(path: str, status: int = 200):
        response = page.goto(url + path)
        assert response.status == status, f"{path} answered {response.status}"

    # Public pages.
    for path, label in [("/", "home"), ("/guide/", "career guide"), ("/courses/", "course catalogue")]:
        visit(path)
        yield label
    for slug in Track.objects.values_list("slug", flat=True):
        visit(f"/tracks/{slug}/")
        yield f"track {slug}"
    visit("/courses/?track=general")
    yield "course catalogue, filtered"

    # The assessment, anonymously.
    visit("/assessment/")
    yield "assessment intro"
    visit("/assessment/step/1/")
    yield "assessment step"
    page.get_by_role("button", name="Next").click()
    expect(page.get_by_text("Choose an answer to continue.")).to_be_visible()
    yield "assessment step with an error"
    visit("/")
    take_assessment(page)
    expect(page.get_by_role("heading", level=1)).to_have_text("Your best fit: Technical PM")
    yield "assessment result (anonymous)"
    visit("/assessment/")
    yield "assessment intro with a past result"

    # Account entrance pages, empty and with errors.
    visit("/accounts/login/")
    yield "log in"
    page.get_by_label("Email").fill(user.email)
    page.get_by_label("Password").fill("not-the-password")
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_text("The email address and/or password you specified are not correct.")).to_be_visible()
    yield "log in with an error"
    visit("/accounts/signup/")
    yield "sign up"
    page.get_by_label("Email").fill("not-an-email")
    page.get_by_role("button", name="Sign up").click()
    expect(page.get_by_text("Enter a valid email address.")).to_be_visible()
    yield "sign up with errors"
    visit("/accounts/password/reset/")
    yield "password reset"
    page.get_by_label("Email").fill("not-an-email")
    page.get_by_role("button", name="Send me a reset link").click()
    expect(page.get_by_label("Email")).to_have_attribute("aria-invalid", "true")
    yield "password reset with an error"
    page.get_by_label("Email").fill(user.email)
    page.get_by_role("button", name="Send me a reset link").click()
    expect(page).to_have_url(re.compile(r"/accounts/password/reset/done/$"))
    yield "password reset sent"
    link = re.search(r"https?://\S+/accounts/password/reset/key/\S+", mail.outbox[-1].body).group(0)
    page.goto(url + urlsplit(link).path)  # the mail names the site's host; the live server has its own port
    expect(page.get_by_role("button", name="Change password")).to_be_visible()
    yield "password reset: choose a new password"
    visit("/no-such-page/", 404)
    yield "not found (404)"
    if error_pages:
        for code in (400, 403, 500):
            visit(f"/test-errors/{code}/", code)
            yield f"error {code}"
    visit("/accounts/login/")
    page.context.clear_cookies()  # the form's CSRF token no longer matches any cookie
    page.get_by_label("Email").fill(user.email)
    page.get_by_label("Password").fill(PASSWORD)
    with page.expect_response(lambda r: r.request.method == "POST") as answer:
        page.get_by_role("button", name="Log in").click()
    assert answer.value.status == 403
    yield "CSRF failure (403)"
    too_many_sign_ups(page, url)
    yield "too many attempts (429)"

    # Signed in.
    sign_in_context(page.context, live_server, user)
    visit("/plan/")
    expect(page.get_by_text("You have not started a learning plan yet.")).to_be_visible()
    yield "plan, none started yet"
    visit("/assessment/")
    yield "assessment intro, signed in"
    visit("/assessment/results/")
    yield "assessment history"
    page.get_by_role("table").get_by_role("link").first.click()
    expect(page).to_have_url(re.compile(r"/assessment/results/\d+/$"))
    yield "assessment result, signed in"
    page.get_by_role("button", name=re.compile(r"^Start this track")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(re.compile("^My plan: "))
    fill_plan(user)
    yield from tour_plan_pages(page, url)

    visit("/tracks/ux/")
    page.get_by_role("button", name=re.compile(r"^Switch to this track")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(re.compile(r"^Switch to the .+ track\?$"))
    yield "confirm switching track"
    page.get_by_role("button", name=re.compile("^Archive my")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(re.compile("^My plan: The User Experience PM"))
    yield "plan just switched (message shown)"
    page.get_by_role("link", name="All my plans").click()
    expect(page).to_have_url(re.compile(r"/plan/archived/$"))
    yield "all my plans"
    page.get_by_role("link", name="The Technical Product Manager").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(re.compile("^Archived plan"))
    yield "archived plan"

    visit("/account/")
    yield "account"
    visit("/account/delete/")
    yield "delete account"
    page.get_by_label("Your password").fill("not-my-password")
    page.get_by_role("button", name="Delete my account permanently").click()
    expect(page.get_by_text("That password is not correct")).to_be_visible()
    yield "delete account with an error"
    visit("/accounts/password/change/")
    yield "change password"
    page.get_by_label("Current password").fill("not-my-password")
    page.get_by_role("button", name="Change password").click()
    expect(page.get_by_label("Current password")).to_have_attribute("aria-invalid", "true")
    yield "change password with an error"
    visit("/accounts/email/")
    yield "email addresses"
    visit("/accounts/logout/")
    yield "log out (confirm)"


def tour_plan_pages(page: Page, url: str):
    """The active plan (filled by `fill_plan`): the overview, every section through the tabs, forms
    fetched into the page and showing errors, a failed request, and the add and edit pages of their own."""
    page.goto(url + "/plan/")
    yield "plan overview with items"
    for name in SECTIONS:
        open_section(page, name)
        yield f"plan section: {name}"

    open_section(page, "Courses")
    course = first_course(page)
    open_edit_form(course)
    expect(course.get_by_label("Certificate link")).to_be_visible()
    yield "courses with an edit form open"
    course.get_by_label("Certificate link").fill("javascript:alert(1)")
    course.get_by_role("button", name="Save").click()
    expect(course).to_contain_text("Enter a web address starting with https://")
    yield "courses with an edit form showing an error"

    open_section(page, "Portfolio")
    case = plan_row(page, "Pricing page experiment")
    open_edit_form(case)
    form = item_form(page, "Edit “Pricing page experiment”")
    form.get_by_label("Title").fill("")
    form.get_by_role("button", name="Save").click()
    expect(form).to_contain_text("This field is required.")
    yield "portfolio with a rejected edit (empty title)"
    page.get_by_role("link", name="Add a portfolio case").click()
    item_form(page, "Add a portfolio case").get_by_role("button", name="Add", exact=True).click()
    expect(item_form(page, "Add a portfolio case")).to_contain_text("This field is required.")
    yield "portfolio with an add form showing an error"

    open_section(page, "Networking")
    open_edit_form(plan_row(page, "Meetup Berlin"))
    expect(item_form(page, "Edit “Meetup Berlin”").get_by_role("button", name="Delete")).to_be_visible()
    done_url = re.compile(r"/plan/networking/\d+/done/$")
    page.route(done_url, lambda route: route.fulfill(status=500, body="boom"))
    priya = plan_row(page, "Priya at Acme")
    priya.get_by_role("button", name="Done").click()
    expect(priya.get_by_role("alert")).to_be_visible()
    page.unroute(done_url)
    yield "networking with an edit form open and a failed request"

    page.goto(url + "/plan/portfolio/add/")
    yield "the add page of its own (as without JavaScript)"
    page.goto(url + PortfolioCase.objects.get(title="Checkout redesign").edit_url)
    yield "an edit page of its own (as without JavaScript)"


def make_user_with_history(email: str):
    """A user with one assessment result, as if they had taken it before."""
    from careers.models import AssessmentResult, assessment_questions
    from tests.conftest import make_user

    user = make_user(email)
    questions = assessment_questions()
    AssessmentResult.record(questions, {q.slug: q.options.all()[0].slug for q in questions}, user=user)
    return user


def fill_plan(user) -> Plan:
    """Put something in every section of the user's active plan: done, due, overdue and published items."""
    plan = Plan.objects.get(user=user, status=Plan.Status.ACTIVE)
    today = datetime.date.today()
    plan.course_rows().first().set_status("completed")
    PortfolioCase.objects.create(
        user=user,
        track=plan.track,
        title="Checkout redesign",
        status=PortfolioCase.Status.PUBLISHED,
        problem="Carts were abandoned at the payment step.",
        action="Ran five usability tests and simplified the form.",
        outcome="Conversion up 12 %.",
        link="https://example.com/cases/checkout-redesign-with-a-rather-long-address-that-must-wrap-on-phones",
    )
    PortfolioCase.objects.create(user=user, track=plan.track, title="Pricing page experiment")
    NetworkingStep.objects.create(user=user, who="Priya at Acme", follow_up_on=today - datetime.timedelta(days=3))
    NetworkingStep.objects.create(
        user=user, who="Meetup Berlin", kind="event", date=today, follow_up_on=today + datetime.timedelta(days=2)
    )
    NetworkingStep.objects.create(user=user, who="Mentor call", kind="mentor", done=True, notes="Monthly.\nNext: OKRs.")
    skill = plan.skill_rows().first()
    skill.rating, skill.note = 3, "Led the API design review."
    skill.save()
    plan.milestone_rows().first().set_reached(True)
    first = plan.checklist_rows().first()
    first.done = True
    first.save()
    return plan


def too_many_sign_ups(page: Page, url: str) -> None:
    """Use up the sign-up rate limit from this address, then try once more in the browser (429)."""
    client = Client()
    limit = int(settings.ACCOUNT_RATE_LIMITS["signup"].split("/")[0])
    for _ in range(limit):
        client.post("/accounts/signup/", {"email": ""})
    page.goto(url + "/accounts/signup/")
    page.get_by_label("Email").fill("late@example.com")
    with page.expect_response(lambda r: r.request.method == "POST") as answer:
        page.get_by_role("button", name="Sign up").click()
    assert answer.value.status == 429


# --- Keyboard ----------------------------------------------------------------

FOCUS_INDICATOR = """() => {
    const el = document.activeElement;
    const style = getComputedStyle(el);
    const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2;
    const ring = style.boxShadow && style.boxShadow !== 'none';
    return {outline, ring, what: el.outerHTML.slice(0, 120)};
}"""


def is_focused(locator) -> bool:
    return locator.evaluate("el => el === document.activeElement")


def focus_is_visible(page: Page) -> bool:
    indicator = page.evaluate(FOCUS_INDICATOR)
    return indicator["outline"] or indicator["ring"]


def focus_within(locator: Locator) -> Locator:
    """`locator` while it or an element inside it has focus, to wait for:
    `expect(focus_within(row)).to_have_count(1)`."""
    return locator.locator(":scope:focus-within")


def tab_to(page: Page, target, *, backwards: bool = False, limit: int = 250) -> int:
    """Press Tab (or Shift+Tab) until `target` has focus; every stop on the way must show where focus is.

    Returns how many presses it took (0 when `target` already has focus)."""
    if is_focused(target):
        return 0
    key = "Shift+Tab" if backwards else "Tab"
    for presses in range(1, limit + 1):
        page.keyboard.press(key)
        indicator = page.evaluate(FOCUS_INDICATOR)
        assert indicator["outline"] or indicator["ring"], f"no visible focus on {indicator['what']}"
        if is_focused(target):
            return presses
    raise AssertionError(f"{key} never reached {target}; focus is on {page.evaluate(FOCUS_INDICATOR)['what']}")
