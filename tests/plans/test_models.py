"""Starting, switching and syncing plans through the model API."""

from __future__ import annotations

import datetime

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from careers.models import Course, FirstStep, Habit, Role, Skill, Track
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
from plans.progress import count_rows
from tests.conftest import make_user


def track(slug: str) -> Track:
    return Track.objects.get(slug=slug)


class TestStart:
    def test_prefills_the_tracks_content(self, owner):
        plan = Plan.start(owner, track("technical"))
        assert plan.is_active
        courses = {row.course.slug for row in plan.course_rows()}
        assert courses == set(Course.objects.filter(track__slug="technical").values_list("slug", flat=True)) | {
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
        assert [i.text for i in checklist if not i.is_habit] == list(FirstStep.objects.values_list("title", flat=True))
        assert len([i for i in checklist if i.is_habit]) == Habit.objects.count() == 4

    def test_nothing_is_done_at_the_start(self, plan):
        assert plan.progress().overall_percent == 0

    def test_switching_archives_the_current_plan_keeping_its_progress(self, owner, plan):
        row = plan.course_rows()[0]
        row.set_status(CourseProgress.Status.COMPLETED)
        ux = Plan.start(owner, track("ux"))
        plan.refresh_from_db()
        assert plan.status == Plan.Status.ARCHIVED
        assert plan.archived_at is not None
        assert ux.is_active
        assert CourseProgress.objects.get(pk=row.pk).status == CourseProgress.Status.COMPLETED

    def test_restarting_a_track_reactivates_its_plan_with_progress(self, owner, plan):
        plan.course_rows()[0].set_status(CourseProgress.Status.COMPLETED)
        Plan.start(owner, track("ux"))
        again = Plan.start(owner, track("technical"))
        assert again.pk == plan.pk
        assert again.is_active and again.archived_at is None
        assert again.progress().courses.done == 1
        assert Plan.objects.filter(user=owner).count() == 2

    def test_starting_the_active_track_again_changes_nothing(self, owner, plan):
        assert Plan.start(owner, track("technical")).pk == plan.pk
        assert Plan.objects.filter(user=owner).count() == 1
        assert plan.courses.count() == 3

    def test_database_allows_only_one_active_plan_per_user(self, owner, plan):
        with pytest.raises(IntegrityError), transaction.atomic():
            Plan.objects.create(user=owner, track=track("ux"), status=Plan.Status.ACTIVE)

    def test_other_users_plans_are_independent(self, owner, plan):
        other = make_user("other@example.com")
        Plan.start(other, track("ux"))
        plan.refresh_from_db()
        assert plan.is_active


class TestStaffEdits:
    def test_new_course_appears_in_existing_plans(self, plan):
        course = Course.objects.create(
            slug="new-tech-course", track=track("technical"), title="APIs for PMs", provider="X", url="https://x.test"
        )
        assert plan.sync_content() == 1
        assert course in [row.course for row in plan.course_rows()]
        assert plan.sync_content() == 0  # nothing left to add

    def test_new_content_of_every_kind_is_synced(self, plan):
        technical = track("technical")
        Skill.objects.create(slug="s-new", track=technical, name="Data literacy")
        Role.objects.create(slug="r-new", track=technical, title="VP of Technical Products")
        FirstStep.objects.create(slug="fs-new", title="Find a study buddy")
        Habit.objects.create(slug="h-new", text="Write every week.")
        Course.objects.create(slug="c-general", title="General course", provider="Y", url="https://y.test")
        assert plan.sync_content() == 5
        assert plan.skills.count() == 4
        assert plan.milestones.count() == 4
        assert plan.checklist.count() == 9
        assert plan.courses.count() == 4

    def test_renamed_skill_shows_with_its_rating_kept(self, plan):
        rating = plan.skill_rows()[0]
        rating.rating = 3
        rating.save()
        Skill.objects.filter(pk=rating.skill_id).update(name="Technical fluency")
        fresh = plan.skill_rows()[0]
        assert (fresh.skill.name, fresh.rating) == ("Technical fluency", 3)

    def test_plans_of_different_tracks_sync_their_own_content(self, plan):
        # The check for missing content is compiled once, for whichever plan comes first.
        ux = Plan.start(make_user("ux@example.com"), track("ux"))
        Course.objects.create(slug="tech-new", track=track("technical"), title="T", provider="P", url="https://t.test")
        Course.objects.create(slug="ux-new", track=track("ux"), title="U", provider="P", url="https://u.test")
        assert (ux.sync_content(), plan.sync_content()) == (1, 1)
        assert ux.courses.filter(course__slug="ux-new").exists() and not ux.courses.filter(course__slug="tech-new")
        assert plan.courses.filter(course__slug="tech-new").exists() and not plan.courses.filter(course__slug="ux-new")
        assert (ux.sync_content(), plan.sync_content()) == (0, 0)

    def test_other_tracks_content_is_not_added(self, plan):
        Course.objects.create(slug="ux-new", track=track("ux"), title="UX thing", provider="Z", url="https://z.test")
        assert plan.sync_content() == 0

    def test_course_moved_to_another_track_drops_out_but_keeps_its_row(self, plan):
        row = plan.course_rows().exclude(course__track=None)[0]
        row.set_status(CourseProgress.Status.COMPLETED)
        Course.objects.filter(pk=row.course_id).update(track=track("ux"))
        assert row.pk not in [r.pk for r in plan.course_rows()]
        assert plan.progress().courses.total == 2
        Course.objects.filter(pk=row.course_id).update(track=track("technical"))
        assert plan.progress().courses.done == 1


class TestCounts:
    def test_query_counts_agree_with_counting_loaded_rows(self, plan):
        plan.course_rows()[0].set_status(CourseProgress.Status.COMPLETED)
        rating = plan.skill_rows()[1]
        rating.rating = 3
        rating.save()
        plan.milestone_rows()[0].set_reached(True)
        ChecklistItem.objects.filter(pk=plan.checklist_rows()[0].pk).update(done=True)
        PortfolioCase.objects.create(plan=plan, title="A", status=PortfolioCase.Status.PUBLISHED)
        PortfolioCase.objects.create(plan=plan, title="B", status=PortfolioCase.Status.IDEA)
        NetworkingStep.objects.create(plan=plan, who="Ana", done=True)
        rows = count_rows(
            checklist=plan.checklist_rows(),
            courses=plan.course_rows(),
            cases=plan.cases.all(),
            networking=plan.networking.all(),
            skills=plan.skill_rows(),
            milestones=plan.milestone_rows(),
        )
        assert plan.counts == rows
        assert (rows.courses_done, rows.skill_points, rows.cases_published, rows.checklist_done) == (1, 3, 1, 1)

    def test_counts_query_once(self, plan, django_assert_num_queries):
        with django_assert_num_queries(1):
            plan.counts  # noqa: B018

    def test_each_plan_gets_its_own_counts_from_the_statement_compiled_once(self, plan):
        # The counts' SQL is compiled for the first plan asked about and reused for every other.
        other = Plan.start(make_user("other@example.com"), track("ux"))
        other.course_rows()[0].set_status(CourseProgress.Status.COMPLETED)
        for current in (plan, other, plan, other):
            expected = count_rows(
                checklist=current.checklist_rows(),
                courses=current.course_rows(),
                cases=current.cases.all(),
                networking=current.networking.all(),
                skills=current.skill_rows(),
                milestones=current.milestone_rows(),
            )
            assert current.counts == expected
        assert (plan.counts.courses_done, other.counts.courses_done) == (0, 1)

    def test_a_plan_that_is_gone_has_no_counts(self, plan):
        stale = Plan.objects.get(pk=plan.pk)
        plan.delete()
        with pytest.raises(Plan.DoesNotExist):
            stale.counts  # noqa: B018

    def test_targets_fall_back_to_defaults(self, db):
        Target.objects.all().delete()
        assert Target.values() == {"portfolio-cases": 3, "networking-steps": 5}
        Target.objects.create(slug="portfolio-cases", value=4)
        assert Target.values()["portfolio-cases"] == 4


class TestItems:
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

    def test_database_rejects_a_rating_above_four(self, plan):
        with pytest.raises(IntegrityError), transaction.atomic():
            SkillRating.objects.filter(plan=plan).update(rating=7)

    def test_database_rejects_an_unknown_course_status(self, plan):
        with pytest.raises(IntegrityError), transaction.atomic():
            CourseProgress.objects.filter(plan=plan).update(status="done-ish")

    def test_one_progress_row_per_course(self, plan):
        row = plan.course_rows()[0]
        with pytest.raises(IntegrityError), transaction.atomic():
            CourseProgress.objects.create(plan=plan, course=row.course)

    def test_deleting_a_track_with_plans_is_refused(self, plan):
        from django.db.models import ProtectedError

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
        assert Target.values() == {"portfolio-cases": 3, "networking-steps": 5}

    def test_str(self, plan):
        assert str(plan) == "Technical PM plan of owner"
        assert str(plan.checklist_rows()[0]) == "Choose your path based on your background and interests."
