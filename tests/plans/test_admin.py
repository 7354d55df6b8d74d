"""Staff edit plan content (suggested steps, targets) and can look at plans read-only."""

from __future__ import annotations

from django.urls import reverse

from plans.models import SuggestedStep, Target
from tests.helpers import counted


def test_staff_see_plan_content_in_the_admin(staff_client, plan):
    for name in ("plan", "suggestedstep", "target"):
        assert staff_client.get(reverse(f"admin:plans_{name}_changelist")).status_code == 200
    response = staff_client.get(reverse("admin:plans_plan_change", args=[plan.pk]))
    assert response.status_code == 200
    assert "System architecture" in response.content.decode()


def test_staff_cannot_add_plans_for_users(staff_client):
    assert staff_client.get(reverse("admin:plans_plan_add")).status_code == 403


def test_staff_edit_a_target_and_plans_follow(staff_client, plan):
    target = Target.objects.get(slug="portfolio-cases")
    response = staff_client.post(
        reverse("admin:plans_target_change", args=[target.pk]),
        {"slug": "portfolio-cases", "value": "4", "help_text": target.help_text},
    )
    assert response.url == reverse("admin:plans_target_changelist")
    assert counted(plan).progress.section("portfolio").total == 4


def test_new_suggested_step_shows_up_in_plans(owner_client, plan):
    SuggestedStep.objects.create(slug="alumni", order=9, kind="event", title="Go to an alumni product night")
    assert "Go to an alumni product night" in owner_client.get(reverse("plans:networking")).content.decode()


def test_non_staff_cannot_reach_the_admin(owner_client):
    response = owner_client.get(reverse("admin:plans_plan_changelist"))
    assert response.status_code == 302
