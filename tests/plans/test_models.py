"""Plans and their rows through the model API: starting, switching, counting."""

from __future__ import annotations

import datetime

import pytest
from django.db import IntegrityError, transaction
from django.db.models import ProtectedError
from django.utils import timezone

from careers.models import Course, FirstStep, Habit, Skill, Track
from plans.models import (
    ChecklistItem,
    CourseProgress,
    MilestoneProgress,
    NetworkingStep,
    Plan,
    PortfolioCase,
    SkillRating,
    SuggestedStep,
    Target,
)
from tests.conftest import make_user
from tests.helpers import counted, recount


def track(slug: str) -> Track:
    return Track.objects.get(slug=slug)


class TestStart:
    def test_prefills_the_tracks_content(self, owner):
        plan = Plan.start(owner, track("technical"))
        assert plan.is_active
        courses = {row.course.slug for row in plan.course_rows()}
        assert courses == set(Course.objects.filter(tracks__slug="technical").values_list("slug", flat=True)) | {
            "ibm-product-manager-professional-certificate"
        }
        assert [r.skill.name for r in plan.skill_rows()] == list(
            Skill.objects.filter(track__slug="technical").values_list("name", flat=True)
        )
        assert [m.role.title for m in plan.milestone_rows()] == [
            "Associate Technical Product Manager",
            "Senior Technical Product Manager",
            "Director of Technical Products",
        ]
        checklist = list(plan.checklist_rows())
        assert [i.title for i in checklist if not i.is_habit] == list(FirstStep.objects.values_list("title", flat=True))
        assert len([i for i in checklist if i.is_habit]) == Habit.objects.count() == 4

    def test_nothing_is_done_at_the_start(self, plan):
        assert counted(plan).progress.overall_percent == 0

    def test_switching_archives_the_current_plan(self, owner, plan):
        ux = Plan.start(owner, track("ux"))
        plan.refresh_from_db()
        assert plan.status == Plan.Status.ARCHIVED and plan.archived_at is not None
        assert ux.is_active

    def test_restarting_a_track_reactivates_its_plan_with_its_ratings(self, owner, plan):
        rating = plan.skill_rows()[0]
        rating.rating = 3
        rating.save()
        Plan.start(owner, track("ux"))
        again = Plan.start(owner, track("technical"))
        assert again.pk == plan.pk
        assert again.is_active and again.archived_at is None
        assert again.skill_rows()[0].rating == 3
        assert Plan.objects.filter(user=owner).count() == 2

    def test_starting_the_active_track_again_changes_nothing(self, owner, plan):
        assert Plan.start(owner, track("technical")).pk == plan.pk
        assert Plan.objects.filter(user=owner).count() == 1
        assert CourseProgress.objects.filter(user=owner).count() == 3

    def test_database_allows_only_one_active_plan_per_user(self, owner, plan):
        with pytest.raises(IntegrityError), transaction.atomic():
            Plan.objects.create(user=owner, track=track("ux"), status=Plan.Status.ACTIVE)

    def test_other_users_plans_are_independent(self, owner, plan):
        Plan.start(make_user("other@example.com"), track("ux"))
        plan.refresh_from_db()
        assert plan.is_active


