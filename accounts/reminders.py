"""Reminder emails: who is due, claiming them safely, the email itself, and unsubscribing.

`send_due` is one pass of the sender (`manage.py send_reminders`). Several
senders may run at once, on several machines: each claims a person with one
conditional UPDATE (`... WHERE next_reminder_at = <the time it read>`) that
moves their next reminder on. Only one sender's UPDATE can match, so only that
one sends. A send that fails puts the old time back and is tried again on the
next pass; the failure is logged and the pass goes on. A sender killed
between its claim and its send skips that one digest (never sends it twice).
"""

from __future__ import annotations

import datetime
import logging
from dataclasses import dataclass

from allauth.account.models import EmailAddress
from django.conf import settings
from django.core import signing
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from plans.digest import Digest, digest_for

from . import language
from .models import ReminderSettings
from .site import absolute_url

logger = logging.getLogger(__name__)

UNSUBSCRIBE_SALT = "accounts.reminders.unsubscribe"
# After a send, the next reminder is the first one at least this much later: a
# sender catching up after downtime at 07:59 must not send the 08:00 one again.
MIN_GAP = datetime.timedelta(hours=12)


# --- One-click unsubscribe ---------------------------------------------------


def unsubscribe_token(user) -> str:
    return signing.dumps(user.pk, salt=UNSUBSCRIBE_SALT, compress=True)


def user_id_from(token: str) -> int | None:
    """The user a genuine token names; None for a tampered or made-up one."""
    try:
        value = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    except signing.BadSignature:
        return None
    return value if isinstance(value, int) else None


def turn_off(user_id: int) -> None:
    ReminderSettings.objects.filter(user=user_id).update(
        frequency=ReminderSettings.Frequency.OFF, next_reminder_at=None
    )


# --- The email ---------------------------------------------------------------


def message_for(user, digest: Digest) -> EmailMultiAlternatives:
    unsubscribe = absolute_url(reverse("accounts:unsubscribe", args=[unsubscribe_token(user)]))
    context = {
        "digest": digest,
        "plan_url": absolute_url(reverse("plans:plan")),
        "settings_url": absolute_url(reverse("accounts:overview") + "#reminders-heading"),
        "unsubscribe_url": unsubscribe,
    }
    message = EmailMultiAlternatives(
        subject=digest.subject,
        body=render_to_string("accounts/email/digest.txt", context),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[user.email],
        # RFC 8058: mail apps show an unsubscribe button that POSTs to this address.
        headers={"List-Unsubscribe": f"<{unsubscribe}>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"},
    )
    message.attach_alternative(render_to_string("accounts/email/digest.html", context), "text/html")
    return message


# --- The sender ----------------------------------------------------------------


@dataclass
class Pass:
    """What one pass of the sender did."""

    sent: int = 0
    nothing_due: int = 0
    failed: int = 0
    lost: int = 0  # claimed by another sender first


def _claim(reminder: ReminderSettings, now: datetime.datetime) -> datetime.datetime | None:
    """Move the person's next reminder on, unless another sender has: the new time, or None if another got there."""
    next_at = reminder.next_after(now + MIN_GAP)
    claimed = ReminderSettings.objects.filter(pk=reminder.pk, next_reminder_at=reminder.next_reminder_at).update(
        next_reminder_at=next_at
    )
    return next_at if claimed else None


def send_one(reminder: ReminderSettings, now: datetime.datetime) -> bool:
    """Send the person's digest if there is something in it; False when there was nothing to say."""
    user = reminder.user
    if not EmailAddress.objects.filter(user=user, email__iexact=user.email, verified=True).exists():
        return False  # only to a confirmed address (the settings form asks for one; the address may have changed)
    # In the person's language: the digest's words, the email, and the links to the site.
    with translation.override(language.for_user(user)):
        digest = digest_for(user, now=now, today=now.astimezone(reminder.zone).date())
        if not digest:
            return False
        message_for(user, digest).send()
    ReminderSettings.objects.filter(pk=reminder.pk).update(last_sent_at=now)
    return True


def send_due(now: datetime.datetime | None = None) -> Pass:
    """One pass: every person whose reminder is due, each claimed and sent once."""
    now = now or timezone.now()
    done = Pass()
    failed: list[int] = []  # due again at once, so left alone for the rest of this pass
    due = ReminderSettings.objects.filter(next_reminder_at__lte=now, user__is_active=True).exclude(
        frequency=ReminderSettings.Frequency.OFF
    )
    due = due.select_related("user__profile")
    while reminder := due.exclude(pk__in=failed).order_by("next_reminder_at", "pk").first():
        next_at = _claim(reminder, now)
        if next_at is None:
            done.lost += 1
            continue
        try:
            sent = send_one(reminder, now)
        except Exception:
            # Put the time back (unless the person changed their settings meanwhile): the next pass tries again.
            ReminderSettings.objects.filter(pk=reminder.pk, next_reminder_at=next_at).update(
                next_reminder_at=reminder.next_reminder_at
            )
            logger.exception("Reminder for user %s failed; it is tried again on the next pass.", reminder.user_id)
            failed.append(reminder.pk)
            done.failed += 1
            continue
        if sent:
            done.sent += 1
        else:
            done.nothing_due += 1
    return done
