"""The counting rules and next-step rules, on plain data (no database)."""

from __future__ import annotations

import datetime
from types import SimpleNamespace as Row

import pytest

from plans.progress import (
    Counts,
    Section,
    count_rows,
    followup_state,
    followups_due,
    next_action,
    next_course,
    order_networking,
    plan_progress,
)

TARGETS = {"portfolio-cases": 3, "networking-steps": 5}
TODAY = datetime.date(2026, 3, 10)


def step(follow_up=None, done=False, name="x"):
    return Row(follow_up_on=follow_up, done=done, who=name)


class TestSection:
    def test_text_counts_done_of_total(self):
        assert Section("courses", "Courses", 3, 8, "completed").text == "3 of 8 completed"

    def test_percent_rounds_down_so_100_means_complete(self):
        assert Section("k", "K", 2, 3, "done").percent == 66
        assert Section("k", "K", 199, 200, "done").percent == 99
        assert Section("k", "K", 3, 3, "done").percent == 100

    def test_more_than_target_caps_the_bar_but_says_the_real_number(self):
        section = Section("portfolio", "Portfolio", 4, 3, "cases published")
        assert section.bar_value == 3
        assert section.fraction == 1.0
        assert section.text == "4 cases published (target 3)"

    def test_empty_section_has_a_valid_bar(self):
        section = Section("skills", "Skills", 0, 0, "rating points")
        assert section.bar_max == 1
        assert section.bar_value == 0
        assert section.percent == 0
        assert section.text == "Nothing to track yet"


class TestPlanProgress:
    def test_sections_in_page_order(self):
        progress = plan_progress(Counts(), TARGETS)
        assert [s.key for s in progress.sections] == [
            "getting_started",
            "courses",
            "portfolio",
            "networking",
            "skills",
            "milestones",
        ]

    def test_skills_count_rating_points_out_of_four_each(self):
        progress = plan_progress(Counts(skill_points=7, skills_total=3), TARGETS)
        assert (progress.skills.done, progress.skills.total) == (7, 12)

    def test_portfolio_and_networking_measure_against_targets(self):
        progress = plan_progress(Counts(cases_published=1, networking_done=2), TARGETS)
        assert progress.portfolio.text == "1 of 3 cases published"
        assert progress.networking.text == "2 of 5 steps done"

    def test_overall_is_the_mean_of_sections_with_something_to_track(self):
        counts = Counts(courses_done=3, courses_total=3, checklist_total=4, milestones_total=2)
        progress = plan_progress(counts, {"portfolio-cases": 0, "networking-steps": 0})
        # courses 100%, getting started 0%, milestones 0%; portfolio, networking and skills have nothing.
        assert progress.overall_percent == 33

    def test_overall_is_zero_for_an_empty_plan_and_100_only_when_all_done(self):
        assert plan_progress(Counts(), TARGETS).overall_percent == 0
        full = Counts(
            checklist_done=7,
            checklist_total=7,
            courses_done=3,
            courses_total=3,
            cases_published=3,
            networking_done=6,
            skill_points=12,
            skills_total=3,
            milestones_reached=3,
            milestones_total=3,
        )
        assert plan_progress(full, TARGETS).overall_percent == 100
        almost = Counts(**{**full.__dict__, "skill_points": 11})
        assert plan_progress(almost, TARGETS).overall_percent == 98

    def test_section_by_key(self):
        progress = plan_progress(Counts(courses_total=2), TARGETS)
        assert progress.section("courses") is progress.courses


class TestCountRows:
    def test_counts_from_rows(self):
        counts = count_rows(
            checklist=[Row(done=True), Row(done=False)],
            courses=[Row(status="completed"), Row(status="in_progress"), Row(status="not_started")],
            cases=[Row(status="published"), Row(status="drafting")],
            networking=[Row(done=True), Row(done=True), Row(done=False)],
            skills=[Row(rating=4), Row(rating=1)],
            milestones=[Row(reached=True), Row(reached=False)],
        )
        assert counts == Counts(
            checklist_done=1,
            checklist_total=2,
            courses_done=1,
            courses_total=3,
            cases_published=1,
            networking_done=2,
            skill_points=5,
            skills_total=2,
            milestones_reached=1,
            milestones_total=2,
        )

    def test_out_of_range_ratings_never_count_beyond_the_scale(self):
        counts = count_rows(
            checklist=[], courses=[], cases=[], networking=[], skills=[Row(rating=9), Row(rating=-1)], milestones=[]
        )
        assert counts.skill_points == 4


