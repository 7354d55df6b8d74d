"""Target dates: "ready to apply by" on the plan and a target on any course; the
overview counts the days and says when one is overdue, in words."""

from __future__ import annotations

import datetime

import pytest
import time_machine
from django.urls import reverse

from plans.countdown import countdown
from plans.models import Event, Plan
from tests.helpers import squash

from .conftest import HX

TODAY = datetime.date(2026, 11, 10)


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(datetime.datetime(2026, 11, 10, 12, tzinfo=datetime.UTC), tick=False):
        yield


class TestCountdown:
    @pytest.mark.parametrize(
        ("target", "text", "overdue"),
        [
            ("2026-11-10", "due today", False),
            ("2026-11-11", "1 day left", False),
            ("2027-03-10", "120 days left", False),
            ("2026-11-09", "overdue by 1 day", True),
            ("2026-10-31", "overdue by 10 days", True),
        ],
    )
    def test_days_left_in_words(self, target, text, overdue):
        left = countdown(datetime.date.fromisoformat(target), TODAY)
        assert (left.text, left.overdue) == (text, overdue)

    def test_no_target_no_countdown(self):
        assert countdown(None, TODAY) is None


class TestPlanTarget:
    url = reverse("plans:plan_target")

    def test_the_overview_offers_to_set_one(self, owner_client, plan):
        html = owner_client.get(reverse("plans:plan")).content.decode()
        link = f'<a href="{self.url}" hx-get="{self.url}" hx-target="#plan-target-slot">'
        link += "Set your ready-to-apply date</a>"
        assert link in html

    def test_htmx_fetches_the_small_form(self, owner_client, plan):
        response = owner_client.get(self.url, **HX)
        html = response.content.decode()
        assert response.status_code == 200 and "<html" not in html
        assert 'name="target_date"' in html and "autofocus" in html and 'type="date"' in html
        assert response["Vary"].count("HX-Request") == 1

    def test_without_javascript_it_is_a_page(self, owner_client, plan):
        html = owner_client.get(self.url).content.decode()
        assert "<html" in html and f'action="{self.url}"' in html

    def test_setting_it_shows_days_left_and_records_it(self, owner_client, owner, plan):
        response = owner_client.post(self.url, {"target_date": "2027-03-10"})
        assert response.status_code == 302 and response.url == reverse("plans:plan")
        plan.refresh_from_db()
        assert plan.target_date == datetime.date(2027, 3, 10)
        html = owner_client.get(reverse("plans:plan")).content.decode()
        assert "Ready to apply by 10 March 2027: <strong>120 days left</strong>" in squash(html)
        (event,) = Event.objects.filter(user=owner)
        assert (event.section, event.action, event.to_value) == ("plan", "edited", "ready to apply by 10 Mar 2027")

    def test_an_overdue_target_is_said_in_words(self, owner_client, plan):
        Plan.objects.filter(pk=plan.pk).update(target_date=datetime.date(2026, 11, 1))
        html = owner_client.get(reverse("plans:plan")).content.decode()
        assert '<span class="badge badge-soft tone-danger">overdue by 9 days</span>' in html

    def test_clearing_it(self, owner_client, plan):
        Plan.objects.filter(pk=plan.pk).update(target_date=datetime.date(2027, 1, 1))
        owner_client.post(self.url, {"target_date": ""})
        plan.refresh_from_db()
        assert plan.target_date is None

    @pytest.mark.parametrize(
        ("data", "message"),
        [
            ({"target_date": "2037-11-11"}, "Enter a date between 10 November 2016 and 10 November 2036"),
            ({"target_date": "2016-11-09"}, "Enter a date between 10 November 2016 and 10 November 2036"),
            ({"target_date": "2027-02-30"}, "Enter a valid date."),
            ({"target_date": "soon"}, "Enter a valid date."),
            ({"target_date": "\x00"}, "Enter a valid date."),
            ({}, "This field was missing from the form"),
        ],
    )
    def test_bad_input_is_refused_with_a_message(self, owner_client, owner, plan, data, message):
        response = owner_client.post(self.url, data)
        assert response.status_code == 422
        assert message in response.content.decode()
        plan.refresh_from_db()
        assert plan.target_date is None
        assert not Event.objects.filter(user=owner).exists()

    def test_needs_an_active_plan(self, owner_client, owner):
        assert owner_client.get(self.url).status_code == 404
        assert owner_client.post(self.url, {"target_date": "2027-01-01"}).status_code == 404

    def test_only_the_target_date_is_written(self, owner_client, owner, plan):
        # A plan archived by another tab between loading and saving stays archived.
        form_plan = Plan.objects.get(pk=plan.pk)
        from plans.forms import PlanTargetForm

        Plan.objects.filter(pk=plan.pk).update(status=Plan.Status.ARCHIVED)
        form = PlanTargetForm({"target_date": "2027-01-01"}, instance=form_plan)
        assert form.is_valid()
        form.save()
        plan.refresh_from_db()
        assert (plan.status, plan.target_date) == (Plan.Status.ARCHIVED, datetime.date(2027, 1, 1))


class TestCourseTarget:
    def test_the_course_edit_form_has_it(self, owner_client, plan):
        row = plan.course_rows().first()
        html = owner_client.get(reverse("plans:course_edit", args=[row.pk]), **HX).content.decode()
        assert 'name="target_date"' in html and 'type="date"' in html

    def test_setting_it_shows_days_left_on_the_course_and_the_overview(self, owner_client, owner, plan):
        row = plan.course_rows().first()
        data = {"target_date": "2026-11-20", "note": "", "certificate_url": ""}
        response = owner_client.post(reverse("plans:course_edit", args=[row.pk]), data, **HX)
        assert response.status_code == 200
        assert "Target 20 Nov 2026: 10 days left" in squash(response.content.decode())
        overview = owner_client.get(reverse("plans:plan")).content.decode()
        assert f"{row.title}</a> ({row.course.provider}). Target 20 Nov 2026: 10 days left." in squash(overview)
        assert Event.objects.get(user=owner).to_value == "target date 20 Nov 2026"

    def test_overdue_is_marked_in_words(self, owner_client, plan):
        row = plan.course_rows().first()
        row.target_date = datetime.date(2026, 11, 3)
        row.save()
        html = owner_client.get(reverse("plans:courses")).content.decode()
        assert '<span class="badge badge-soft tone-danger">overdue by 7 days</span>' in html

    def test_a_completed_course_has_no_countdown(self, owner_client, plan):
        row = plan.course_rows().first()
        row.target_date = datetime.date(2026, 11, 3)
        row.save()
        row.set_status("completed")
        assert "overdue" not in owner_client.get(reverse("plans:courses")).content.decode()

    def test_the_course_with_the_nearest_target_comes_first_on_the_overview(self, owner_client, plan):
        rows = list(plan.course_rows())
        rows[-1].target_date = datetime.date(2026, 12, 1)
        rows[-1].save()
        html = owner_client.get(reverse("plans:plan")).content.decode()
        assert f'Start <a href="{reverse("plans:courses")}#{rows[-1].anchor}">' in squash(html)

    @pytest.mark.parametrize("value", ["2036-11-11", "2016-11-09", "2026-02-30", "\x07"])
    def test_a_target_out_of_range_is_refused(self, owner_client, plan, value):
        row = plan.course_rows().first()
        data = {"target_date": value, "note": "", "certificate_url": ""}
        response = owner_client.post(reverse("plans:course_edit", args=[row.pk]), data, **HX)
        assert response.status_code == 422
        row.refresh_from_db()
        assert row.target_date is None
