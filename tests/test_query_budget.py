"""No page or HTMX answer runs more than 12 SQL queries, however much the user has.

The owner here has an active plan with more than a page of their own items,
an archived plan and an assessment result, so every page shows real rows.
Counts are checked with pytest-django's query assertions, never with timings.
"""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from careers.models import AssessmentResult, Track, assessment_questions
from plans.models import NetworkingStep, Plan, PortfolioCase

QUERY_BUDGET = 12
HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def busy_owner(owner):
    """An archived UX plan, an active technical plan with 60 cases and steps, and a result."""
    Plan.start(owner, Track.objects.get(slug="ux"))
    plan = Plan.start(owner, Track.objects.get(slug="technical"))
    today = timezone.localdate()
    PortfolioCase.objects.bulk_create(PortfolioCase(plan=plan, title=f"Case {i}", problem="Why") for i in range(30))
    NetworkingStep.objects.bulk_create(
        NetworkingStep(plan=plan, who=f"Person {i}", follow_up_on=today + datetime.timedelta(days=i - 5))
        for i in range(30)
    )
    questions = assessment_questions()
    answers = {q.slug: q.options.all()[0].slug for q in questions}
    AssessmentResult.record(questions, answers, user=owner)
    return owner


def _urls(owner) -> dict[str, str]:
    plan = Plan.objects.get(user=owner, status=Plan.Status.ACTIVE)
    archived = Plan.objects.get(user=owner, status=Plan.Status.ARCHIVED)
    result = owner.assessment_results.get()
    return {
        "home": reverse("home"),
        **{f"track {t.slug}": t.get_absolute_url() for t in Track.objects.all()},
        "courses": reverse("careers:courses"),
        "courses of a track": reverse("careers:courses") + "?track=technical",
        "guide": reverse("careers:guide"),
        "tracks side by side": reverse("careers:compare"),
        "assessment": reverse("careers:assessment"),
        "assessment step": reverse("careers:assessment_step", args=[1]),
        "assessment history": reverse("careers:assessment_history"),
        "assessment result": result.get_absolute_url(),
        "plan": reverse("plans:plan"),
        "archived plans": reverse("plans:archived"),
        "archived plan": reverse("plans:archived_detail", args=[archived.pk]),
        "course edit form": reverse("plans:course_edit", args=[plan.course_rows()[0].pk]),
        "account": reverse("accounts:overview"),
    }


PAGES = [
    "home",
    "track technical",
    "track ux",
    "track strategic",
    "courses",
    "courses of a track",
    "guide",
    "tracks side by side",
    "assessment",
    "assessment step",
    "assessment history",
    "assessment result",
    "plan",
    "archived plans",
    "archived plan",
    "course edit form",
    "account",
]


# Not called "page": that is pytest-playwright's browser page fixture.
@pytest.mark.parametrize("screen", PAGES)
def test_signed_in_page_stays_within_budget(client, busy_owner, screen, django_assert_max_num_queries):
    url = _urls(busy_owner)[screen]
    client.force_login(busy_owner)
    with django_assert_max_num_queries(QUERY_BUDGET):
        response = client.get(url)
    assert response.status_code == 200


@pytest.mark.parametrize(
    "name", ["home", "careers:courses", "careers:guide", "careers:compare", "careers:assessment", "account_login"]
)
def test_anonymous_page_stays_within_budget(client, db, name, django_assert_max_num_queries):
    with django_assert_max_num_queries(QUERY_BUDGET):
        response = client.get(reverse(name))
    assert response.status_code == 200


def test_every_track_page_is_covered(db):
    # A new track in the content must not slip past the budget unnoticed.
    assert {f"track {slug}" for slug in Track.objects.values_list("slug", flat=True)} <= set(PAGES)


class TestHtmxAnswers:
    """The fragments a click on the plan page fetches."""

    def test_course_status_change(self, client, busy_owner, django_assert_max_num_queries):
        row = Plan.objects.get(user=busy_owner, status="active").course_rows()[0]
        client.force_login(busy_owner)
        with django_assert_max_num_queries(QUERY_BUDGET):
            response = client.post(reverse("plans:course_status", args=[row.pk]), {"status": "completed"}, **HTMX)
        assert response.status_code == 200
        row.refresh_from_db()
        assert row.status == "completed"

    def test_adding_a_networking_step(self, client, busy_owner, django_assert_max_num_queries):
        client.force_login(busy_owner)
        with django_assert_max_num_queries(QUERY_BUDGET):
            response = client.post(
                reverse("plans:networking_add"), {"who": "Ana at the meetup", "kind": "coffee_chat"}, **HTMX
            )
        assert response.status_code == 200
        assert NetworkingStep.objects.filter(plan__user=busy_owner, who="Ana at the meetup").exists()

    def test_next_steps_panel(self, client, busy_owner, django_assert_max_num_queries):
        client.force_login(busy_owner)
        with django_assert_max_num_queries(QUERY_BUDGET):
            response = client.get(reverse("plans:next_steps"), **HTMX)
        assert response.status_code == 200
