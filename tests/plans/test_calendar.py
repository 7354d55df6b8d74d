"""The private calendar feed: parsed with icalendar, every event checked; the
token is the only key, and a new one retires the old."""

from __future__ import annotations

import datetime

import pytest
from django.test import Client
from django.urls import reverse
from icalendar import Calendar

from accounts.models import CalendarFeed
from plans.models import MilestoneProgress, NetworkingStep, Plan

DOMAIN = "localhost"  # SITE_DOMAIN in the tests


def feed_url(user) -> str:
    feed, _ = CalendarFeed.objects.get_or_create(user=user)
    return reverse("plans:calendar_feed", args=[feed.token])


def fetch(url: str) -> Calendar:
    response = Client().get(url)  # signed out: a calendar app has no session
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Cache-Control"] == "private"
    body = response.content
    assert body.startswith(b"BEGIN:VCALENDAR\r\n") and body.endswith(b"END:VCALENDAR\r\n")
    assert all(len(line) <= 75 for line in body.split(b"\r\n")), "RFC 5545 folds lines at 75 octets"
    return Calendar.from_ical(body)


def events_by_uid(calendar: Calendar) -> dict[str, dict]:
    found = {}
    for event in calendar.walk("VEVENT"):
        for required in ("UID", "DTSTAMP", "DTSTART", "DTEND", "SUMMARY", "URL"):
            assert required in event, f"{required} missing from {event}"
        start, end = event.decoded("DTSTART"), event.decoded("DTEND")
        assert type(start) is datetime.date and end == start + datetime.timedelta(days=1), "an all-day event"
        assert event["DTSTART"].params["VALUE"] == "DATE"
        found[str(event["UID"])] = {"date": start, "summary": str(event["SUMMARY"]), "url": str(event["URL"])}
    return found


@pytest.fixture
def dated(owner, plan):
    """One of every kind of date, and some that must stay out of the feed."""
    today = datetime.date(2026, 11, 10)
    step = NetworkingStep.objects.create(user=owner, who="Priya at Acme", follow_up_on=today)
    NetworkingStep.objects.create(user=owner, who="Done already", follow_up_on=today, done=True)
    NetworkingStep.objects.create(user=owner, who="No date")
    course, done_course = list(plan.course_rows())[:2]
    course.target_date = today + datetime.timedelta(days=20)
    course.save()
    done_course.target_date = today
    done_course.save()
    done_course.set_status("completed")
    Plan.objects.filter(pk=plan.pk).update(target_date=datetime.date(2027, 6, 30))
    milestone, reached = list(plan.milestone_rows())[:2]
    MilestoneProgress.objects.filter(pk=milestone.pk).update(target_date=datetime.date(2027, 3, 1))
    MilestoneProgress.objects.filter(pk=reached.pk).update(target_date=datetime.date(2027, 1, 1), reached=True)
    return {"step": step, "course": course, "milestone": milestone}


def test_the_feed_holds_every_open_date_as_an_all_day_event(owner, plan, dated):
    calendar = fetch(feed_url(owner))
    assert str(calendar["VERSION"]) == "2.0" and "PM Planner" in str(calendar["PRODID"])
    step, course, milestone = dated["step"], dated["course"], dated["milestone"]
    assert events_by_uid(calendar) == {
        f"followup-{step.pk}@{DOMAIN}": {
            "date": datetime.date(2026, 11, 10),
            "summary": "Follow up with Priya at Acme",
            "url": f"http://{DOMAIN}{reverse('plans:networking')}#step-{step.pk}",
        },
        f"course-{course.pk}@{DOMAIN}": {
            "date": datetime.date(2026, 11, 30),
            "summary": f"Finish {course.title}",
            "url": f"http://{DOMAIN}{reverse('plans:courses')}#course-{course.pk}",
        },
        f"plan-{plan.pk}@{DOMAIN}": {
            "date": datetime.date(2027, 6, 30),
            "summary": "Ready to apply: Technical PM target date",
            "url": f"http://{DOMAIN}{reverse('plans:plan')}",
        },
        f"milestone-{milestone.pk}@{DOMAIN}": {
            "date": datetime.date(2027, 3, 1),
            "summary": f"Reach {milestone.title}",
            "url": f"http://{DOMAIN}{reverse('plans:milestones')}#milestone-{milestone.pk}",
        },
    }


