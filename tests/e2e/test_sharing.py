"""Sharing in a real browser: the public portfolio page and a mentor's shared plan
on a phone, axe on both (and on the sharing page), and printing without
navigation or controls."""

from __future__ import annotations

import datetime
import re

import pytest
from playwright.sync_api import expect

from careers.models import AssessmentResult, assessment_questions
from plans.models import NetworkingStep, PortfolioCase
from sharing.models import PublicProfile, ShareLink
from tests.conftest import make_user
from tests.e2e.conftest import assert_accessible
from tests.e2e.helpers import horizontal_overflow, sign_in_context, start_plan, wider_than_viewport

PHONE = {"width": 390, "height": 844}
LONG_LINK = "https://example.com/cases/checkout-redesign-with-a-rather-long-address-that-must-wrap-on-phones-too"


@pytest.fixture
def phone(browser, live_server):
    context = browser.new_context(
        base_url=live_server.url, viewport=PHONE, is_mobile=True, has_touch=True, device_scale_factor=3
    )
    yield context.new_page()
    context.close()


@pytest.fixture
def shared(live_server) -> dict:
    """A person with a filled plan, a published portfolio page and a plan link that includes notes."""
    user = make_user("owner@example.com")
    plan = start_plan(user)
    course = plan.course_rows()[0]
    course.note, course.certificate_url = "Finished the capstone early.", LONG_LINK
    course.save()
    course.set_status("completed")
    skill = plan.skill_rows()[0]
    skill.rating, skill.note = 3, "Led the API design review."
    skill.save()
    case = PortfolioCase.objects.create(
        user=user,
        track=plan.track,
        title="Checkout redesign for a marketplace with a deliberately long title that wraps",
        status="published",
        problem="Carts were abandoned at the payment step.\nMostly on phones.",
        action="Ran five usability tests and simplified the form.",
        outcome="Conversion up 12 %.",
        link=LONG_LINK,
    )
    NetworkingStep.objects.create(
        user=user,
        who="Priya at Acme",
        kind="mentor",
        notes="Monthly.\nNext: OKRs.",
        follow_up_on=datetime.date.today() + datetime.timedelta(days=3),
    )
    page = PublicProfile.objects.create(
        user=user, display_name="Ana Lee", headline="Teacher moving into product management", slug="ana-lee"
    )
    page.cases.add(case)
    PublicProfile.objects.filter(pk=page.pk).update(published=True)
    _link, token = ShareLink.create(user, label="For Ben", include_notes=True)
    questions = assessment_questions()
    result = AssessmentResult.record(questions, {q.slug: q.options.all()[0].slug for q in questions}, user=user)
    return {
        "user": user,
        "portfolio": "/p/ana-lee/",
        "plan": f"/shared-plan/{token}/",
        "result": result.get_absolute_url(),
        "live_server": live_server,
    }


def test_the_portfolio_page_and_the_shared_plan_fit_a_phone(phone, shared):
    phone.goto(shared["portfolio"])
    expect(phone.get_by_role("heading", level=1)).to_have_text("Ana Lee")
    expect(phone.get_by_role("link", name="Read the full case")).to_be_visible()
    assert horizontal_overflow(phone) == 0, wider_than_viewport(phone)

    phone.goto(shared["plan"])
    expect(phone.get_by_role("heading", level=1)).to_have_text("Product management plan: The Technical Product Manager")
    expect(phone.get_by_role("region", name="Networking")).to_contain_text("Monthly.")
    assert horizontal_overflow(phone) == 0, wider_than_viewport(phone)

    # Menu items of a signed-in visitor do not widen it either, and the account menu is not there.
    sign_in_context(phone.context, shared["live_server"], shared["user"])
    phone.goto(shared["plan"])
    assert horizontal_overflow(phone) == 0, wider_than_viewport(phone)
    expect(phone.get_by_role("button", name="Log out")).to_have_count(0)


def test_the_sharing_page_fits_a_phone(phone, shared):
    sign_in_context(phone.context, shared["live_server"], shared["user"])
    phone.goto("/share/")
    phone.get_by_label("Who is it for?").fill("For Chen")
    phone.get_by_role("button", name="Make a link").click()
    expect(phone.get_by_label("Your new link. Copy it now: it is shown only once.")).to_have_value(
        re.compile(r"/shared-plan/[A-Za-z0-9_-]{43}/$")
    )
    assert horizontal_overflow(phone) == 0, wider_than_viewport(phone)


def test_public_pages_and_the_sharing_page_pass_axe(page, shared, csp_errors):
    base = shared["live_server"].url
    for path in (shared["portfolio"], shared["plan"]):
        page.goto(base + path)
        assert_accessible(page)

    sign_in_context(page.context, shared["live_server"], shared["user"])
    page.goto(base + "/share/")
    assert_accessible(page)
    # With a new link shown once, and then with errors on both forms.
    page.get_by_label("Who is it for?").fill("For Chen")
    page.get_by_role("button", name="Make a link").click()
    expect(page.get_by_label("Your new link. Copy it now: it is shown only once.")).to_be_focused()
    assert_accessible(page)
    page.get_by_role("button", name="Make a link").click()
    expect(page.get_by_text("This field is required.")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Address (optional)").fill("admin")
    page.get_by_role("button", name="Save my page").click()
    expect(page.get_by_text("is reserved for the site")).to_be_visible()
    assert_accessible(page)
    assert csp_errors == []


# Whatever is shown of navigation and controls: under print media, nothing.
SHOWN_CONTROLS = """() => Array.from(document.querySelectorAll(
        'body > header, body > footer, nav, form, button, input, select, textarea, .btn, .skip-link'))
    .filter(el => el.getClientRects().length)
    .map(el => el.outerHTML.slice(0, 80))"""
LINK_SUFFIXES = """() => Array.from(document.querySelectorAll('main a[href^="http"]'))
    .filter(el => el.getClientRects().length)
    .map(el => [el.href, getComputedStyle(el, '::after').content])"""


def test_printing_leaves_out_navigation_and_controls(page, shared):
    sign_in_context(page.context, shared["live_server"], shared["user"])
    base = shared["live_server"].url
    pages = {
        "the plan overview": "/plan/",
        "a section": "/plan/courses/",
        "the portfolio page": shared["portfolio"],
        "the shared plan": shared["plan"],
        "the assessment result": shared["result"],
    }
    for what, path in pages.items():
        page.emulate_media(media="screen")
        page.goto(base + path)
        assert page.evaluate(SHOWN_CONTROLS), f"{what}: the screen shows navigation and controls"
        page.emulate_media(media="print")
        assert page.evaluate(SHOWN_CONTROLS) == [], what
        expect(page.get_by_role("heading", level=1)).to_be_visible()
        links = page.evaluate(LINK_SUFFIXES)
        if what in ("a section", "the portfolio page", "the shared plan"):
            assert links, f"{what}: no web link to check"
        for href, after in links:
            assert after == f'" ({href})"', (what, href, after)

    # The shared plan puts each section on a page of its own.
    page.goto(base + shared["plan"])
    breaks = page.evaluate(
        "() => Array.from(document.querySelectorAll('.shared-section')).map(el => getComputedStyle(el).breakBefore)"
    )
    assert breaks == ["page"] * 6
