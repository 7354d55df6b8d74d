"""The journey follows the person: what they do whatever the track comes with
them to every plan they start, switch to or reactivate, once, with its state."""

from __future__ import annotations

import pytest
from django.urls import reverse

from careers.models import Course, FirstStep, Habit, Role, Skill, Track
from plans.models import (
    ChecklistItem,
    CourseProgress,
    MilestoneProgress,
    NetworkingStep,
    Plan,
    PortfolioCase,
    SkillRating,
)
from tests.helpers import counted, recount

IBM = "ibm-product-manager-professional-certificate"


def track(slug: str) -> Track:
    return Track.objects.get(slug=slug)


def journey_rows(user) -> dict[str, list[tuple]]:
    """Everything of the person's that must survive a switch, with its state."""
    return {
        "courses": sorted(CourseProgress.objects.filter(user=user).values_list("course__slug", "status", "note")),
        "checklist": sorted(ChecklistItem.objects.filter(user=user).values_list("pk", "done")),
        "cases": sorted(PortfolioCase.objects.filter(user=user).values_list("pk", "title", "status")),
        "steps": sorted(NetworkingStep.objects.filter(user=user).values_list("pk", "who", "done")),
    }


@pytest.fixture
def ux_journey(owner):
    """The newcomer of the issue: IBM completed, a case, three contacts, two habits, on the UX plan."""
    plan = Plan.start(owner, track("ux"))
    ibm = CourseProgress.objects.get(user=owner, course__slug=IBM)
    ibm.note = "Finished in 10 weeks"
    ibm.save()
    ibm.set_status("completed")
    PortfolioCase.objects.create(user=owner, track=plan.track, title="Checkout research", status="published")
    for who in ("Ana", "Ben", "Chloe"):
        NetworkingStep.objects.create(user=owner, who=who, done=who == "Ana")
    habits = [row for row in plan.checklist_rows() if row.is_habit][:2]
    ChecklistItem.objects.filter(pk__in=[h.pk for h in habits]).update(done=True)
    return plan


class TestSwitching:
    def test_a_to_b_to_a_keeps_everything_once(self, owner, ux_journey):
        before = journey_rows(owner)
        technical = Plan.start(owner, track("technical"))
        after_b = journey_rows(owner)
        assert after_b["cases"] == before["cases"]
        assert after_b["steps"] == before["steps"]
        assert after_b["checklist"] == before["checklist"]
        assert (IBM, "completed", "Finished in 10 weeks") in after_b["courses"]
        Plan.start(owner, track("ux"))
        after_a = journey_rows(owner)
        assert after_a["cases"] == before["cases"] and after_a["steps"] == before["steps"]
        assert after_a["checklist"] == before["checklist"]
        assert set(before["courses"]) <= set(after_a["courses"])
        # One row per course, first step and habit, however often plans start.
        assert CourseProgress.objects.filter(user=owner).count() == len(
            {slug for slug, _status, _note in after_a["courses"]}
        )
        assert ChecklistItem.objects.filter(user=owner).count() == FirstStep.objects.count() + Habit.objects.count()
        assert technical.pk != ux_journey.pk

    def test_the_new_plan_counts_what_the_person_already_did(self, owner, ux_journey):
        technical = counted(Plan.start(owner, track("technical")))
        assert technical.counts.courses_done == 1  # IBM, recommended for every track
        assert technical.counts.cases_published == 1
        assert technical.counts.networking_done == 1
        assert technical.counts.checklist_done == 2
        assert technical.counts == recount(technical)
        assert technical.progress.overall_percent > 0

    def test_the_new_plans_pages_show_it(self, client, owner, ux_journey):
        Plan.start(owner, track("technical"))
        client.force_login(owner)
        courses = client.get(reverse("plans:courses")).content.decode()
        ibm = CourseProgress.objects.get(user=owner, course__slug=IBM)
        row = courses[courses.index(f'<li id="course-{ibm.pk}"') :]
        assert 'aria-pressed="true">Completed</button>' in row[: row.index("</li>")]
        assert "Checkout research" in client.get(reverse("plans:portfolio")).content.decode()
        network = client.get(reverse("plans:networking")).content.decode()
        assert all(who in network for who in ("Ana", "Ben", "Chloe"))
        overview = client.get(reverse("plans:plan")).content.decode()
        assert "Start IBM" not in overview

    def test_skills_and_milestones_stay_with_their_plan(self, owner, ux_journey):
        rating = ux_journey.skill_rows()[0]
        rating.rating = 4
        rating.save()
        technical = Plan.start(owner, track("technical"))
        assert all(r.rating == 0 for r in technical.skill_rows())
        assert {r.skill.track.slug for r in technical.skill_rows()} == {"technical"}
        again = Plan.start(owner, track("ux"))
        assert again.skill_rows()[0].rating == 4

    def test_starting_plans_in_any_order_never_duplicates_rows(self, owner):
        for slug in ("ux", "technical", "strategic", "ux", "technical", "technical"):
            Plan.start(owner, track(slug))
        assert CourseProgress.objects.filter(user=owner).count() == Course.objects.count()
        assert SkillRating.objects.filter(plan__user=owner).count() == Skill.objects.count()
        assert (
            MilestoneProgress.objects.filter(plan__user=owner).count()
            == Role.objects.filter(track__isnull=False).count()
        )


