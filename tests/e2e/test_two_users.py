"""Two people in two browsers: neither ever sees the other's plan, not even through a copied address."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from careers.models import AssessmentResult, assessment_questions
from plans.models import PortfolioCase
from tests.conftest import make_user
from tests.e2e.conftest import assert_accessible
from tests.e2e.helpers import first_course, open_section, plan_row, sign_in_context, start_plan

NOT_FOUND = "We could not find that page"
SECRET = "Owner's secret pricing case"


@pytest.fixture
def two_pages(browser, live_server):
    """First: the owner with a plan holding a portfolio case and an assessment result. Second: a stranger."""
    owner, stranger = make_user("owner@example.com"), make_user("stranger@example.com")
    start_plan(owner, "technical")
    PortfolioCase.objects.create(user=owner, title=SECRET)
    questions = assessment_questions()
    AssessmentResult.record(questions, {q.slug: q.options.all()[0].slug for q in questions}, user=owner)
    contexts = []
    for user in (owner, stranger):
        context = browser.new_context(base_url=live_server.url)
        sign_in_context(context, live_server, user)
        contexts.append(context)
    yield contexts[0].new_page(), contexts[1].new_page()
    for context in contexts:
        context.close()


def test_second_user_never_sees_the_first_users_plan_not_even_through_a_copied_address(two_pages, live_server):
    first, second = two_pages
    first.goto("/plan/portfolio/")
    case = plan_row(first, SECRET)
    case_edit_url = case.get_by_role("link", name=re.compile("^Edit")).get_attribute("href")
    case_pk = re.search(r"/portfolio/(\d+)/", case_edit_url).group(1)
    first.goto("/plan/courses/")
    course_edit_url = first_course(first).get_by_role("link", name=re.compile("^Edit")).get_attribute("href")
    first.get_by_role("link", name="Assessment", exact=True).click()
    result_link = first.get_by_role("region", name="Your past results").get_by_role("link").first
    result_url = result_link.get_attribute("href")
    result_link.click()
    expect(first.get_by_role("navigation", name="Breadcrumb")).to_contain_text("Result")  # the owner can open it

    second.goto("/plan/")
    expect(second.get_by_role("heading", level=1)).to_have_text("My plan")
    expect(second.get_by_text("You have not started a learning plan yet.")).to_be_visible()
    # Starting the very same track gives the second user their own, empty plan.
    second.get_by_role("button", name="Start Technical PM").click()
    expect(second.get_by_role("heading", level=1)).to_have_text("My plan: The Technical Product Manager")
    expect(second.locator("#progress-portfolio .progress-text")).to_have_text("0 of 3 cases published")
    open_section(second, "Portfolio")
    expect(second.locator("#portfolio-list > li.item")).to_have_count(0)
    expect(second.locator("main")).not_to_contain_text(SECRET)

    for url in (case_edit_url, f"/plan/portfolio/{case_pk}/", course_edit_url, result_url):
        response = second.goto(url)
        assert response.status == 404, url
        expect(second.get_by_role("heading", level=1)).to_have_text(NOT_FOUND)
        expect(second.locator("main")).not_to_contain_text(SECRET)
    assert_accessible(second)

    # Changes sent straight to the owner's case (replayed requests) are refused the same way.
    csrf = next(c["value"] for c in second.context.cookies() if c["name"] == "csrftoken")
    headers = {"X-CSRFToken": csrf, "Referer": live_server.url + "/plan/portfolio/"}
    for path, form in [("status/", {"status": "published"}), ("edit/", {"title": "Mine now"}), ("delete/", {})]:
        answer = second.request.post(f"{live_server.url}/plan/portfolio/{case_pk}/{path}", form=form, headers=headers)
        assert answer.status == 404, path
    case = PortfolioCase.objects.get(pk=case_pk)
    assert (case.title, case.status) == (SECRET, PortfolioCase.Status.IDEA)