def test_a_moved_date_keeps_its_uid_and_a_done_item_leaves(owner, plan, dated):
    url = feed_url(owner)
    before = events_by_uid(fetch(url))
    step = dated["step"]
    step.follow_up_on = datetime.date(2026, 12, 24)
    step.save()
    after = events_by_uid(fetch(url))
    uid = f"followup-{step.pk}@{DOMAIN}"
    assert set(after) == set(before)  # the same events: calendar apps update, never duplicate
    assert after[uid]["date"] == datetime.date(2026, 12, 24)
    step.done = True
    step.save()
    assert uid not in events_by_uid(fetch(url))


def test_the_same_data_gives_the_same_uids_every_time(owner, plan, dated):
    url = feed_url(owner)
    assert events_by_uid(fetch(url)) == events_by_uid(fetch(url))


def test_another_users_token_never_shows_your_events(owner, plan, dated, stranger, stranger_plan):
    NetworkingStep.objects.create(user=stranger, who="The stranger's contact", follow_up_on=datetime.date(2026, 11, 12))
    theirs = fetch(feed_url(stranger))
    summaries = [e["summary"] for e in events_by_uid(theirs).values()]
    assert summaries == ["Follow up with The stranger's contact"]
    assert b"Priya" not in theirs.to_ical()


def test_an_empty_plan_is_an_empty_calendar(owner):
    calendar = fetch(feed_url(owner))
    assert list(calendar.walk("VEVENT")) == []


def test_a_new_token_retires_the_old_one(owner_client, owner, plan, dated):
    old = feed_url(owner)
    assert owner_client.post(reverse("accounts:calendar_new")).status_code == 302
    new = feed_url(owner)
    assert new != old
    assert Client().get(old).status_code == 404
    assert Client().get(new).status_code == 200


def test_turning_it_off(owner_client, owner, plan):
    url = feed_url(owner)
    owner_client.post(reverse("accounts:calendar_off"))
    assert Client().get(url).status_code == 404
    assert not CalendarFeed.objects.filter(user=owner).exists()


@pytest.mark.parametrize("token", ["x", "A" * 43, "", "..", "%00", "a" * 500])
def test_made_up_tokens_are_404(owner, token):
    feed_url(owner)
    assert Client().get(f"/plan/calendar/{token}.ics").status_code == 404


def test_a_deactivated_account_has_no_feed(owner):
    url = feed_url(owner)
    owner.is_active = False
    owner.save()
    assert Client().get(url).status_code == 404


def test_the_feed_answers_get_only(owner):
    assert Client().post(feed_url(owner)).status_code == 405


def test_the_token_is_random_and_long(owner, stranger):
    tokens = {feed_url(owner).split("/")[-1], feed_url(stranger).split("/")[-1]}
    assert len(tokens) == 2
    assert all(len(t) >= 40 + len(".ics") for t in tokens)
    assert str(owner.pk) != feed_url(owner).split("/")[-1].removesuffix(".ics")


def test_the_feed_costs_the_same_queries_however_many_dates(owner, plan, django_assert_max_num_queries):
    url = feed_url(owner)
    Client().get(url)  # the site's row, cached per process
    NetworkingStep.objects.bulk_create(
        NetworkingStep(user=owner, who=f"P{i}", follow_up_on=datetime.date(2026, 12, 1)) for i in range(200)
    )
    with django_assert_max_num_queries(5):
        response = Client().get(url)
    assert response.content.count(b"BEGIN:VEVENT") == 200


def test_the_account_page_offers_the_address_and_then_shows_it(owner_client, owner):
    page = owner_client.get(reverse("accounts:overview")).content.decode()
    assert "Make my calendar address" in page and ".ics" not in page
    response = owner_client.post(reverse("accounts:calendar_new"), follow=True)
    page = response.content.decode()
    assert f'value="http://{DOMAIN}{feed_url(owner)}" readonly' in page
    assert "Get a new address" in page and "Turn the calendar off" in page
    assert "Your calendar address is ready." in page


def test_the_calendar_buttons_take_post_only(owner_client):
    for name in ("accounts:calendar_new", "accounts:calendar_off"):
        assert owner_client.get(reverse(name)).status_code == 405
    assert not CalendarFeed.objects.exists()
