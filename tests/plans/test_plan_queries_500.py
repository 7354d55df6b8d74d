"""The plan page runs the same number of queries for 5 of the user's own items and for 500.

Own items are portfolio cases and networking steps; the page also lists the
track's content (courses, skills, milestones, first steps, habits), which
grows when staff add content. Either way the count stays put.
"""

from __future__ import annotations

import datetime

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from careers.models import Course, Track
from plans.models import NetworkingStep, Plan, PortfolioCase

QUERY_BUDGET = 12


def listed_items(html: str) -> int:
    return html.count('class="plan-item list-group-item')


def plan_with(user, own_items: int) -> Plan:
    """A technical plan with `own_items` portfolio cases and networking steps."""
    plan = Plan.start(user, Track.objects.get(slug="technical"))
    today = timezone.localdate()
    PortfolioCase.objects.bulk_create(PortfolioCase(plan=plan, title=f"Case {i}") for i in range(own_items // 2))
    NetworkingStep.objects.bulk_create(
        NetworkingStep(plan=plan, who=f"Person {i}", follow_up_on=today + datetime.timedelta(days=i - 3))
        for i in range(own_items - own_items // 2)
    )
    return plan


def listed_items_in_db(plan: Plan) -> int:
    return sum(
        rows.count() for rows in (plan.course_rows(), plan.skill_rows(), plan.milestone_rows(), plan.checklist_rows())
    ) + (plan.cases.count() + plan.networking.count())


def plan_page_queries(client, user) -> tuple[int, str]:
    client.force_login(user)
    client.get(reverse("plans:plan"))  # a first visit may add rows for new content
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("plans:plan"))
    assert response.status_code == 200
    return len(queries), response.content.decode()


def test_same_number_of_queries_at_5_and_500_items(client, owner, stranger):
    small, big = plan_with(owner, 5), plan_with(stranger, 500)
    small_queries, small_html = plan_page_queries(client, owner)
    big_queries, big_html = plan_page_queries(client, stranger)
    assert listed_items(small_html) == listed_items_in_db(small)
    assert listed_items(big_html) == listed_items_in_db(big) == listed_items_in_db(small) + 495
    assert small_queries == big_queries <= QUERY_BUDGET


def test_over_500_items_with_content_staff_added_later(client, owner, stranger):
    # 300 own items and 200 courses staff added after the plan was started.
    plan_with(stranger, 5)
    expected, _ = plan_page_queries(client, stranger)
    plan = plan_with(owner, 0)
    PortfolioCase.objects.bulk_create(PortfolioCase(plan=plan, title=f"Case {i}") for i in range(300))
    technical = Track.objects.get(slug="technical")
    for i in range(200):  # one by one, as the admin and load_content save them
        Course.objects.create(
            slug=f"extra-{i}", track=technical, title=f"Extra {i}", provider="P", url="https://p.test", order=50 + i
        )
    queries, html = plan_page_queries(client, owner)  # the first visit adds the new courses' rows
    assert listed_items(html) == listed_items_in_db(plan) > 500
    assert queries == expected