class TestSharedCourses:
    @pytest.fixture
    def shared(self, db) -> Course:
        course = Course.objects.get(slug="technical-google-project-management-professional-certificate")
        course.tracks.add(track("strategic"))
        return course

    def test_a_course_in_two_tracks_has_one_state(self, owner, shared):
        Plan.start(owner, track("technical"))
        row = CourseProgress.objects.get(user=owner, course=shared)
        row.set_status("completed")
        strategic = Plan.start(owner, track("strategic"))
        assert [r.pk for r in strategic.course_rows() if r.course_id == shared.pk] == [row.pk]
        assert counted(strategic).counts.courses_done == 1
        assert CourseProgress.objects.filter(user=owner, course=shared).count() == 1

    def test_it_is_listed_once_per_track(self, owner, shared):
        plan = Plan.start(owner, track("strategic"))
        slugs = [r.course.slug for r in plan.course_rows()]
        assert slugs.count(shared.slug) == 1
        assert counted(plan).counts.courses_total == len(slugs) == 4


class TestNewContent:
    def test_new_content_gets_rows_in_active_plans_of_its_track_at_once(self, owner, stranger):
        technical = Plan.start(owner, track("technical"))
        ux = Plan.start(stranger, track("ux"))
        course = Course.objects.create(slug="apis", title="APIs for PMs", provider="X", url="https://x.test")
        course.tracks.add(track("technical"))
        skill = Skill.objects.create(slug="data", track=track("technical"), name="Data literacy")
        habit = Habit.objects.create(slug="write", text="Write every week.")
        assert course in [r.course for r in technical.course_rows()]
        assert course not in [r.course for r in ux.course_rows()]
        assert skill in [r.skill for r in technical.skill_rows()]
        assert not SkillRating.objects.filter(plan=ux, skill=skill).exists()
        assert ChecklistItem.objects.filter(habit=habit).count() == 2  # everybody's

    def test_a_general_course_reaches_everyone_with_a_plan(self, owner, stranger):
        Plan.start(owner, track("technical"))
        Plan.start(stranger, track("ux"))
        course = Course.objects.create(slug="general-new", title="General", provider="Y", url="https://y.test")
        assert CourseProgress.objects.filter(course=course).count() == 2

    def test_rows_for_new_content_are_not_made_for_people_without_plans(self, owner):
        Course.objects.create(slug="general-new", title="General", provider="Y", url="https://y.test")
        assert not CourseProgress.objects.exists()

    def test_an_archived_plan_gets_its_rows_when_reactivated(self, owner):
        technical = Plan.start(owner, track("technical"))
        Plan.start(owner, track("ux"))
        skill = Skill.objects.create(slug="data", track=track("technical"), name="Data literacy")
        assert not SkillRating.objects.filter(plan=technical, skill=skill).exists()
        Plan.start(owner, track("technical"))
        assert SkillRating.objects.filter(plan=technical, skill=skill).exists()

    def test_renamed_skill_shows_with_its_rating_kept(self, plan):
        rating = plan.skill_rows()[0]
        rating.rating = 3
        rating.save()
        Skill.objects.filter(pk=rating.skill_id).update(name="Technical fluency")
        fresh = plan.skill_rows()[0]
        assert (fresh.skill.name, fresh.rating) == ("Technical fluency", 3)

    def test_a_course_taken_off_the_track_drops_out_but_keeps_its_row(self, plan):
        row = plan.course_rows().exclude(course__tracks=None)[0]
        row.set_status(CourseProgress.Status.COMPLETED)
        row.course.tracks.set([track("ux")])
        assert row.pk not in [r.pk for r in plan.course_rows()]
        assert counted(plan).counts.courses_total == 2
        row.course.tracks.set([track("technical")])
        assert counted(plan).counts.courses_done == 1
