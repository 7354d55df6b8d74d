"""The result of the assessment in a real browser, by visible labels: the profile chart, the answers grouped by
the track they pulled towards, the tracks side by side; axe on the result, the comparison and the history;
a 390 px phone never scrolls sideways."""

from __future__ import annotations

import re
from itertools import pairwise

import pytest
from playwright.sync_api import expect

from careers.models import AssessmentResult, Track, assessment_questions
from tests.conftest import make_user
from tests.e2e.conftest import assert_accessible
from tests.e2e.helpers import horizontal_overflow, sign_in_context, take_assessment, wider_than_viewport

PHONE = {"width": 390, "height": 844}
UX_ANSWERS = {  # by question slug: a clear UX profile
    "q-are-you-passionate-about-user-needs": "strongly-agree",
    "q-can-you-influence-without-authority": "strongly-agree",
    "q-are-you-comfortable-with-ambiguity": "agree",
    "q-your-background": "design",
    "q-industry": "consumer-products",
    "q-work-environment": "agencies",
}


def record(user, chosen: dict[str, str]) -> AssessmentResult:
    questions = assessment_questions()
    defaults = {"scale": "neutral", "background": "new-to-product", "industry": "not-sure", "environment": "not-sure"}
    answers = {q.slug: chosen.get(q.slug, defaults[q.kind]) for q in questions}
    previous = user.assessment_results.first()
    return AssessmentResult.record(questions, answers, user=user, previous=previous)


def a_v1_result(user) -> AssessmentResult:
    """A result of the earlier method, as such rows are stored."""
    return AssessmentResult.objects.create(
        user=user,
        answers=[{"question": "Your background", "choice": "Technical background", "points": {}, "max_points": {}}],
        scores=[
            {"slug": "technical", "name": "Technical PM", "points": 20, "maximum": 25, "percent": 80, "close": False},
            {"slug": "ux", "name": "UX PM", "points": 5, "maximum": 28, "percent": 18, "close": False},
            {"slug": "strategic", "name": "Strategic PM", "points": 5, "maximum": 31, "percent": 16, "close": False},
        ],
        verdict="best_fit",
        recommended_track=Track.objects.get(slug="technical"),
        recommended_slug="technical",
        recommended_name="Technical PM",
    )


def test_the_result_shows_the_profile_the_reasons_and_the_tracks_side_by_side(live_server, page, csp_errors):
    page.goto(live_server.url + "/")
    take_assessment(page)
    expect(page.get_by_role("heading", level=1)).to_have_text("Your best fit: Technical PM")

    # The chart: one image, named and described, and a table with the same figures.
    chart = page.get_by_role("img", name="Your profile across the tracks")
    expect(chart).to_be_visible()
    expect(chart).to_have_accessible_description(
        "Bars on one scale from \u2212100 to +100, zero marked: "
        "Technical PM +64, Strategic PM \u221230, UX PM \u221234."
    )
    figures = page.get_by_role("table", name="Your scores, as in the chart")
    expect(figures.get_by_role("row", name=re.compile("^Technical PM"))).to_contain_text("+64")
    expect(page.get_by_text("Technical PM leads Strategic PM by 94 points.")).to_be_visible()

    # Why: answers grouped under the track they pulled towards, each with its points.
    why = page.get_by_role("region", name="Why: the answers that moved your result")
    towards_technical = why.get_by_role("list").first
    expect(why.get_by_role("heading", name="Towards Technical PM")).to_be_visible()
    expect(towards_technical.get_by_role("listitem").first).to_have_text(
        "You have a technical background: +19 Technical PM, \u221210 UX PM, \u221210 Strategic PM"
    )
    expect(towards_technical).to_contain_text("You strongly agreed that you enjoy coordinating cross-functional teams")
    expect(why.get_by_role("heading", name="Towards Strategic PM")).to_be_visible()

    # The tracks side by side, reached from the summary, each column linked to its track page.
    page.get_by_role("link", name="Compare the tracks").click()
    compare = page.get_by_role("region", name="The tracks side by side")
    expect(compare).to_be_in_viewport()
    expect(compare.get_by_role("region")).to_have_count(3)
    ux = compare.get_by_role("region", name="The User Experience PM")
    for label in ("Who it suits", "What you\u2019ll do", "Key skills", "Career ladder", "First courses"):
        expect(ux.get_by_text(label, exact=True)).to_be_visible()
    expect(ux.get_by_role("link", name="Sign up to start UX PM")).to_be_visible()
    assert_accessible(page)
    assert csp_errors == []
    ux.get_by_role("link", name="The User Experience PM").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("The User Experience PM")


