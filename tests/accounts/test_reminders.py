"""Reminder emails: the settings on the account page, when they are due, what a
digest says (or that nothing is sent), the sender (`manage.py send_reminders`),
and the one-click unsubscribe link."""

from __future__ import annotations

import datetime
import logging
import re
from zoneinfo import ZoneInfo

import pytest
import time_machine
from allauth.account.models import EmailAddress
from django.core import mail, signing
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from accounts import reminders
from accounts.management.commands import send_reminders
from accounts.models import ReminderSettings
from accounts.schedule import next_reminder
from careers.models import Track
from plans.models import CourseProgress, MilestoneProgress, NetworkingStep, Plan
from tests.conftest import make_user

UTC = datetime.UTC
BERLIN = ZoneInfo("Europe/Berlin")
NOW = datetime.datetime(2026, 11, 10, 12, 0, tzinfo=UTC)  # a Tuesday
TODAY = NOW.date()


def local(text: str, zone: ZoneInfo = BERLIN) -> datetime.datetime:
    return datetime.datetime.fromisoformat(text).replace(tzinfo=zone)


# --- When the next one is due --------------------------------------------------------


class TestSchedule:
    def test_off_is_never(self):
        assert next_reminder(NOW, frequency="off", hour=8, weekday=0, zone=BERLIN) is None

    def test_daily_later_today_or_tomorrow(self):
        assert next_reminder(local("2026-11-10T07:59"), frequency="daily", hour=8, weekday=0, zone=BERLIN) == local(
            "2026-11-10T08:00"
        )
        assert next_reminder(local("2026-11-10T08:00"), frequency="daily", hour=8, weekday=0, zone=BERLIN) == local(
            "2026-11-11T08:00"
        )

    def test_weekly_on_the_weekday(self):
        # Tuesday 10 November: the next Monday is the 16th; the next Tuesday at 18:00 is today.
        assert next_reminder(local("2026-11-10T09:00"), frequency="weekly", hour=8, weekday=0, zone=BERLIN) == local(
            "2026-11-16T08:00"
        )
        assert next_reminder(local("2026-11-10T09:00"), frequency="weekly", hour=18, weekday=1, zone=BERLIN) == local(
            "2026-11-10T18:00"
        )
        assert next_reminder(local("2026-11-10T18:00"), frequency="weekly", hour=18, weekday=1, zone=BERLIN) == local(
            "2026-11-17T18:00"
        )

    def test_the_local_hour_stays_when_clocks_change(self):
        before = next_reminder(local("2026-10-23T09:00"), frequency="daily", hour=8, weekday=0, zone=BERLIN)
        after = next_reminder(before, frequency="daily", hour=8, weekday=0, zone=BERLIN)
        assert before.astimezone(UTC).hour == 6  # summer time, UTC+2
        assert after.astimezone(UTC).hour == 7  # winter time, UTC+1: still 08:00 in Berlin
        assert after.astimezone(BERLIN).hour == 8 and after - before == datetime.timedelta(hours=25)

    def test_an_hour_that_does_not_exist_comes_an_hour_later(self):
        # 29 March 2026, 02:00 in Berlin is skipped: the reminder comes at 03:00 summer time.
        at = next_reminder(local("2026-03-28T12:00"), frequency="daily", hour=2, weekday=0, zone=BERLIN)
        assert at == datetime.datetime(2026, 3, 29, 1, 0, tzinfo=UTC)
        assert at.astimezone(BERLIN).hour == 3

    def test_an_hour_that_happens_twice_comes_once(self):
        first = next_reminder(local("2026-10-24T12:00"), frequency="daily", hour=2, weekday=0, zone=BERLIN)
        assert first == datetime.datetime(2026, 10, 25, 0, 0, tzinfo=UTC)  # 02:00 summer time
        assert next_reminder(first, frequency="daily", hour=2, weekday=0, zone=BERLIN).date() == datetime.date(
            2026, 10, 26
        )

    def test_always_in_utc_and_strictly_later(self):
        for hour in range(24):
            at = next_reminder(NOW, frequency="daily", hour=hour, weekday=0, zone=ZoneInfo("Pacific/Chatham"))
            assert at.tzinfo is UTC and NOW < at <= NOW + datetime.timedelta(days=1)


