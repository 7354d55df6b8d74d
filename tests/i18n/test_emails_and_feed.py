"""What the site sends while nobody is looking at a page is in the person's language:
reminder emails and the calendar feed follow their profile; a password reset, the
language of the page it was asked from."""

from __future__ import annotations

import datetime
import re

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.utils import translation

from accounts.models import CalendarFeed, Profile, ReminderSettings
from careers.models import Track
from plans.models import MilestoneProgress, Plan

pytestmark = pytest.mark.django_db

NOW = datetime.datetime(2026, 11, 10, 12, 0, tzinfo=datetime.UTC)


@pytest.fixture
def milestone(owner) -> MilestoneProgress:
    """A plan whose next role is due in two days: something for a reminder and the feed."""
    with time_machine.travel(NOW - datetime.timedelta(weeks=8), tick=False):
        plan = Plan.start(owner, Track.objects.get(slug="technical"))
    row = plan.milestone_rows()[0]
    MilestoneProgress.objects.filter(pk=row.pk).update(target_date=NOW.date() + datetime.timedelta(days=2))
    return row


def send_reminder(user) -> mail.EmailMessage:
    ReminderSettings.objects.create(
        user=user, frequency="daily", hour=8, time_zone="UTC", next_reminder_at=NOW - datetime.timedelta(minutes=5)
    )
    with time_machine.travel(NOW, tick=False):
        call_command("send_reminders", "--once")
    (message,) = mail.outbox
    return message


def test_a_reminder_to_someone_who_uses_chinese_is_in_chinese(owner, milestone):
    Profile.objects.create(user=owner, language="zh-hans")
    message = send_reminder(owner)
    html = message.alternatives[0][0]
    with translation.override("zh-hans"):
        role = milestone.role.title
    assert role != milestone.role.title_en
    assert role in message.body and role in html  # the content in Chinese
    assert '<html lang="zh-hans">' in html
    assert "http://localhost/zh-hans/plan/" in message.body
    unsubscribe = message.extra_headers["List-Unsubscribe"].strip("<>")
    assert unsubscribe.startswith("http://localhost/zh-hans/account/reminders/unsubscribe/")
    page = Client().get(unsubscribe.removeprefix("http://localhost"))
    assert page.status_code == 200 and '<html lang="zh-hans"' in page.content.decode()


def test_a_reminder_to_everyone_else_is_in_english(owner, milestone):
    message = send_reminder(owner)
    assert milestone.role.title_en in message.body
    assert '<html lang="en">' in message.alternatives[0][0]
    assert "http://localhost/plan/" in message.body and "/zh-hans/" not in message.body


def test_the_calendar_feed_is_in_its_owners_language_at_one_address(owner, milestone):
    feed = CalendarFeed.objects.create(user=owner)
    url = f"/plan/calendar/{feed.token}.ics"
    english = Client().get(url).content.decode()
    Profile.objects.create(user=owner, language="zh-hans")
    chinese = Client().get(url).content.decode()
    with translation.override("zh-hans"):
        role = milestone.role.title
    assert milestone.role.title_en in english and role not in english
    assert role in chinese


@pytest.mark.parametrize(
    ("page", "link"),
    [
        ("/accounts/password/reset/", "/accounts/password/reset/key/"),
        ("/zh-hans/accounts/password/reset/", "/zh-hans/accounts/password/reset/key/"),
    ],
)
def test_a_password_reset_email_is_written_in_the_language_it_was_asked_in(owner, page, link):
    # allauth renders the email during the request, in its language: the link it makes proves which
    # (the email's words are the site's catalogue, templates/account/email/).
    response = Client().post(page, {"email": owner.email})
    assert response.status_code == 302
    (message,) = mail.outbox
    assert re.search(rf"https?://[^/\s]+{re.escape(link)}\S+", message.body)