class TestCounts:
    def test_the_counts_query_agrees_with_a_recount_of_the_rows(self, owner, plan):
        plan.course_rows()[0].set_status(CourseProgress.Status.COMPLETED)
        rating = plan.skill_rows()[1]
        rating.rating = 3
        rating.save()
        plan.milestone_rows()[0].set_reached(True)
        ChecklistItem.objects.filter(pk=plan.checklist_rows()[0].pk).update(done=True)
        PortfolioCase.objects.create(user=owner, title="A", status=PortfolioCase.Status.PUBLISHED)
        PortfolioCase.objects.create(user=owner, title="B", status=PortfolioCase.Status.IDEA)
        NetworkingStep.objects.create(user=owner, who="Ana", done=True)
        counts = counted(plan).counts
        assert counts == recount(plan)
        assert (counts.courses_done, counts.skill_points, counts.cases_published, counts.checklist_done) == (1, 3, 1, 1)

    def test_counts_come_with_the_plan_in_one_query(self, plan, django_assert_num_queries):
        with django_assert_num_queries(1):
            found = Plan.objects.with_counts().get(pk=plan.pk)
            found.progress  # noqa: B018
            found.track.name  # noqa: B018

    def test_each_plan_gets_its_own_counts(self, plan):
        other = Plan.start(make_user("other@example.com"), track("ux"))
        other.course_rows()[0].set_status(CourseProgress.Status.COMPLETED)
        for current in (plan, other):
            assert counted(current).counts == recount(current)
        assert (counted(plan).counts.courses_done, counted(other).counts.courses_done) == (0, 1)

    def test_targets_come_from_the_content_with_defaults(self, plan):
        assert (counted(plan).counts.portfolio_target, counted(plan).counts.networking_target) == (3, 5)
        Target.objects.filter(slug="portfolio-cases").update(value=4)
        assert counted(plan).counts.portfolio_target == 4
        Target.objects.all().delete()
        assert (counted(plan).counts.portfolio_target, counted(plan).counts.networking_target) == (3, 5)


class TestRows:
    def test_completing_a_course_stamps_today_and_leaving_completed_clears_it(self, plan):
        row = plan.course_rows()[0]
        row.set_status(CourseProgress.Status.COMPLETED)
        assert row.completed_on == timezone.localdate()
        row.completed_on = datetime.date(2025, 1, 2)
        row.save()
        row.set_status(CourseProgress.Status.COMPLETED)  # again: keeps the date set
        assert CourseProgress.objects.get(pk=row.pk).completed_on == datetime.date(2025, 1, 2)
        row.set_status(CourseProgress.Status.IN_PROGRESS)
        assert CourseProgress.objects.get(pk=row.pk).completed_on is None

    def test_reaching_a_milestone_stamps_the_date(self, plan):
        milestone = plan.milestone_rows()[0]
        milestone.set_reached(True)
        assert MilestoneProgress.objects.get(pk=milestone.pk).reached_on == timezone.localdate()
        milestone.set_reached(False)
        assert MilestoneProgress.objects.get(pk=milestone.pk).reached_on is None

    def test_rows_know_their_urls_and_state(self, plan):
        row = plan.course_rows()[0]
        assert row.anchor == f"course-{row.pk}"
        assert row.state_url == f"/plan/courses/{row.pk}/status/"
        assert row.edit_url == f"/plan/courses/{row.pk}/edit/"
        assert [c.value for c in row.state_choices] == ["not_started", "in_progress", "completed"]
        assert [c.pressed for c in row.state_choices] == [True, False, False]
        assert row.state_label == "Not started"
        item = plan.checklist_rows()[0]
        assert item.edit_url == "" and item.state_label == "Not done"
        assert [(c.value, c.label) for c in item.state_choices] == [("true", "Done")]

    def test_database_rejects_a_rating_above_four(self, plan):
        with pytest.raises(IntegrityError), transaction.atomic():
            SkillRating.objects.filter(plan=plan).update(rating=7)

    def test_database_rejects_an_unknown_course_status(self, owner, plan):
        with pytest.raises(IntegrityError), transaction.atomic():
            CourseProgress.objects.filter(user=owner).update(status="done-ish")

    def test_one_progress_row_per_person_and_course(self, owner, plan):
        row = plan.course_rows()[0]
        with pytest.raises(IntegrityError), transaction.atomic():
            CourseProgress.objects.create(user=owner, course=row.course)

    def test_deleting_a_track_with_plans_is_refused(self, plan):
        with pytest.raises(ProtectedError):
            track("technical").delete()

    def test_content_fixture_loaded(self, db):
        assert SuggestedStep.objects.count() >= 5
        assert set(SuggestedStep.objects.values_list("kind", flat=True)) == {
            "coffee_chat",
            "event",
            "online_community",
            "mentor",
            "referral",
        }
        assert dict(Target.objects.values_list("slug", "value")) == {"portfolio-cases": 3, "networking-steps": 5}

    def test_str(self, plan):
        assert str(plan) == "Technical PM plan of owner"
        assert str(plan.checklist_rows()[0]) == "Choose your path based on your background and interests."