def test_the_comparison_page_passes_axe_and_starts_a_track(live_server, page, csp_errors):
    user = make_user("owner@example.com")
    sign_in_context(page.context, live_server, user)
    page.goto(live_server.url + "/tracks/")
    expect(page.get_by_role("heading", level=1)).to_have_text("The tracks side by side")
    expect(page.get_by_role("region", name=re.compile("Product Manager$|PM$"))).to_have_count(3)
    assert_accessible(page)
    page.get_by_role("region", name="The User Experience PM").get_by_role("button", name="Start UX PM").click()
    expect(page).to_have_url(re.compile(r"/plan/"))
    assert user.plans.filter(track__slug="ux").exists()
    assert csp_errors == []


def test_a_close_call_and_what_changed_since_last_time(live_server, page, csp_errors):
    user = make_user("owner@example.com")
    record(user, UX_ANSWERS)
    # A designer drawn to enterprise products who loves ambiguity and stakeholders: UX and Strategic almost level.
    result = record(
        user,
        {
            "q-are-you-comfortable-with-ambiguity": "strongly-agree",
            "q-can-you-balance-different-stakeholder-needs": "strongly-agree",
            "q-your-background": "design",
            "q-industry": "enterprise-products",
        },
    )
    sign_in_context(page.context, live_server, user)
    page.goto(live_server.url + result.get_absolute_url())
    expect(page.get_by_role("heading", level=1)).to_have_text("A close call: UX PM or Strategic PM")
    changes = page.get_by_role("region", name="What changed since your last result")
    expect(changes.get_by_role("row", name=re.compile("^UX PM"))).to_contain_text("+63")
    expect(changes.get_by_role("row", name=re.compile("^UX PM"))).to_contain_text("+21")
    expect(changes.get_by_role("listitem").filter(has_text="Industry")).to_have_text(
        "Industry you'd like to work in: Consumer products \u2192changed to Enterprise products"
    )
    assert_accessible(page)
    assert csp_errors == []


def test_the_history_labels_each_method_and_passes_axe(live_server, page, csp_errors):
    user = make_user("owner@example.com")
    a_v1_result(user)
    record(user, UX_ANSWERS)
    sign_in_context(page.context, live_server, user)
    page.goto(live_server.url + "/assessment/results/")
    rows = page.get_by_role("table", name="Assessment results, newest first").get_by_role("row")
    expect(rows.nth(1)).to_contain_text("Best fit: UX PM")
    expect(rows.nth(1)).to_contain_text("Preference profile")
    expect(rows.nth(2)).to_contain_text("Technical PM 80%")
    expect(rows.nth(2)).to_contain_text("Earlier method")
    assert_accessible(page)
    # The earlier result still opens as it was.
    rows.nth(2).get_by_role("link").click()
    expect(page.get_by_role("progressbar", name="Technical PM: 80%")).to_be_visible()
    assert_accessible(page)
    assert csp_errors == []


@pytest.fixture
def phone(browser, live_server):
    context = browser.new_context(
        base_url=live_server.url, viewport=PHONE, is_mobile=True, has_touch=True, device_scale_factor=3
    )
    yield context.new_page()
    context.close()


def test_on_a_390px_phone_nothing_scrolls_sideways_and_the_columns_stack(phone, live_server):
    user = make_user("owner@example.com")
    a_v1_result(user)
    result = record(user, UX_ANSWERS)
    sign_in_context(phone.context, live_server, user)
    for path in (result.get_absolute_url(), "/tracks/", "/assessment/results/"):
        phone.goto(path)
        assert horizontal_overflow(phone) == 0, (path, wider_than_viewport(phone))
    phone.goto(result.get_absolute_url())
    chart = phone.get_by_role("img", name="Your profile across the tracks").bounding_box()
    assert chart["x"] >= 0 and chart["x"] + chart["width"] <= PHONE["width"]
    columns = phone.locator(".track-column")
    boxes = [columns.nth(i).bounding_box() for i in range(columns.count())]
    assert len({round(b["x"]) for b in boxes}) == 1, boxes  # one above the other
    assert all(b["y"] + b["height"] <= after["y"] for b, after in pairwise(boxes))
