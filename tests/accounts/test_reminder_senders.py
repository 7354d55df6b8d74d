"""Two reminder senders at once never send the same digest twice.

Two threads, each with its own database connection, run a pass of
`accounts.reminders.send_due` at the same moment over the same due people,
with a slow mail server so their claims interleave. On PostgreSQL
(`make test-postgres`) the threads really run side by side and race for the
same rows; on SQLite the writes queue behind one lock (IMMEDIATE transactions),
which must not double-send either.
"""

from __future__ import annotations

import datetime
import threading
import time
from collections import Counter

import pytest
from django.core import mail
from django.db import connections

from accounts import reminders
from accounts.models import ReminderSettings
from plans.models import NetworkingStep
from tests.conftest import make_user

NOW = datetime.datetime(2026, 11, 10, 12, 0, tzinfo=datetime.UTC)
PEOPLE = 12


@pytest.mark.django_db(transaction=True)
def test_two_senders_at_once_send_one_email_per_due_person(monkeypatch):
    people = [make_user(f"person{i}@example.com") for i in range(PEOPLE)]
    for person in people:
        NetworkingStep.objects.create(user=person, who="Priya", follow_up_on=NOW.date())
        ReminderSettings.objects.create(
            user=person, frequency="daily", next_reminder_at=NOW - datetime.timedelta(hours=1)
        )
    quiet = make_user("quiet@example.com")  # due, with nothing to say
    ReminderSettings.objects.create(user=quiet, frequency="daily", next_reminder_at=NOW - datetime.timedelta(hours=1))

    real_send = reminders.EmailMultiAlternatives.send

    def slow_send(message, *args, **kwargs):
        time.sleep(0.02)  # a mail server's round trip: the other sender moves on meanwhile
        return real_send(message, *args, **kwargs)

    monkeypatch.setattr(reminders.EmailMultiAlternatives, "send", slow_send)
    start = threading.Barrier(2)
    passes: list[reminders.Pass] = []
    errors: list[BaseException] = []

    def sender() -> None:
        try:
            start.wait()
            passes.append(reminders.send_due(NOW))
        except BaseException as error:  # surfaced below: a thread's exception is otherwise lost
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=sender) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not errors, errors
    assert len(passes) == 2

    sent_to = Counter(message.to[0] for message in mail.outbox)
    assert sent_to == Counter({person.email: 1 for person in people})
    assert sum(p.sent for p in passes) == PEOPLE
    assert sum(p.nothing_due for p in passes) == 1
    assert sum(p.failed for p in passes) == 0
    # Every due person was claimed once, by one of the two; every claim lost was someone the other sent to.
    assert sum(p.sent + p.nothing_due for p in passes) == PEOPLE + 1
    assert all(r.next_reminder_at > NOW for r in ReminderSettings.objects.all())
