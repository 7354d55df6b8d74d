"""Every change a person makes is one event in their history, written with the
change; a refused or empty change writes none. The history page lists them."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from careers.models import Track
from plans import history
from plans.history_views import EVENTS_PER_PAGE
from plans.models import Event, NetworkingStep, Plan, PortfolioCase, SuggestedStep
from tests.conftest import make_user
from tests.helpers import counted

from .conftest import HX

CASE = {"title": "Checkout redesign", "status": "idea", "problem": "", "action": "", "outcome": "", "link": ""}
STEP = {"who": "Priya at Acme", "kind": "coffee_chat", "date": "", "follow_up_on": "", "notes": ""}


def events(user) -> list[Event]:
    return list(Event.objects.filter(user=user).order_by("pk"))


def only_new_event(user, before: int) -> Event:
    found = events(user)[before:]
    assert len(found) == 1, [str(e) for e in found]
    return found[0]


@pytest.fixture
def case(owner) -> PortfolioCase:
    return PortfolioCase.objects.create(user=owner, title="Pricing page experiment")


@pytest.fixture
def step(owner) -> NetworkingStep:
    return NetworkingStep.objects.create(user=owner, who="Mentor call")


# (URL name, the row it changes, the posted state, action, from, to)
STATE_CHANGES = [
    ("plans:course_status", "course", {"status": "in_progress"}, "status", "Not started", "In progress"),
    ("plans:case_status", "case", {"status": "published"}, "status", "Idea", "Published"),
    ("plans:skill_rating", "skill", {"rating": "3"}, "rating", "0 Not yet", "3 Confident"),
    ("plans:milestone_reached", "milestone", {"reached": "true"}, "reached", "Not reached", "Reached"),
    ("plans:checklist_done", "checklist", {"done": "true"}, "done", "Not done", "Done"),
    ("plans:step_done", "step", {"done": "true"}, "done", "Not done", "Done"),
]
SECTION = {"course": "courses", "case": "portfolio", "skill": "skills", "milestone": "milestones"}
SECTION |= {"checklist": "checklist", "step": "networking"}


def row_of(kind: str, plan: Plan, case: PortfolioCase, step: NetworkingStep):
    rows = {
        "course": plan.course_rows().first,
        "skill": plan.skill_rows().first,
        "milestone": plan.milestone_rows().first,
        "checklist": plan.checklist_rows().first,
        "case": lambda: case,
        "step": lambda: step,
    }
    return rows[kind]()


class TestEachChangeIsOneEvent:
    @pytest.mark.parametrize("htmx", [True, False], ids=["htmx", "plain"])
    @pytest.mark.parametrize(
        ("name", "kind", "data", "action", "before", "after"), STATE_CHANGES, ids=[c[0] for c in STATE_CHANGES]
    )
    def test_a_state_change(self, owner_client, owner, plan, case, step, name, kind, data, action, before, after, htmx):
        row = row_of(kind, plan, case, step)
        count = len(events(owner))
        response = owner_client.post(reverse(name, args=[row.pk]), data, **(HX if htmx else {}))
        assert response.status_code == (200 if htmx else 302)
        event = only_new_event(owner, count)
        assert (event.section, event.item_kind, event.item_id, event.item_title) == (
            SECTION[kind],
            kind,
            row.pk,
            row.title,
        )
        assert (event.action, event.from_value, event.to_value) == (action, before, after)
        assert event.plan_id == plan.pk
        assert event.overall_percent == counted(plan).progress.overall_percent

    @pytest.mark.parametrize(
        ("name", "kind", "data", "_a", "_b", "_c"), STATE_CHANGES, ids=[c[0] for c in STATE_CHANGES]
    )
    def test_setting_the_state_it_already_has_records_nothing(
        self, owner_client, owner, plan, case, step, name, kind, data, _a, _b, _c
    ):
        row = row_of(kind, plan, case, step)
        owner_client.post(reverse(name, args=[row.pk]), data, **HX)
        count = len(events(owner))
        assert owner_client.post(reverse(name, args=[row.pk]), data, **HX).status_code == 200  # a double click
        assert len(events(owner)) == count

    @pytest.mark.parametrize(("name", "kind", "_d", "_a", "_b", "_c"), STATE_CHANGES, ids=[c[0] for c in STATE_CHANGES])
    def test_a_refused_change_records_nothing(self, owner_client, owner, plan, case, step, name, kind, _d, _a, _b, _c):
        row = row_of(kind, plan, case, step)
        field = {"course": "status", "case": "status", "skill": "rating", "milestone": "reached"}.get(kind, "done")
        for bad in ({}, {field: "toggle"}, {field: "\x00"}):
            response = owner_client.post(reverse(name, args=[row.pk]), bad, **HX)
            assert response.status_code == 422
        assert events(owner) == []

    def test_a_strangers_change_is_refused_and_records_nothing(self, stranger_client, owner, plan, case):
        assert (
            stranger_client.post(reverse("plans:case_status", args=[case.pk]), {"status": "drafting"}).status_code
            == 404
        )
        assert Event.objects.count() == 0

    def test_adding_a_case(self, owner_client, owner, plan):
        response = owner_client.post(reverse("plans:case_add"), CASE, **HX)
        assert response.status_code == 200
        added = PortfolioCase.objects.get(user=owner, title="Checkout redesign")
        event = only_new_event(owner, 0)
        assert (event.action, event.section, event.item_kind, event.item_id) == ("added", "portfolio", "case", added.pk)
        assert (event.item_title, event.from_value, event.to_value) == ("Checkout redesign", "", "Idea")

    def test_adding_a_networking_step(self, owner_client, owner, plan):
        assert owner_client.post(reverse("plans:networking_add"), STEP).status_code == 302
        event = only_new_event(owner, 0)
        assert (event.action, event.section, event.item_title) == ("added", "networking", "Priya at Acme")

    def test_adding_a_suggestion_twice_records_it_once(self, owner_client, owner, plan):
        suggestion = SuggestedStep.objects.first()
        url = reverse("plans:networking_add_suggested", args=[suggestion.slug])
        owner_client.post(url, **HX)
        owner_client.post(url, **HX)
        (event,) = events(owner)
        assert (event.action, event.item_title) == ("added", suggestion.title)

    def test_an_add_refused_records_nothing(self, owner_client, owner, plan):
        assert owner_client.post(reverse("plans:case_add"), {**CASE, "title": ""}, **HX).status_code == 422
        assert (
            owner_client.post(reverse("plans:networking_add"), {**STEP, "follow_up_on": "1900-01-01"}).status_code
            == 422
        )
        assert events(owner) == []

    def test_editing_says_which_fields_changed_never_their_text(self, owner_client, owner, plan, step):
        data = {**STEP, "who": step.who, "notes": "Private notes about Priya", "follow_up_on": "2026-12-03"}
        assert owner_client.post(reverse("plans:step_edit", args=[step.pk]), data, **HX).status_code == 200
        event = only_new_event(owner, 0)
        assert event.action == "edited"
        assert event.to_value == "follow-up date 3 Dec 2026, notes"
        assert "Private" not in event.to_value
        assert event.change_text == "Edited: follow-up date 3 Dec 2026, notes"

    def test_an_edit_that_changes_nothing_records_nothing(self, owner_client, owner, plan, step):
        data = {**STEP, "who": step.who, "kind": step.kind}
        assert owner_client.post(reverse("plans:step_edit", args=[step.pk]), data, **HX).status_code == 200
        assert events(owner) == []

    def test_a_refused_edit_records_nothing(self, owner_client, owner, plan, case):
        data = {**CASE, "link": "javascript:alert(1)"}
        assert owner_client.post(reverse("plans:case_edit", args=[case.pk]), data, **HX).status_code == 422
        assert owner_client.post(reverse("plans:case_edit", args=[case.pk]), {}, **HX).status_code == 422
        assert events(owner) == []

    def test_removing_a_date_says_so(self, owner_client, owner, plan):
        milestone = plan.milestone_rows().first()
        url = reverse("plans:milestone_edit", args=[milestone.pk])
        owner_client.post(url, {"target_date": "2027-06-30"}, **HX)
        owner_client.post(url, {"target_date": ""}, **HX)
        assert [e.to_value for e in events(owner)] == ["target date 30 Jun 2027", "target date removed"]

    def test_deleting_keeps_the_title_readable(self, owner_client, owner, plan, case):
        pk = case.pk
        assert owner_client.post(reverse("plans:case_delete", args=[pk]), **HX).status_code == 200
        event = only_new_event(owner, 0)
        assert (event.action, event.item_id, event.item_title, event.from_value) == (
            "deleted",
            pk,
            "Pricing page experiment",
            "Idea",
        )
        assert event.url == ""  # nothing to link to any more
        assert event.overall_percent == counted(plan).progress.overall_percent


class TestPlans:
    def test_starting_a_plan(self, owner_client, owner):
        assert owner_client.post(reverse("plans:start", args=["technical"])).status_code == 302
        (event,) = events(owner)
        plan = Plan.objects.get(user=owner)
        assert (event.section, event.action, event.item_title, event.plan_id) == (
            "plan",
            "started",
            plan.track.name,
            plan.pk,
        )
        assert event.overall_percent == counted(plan).progress.overall_percent

    def test_switching_and_switching_back(self, owner_client, owner):
        owner_client.post(reverse("plans:start", args=["technical"]))
        owner_client.post(reverse("plans:start", args=["ux"]))  # asks first: no change
        assert len(events(owner)) == 1
        owner_client.post(reverse("plans:start", args=["ux"]), {"confirm": "switch"})
        technical = Plan.objects.get(user=owner, track__slug="technical")
        owner_client.post(reverse("plans:activate", args=[technical.pk]))
        _started, switched, back = events(owner)
        assert (switched.action, switched.change_text) == (
            "started",
            "Started (switched from The Technical Product Manager)",
        )
        assert (back.action, back.plan_id) == ("reactivated", technical.pk)
        assert back.change_text.startswith("Made active again (switched from The User Experience")

    def test_starting_the_active_plan_again_records_nothing(self, owner_client, owner, plan):
        owner_client.post(reverse("plans:start", args=["technical"]))
        owner_client.post(reverse("plans:activate", args=[plan.pk]))
        assert events(owner) == []


class TestOneTransaction:
    def test_when_the_event_cannot_be_written_the_change_is_undone(self, owner_client, owner, plan, case, monkeypatch):
        def broken(*args, **kwargs):
            raise RuntimeError("the disk is full")

        monkeypatch.setattr(history, "record", broken)
        with pytest.raises(RuntimeError):
            owner_client.post(reverse("plans:case_status", args=[case.pk]), {"status": "published"}, **HX)
        case.refresh_from_db()
        assert case.status == "idea"

    def test_each_change_is_one_insert(self, owner_client, owner, plan, case, django_assert_num_queries):
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as queries:
            owner_client.post(reverse("plans:case_status", args=[case.pk]), {"status": "drafting"}, **HX)
        writes = [q["sql"] for q in queries.captured_queries if q["sql"].startswith(("INSERT", "UPDATE", "DELETE"))]
        assert [sql.split()[0:3] for sql in writes] == [
            ["UPDATE", '"plans_portfoliocase"', "SET"],
            ["INSERT", "INTO", '"plans_event"'],
        ]


class TestHistoryPage:
    def test_newest_first_with_a_link_to_each_item(self, owner_client, owner, plan, case):
        owner_client.post(reverse("plans:case_status", args=[case.pk]), {"status": "drafting"})
        owner_client.post(reverse("plans:case_status", args=[case.pk]), {"status": "published"})
        response = owner_client.get(reverse("plans:history"))
        assert response.status_code == 200
        html = response.content.decode()
        assert html.index("Drafting → Published") < html.index("Idea → Drafting")
        assert f'href="{reverse("plans:portfolio")}#case-{case.pk}"' in html
        assert 'aria-current="page">History</a>' in html

    def test_paginated(self, owner_client, owner, plan):
        Event.objects.bulk_create(
            Event(user=owner, section="networking", item_title=f"Step {i}", action="added")
            for i in range(EVENTS_PER_PAGE + 5)
        )
        first = owner_client.get(reverse("plans:history")).content.decode()
        assert first.count("<tr>") == EVENTS_PER_PAGE + 1  # and the header row
        assert "Page 1 of 2" in first and 'rel="next"' in first
        second = owner_client.get(reverse("plans:history"), {"page": 2}).content.decode()
        assert second.count("<tr>") == 5 + 1
        assert owner_client.get(reverse("plans:history"), {"page": "junk"}).status_code == 200

    def test_filtered_by_section(self, owner_client, owner, plan, case, step):
        owner_client.post(reverse("plans:case_status", args=[case.pk]), {"status": "drafting"}, **HX)
        owner_client.post(reverse("plans:step_done", args=[step.pk]), {"done": "true"}, **HX)
        html = owner_client.get(reverse("plans:history"), {"section": "networking"}).content.decode()
        assert "Mentor call" in html and "Pricing page experiment" not in html
        assert '<option value="networking" selected>' in html

    def test_a_made_up_section_is_bad_input(self, owner_client, owner, plan, case):
        owner_client.post(reverse("plans:case_status", args=[case.pk]), {"status": "drafting"})
        response = owner_client.get(reverse("plans:history"), {"section": "<script>"})
        assert response.status_code == 400
        html = response.content.decode()
        assert "There is no such section: showing every section." in html and "Pricing page experiment" in html
        assert "<script>" not in html.split("<main")[1]

    def test_only_the_persons_own_events(self, owner_client, owner, plan, stranger_plan):
        stranger_case = PortfolioCase.objects.create(user=stranger_plan.user, title="The stranger's case")
        other = make_user("third@example.com")
        Event.objects.create(user=other, section="portfolio", item_title="Someone else's", action="added")
        client = owner_client
        client.force_login(stranger_plan.user)
        client.post(reverse("plans:case_status", args=[stranger_case.pk]), {"status": "drafting"}, **HX)
        client.force_login(owner)
        html = client.get(reverse("plans:history")).content.decode()
        assert "stranger" not in html and "Someone else" not in html

    def test_times_are_in_the_persons_time_zone(self, owner_client, owner, plan):
        from accounts.models import ReminderSettings

        ReminderSettings.objects.create(user=owner, time_zone="Asia/Tokyo")
        Event.objects.create(
            user=owner,
            section="plan",
            item_title="x",
            action="started",
            created=datetime.datetime(2026, 5, 1, 20, 30, tzinfo=datetime.UTC),
        )
        html = owner_client.get(reverse("plans:history")).content.decode()
        assert "2 May 2026, 05:30" in html and "Asia/Tokyo" in html

    def test_htmx_tab_gets_the_main_area(self, owner_client, plan):
        response = owner_client.get(reverse("plans:history"), **HX)
        html = response.content.decode()
        assert "<html" not in html and 'id="plan-main"' in html
        assert response["Vary"].count("HX-Request") == 1

    def test_without_an_active_plan(self, owner_client, owner):
        Event.objects.create(user=owner, section="networking", item_title="Coffee with Ana", action="added")
        html = owner_client.get(reverse("plans:history")).content.decode()
        assert "Coffee with Ana" in html and 'class="plan-bar"' not in html

    def test_empty(self, owner_client, plan):
        assert "No changes yet." in owner_client.get(reverse("plans:history")).content.decode()

    def test_linked_from_the_overview_and_the_plan_bar(self, owner_client, plan):
        html = owner_client.get(reverse("plans:plan")).content.decode()
        assert html.count(f'href="{reverse("plans:history")}"') == 2
        assert f'href="{reverse("plans:history")}"' in owner_client.get(reverse("plans:courses")).content.decode()

    def test_anonymous_is_sent_to_log_in(self, client):
        response = client.get(reverse("plans:history"))
        assert response.status_code == 302 and response.url.startswith(reverse("account_login"))

    def test_post_is_refused(self, owner_client, plan):
        assert owner_client.post(reverse("plans:history")).status_code == 405


def test_deleted_account_takes_its_events_along(owner, plan):
    from django.test import Client

    client = Client()
    client.force_login(owner)
    client.post(reverse("plans:start", args=["ux"]), {"confirm": "switch"})
    assert Event.objects.filter(user=owner).exists()
    owner.delete()
    assert not Event.objects.exists()
    assert Track.objects.exists()
