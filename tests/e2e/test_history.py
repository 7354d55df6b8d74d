"""The overview's charts and the history page in a real browser: axe-core finds no
WCAG 2.1 A/AA violation (light and dark), the charts have text equivalents a
screen reader reaches, and nothing trips the Content-Security-Policy."""

from __future__ import annotations

import datetime
import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from plans.models import Event, Plan
from tests.conftest import make_user
from tests.e2e.conftest import WCAG_AA, assert_accessible
from tests.e2e.helpers import horizontal_overflow, sign_in_context, start_plan

HX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def with_history(live_server):
    """A plan with changes made through the views this week, and a few weeks of earlier ones."""
    user = make_user("owner@example.com")
    plan = start_plan(user)
    client = Client()
    client.force_login(user)
    for row in list(plan.checklist_rows())[:2]:
        client.post(reverse("plans:checklist_done", args=[row.pk]), {"done": "true"}, **HX)
    client.post(reverse("plans:course_status", args=[plan.course_rows()[0].pk]), {"status": "completed"}, **HX)
    now = timezone.now()
    Event.objects.bulk_create(
        Event(
            user=user,
            plan=plan,
            section="courses",
            item_kind="course",
            item_id=plan.course_rows()[0].pk,
            item_title="An earlier course",
            action="status",
            from_value="Not started",
            to_value="In progress",
            overall_percent=weeks,
            created=now - datetime.timedelta(weeks=weeks),
        )
        for weeks in (1, 2, 2, 4, 7)
    )
    Plan.objects.filter(pk=plan.pk).update(created=now - datetime.timedelta(weeks=8))
    return user


def test_overview_charts_have_text_equivalents_and_pass_axe(live_server, page, csp_errors, with_history):
    sign_in_context(page.context, live_server, with_history)
    page.goto(live_server.url + "/plan/")

    activity = page.get_by_role("img", name="Changes per week, last 12 weeks")
    expect(activity).to_be_visible()
    expect(activity).to_have_accessible_description(re.compile(r"^8 changes in the last 12 weeks, 3 of them this week"))
    table = page.get_by_role("table", name="Changes per week, last 12 weeks")
    expect(table.get_by_role("row")).to_have_count(13)  # the header and twelve weeks
    expect(table.get_by_role("row").last).to_have_text(re.compile(r"This week\s*3"))
    expect(page.locator(".streak")).to_have_text("Current streak: 3 active weeks in a row")

    progress = page.get_by_role("img", name=re.compile("^Overall progress by week"))
    expect(progress).to_have_accessible_description(re.compile(r"^Overall progress went from \d+% in the week of"))
    expect(page.get_by_role("table", name=re.compile("^Overall progress by week"))).to_be_attached()

    assert_accessible(page)
    # The charts take their colours from the theme: in Bootstrap's dark theme too. (The rest of the
    # site's dark theme is the design system's work, so only the charts are checked there.)
    page.evaluate("document.documentElement.setAttribute('data-bs-theme', 'dark')")
    dark = Axe().run(page, context=".charts", options=WCAG_AA).response["violations"]
    assert dark == [], [(v["id"], [n["target"] for n in v["nodes"]]) for v in dark]
    page.evaluate("document.documentElement.removeAttribute('data-bs-theme')")

    # The target date form, fetched into the overview.
    page.get_by_role("link", name="Set your ready-to-apply date").click()
    date = page.get_by_label("Ready to apply by")
    expect(date).to_be_focused()
    assert_accessible(page)
    date.fill("2099-01-01")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text(re.compile("Enter a date between"))).to_be_visible()
    assert_accessible(page)
    assert csp_errors == []


def test_history_page_passes_axe_and_filters(live_server, page, csp_errors, with_history):
    sign_in_context(page.context, live_server, with_history)
    page.goto(live_server.url + "/plan/")
    page.get_by_role("navigation", name="Plan sections").get_by_role("link", name="History").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("History of your changes")
    expect(page).to_have_url(re.compile(r"/plan/history/$"))
    rows = page.get_by_role("table").get_by_role("row")
    expect(rows).to_have_count(1 + 3 + 5)  # the header, three changes this week, five earlier
    expect(rows.nth(1)).to_contain_text("Not started → Completed")
    assert_accessible(page)

    page.get_by_label("Section", exact=True).select_option(label="First steps and habits")
    page.get_by_role("button", name="Show").click()
    expect(rows).to_have_count(1 + 2)
    expect(page.get_by_role("table")).not_to_contain_text("An earlier course")
    assert_accessible(page)
    assert csp_errors == []


def test_charts_and_history_fit_a_phone(live_server, browser, with_history):
    context = browser.new_context(base_url=live_server.url, viewport={"width": 390, "height": 844})
    page = context.new_page()
    sign_in_context(context, live_server, with_history)
    for path in ("/plan/", "/plan/history/"):
        page.goto(path)
        assert horizontal_overflow(page) == 0, path
    context.close()
