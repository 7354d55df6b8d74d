"""Networking log: add, suggested steps, done, edit, delete; follow-ups first, after every change."""

from __future__ import annotations

import datetime
import re

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from plans.models import NetworkingStep, SuggestedStep

from .conftest import HX

ADD = reverse("plans:networking_add")
BLANK = {"who": "", "kind": "coffee_chat", "date": "", "follow_up_on": "", "notes": ""}


def days(n: int) -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=n)


@pytest.fixture
def step(owner, plan) -> NetworkingStep:
    return NetworkingStep.objects.create(user=owner, who="Ana at Acme", kind="coffee_chat")


def order_in(html: str) -> list[str]:
    return re.findall(r'<h3 class="list-row-title item-title">([^<]+)</h3>', html)


class TestAdd:
    def test_htmx_add_answers_with_the_whole_list_in_its_promised_order(self, owner_client, owner, plan):
        NetworkingStep.objects.create(user=owner, who="Logged earlier")
        data = {**BLANK, "who": "Product meetup", "kind": "event", "date": str(days(-2)), "follow_up_on": str(days(3))}
        response = owner_client.post(ADD, data, **HX)
        assert response.status_code == 200
        assert response["HX-Retarget"] == "#networking-list" and response["HX-Reswap"] == "outerHTML"
        html = response.content.decode()
        assert html.lstrip().startswith('<ul id="networking-list"')
        assert order_in(html) == ["Product meetup", "Logged earlier"]  # a follow-up due soon comes first
        assert "Follow up soon</span>" in html
        assert '<div id="networking-add-slot" class="add-slot" hx-swap-oob="true"></div>' in html
        created = NetworkingStep.objects.get(user=owner, who="Product meetup")
        assert (created.kind, created.date, created.follow_up_on) == ("event", days(-2), days(3))

    @pytest.mark.parametrize(
        ("data", "message"),
        [
            ({"who": ""}, "This field is required."),
            ({"who": "x" * 201}, "at most 200 characters"),
            ({"kind": "party"}, "Select a valid choice."),
            ({"date": "2026-02-30"}, "Enter a valid date."),
            ({"date": "2026-03-10", "follow_up_on": "2026-03-01"}, "cannot be before the date of the step"),
            ({"follow_up_on": "2999-01-01"}, "Enter a follow-up date between"),
            ({"date": "1900-01-01"}, "Enter a date between"),
            ({"notes": "n" * 1001}, "at most 1000 characters"),
            ({"notes": "\x01"}, "Remove the control characters"),
        ],
    )
    def test_bad_input(self, owner_client, plan, data, message):
        response = owner_client.post(ADD, {**BLANK, "who": "Someone", "kind": "mentor", **data}, **HX)
        assert response.status_code == 422
        assert message in response.content.decode()
        assert response["HX-Retarget"] == "#networking-add-slot"
        assert not NetworkingStep.objects.exists()


class TestSuggested:
    def test_adds_a_step_from_the_suggestion_and_removes_the_idea(self, owner_client, owner, plan):
        suggestion = SuggestedStep.objects.get(slug="find-a-mentor")
        url = reverse("plans:networking_add_suggested", args=[suggestion.slug])
        response = owner_client.post(url, **HX)
        html = response.content.decode()
        created = NetworkingStep.objects.get(user=owner)
        assert (created.who, created.kind, created.suggestion) == (suggestion.title, "mentor", suggestion)
        assert '<li id="suggestion-find-a-mentor" hx-swap-oob="delete"></li>' in html
        page = owner_client.get(reverse("plans:networking")).content.decode()
        assert 'id="suggestion-find-a-mentor"' not in page

    def test_adding_twice_keeps_one_step(self, owner_client, owner, plan):
        url = reverse("plans:networking_add_suggested", args=["find-a-mentor"])
        owner_client.post(url, **HX)
        again = owner_client.post(url, **HX)
        assert again.status_code == 200
        assert again.content.decode().count('<li id="step-') == 1
        owner_client.post(url)
        assert NetworkingStep.objects.filter(user=owner).count() == 1

    def test_database_keeps_one_step_per_person_and_suggestion(self, owner):
        suggestion = SuggestedStep.objects.first()
        NetworkingStep.objects.create(user=owner, who="a", suggestion=suggestion)
        with pytest.raises(IntegrityError), transaction.atomic():
            NetworkingStep.objects.create(user=owner, who="b", suggestion=suggestion)
        NetworkingStep.objects.create(user=owner, who="c")
        NetworkingStep.objects.create(user=owner, who="d")  # steps without a suggestion are not limited

    def test_unknown_suggestion_is_404(self, owner_client, plan):
        url = reverse("plans:networking_add_suggested", args=["nope"])
        assert owner_client.post(url, **HX).status_code == 404


class TestChange:
    def test_done_is_set_explicitly(self, owner_client, step):
        url = reverse("plans:step_done", args=[step.pk])
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
        response = owner_client.post(reverse("plans:step_done", args=[step.pk]), {"done": value}, **HX)
        assert response.status_code == 422
        step.refresh_from_db()
        assert not step.done

    def test_a_finished_step_moves_to_the_end_at_once(self, owner_client, owner, step):
        NetworkingStep.objects.create(user=owner, who="Later one")
        response = owner_client.post(reverse("plans:step_done", args=[step.pk]), {"done": "true"}, **HX)
        assert order_in(response.content.decode()) == ["Later one", "Ana at Acme"]

    def test_an_edit_that_sets_a_follow_up_moves_the_step_up_at_once(self, owner_client, owner, step):
        other = NetworkingStep.objects.create(user=owner, who="Someone else")
        data = {**BLANK, "who": "Someone else", "kind": "referral", "follow_up_on": str(days(1)), "notes": "L1\nL2"}
        response = owner_client.post(reverse("plans:step_edit", args=[other.pk]), data, **HX)
        assert response.status_code == 200
        assert order_in(response.content.decode()) == ["Someone else", "Ana at Acme"]
        other.refresh_from_db()
        assert (other.kind, other.follow_up_on, other.notes) == ("referral", days(1), "L1\nL2")

    def test_overdue_follow_up_is_marked_in_words(self, owner_client, step):
        step.follow_up_on = days(-1)
        step.save()
        html = owner_client.get(reverse("plans:step", args=[step.pk]), **HX).content.decode()
        assert "Follow-up overdue" in html

    def test_delete(self, owner_client, step):
        response = owner_client.post(reverse("plans:step_delete", args=[step.pk]), **HX)
        assert response.status_code == 200
        assert not NetworkingStep.objects.exists()
        assert '<ul id="networking-list"' in response.content.decode()

    def test_the_list_answers_the_page_the_person_is_on(self, owner_client, owner, plan):
        NetworkingStep.objects.bulk_create(NetworkingStep(user=owner, who=f"Person {i:03}") for i in range(35))
        last = NetworkingStep.objects.get(who="Person 034")
        headers = {**HX, "HTTP_HX_CURRENT_URL": "http://testserver" + reverse("plans:networking") + "?page=2"}
        response = owner_client.post(reverse("plans:step_done", args=[last.pk]), {"done": "true"}, **headers)
        assert order_in(response.content.decode())[-1] == "Person 034"
        assert len(order_in(response.content.decode())) == 10  # page 2 of 25 a page