# --- The settings on the account page ------------------------------------------------

SETTINGS = {"frequency": "weekly", "weekday": "0", "hour": "8", "time_zone": "Europe/Berlin"}


@pytest.fixture
def frozen():
    with time_machine.travel(NOW, tick=False):
        yield


class TestSettings:
    def test_off_by_default(self, owner_client, owner):
        html = owner_client.get(reverse("accounts:overview")).content.decode()
        assert re.search(r'name="frequency" value="off"\s+id="id_frequency_\d" required checked>', html)
        assert '<option value="Europe/Berlin">Europe/Berlin</option>' in html
        assert not ReminderSettings.objects.exists()

    def test_turning_them_on_schedules_the_next_one(self, owner_client, owner, frozen):
        response = owner_client.post(reverse("accounts:reminders"), SETTINGS, follow=True)
        assert response.status_code == 200
        saved = ReminderSettings.objects.get(user=owner)
        assert (saved.frequency, saved.weekday, saved.hour, saved.time_zone) == ("weekly", 0, 8, "Europe/Berlin")
        assert saved.next_reminder_at == local("2026-11-16T08:00")
        assert "The next one comes on Monday 16 November at 08:00 (Europe/Berlin)" in response.content.decode()

    def test_turning_them_off_unschedules(self, owner_client, owner, frozen):
        owner_client.post(reverse("accounts:reminders"), SETTINGS)
        owner_client.post(reverse("accounts:reminders"), {**SETTINGS, "frequency": "off"})
        assert ReminderSettings.objects.get(user=owner).next_reminder_at is None

    @pytest.mark.parametrize(
        ("data", "message"),
        [
            ({"hour": "24"}, "Select a valid choice."),
            ({"hour": "-1"}, "Select a valid choice."),
            ({"weekday": "7"}, "Select a valid choice."),
            ({"frequency": "hourly"}, "Select a valid choice."),
            ({"time_zone": "Mars/Olympus_Mons"}, "Select a valid choice."),
            ({"time_zone": "Europe/Berlin\x07"}, "Select a valid choice."),
            ({"hour": "9" * 40}, "Select a valid choice."),
        ],
    )
    def test_bad_input_is_refused_and_changes_nothing(self, owner_client, owner, data, message):
        response = owner_client.post(reverse("accounts:reminders"), {**SETTINGS, **data})
        assert response.status_code == 422
        assert message in response.content.decode()
        assert not ReminderSettings.objects.exists()

    @pytest.mark.parametrize("missing", sorted(SETTINGS))
    def test_a_post_missing_a_field_changes_nothing(self, owner_client, owner, missing):
        data = {name: value for name, value in SETTINGS.items() if name != missing}
        response = owner_client.post(reverse("accounts:reminders"), data)
        assert response.status_code == 422
        assert not ReminderSettings.objects.exists()

    def test_only_to_a_confirmed_address(self, owner_client, owner):
        EmailAddress.objects.filter(user=owner).update(verified=False)
        response = owner_client.post(reverse("accounts:reminders"), SETTINGS)
        assert response.status_code == 422
        assert "Confirm your email address first" in response.content.decode()
        assert not ReminderSettings.objects.exists()

    def test_refuses_get(self, owner_client):
        assert owner_client.get(reverse("accounts:reminders")).status_code == 405


# --- The digest, through the sender ------------------------------------------------------


def due(
    user, *, frequency: str = "daily", zone: str = "Europe/Berlin", at: datetime.datetime = NOW
) -> ReminderSettings:
    """Reminders on, with one due now."""
    return ReminderSettings.objects.create(
        user=user, frequency=frequency, hour=8, time_zone=zone, next_reminder_at=at - datetime.timedelta(minutes=5)
    )


def send_once() -> None:
    with time_machine.travel(NOW, tick=False):
        call_command("send_reminders", "--once")


@pytest.fixture
def plan(owner) -> Plan:
    with time_machine.travel(NOW - datetime.timedelta(weeks=8), tick=False):
        return Plan.start(owner, Track.objects.get(slug="technical"))


