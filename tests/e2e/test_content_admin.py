"""The content admin in a 1,280 px window, as staff use it: nothing scrolls sideways, rows are put in order by
dragging them, and the staff insights page (charts, numbers) passes axe."""

from __future__ import annotations

import random

import pytest
from django.contrib import admin
from django.urls import reverse
from playwright.sync_api import Page, expect

from bench.insights import populate
from careers.models import Course, Responsibility, Track
from tests.conftest import make_user
from tests.e2e.conftest import axe_violations
from tests.e2e.helpers import horizontal_overflow, sign_in_context, wider_than_viewport

DESKTOP = {"width": 1280, "height": 800}


def sideways_scrollers(page: Page) -> list[str]:
    """Boxes whose content is wider than they are (a tabular inline inside its own scroll bar, say)."""
    return page.evaluate(
        """() => Array.from(document.querySelectorAll('body *'))
            .filter(el => !['SELECT', 'TEXTAREA'].includes(el.tagName))  // their own long lines, not the page's
            .filter(el => ['auto', 'scroll'].includes(getComputedStyle(el).overflowX))
            .filter(el => el.scrollWidth > el.clientWidth + 1)
            .map(el => `<${el.tagName.toLowerCase()} id="${el.id}" class="${el.getAttribute('class') || ''}">`
                       + ` ${el.scrollWidth}px of content in ${el.clientWidth}px`)"""
    )


def assert_fits(page: Page) -> None:
    assert horizontal_overflow(page) == 0, f"{page.url} scrolls sideways: {wider_than_viewport(page)}"
    assert sideways_scrollers(page) == [], f"{page.url} has boxes that scroll sideways: {sideways_scrollers(page)}"


@pytest.fixture
def staff_page(live_server, page):
    sign_in_context(page.context, live_server, make_user("staff@example.com", staff=True))
    page.set_viewport_size(DESKTOP)
    return page


def change_url(obj) -> str:
    return reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_change", args=[obj.pk])


def test_the_track_page_fits_a_1280_px_window(live_server, staff_page, csp_errors):
    staff_page.goto(live_server.url + change_url(Track.objects.get(slug="technical")))
    expect(staff_page.get_by_role("heading", name="Responsibilities")).to_be_visible()
    assert_fits(staff_page)
    assert csp_errors == []


def test_a_course_page_fits_a_1280_px_window(live_server, staff_page, csp_errors):
    course = Course.objects.get(slug="ibm-product-manager-professional-certificate")
    staff_page.goto(live_server.url + change_url(course))
    expect(staff_page.get_by_label("Level")).to_have_value("beginner")
    assert_fits(staff_page)
    assert csp_errors == []


def test_no_content_admin_page_scrolls_sideways(live_server, staff_page):
    # Every list and every first row's page of every model staff edit (people's data is only looked at).
    wide = {}
    for model in admin.site._registry:
        opts = model._meta
        urls = [reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")]
        first = model._default_manager.first()
        if first is not None:
            urls.append(change_url(first))
        for url in urls:
            staff_page.goto(live_server.url + url)
            if horizontal_overflow(staff_page) or sideways_scrollers(staff_page):
                wide[url] = wider_than_viewport(staff_page) + sideways_scrollers(staff_page)
    assert wide == {}


def test_dragging_a_course_to_the_top_of_the_list_saves_the_order(live_server, staff_page, client):
    staff_page.goto(live_server.url + reverse("admin:careers_course_changelist"))
    rows = staff_page.locator("#result_list tbody tr")
    last = rows.filter(has_text="IBM Product Manager Professional Certificate")
    expect(rows.first).not_to_contain_text("IBM")
    with staff_page.expect_response(lambda r: "adminsortable2_update" in r.url and r.ok):
        last.locator(".drag.handle").drag_to(rows.first.locator(".drag.handle"))
    expect(rows.first).to_contain_text("IBM Product Manager Professional Certificate")
    ordered = list(Course.objects.order_by("order", "pk").values_list("slug", flat=True))
    assert ordered[0] == "ibm-product-manager-professional-certificate"
    # The public catalogue follows at once (cached pages are keyed by the content version).
    html = client.get(reverse("careers:courses")).content.decode()
    assert html.index("IBM Product Manager") < html.index("Product Development for Technical Managers")


def test_dragging_responsibilities_on_the_track_page_and_saving_keeps_the_order(live_server, staff_page):
    track = Track.objects.get(slug="technical")
    before = list(track.responsibilities.order_by("order", "pk").values_list("text", flat=True))
    staff_page.goto(live_server.url + change_url(track))
    handles = staff_page.locator("#responsibilities-group tbody tr.has_original td.original p")
    handles.last.drag_to(handles.first)
    staff_page.get_by_role("button", name="Save", exact=True).click()
    expect(staff_page.locator(".messagelist")).to_contain_text("was changed successfully")
    after = list(Responsibility.objects.filter(track=track).order_by("order", "pk").values_list("text", flat=True))
    assert after == [before[-1], *before[:-1]]


def test_without_javascript_a_course_is_moved_by_its_position_number(live_server, no_js_page):
    sign_in_context(no_js_page.context, live_server, make_user("staff@example.com", staff=True))
    course = Course.objects.get(slug="ibm-product-manager-professional-certificate")
    no_js_page.goto(change_url(course))
    no_js_page.get_by_label("Order").fill("0")
    no_js_page.get_by_role("button", name="Save", exact=True).click()
    expect(no_js_page.locator(".messagelist")).to_contain_text("was changed successfully")
    expect(no_js_page.locator("#result_list tbody tr").first).to_contain_text(course.title)
    assert Course.objects.order_by("order", "pk").first() == course


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_the_insights_page_fits_and_passes_axe(live_server, staff_page, csp_errors, theme):
    populate(60, rng=random.Random(18), whole_plans=False)  # enough people for bars, and some small groups
    staff_page.emulate_media(color_scheme=theme)
    staff_page.goto(live_server.url + reverse("admin:index"))
    staff_page.get_by_role("link", name="Insights", exact=False).first.click()
    expect(staff_page.get_by_role("heading", level=1)).to_have_text("Insights")
    expect(staff_page.get_by_role("img", name="People per track")).to_be_visible()
    expect(staff_page.get_by_role("table", name="People per track, in numbers")).to_be_visible()
    assert staff_page.locator("rect.chart-bar").count() > 10
    assert_fits(staff_page)
    violations = axe_violations(staff_page)
    assert not violations, "\n".join(violations)
    assert csp_errors == []