class TestFollowUps:
    @pytest.mark.parametrize(
        ("follow_up", "done", "state"),
        [
            (None, False, ""),
            (TODAY - datetime.timedelta(days=1), False, "overdue"),
            (TODAY, False, "due"),
            (TODAY + datetime.timedelta(days=7), False, "due"),
            (TODAY + datetime.timedelta(days=8), False, "later"),
            (TODAY - datetime.timedelta(days=1), True, ""),
        ],
    )
    def test_state(self, follow_up, done, state):
        assert followup_state(step(follow_up, done), TODAY) == state

    def test_pending_follow_ups_first_soonest_on_top_then_open_then_done(self):
        done = step(TODAY - datetime.timedelta(days=5), done=True, name="done")
        open_step = step(name="open")
        later = step(TODAY + datetime.timedelta(days=30), name="later")
        overdue = step(TODAY - datetime.timedelta(days=2), name="overdue")
        soon = step(TODAY + datetime.timedelta(days=1), name="soon")
        ordered = order_networking([done, open_step, later, overdue, soon], TODAY)
        assert [s.who for s in ordered] == ["overdue", "soon", "later", "open", "done"]

    def test_due_lists_overdue_and_due_soon_only(self):
        steps = [
            step(TODAY + datetime.timedelta(days=3), name="soon"),
            step(TODAY + datetime.timedelta(days=20), name="later"),
            step(TODAY - datetime.timedelta(days=3), name="overdue"),
            step(TODAY - datetime.timedelta(days=3), done=True, name="finished"),
        ]
        assert [s.who for s in followups_due(steps, TODAY)] == ["overdue", "soon"]


class TestNextSteps:
    def test_next_course_prefers_one_in_progress(self):
        courses = [Row(status="completed"), Row(status="not_started", n=1), Row(status="in_progress", n=2)]
        assert next_course(courses).n == 2

    def test_next_course_is_none_when_all_completed(self):
        assert next_course([Row(status="completed")]) is None

    def action(self, **overrides):
        data = {
            "cases": [],
            "portfolio_target": 3,
            "networking_done": 0,
            "networking_target": 5,
            "suggestions": [Row(pk=1, title="Coffee chat"), Row(pk=2, title="Meetup")],
            "logged_suggestion_ids": set(),
            "skills": [],
            "milestones": [],
        }
        return next_action(**{**data, **overrides})

    def test_portfolio_comes_first(self):
        assert self.action().anchor == "portfolio"

    def test_finishing_a_draft_beats_starting_an_idea(self):
        cases = [Row(pk=1, status="idea", title="Idea"), Row(pk=2, status="drafting", title="Draft")]
        action = self.action(cases=cases)
        assert action.text == "Finish and publish your case “Draft”."
        assert action.anchor == "case-2"

    def test_then_the_first_suggestion_not_yet_logged(self):
        cases = [Row(pk=i, status="published", title="c") for i in range(3)]
        action = self.action(cases=cases, logged_suggestion_ids={1})
        assert action.text == "Try this: Meetup"
        assert action.anchor == "networking"

    def test_then_the_weakest_skill_then_the_next_role(self):
        cases = [Row(pk=i, status="published", title="c") for i in range(3)]
        skills = [Row(pk=7, rating=3, skill=Row(name="Strategy")), Row(pk=8, rating=1, skill=Row(name="SQL"))]
        milestones = [Row(pk=4, reached=True, role=Row(title="APM")), Row(pk=5, reached=False, role=Row(title="PM"))]
        action = self.action(cases=cases, networking_done=5, skills=skills, milestones=milestones)
        assert action.anchor == "skill-8"
        strong = [Row(pk=7, rating=3, skill=Row(name="Strategy"))]
        action = self.action(cases=cases, networking_done=5, skills=strong, milestones=milestones)
        assert action.text == "Work towards your next role: PM."

    def test_nothing_left(self):
        cases = [Row(pk=i, status="published", title="c") for i in range(3)]
        assert self.action(cases=cases, networking_done=5) is None