@pytest.fixture
def busy(owner, plan):
    """Some of everything a digest lists, and as much that it must leave out."""
    days = datetime.timedelta(days=1)
    NetworkingStep.objects.create(user=owner, who="Priya at Acme", follow_up_on=TODAY - 3 * days)
    NetworkingStep.objects.create(user=owner, who="Meetup Berlin", follow_up_on=TODAY + 5 * days)
    NetworkingStep.objects.create(user=owner, who="Much later", follow_up_on=TODAY + 30 * days)
    NetworkingStep.objects.create(user=owner, who="Done already", follow_up_on=TODAY - 1 * days, done=True)
    courses = list(plan.course_rows())
    CourseProgress.objects.filter(pk=courses[0].pk).update(target_date=TODAY + 10 * days)
    CourseProgress.objects.filter(pk=courses[1].pk).update(target_date=TODAY + 20 * days)  # beyond two weeks
    CourseProgress.objects.filter(pk=courses[2].pk).update(
        status="in_progress", updated=NOW - datetime.timedelta(weeks=5)
    )
    Plan.objects.filter(pk=plan.pk).update(target_date=TODAY + 14 * days)
    milestones = list(plan.milestone_rows())
    MilestoneProgress.objects.filter(pk=milestones[0].pk).update(target_date=TODAY + 2 * days)
    MilestoneProgress.objects.filter(pk=milestones[1].pk).update(target_date=TODAY + 2 * days, reached=True)
    return {"courses": courses, "milestone": milestones[0]}


class TestDigest:
    def test_nothing_due_no_email(self, owner, plan):
        due(owner)
        NetworkingStep.objects.create(user=owner, who="Much later", follow_up_on=TODAY + datetime.timedelta(days=30))
        send_once()
        assert mail.outbox == []
        # Still moved on: the next check is tomorrow at 08:00 in Berlin.
        assert ReminderSettings.objects.get(user=owner).next_reminder_at == local("2026-11-11T08:00")

    def test_due_items_make_one_email_with_the_right_items(self, owner, plan, busy):
        due(owner)
        send_once()
        (message,) = mail.outbox
        assert message.to == [owner.email]
        assert message.subject == "PM Planner: 6 things to look at in your plan"
        text = message.body
        first, second, stalled = busy["courses"]
        milestone = busy["milestone"]
        expected = [
            "Overdue: follow up with Priya at Acme (due 7 Nov 2026)",
            "Follow up with Meetup Berlin by 15 Nov 2026",
            f"Reach {milestone.title} by 12 Nov 2026 (2 days left)",
            f"Finish {first.title} by 20 Nov 2026 (10 days left)",
            "Be ready to apply by 24 Nov 2026 (14 days left)",
            f"{stalled.title}: in progress, no change since 6 Oct 2026",
        ]
        positions = [text.index(line) for line in expected]
        assert positions == sorted(positions)  # follow-ups, then targets by date, then stalled courses
        for left_out in ("Much later", "Done already", second.title):
            assert left_out not in text
        assert f"http://localhost{reverse('plans:networking')}#step-" in text
        assert f"http://localhost{reverse('plans:courses')}#course-{first.pk}" in text
        html, mimetype = message.alternatives[0]
        assert mimetype == "text/html"
        assert "Overdue: follow up with Priya at Acme" in html
        assert f'href="http://localhost{reverse("plans:plan")}"' in html
        assert ReminderSettings.objects.get(user=owner).last_sent_at == NOW

    def test_unsubscribe_headers_and_link(self, owner, plan, busy):
        due(owner)
        send_once()
        (message,) = mail.outbox
        link = message.extra_headers["List-Unsubscribe"].strip("<>")
        assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
        assert link.startswith("http://localhost/account/reminders/unsubscribe/")
        assert link in message.body and link in message.alternatives[0][0]
        # The mail app's one-click POST: no session, no CSRF token.
        response = Client(enforce_csrf_checks=True).post(
            link.removeprefix("http://localhost"),
            "List-Unsubscribe=One-Click",
            content_type="application/x-www-form-urlencoded",
        )
        assert response.status_code == 200
        assert ReminderSettings.objects.get(user=owner).frequency == "off"

    def test_the_persons_own_date_decides_what_is_overdue(self, owner, plan):
        # 12:00 UTC on 10 November is already 01:00 on the 11th in Auckland.
        due(owner, zone="Pacific/Auckland")
        NetworkingStep.objects.create(user=owner, who="Aroha", follow_up_on=TODAY)
        send_once()
        assert "Overdue: follow up with Aroha (due 10 Nov 2026)" in mail.outbox[0].body

    def test_sent_once_per_period(self, owner, plan, busy):
        due(owner)
        send_once()
        send_once()
        assert len(mail.outbox) == 1
        with time_machine.travel(local("2026-11-11T08:00"), tick=False):
            call_command("send_reminders", "--once")
        assert len(mail.outbox) == 2

    def test_a_stale_schedule_catching_up_sends_one_and_moves_a_day_on(self, owner, plan, busy):
        # Due since yesterday 08:00 (the sender was down); now is 07:59 today, a minute before today's.
        due(owner, at=local("2026-11-10T08:00"))
        with time_machine.travel(local("2026-11-11T07:59"), tick=False):
            call_command("send_reminders", "--once")
            call_command("send_reminders", "--once")
        assert len(mail.outbox) == 1
        assert ReminderSettings.objects.get(user=owner).next_reminder_at == local("2026-11-12T08:00")

    def test_off_inactive_unconfirmed_and_not_yet_due_get_nothing(self, owner, plan, busy):
        off = ReminderSettings.objects.create(user=owner, frequency="off", next_reminder_at=NOW)
        send_once()
        off.delete()
        due(owner, at=NOW + datetime.timedelta(hours=1))
        send_once()
        ReminderSettings.objects.all().delete()
        due(owner)
        owner.is_active = False
        owner.save()
        send_once()
        owner.is_active = True
        owner.save()
        EmailAddress.objects.filter(user=owner).update(verified=False)
        send_once()
        assert mail.outbox == []

    def test_everyone_due_gets_their_own(self, owner, plan, busy):
        others = [make_user(f"user{i}@example.com") for i in range(3)]
        for user in [owner, *others]:
            due(user)
        NetworkingStep.objects.create(user=others[0], who="Someone", follow_up_on=TODAY)
        send_once()
        assert sorted(m.to[0] for m in mail.outbox) == ["owner@example.com", "user0@example.com"]
        assert "Priya" not in next(m for m in mail.outbox if m.to == ["user0@example.com"]).body


