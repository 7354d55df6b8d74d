"""Plans of a given size, for the query-count tests of the sharing views."""

from __future__ import annotations

import datetime

from django.utils import timezone

from careers.models import Course
from plans.models import CourseProgress, NetworkingStep, Plan, PortfolioCase


def add_items(plan: Plan, n: int) -> None:
    """n more courses (with a note), portfolio cases and networking steps (with notes) in the plan."""
    user = plan.user
    courses = Course.objects.bulk_create(
        Course(slug=f"extra-{plan.pk}-{i}", title=f"Extra {i}", provider="P", url="https://p.test", order=50 + i)
        for i in range(n)
    )
    Course.tracks.through.objects.bulk_create(Course.tracks.through(course=c, track=plan.track) for c in courses)
    CourseProgress.objects.bulk_create(CourseProgress(user=user, course=c, note=f"Note {c.pk}") for c in courses)
    PortfolioCase.objects.bulk_create(
        PortfolioCase(user=user, track=plan.track, title=f"Case {i}", problem="Why", status="published")
        for i in range(n)
    )
    today = timezone.localdate()
    NetworkingStep.objects.bulk_create(
        NetworkingStep(user=user, who=f"Person {i}", notes="Met", follow_up_on=today + datetime.timedelta(days=i - 5))
        for i in range(n)
    )


def item_count(plan: Plan) -> int:
    """Every row the plan's pages list."""
    return sum(
        rows.count()
        for rows in (
            plan.checklist_rows(),
            plan.course_rows(),
            plan.case_rows(),
            plan.networking_rows(),
            plan.skill_rows(),
            plan.milestone_rows(),
        )
    )
