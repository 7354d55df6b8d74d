"""How many SQL queries each page and htmx answer runs, however much the person has.

Plan pages have a budget of 8 queries (issue 12) and run the same number at 5
and at 500 items; every other page stays within 12. Counts are checked with
pytest-django's query assertions, never with timings.
"""

from __future__ import annotations

import datetime
import random

import pytest
from django.urls import reverse
from django.utils import timezone

from careers.models import AssessmentResult, Course, Track, assessment_questions
from plans.models import CourseProgress, Event, NetworkingStep, Plan, PortfolioCase

QUERY_BUDGET = 12
PLAN_PAGE_BUDGET = 8
HTMX = {"HTTP_HX_REQUEST": "true"}
# session, user, the plan with its counts (and the person's time zone), the
# overview's next actions (first steps, courses, follow-ups due, the next
# milestone), and the charts' one query (plans.history.weekly_activity).
OVERVIEW_QUERIES = 8
# session, user, the plan with its counts (and the time zone), the count of events, a page of them.
HISTORY_QUERIES = 5
# session, user, the plan with its counts, the page count, the page of rows (and for networking, the ideas).
SECTION_QUERIES = {"checklist": 5, "courses": 5, "portfolio": 5, "networking": 6, "skills": 5, "milestones": 5}
# session, user, the row (ownership checked), then in one transaction its update,
# the plan with its counts and the event's INSERT. Inside the test's own
# transaction, the change's transaction is a SAVEPOINT and its RELEASE (two
# more statements; in production BEGIN and COMMIT, which Django does not log).
STATE_CHANGE_QUERIES = 8
# An add also runs the model's check constraints (a query each, in a savepoint of its own).
ADD_QUERIES = 13


def add_items(owner, plan: Plan, n: int) -> None:
    """n more of every kind of row the person keeps: courses (staff content), cases and steps, and n
    changes in their history, one a day."""
    courses = Course.objects.bulk_create(
        Course(slug=f"extra-{i}", title=f"Extra {i}", provider="P", url="https://p.test", order=50 + i)
        for i in range(n)
    )
    Course.tracks.through.objects.bulk_create(Course.tracks.through(course=c, track=plan.track) for c in courses)
    CourseProgress.objects.bulk_create(CourseProgress(user=owner, course=c) for c in courses)
    PortfolioCase.objects.bulk_create(PortfolioCase(user=owner, title=f"Case {i}", problem="Why") for i in range(n))
    today = timezone.localdate()
    NetworkingStep.objects.bulk_create(
        NetworkingStep(user=owner, who=f"Person {i}", follow_up_on=today + datetime.timedelta(days=i - 5))
        for i in range(n)
    )
    now = timezone.now()
    Event.objects.bulk_create(
        Event(
            user=owner,
            plan=plan,
            section="networking",
            item_title=f"Person {i}",
            action="added",
            overall_percent=i % 100,
            created=now - datetime.timedelta(days=i),
        )
        for i in range(n)
    )


@pytest.fixture
def busy_owner(owner):
    """An archived UX plan, an active technical plan with 60 more items of each kind, and a result."""
    Plan.start(owner, Track.objects.get(slug="ux"))
    plan = Plan.start(owner, Track.objects.get(slug="technical"))
    add_items(owner, plan, 60)
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
        "archived plans": reverse("plans:archived"),
        "archived plan": reverse("plans:archived_detail", args=[archived.pk]),
        "course edit form": reverse("plans:course_edit", args=[plan.course_rows()[0].pk]),
        "add a case form": reverse("plans:case_add"),
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
    "archived plans",
    "archived plan",
    "course edit form",
    "add a case form",
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