class TestFailures:
    def test_a_failed_send_is_logged_and_tried_again_next_pass(self, owner, plan, busy, monkeypatch, caplog):
        other = make_user("other@example.com")
        NetworkingStep.objects.create(user=other, who="Someone", follow_up_on=TODAY)
        mine, theirs = due(owner), due(other)
        real_send = reminders.EmailMultiAlternatives.send

        def flaky(message, *args, **kwargs):
            if message.to == [owner.email]:
                raise ConnectionRefusedError("SMTP server down")
            return real_send(message, *args, **kwargs)

        monkeypatch.setattr(reminders.EmailMultiAlternatives, "send", flaky)
        with caplog.at_level(logging.ERROR, logger="accounts.reminders"):
            send_once()
        assert [m.to for m in mail.outbox] == [[other.email]]  # the pass went on
        assert f"Reminder for user {owner.pk} failed" in caplog.text and "SMTP server down" in caplog.text
        mine.refresh_from_db()
        assert mine.next_reminder_at == NOW - datetime.timedelta(minutes=5)  # still due
        theirs.refresh_from_db()
        assert theirs.next_reminder_at > NOW

        monkeypatch.setattr(reminders.EmailMultiAlternatives, "send", real_send)
        send_once()
        assert [m.to for m in mail.outbox] == [[other.email], [owner.email]]

    def test_a_failing_pass_never_stops_the_loop(self, monkeypatch, caplog, transactional_db):
        passes = iter([RuntimeError("database gone"), reminders.Pass(), reminders.Pass()])

        def fake_send_due():
            outcome = next(passes)
            if isinstance(outcome, Exception):
                raise outcome
            return outcome

        class Stop(Exception):
            pass

        sleeps = []

        def fake_sleep(seconds):
            sleeps.append(seconds)
            if len(sleeps) == 3:
                raise Stop

        monkeypatch.setattr(send_reminders, "send_due", fake_send_due)
        monkeypatch.setattr(send_reminders.time, "sleep", fake_sleep)
        with caplog.at_level(logging.ERROR), pytest.raises(Stop):
            call_command("send_reminders", "--interval", "30")
        assert sleeps == [30, 30, 30]  # three passes, the first of which failed
        assert "A reminder pass failed" in caplog.text and "database gone" in caplog.text

    def test_once_exits_with_an_error_when_the_pass_fails(self, monkeypatch, db):
        monkeypatch.setattr(send_reminders, "send_due", lambda: (_ for _ in ()).throw(RuntimeError("down")))
        with pytest.raises(SystemExit) as exit_status:
            call_command("send_reminders", "--once")
        assert exit_status.value.code == 1

    def test_a_bad_interval_is_refused(self, db):
        with pytest.raises(SystemExit):
            call_command("send_reminders", "--interval", "0")


