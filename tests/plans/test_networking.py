"""Networking log: add, suggested steps, done, edit, delete; follow-ups."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from plans.models import NetworkingStep, SuggestedStep

from .conftest import HX

ADD = reverse("plans:networking_add")


@pytest.fixture
def step(plan) -> NetworkingStep:
    return NetworkingStep.objects.create(plan=plan, who="Ana at Acme", kind="coffee_chat")


class TestAdd:
    def test_htmx_add(self, owner_client, plan):
        data = {"who": "Product meetup", "kind": "event", "date": "2026-03-01", "follow_up_on": "2026-03-08"}
        response = owner_client.post(ADD, data, **HX)
        assert response.status_code == 200
        created = NetworkingStep.objects.get(plan=plan)
        html = response.content.decode()
        assert html.lstrip().startswith(f'<li id="networking-{created.pk}"')
        assert "Follow up by 8 Mar 2026" in html
        assert '<details id="networking-add"' in html and 'hx-swap-oob="true"' in html
        assert (created.kind, created.date, created.follow_up_on) == (
            "event",
            datetime.date(2026, 3, 1),
            datetime.date(2026, 3, 8),
        )

    @pytest.mark.parametrize(
        ("data", "message"),
        [
            ({"who": ""}, "This field is required."),
            ({"who": "x" * 201}, "at most 200 characters"),
            ({"kind": "party"}, "Select a valid choice."),
            ({"date": "2026-02-30"}, "Enter a valid date."),
            ({"date": "2026-03-10", "follow_up_on": "2026-03-01"}, "cannot be before the date of the step"),
            ({"notes": "n" * 1001}, "at most 1000 characters"),
        ],
    )
    def test_bad_input(self, owner_client, plan, data, message):
        response = owner_client.post(ADD, {"who": "Someone", "kind": "mentor", **data}, **HX)
        assert response.status_code == 422
        assert message in response.content.decode()
        assert response["HX-Retarget"] == "#networking-add"
        assert not NetworkingStep.objects.exists()


class TestSuggested:
    def test_adds_a_step_from_the_suggestion_and_removes_the_idea(self, owner_client, plan):
        suggestion = SuggestedStep.objects.get(slug="find-a-mentor")
        url = reverse("plans:networking_add_suggested", args=[suggestion.slug])
        response = owner_client.post(url, **HX)
        html = response.content.decode()
        created = NetworkingStep.objects.get(plan=plan)
        assert (created.who, created.kind, created.suggestion) == (suggestion.title, "mentor", suggestion)
        assert '<li id="suggestion-find-a-mentor" hx-swap-oob="delete"></li>' in html
        page = owner_client.get(reverse("plans:plan")).content.decode()
        assert 'id="suggestion-find-a-mentor"' not in page

    def test_adding_twice_keeps_one_step_and_replaces_it_in_place(self, owner_client, plan):
        url = reverse("plans:networking_add_suggested", args=["find-a-mentor"])
        first = owner_client.post(url, **HX)
        assert "HX-Retarget" not in first
        again = owner_client.post(url, **HX)
        step = NetworkingStep.objects.get(plan=plan)
        assert again["HX-Retarget"] == f"#networking-{step.pk}"
        assert again["HX-Reswap"] == "outerHTML"
        owner_client.post(url)
        assert NetworkingStep.objects.filter(plan=plan).count() == 1

    def test_database_keeps_one_step_per_suggestion(self, plan):
        from django.db import IntegrityError, transaction

        suggestion = SuggestedStep.objects.first()
        NetworkingStep.objects.create(plan=plan, who="a", suggestion=suggestion)
        with pytest.raises(IntegrityError), transaction.atomic():
            NetworkingStep.objects.create(plan=plan, who="b", suggestion=suggestion)
        NetworkingStep.objects.create(plan=plan, who="c")
        NetworkingStep.objects.create(plan=plan, who="d")  # steps without a suggestion are not limited

    def test_unknown_suggestion_is_404(self, owner_client, plan):
        url = reverse("plans:networking_add_suggested", args=["nope"])
        assert owner_client.post(url, **HX).status_code == 404


class TestChange:
    def test_done_is_set_explicitly(self, owner_client, step):
        url = reverse("plans:networking_done", args=[step.pk])
        response = owner_client.post(url, {"done": "true"}, **HX)
        assert "1 of 5 steps done" in response.content.decode()
        owner_client.post(url, {"done": "true"}, **HX)
        step.refresh_from_db()
        assert step.done
        owner_client.post(url, {"done": "false"}, **HX)
        step.refresh_from_db()
        assert not step.done

    @pytest.mark.parametrize("value", ["yes", "1", "on", ""])
    def test_done_accepts_only_true_or_false(self, owner_client, step, value):
        response = owner_client.post(reverse("plans:networking_done", args=[step.pk]), {"done": value}, **HX)
        assert response.status_code == 422
        step.refresh_from_db()
        assert not step.done

    def test_edit(self, owner_client, step):
        url = reverse("plans:networking_edit", args=[step.pk])
        response = owner_client.post(url, {"who": "Ana", "kind": "referral", "notes": "Line 1\nLine 2"}, **HX)
        assert response.status_code == 200
        assert "Line 1<br>Line 2" in response.content.decode()
        step.refresh_from_db()
        assert (step.who, step.kind) == ("Ana", "referral")

    def test_overdue_follow_up_is_marked(self, owner_client, step):
        step.follow_up_on = timezone.localdate() - datetime.timedelta(days=1)
        step.save()
        html = owner_client.get(reverse("plans:networking", args=[step.pk]), **HX).content.decode()
        assert "followup-overdue" in html and "Overdue" in html

    def test_delete(self, owner_client, step):
        response = owner_client.post(reverse("plans:networking_delete", args=[step.pk]), **HX)
        assert response.status_code == 200
        assert not NetworkingStep.objects.exists()
