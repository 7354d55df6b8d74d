"""A course remembers the day it went under way, so staff insights can tell the days it took to complete
(issue 18). Only the person's own status changes set it; nothing is guessed."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from plans.models import CourseProgress

from .conftest import HX


@pytest.fixture
def row(plan) -> CourseProgress:
    return plan.course_rows()[0]


def set_status(client, row, status: str, **headers) -> CourseProgress:
    response = client.post(reverse("plans:course_status", args=[row.pk]), {"status": status}, **headers)
    assert response.status_code in {200, 302}
    return CourseProgress.objects.get(pk=row.pk)


def test_going_under_way_stamps_today(owner_client, row):
    assert row.started_on is None
    assert set_status(owner_client, row, "in_progress", **HX).started_on == timezone.localdate()


def test_completing_keeps_the_start_and_stamps_the_completion(owner_client, row):
    CourseProgress.objects.filter(pk=row.pk).update(status="in_progress", started_on=datetime.date(2026, 9, 1))
    done = set_status(owner_client, row, "completed")
    assert (done.started_on, done.completed_on) == (datetime.date(2026, 9, 1), timezone.localdate())


def test_going_under_way_again_keeps_the_first_start(owner_client, row):
    CourseProgress.objects.filter(pk=row.pk).update(status="completed", started_on=datetime.date(2026, 9, 1))
    assert set_status(owner_client, row, "in_progress").started_on == datetime.date(2026, 9, 1)


def test_back_to_not_started_forgets_the_start(owner_client, row):
    CourseProgress.objects.filter(pk=row.pk).update(status="in_progress", started_on=datetime.date(2026, 9, 1))
    assert set_status(owner_client, row, "not_started").started_on is None


def test_completing_a_course_never_marked_under_way_leaves_the_start_unknown(owner_client, row):
    done = set_status(owner_client, row, "completed")
    assert done.started_on is None and done.completed_on == timezone.localdate()


def test_a_stranger_cannot_stamp_someone_elses_course(stranger_client, row):
    response = stranger_client.post(reverse("plans:course_status", args=[row.pk]), {"status": "in_progress"})
    assert response.status_code == 404
    assert CourseProgress.objects.get(pk=row.pk).started_on is None


def test_the_start_date_is_in_the_persons_data_export(owner_client, row):
    set_status(owner_client, row, "in_progress")
    export = owner_client.get(reverse("accounts:export")).json()
    rows = export["data"]["plans.courseprogress"]
    assert next(r for r in rows if r["id"] == row.pk)["started_on"] == timezone.localdate().isoformat()
