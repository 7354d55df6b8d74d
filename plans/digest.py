"""What a reminder email says: what is due in a person's journey, or nothing.

A digest lists follow-ups that are overdue or due within a week, target dates
(courses, the plan, milestones) in the next 14 days, and courses in progress
with no change for four weeks. With none of these, there is nothing to send.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.urls import reverse
from django.utils.translation import gettext, ngettext

from accounts.site import absolute_url
from pmplanner.dates import short_date

from . import progress
from .countdown import countdown
from .models import CourseProgress, NetworkingStep, Plan

TARGETS_AHEAD_DAYS = 14
STALLED_AFTER = datetime.timedelta(weeks=4)


def _day(day: datetime.date) -> str:
    return short_date(day)


@dataclass(frozen=True)
class Item:
    text: str
    url: str  # absolute: it is read in a mail client


@dataclass(frozen=True)
class Digest:
    followups: list[Item] = field(default_factory=list)
    targets: list[Item] = field(default_factory=list)
    stalled: list[Item] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.followups or self.targets or self.stalled)

    @property
    def count(self) -> int:
        return len(self.followups) + len(self.targets) + len(self.stalled)

    @property
    def subject(self) -> str:
        return ngettext(
            "PM Planner: %(count)s thing to look at in your plan",
            "PM Planner: %(count)s things to look at in your plan",
            self.count,
        ) % {"count": self.count}


def _followups(user, today: datetime.date) -> list[Item]:
    url = reverse("plans:networking")
    steps = NetworkingStep.objects.filter(user=user, done=False, follow_up_on__lte=progress.due_by(today))
    items = []
    for step in steps.in_log_order():
        when = {"who": step.who, "date": _day(step.follow_up_on)}
        if step.follow_up_on < today:
            text = gettext("Overdue: follow up with %(who)s (due %(date)s)") % when
        else:
            text = gettext("Follow up with %(who)s by %(date)s") % when
        items.append(Item(text, absolute_url(f"{url}#{step.anchor}")))
    return items


def _targets(user, today: datetime.date) -> list[tuple[datetime.date, Item]]:
    window = (today, today + datetime.timedelta(days=TARGETS_AHEAD_DAYS))
    found = []

    def add(day: datetime.date, what: str, url: str) -> None:
        left = countdown(day, today)
        text = gettext("%(what)s by %(date)s (%(left)s)") % {"what": what, "date": _day(day), "left": left.text}
        found.append((day, Item(text, absolute_url(url))))

    courses = CourseProgress.objects.filter(user=user, target_date__range=window).select_related("course")
    for row in courses.exclude(status=CourseProgress.Status.COMPLETED):
        add(
            row.target_date,
            gettext("Finish %(course)s") % {"course": row.title},
            f"{reverse('plans:courses')}#{row.anchor}",
        )
    plan = Plan.objects.filter(user=user, status=Plan.Status.ACTIVE).first()
    if plan is not None:
        if plan.target_date and window[0] <= plan.target_date <= window[1]:
            add(plan.target_date, gettext("Be ready to apply"), reverse("plans:plan"))
        milestones = plan.milestones.filter(reached=False, target_date__range=window).select_related("role")
        for row in milestones:
            add(
                row.target_date,
                gettext("Reach %(role)s") % {"role": row.title},
                f"{reverse('plans:milestones')}#{row.anchor}",
            )
    return found


def _stalled(user, now: datetime.datetime) -> list[Item]:
    url = reverse("plans:courses")
    rows = CourseProgress.objects.filter(
        user=user, status=CourseProgress.Status.IN_PROGRESS, updated__lt=now - STALLED_AFTER
    ).select_related("course")
    return [
        Item(
            gettext("%(course)s: in progress, no change since %(date)s")
            % {"course": row.title, "date": _day(row.updated.date())},
            absolute_url(f"{url}#{row.anchor}"),
        )
        for row in rows.order_by("updated", "pk")
    ]


def digest_for(user, *, now: datetime.datetime, today: datetime.date) -> Digest:
    """The person's digest; `today` is their local date (their time zone)."""
    targets = [item for _when, item in sorted(_targets(user, today), key=lambda found: found[0])]
    return Digest(followups=_followups(user, today), targets=targets, stalled=_stalled(user, now))
