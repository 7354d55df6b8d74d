"""The counting rules and next-step rules, on plain data (no database)."""

from __future__ import annotations

import datetime
from types import SimpleNamespace as Row

import pytest

from plans.progress import (
    Counts,
    Section,
    due_by,
    followup_state,
    networking_actions,
    plan_progress,
    portfolio_actions,
    skills_actions,
)

TODAY = datetime.date(2026, 3, 10)


def step(follow_up=None, done=False):
    return Row(follow_up_on=follow_up, done=done)


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
        assert section.complete
        assert section.text == "4 cases published (target 3)"

    def test_empty_section_has_a_valid_bar(self):
        section = Section("skills", "Skills", 0, 0, "rating points")
        assert section.bar_max == 1
        assert section.bar_value == 0
        assert section.percent == 0
        assert not section.complete
        assert section.text == "Nothing to track yet"


class TestPlanProgress:
    def test_sections_in_page_order(self):
        progress = plan_progress(Counts())
        assert [s.key for s in progress.sections] == [
            "checklist",
            "courses",
            "portfolio",
            "networking",
            "skills",
            "milestones",
        ]

    def test_skills_count_rating_points_out_of_four_each(self):
        skills = plan_progress(Counts(skill_points=5, skills_total=3)).section("skills")
        assert (skills.done, skills.total, skills.text) == (5, 12, "5 of 12 rating points")

    def test_portfolio_and_networking_measure_against_targets(self):
        progress = plan_progress(Counts(cases_published=1, networking_done=6, portfolio_target=4, networking_target=5))
        assert progress.section("portfolio").text == "1 of 4 cases published"
        assert progress.section("networking").text == "6 steps done (target 5)"

    def test_overall_is_the_mean_of_sections_with_something_to_track(self):
        counts = Counts(checklist_done=7, checklist_total=7, courses_total=4, portfolio_target=3, networking_target=5)
        # checklist 100%, courses 0%, portfolio 0%, networking 0%; skills and milestones have nothing to track.
        assert plan_progress(counts).overall_percent == 25

    def test_overall_is_zero_for_an_empty_plan_and_100_only_when_all_done(self):
        assert plan_progress(Counts(portfolio_target=0, networking_target=0)).overall_percent == 0
        done = Counts(
            checklist_done=7,
            checklist_total=7,
            courses_done=3,
            courses_total=3,
            cases_published=3,
            networking_done=5,
            skill_points=12,
            skills_total=3,
            milestones_reached=3,
            milestones_total=3,
        )
        assert plan_progress(done).overall_percent == 100
        almost = Counts(**{**done.__dict__, "skill_points": 11})
        assert plan_progress(almost).overall_percent == 98  # (5 + 11/12) / 6, rounded down


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

    def test_due_by_is_a_week_ahead(self):
        assert due_by(TODAY) == TODAY + datetime.timedelta(days=7)


class TestActions:
    def test_portfolio_asks_for_the_cases_still_missing_then_for_upkeep(self):
        actions = portfolio_actions(published=1, target=3, add_url="/add/", section_url="/p/")
        assert actions[0].text.startswith("Publish 2 more cases") and actions[0].url == "/p/"
        assert actions[1].url == "/add/"
        assert [a.url for a in portfolio_actions(published=3, target=3, add_url="/add/", section_url="/p/")] == [
            "/add/"
        ]

    def test_networking_offers_logging_and_ideas_until_the_target(self):
        assert len(networking_actions(done=2, target=5, add_url="/a/", ideas_url="/i/")) == 2
        assert len(networking_actions(done=5, target=5, add_url="/a/", ideas_url="/i/")) == 1

    @pytest.mark.parametrize(
        ("points", "total", "start"),
        [(0, 3, "Rate yourself on the 3 key skills"), (5, 3, "Practise your weakest skill"), (12, 3, "You rated")],
    )
    def test_skills(self, points, total, start):
        assert skills_actions(points=points, total=total, section_url="/s/")[0].text.startswith(start)

    def test_no_skills_no_action(self):
        assert skills_actions(points=0, total=0, section_url="/s/") == []
