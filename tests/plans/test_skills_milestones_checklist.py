"""Skill ratings, milestones and the first-steps/habits checklist."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from plans.models import ChecklistItem, MilestoneProgress, SkillRating
from tests.helpers import squash

from .conftest import HX


class TestSkills:
    @pytest.fixture
    def rating(self, plan) -> SkillRating:
        return plan.skill_rows()[0]

    @pytest.mark.parametrize("value", [0, 1, 2, 3, 4])
    def test_rating_is_set(self, owner_client, rating, value):
        response = owner_client.post(reverse("plans:skill_rating", args=[rating.pk]), {"rating": value}, **HX)
        assert response.status_code == 200
        html = squash(response.content.decode())
        assert f"{value} of 12 rating points" in html
        assert f'value="{value}" id="skill-{rating.pk}-{value + 1}" aria-pressed="true"' in html
        rating.refresh_from_db()
        assert rating.rating == value

    @pytest.mark.parametrize("value", ["7", "5", "-1", "three", "", "2.5"])
    def test_bad_rating_is_rejected(self, owner_client, rating, value):
        response = owner_client.post(reverse("plans:skill_rating", args=[rating.pk]), {"rating": value}, **HX)
        assert response.status_code == 422
        assert "Nothing was changed" in response.content.decode()
        rating.refresh_from_db()
        assert rating.rating == 0

    def test_plain_rating_redirects(self, owner_client, rating):
        response = owner_client.post(reverse("plans:skill_rating", args=[rating.pk]), {"rating": "3"})
        assert response.url == reverse("plans:skills") + f"#skill-{rating.pk}"

    def test_note(self, owner_client, rating):
        url = reverse("plans:skill_edit", args=[rating.pk])
        assert owner_client.post(url, {"note": "Practised <SQL>"}, **HX).status_code == 200
        rating.refresh_from_db()
        assert rating.note == "Practised <SQL>"
        response = owner_client.post(url, {"note": "x" * 201}, **HX)
        assert response.status_code == 422
        assert "at most 200 characters" in response.content.decode()
        rating.refresh_from_db()
        assert rating.note == "Practised <SQL>"


class TestMilestones:
    @pytest.fixture
    def milestone(self, plan) -> MilestoneProgress:
        return plan.milestone_rows()[0]

    def test_reached(self, owner_client, milestone):
        url = reverse("plans:milestone_reached", args=[milestone.pk])
        response = owner_client.post(url, {"reached": "true"}, **HX)
        html = response.content.decode()
        assert "1 of 3 reached" in html
        assert f"Reached {timezone.localdate():%-d %b %Y}" in html
        milestone.refresh_from_db()
        assert milestone.reached and milestone.reached_on == timezone.localdate()
        owner_client.post(url, {"reached": "false"}, **HX)
        milestone.refresh_from_db()
        assert not milestone.reached and milestone.reached_on is None

    def test_bad_reached_value(self, owner_client, milestone):
        url = reverse("plans:milestone_reached", args=[milestone.pk])
        assert owner_client.post(url, {"reached": "maybe"}, **HX).status_code == 422

    def test_target_date(self, owner_client, milestone):
        target = timezone.localdate() + datetime.timedelta(days=400)
        url = reverse("plans:milestone_edit", args=[milestone.pk])
        response = owner_client.post(url, {"target_date": str(target)}, **HX)
        assert f"Target {target:%-d %b %Y}" in response.content.decode()
        milestone.refresh_from_db()
        assert milestone.target_date == target

    @pytest.mark.parametrize(
        ("data", "message"),
        [
            ({"target_date": "2026-02-30"}, "Enter a valid date."),
            ({"target_date": "2027-13-01"}, "Enter a valid date."),
            ({"target_date": "2099-01-01"}, "Enter a target date between"),
            ({"target_date": "1999-01-01"}, "Enter a target date between"),
            ({"reached_on": "2999-01-01"}, "Enter a date reached between 1 January 1970 and today"),
            ({"reached_on": "1960-05-01"}, "Enter a date reached between 1 January 1970 and today"),
            ({"reached_on": ""}, "This field is required."),
        ],
    )
    def test_bad_dates(self, owner_client, milestone, data, message):
        milestone.set_reached(True)
        good = {"target_date": "", "reached_on": str(timezone.localdate())}
        response = owner_client.post(reverse("plans:milestone_edit", args=[milestone.pk]), {**good, **data}, **HX)
        assert response.status_code == 422
        assert message in response.content.decode()
        milestone.refresh_from_db()
        assert milestone.target_date is None and milestone.reached_on == timezone.localdate()


class TestChecklist:
    @pytest.fixture
    def item(self, plan) -> ChecklistItem:
        return plan.checklist_rows()[0]

    def test_done(self, owner_client, item):
        url = reverse("plans:checklist_done", args=[item.pk])
        response = owner_client.post(url, {"done": "true"}, **HX)
        html = squash(response.content.decode())
        assert "1 of 7 done" in html
        assert f'id="checklist-{item.pk}-1" aria-pressed="true"' in html
        assert 'value="false"' in html  # pressing again sets "not done", explicitly
        item.refresh_from_db()
        assert item.done

    def test_habits_are_checklist_items_too(self, owner_client, plan):
        habit = next(i for i in plan.checklist_rows() if i.is_habit)
        owner_client.post(reverse("plans:checklist_done", args=[habit.pk]), {"done": "true"})
        habit.refresh_from_db()
        assert habit.done

    def test_bad_value(self, owner_client, item):
        response = owner_client.post(reverse("plans:checklist_done", args=[item.pk]), {"done": "toggle"}, **HX)
        assert response.status_code == 422
        item.refresh_from_db()
        assert not item.done

    def test_first_steps_come_before_habits(self, plan):
        rows = list(plan.checklist_rows())
        assert [row.is_habit for row in rows] == [False] * 3 + [True] * 4

    def test_no_edit_url(self, owner_client, item):
        assert owner_client.get(f"/plan/checklist/{item.pk}/edit/").status_code == 404