# --- Unsubscribing ---------------------------------------------------------------------


class TestUnsubscribe:
    @pytest.fixture
    def reminded(self, owner):
        return due(owner)

    def url(self, token: str) -> str:
        return reverse("accounts:unsubscribe", args=[token])

    def test_the_link_asks_first_and_changes_nothing(self, reminded, owner):
        response = Client().get(self.url(reminders.unsubscribe_token(owner)))
        assert response.status_code == 200
        html = response.content.decode()
        assert "Stop reminder emails?" in html and "Turn reminders off" in html
        assert owner.email not in html
        assert ReminderSettings.objects.get(user=owner).frequency == "daily"
        assert "no-cache" in response["Cache-Control"]

    def test_the_button_turns_them_off_signed_out(self, reminded, owner):
        client = Client()
        url = self.url(reminders.unsubscribe_token(owner))
        response = client.post(url, {"csrfmiddlewaretoken": "whatever"})
        assert response.status_code == 200
        assert "Reminders turned off" in response.content.decode()
        reminded.refresh_from_db()
        assert (reminded.frequency, reminded.next_reminder_at) == ("off", None)
        assert client.post(url).status_code == 200  # again: still fine, still off

    @pytest.mark.parametrize(
        "tamper",
        [
            lambda token: token[:-1] + ("A" if token[-1] != "A" else "B"),  # the signature
            lambda token: "Mg" + token[token.index(":") :],  # another user id, same signature
            lambda token: token.split(":")[0],  # no signature at all
            lambda token: "x",
        ],
        ids=["signature", "user", "unsigned", "junk"],
    )
    def test_a_tampered_link_is_refused(self, reminded, owner, stranger, tamper):
        due(stranger)
        response = Client().post(self.url(tamper(reminders.unsubscribe_token(owner))))
        assert response.status_code == 400
        assert "This link is not valid" in response.content.decode()
        assert set(ReminderSettings.objects.values_list("frequency", flat=True)) == {"daily"}

    def test_a_signature_made_for_something_else_is_refused(self, reminded, owner):
        response = Client().post(self.url(signing.dumps(owner.pk)))  # right key, wrong salt
        assert response.status_code == 400
        assert ReminderSettings.objects.get(user=owner).frequency == "daily"

    def test_a_link_of_a_deleted_account_is_refused(self, owner):
        token = reminders.unsubscribe_token(owner)
        owner.delete()
        assert Client().post(self.url(token)).status_code == 400

    def test_only_get_and_post(self, reminded, owner):
        assert Client().put(self.url(reminders.unsubscribe_token(owner))).status_code == 405


@pytest.mark.parametrize(
    "name",
    ["plans:history", "plans:plan_target", "accounts:reminders", "accounts:calendar_new", "accounts:calendar_off"],
)
@pytest.mark.parametrize("method", ["get", "post"])
def test_anonymous_visitors_are_sent_to_log_in_and_nothing_changes(client, db, name, method):
    from tests.security.db_state import changed_tables, db_state

    before = db_state()
    response = getattr(client, method)(reverse(name), SETTINGS if method == "post" else {})
    assert response.status_code == 302
    assert response.url == f"{reverse('account_login')}?next={reverse(name)}"
    assert changed_tables(before, db_state()) == []
