"""Every object URL works for its owner only: 404 for anyone else, login for anonymous, 405 for GET on changes."""

from __future__ import annotations

import pytest
from django.urls import reverse

from plans.models import NetworkingStep, Plan, PortfolioCase

from .conftest import HX


def item_urls(plan: Plan) -> dict[str, tuple[str, str, dict]]:
    """name -> (method, url, data) for every per-item URL of the plan."""
    course = plan.course_rows()[0].pk
    skill = plan.skill_rows()[0].pk
    milestone = plan.milestone_rows()[0].pk
    check = plan.checklist_rows()[0].pk
    case = PortfolioCase.objects.create(plan=plan, title="Mine").pk
    step = NetworkingStep.objects.create(plan=plan, who="Mine").pk
    return {
        "course": ("get", reverse("plans:course", args=[course]), {}),
        "course_status": ("post", reverse("plans:course_status", args=[course]), {"status": "completed"}),
        "course_edit": ("post", reverse("plans:course_edit", args=[course]), {"note": "stolen"}),
        "course_edit_get": ("get", reverse("plans:course_edit", args=[course]), {}),
        "skill": ("get", reverse("plans:skill", args=[skill]), {}),
        "skill_rating": ("post", reverse("plans:skill_rating", args=[skill]), {"rating": "4"}),
        "skill_edit": ("post", reverse("plans:skill_edit", args=[skill]), {"note": "stolen"}),
        "milestone": ("get", reverse("plans:milestone", args=[milestone]), {}),
        "milestone_reached": ("post", reverse("plans:milestone_reached", args=[milestone]), {"reached": "true"}),
        "milestone_edit": ("post", reverse("plans:milestone_edit", args=[milestone]), {"target_date": "2030-01-01"}),
        "checklist_done": ("post", reverse("plans:checklist_done", args=[check]), {"done": "true"}),
        "case": ("get", reverse("plans:case", args=[case]), {}),
        "case_status": ("post", reverse("plans:case_status", args=[case]), {"status": "published"}),
        "case_edit": ("post", reverse("plans:case_edit", args=[case]), {"title": "stolen", "status": "idea"}),
        "case_delete": ("post", reverse("plans:case_delete", args=[case]), {}),
        "networking": ("get", reverse("plans:networking", args=[step]), {}),
        "networking_done": ("post", reverse("plans:networking_done", args=[step]), {"done": "true"}),
        "networking_edit": ("post", reverse("plans:networking_edit", args=[step]), {"who": "x", "kind": "event"}),
        "networking_delete": ("post", reverse("plans:networking_delete", args=[step]), {}),
    }


NAMES = [
    "course",
    "course_status",
    "course_edit",
    "course_edit_get",
    "skill",
    "skill_rating",
    "skill_edit",
    "milestone",
    "milestone_reached",
    "milestone_edit",
    "checklist_done",
    "case",
    "case_status",
    "case_edit",
    "case_delete",
    "networking",
    "networking_done",
    "networking_edit",
    "networking_delete",
]


def snapshot(plan: Plan) -> list:
    """Everything a request could have changed in the plan."""
    return [
        list(plan.courses.values()),
        list(plan.skills.values()),
        list(plan.milestones.values()),
        list(plan.checklist.values()),
        list(plan.cases.values()),
        list(plan.networking.values()),
    ]


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("htmx", [False, True], ids=["plain", "htmx"])
def test_stranger_gets_404_and_nothing_changes(client, plan, stranger, stranger_plan, name, htmx):
    method, url, data = item_urls(plan)[name]
    before = snapshot(plan)
    client.force_login(stranger)
    response = getattr(client, method)(url, data, **(HX if htmx else {}))
    assert response.status_code == 404
    assert snapshot(plan) == before


@pytest.mark.parametrize("name", NAMES)
def test_anonymous_is_sent_to_login(client, plan, name):
    method, url, data = item_urls(plan)[name]
    before = snapshot(plan)
    response = getattr(client, method)(url, data)
    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))
    assert snapshot(plan) == before


CHANGES = [n for n in NAMES if n.endswith(("_status", "_rating", "_reached", "_done", "_delete"))]


@pytest.mark.parametrize("name", CHANGES)
def test_changes_reject_get(owner_client, plan, name):
    _method, url, _data = item_urls(plan)[name]
    before = snapshot(plan)
    assert owner_client.get(url).status_code == 405
    assert snapshot(plan) == before


@pytest.mark.parametrize(
    "url",
    [
        reverse("plans:case_add"),
        reverse("plans:networking_add"),
        reverse("plans:networking_add_suggested", args=["find-a-mentor"]),
    ],
)
def test_adding_rejects_get(owner_client, plan, url):
    assert owner_client.get(url).status_code == 405


def test_unknown_item_is_404(owner_client, plan):
    assert owner_client.post(reverse("plans:course_status", args=[999999]), {"status": "completed"}).status_code == 404


def test_adding_without_an_active_plan_is_404(owner_client):
    assert owner_client.post(reverse("plans:case_add"), {"title": "x", "status": "idea"}).status_code == 404
    assert not PortfolioCase.objects.exists()