class TestPlanPages:
    """The overview and every section: the same queries at 5 and at 500 items, within 8."""

    @pytest.fixture(params=[5, 500], ids=["5 items", "500 items"])
    def signed_in(self, request, client, owner):
        plan = Plan.start(owner, Track.objects.get(slug="technical"))
        add_items(owner, plan, request.param)
        client.force_login(owner)
        return client

    def test_overview(self, signed_in, django_assert_num_queries):
        with django_assert_num_queries(OVERVIEW_QUERIES):
            response = signed_in.get(reverse("plans:plan"))
        assert response.status_code == 200
        assert OVERVIEW_QUERIES <= PLAN_PAGE_BUDGET

    def test_history(self, signed_in, django_assert_num_queries):
        for query in ({}, {"section": "networking", "page": "2"}):
            with django_assert_num_queries(HISTORY_QUERIES):
                response = signed_in.get(reverse("plans:history"), query)
            assert response.status_code == 200
        with django_assert_num_queries(HISTORY_QUERIES):
            assert signed_in.get(reverse("plans:history"), **HTMX).status_code == 200
        assert HISTORY_QUERIES <= PLAN_PAGE_BUDGET

    @pytest.mark.parametrize("name", sorted(SECTION_QUERIES))
    def test_section(self, signed_in, name, django_assert_num_queries):
        with django_assert_num_queries(SECTION_QUERIES[name]):
            response = signed_in.get(reverse(f"plans:{name}"))
        assert response.status_code == 200
        assert SECTION_QUERIES[name] <= PLAN_PAGE_BUDGET

    @pytest.mark.parametrize("name", sorted(SECTION_QUERIES))
    def test_section_for_htmx(self, signed_in, name, django_assert_num_queries):
        with django_assert_num_queries(SECTION_QUERIES[name]):
            response = signed_in.get(reverse(f"plans:{name}"), **HTMX)
        assert response.status_code == 200


class TestChanges:
    """One click is one request, and that request is cheap whatever the plan's size."""

    @pytest.fixture
    def plan(self, owner, client):
        plan = Plan.start(owner, Track.objects.get(slug="technical"))
        add_items(owner, plan, 500)
        client.force_login(owner)
        return plan

    def test_course_status_change(self, client, plan, django_assert_num_queries):
        row = plan.course_rows()[0]
        with django_assert_num_queries(STATE_CHANGE_QUERIES):
            response = client.post(reverse("plans:course_status", args=[row.pk]), {"status": "completed"}, **HTMX)
        assert response.status_code == 200
        assert len(response.content) < 3 * 1024

    def test_skill_rating(self, client, plan, django_assert_num_queries):
        row = plan.skill_rows()[0]
        with django_assert_num_queries(STATE_CHANGE_QUERIES):
            response = client.post(reverse("plans:skill_rating", args=[row.pk]), {"rating": "3"}, **HTMX)
        assert response.status_code == 200

    def test_adding_a_case(self, client, plan, django_assert_max_num_queries):
        data = {"title": "New", "status": "idea", "problem": "", "action": "", "outcome": "", "link": ""}
        with django_assert_max_num_queries(ADD_QUERIES):
            response = client.post(reverse("plans:case_add"), data, **HTMX)
        assert response.status_code == 200

    def test_adding_a_networking_step_answers_the_sorted_page(self, client, plan, django_assert_max_num_queries):
        data = {"who": "Ana at the meetup", "kind": "coffee_chat", "date": "", "follow_up_on": "", "notes": ""}
        with django_assert_max_num_queries(ADD_QUERIES):
            response = client.post(reverse("plans:networking_add"), data, **HTMX)
        assert response.status_code == 200
        assert NetworkingStep.objects.filter(user=plan.user, who="Ana at the meetup").exists()


class TestInsights:
    """The staff insights page (issue 18): a fixed number of aggregate queries, at most 15, whether 10 or
    1,000 people use the planner. Its time at 1,000 people is measured by `make bench-insights`."""

    INSIGHTS_BUDGET = 15
    # session, user, tracks, people per track, assessment outcomes, the funnel's counts, the courses,
    # completion dates, the portfolio and network shares.
    INSIGHTS_QUERIES = 10

    @pytest.fixture(params=[10, 1000], ids=["10 people", "1,000 people"])
    def population(self, request, db):
        from bench.insights import populate

        return populate(request.param, rng=random.Random(18), whole_plans=False)

    @pytest.mark.parametrize("name", ["insights:page", "insights:csv"])
    def test_insights(self, client, staff, population, name, django_assert_num_queries):
        client.force_login(staff)
        with django_assert_num_queries(self.INSIGHTS_QUERIES):
            response = client.get(reverse(name))
        assert response.status_code == 200
        assert self.INSIGHTS_QUERIES <= self.INSIGHTS_BUDGET
