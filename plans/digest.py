"""What a reminder email says: what is due in a person's journey, or nothing.

A digest lists follow-ups that are overdue or due within a week, target dates
(courses, the plan, milestones) in the next 14 days, and courses in progress
with no change for four weeks. With none of these, there is nothing to send.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.urls import reverse
from django.utils.formats import date_format

from accounts.site import absolute_url

from . import progress
from .countdown import countdown
from .models import CourseProgress, NetworkingStep, Plan

TARGETS_AHEAD_DAYS = 14
STALLED_AFTER = datetime.timedelta(weeks=4)


def _day(day: datetime.date) -> str:
    return date_format(day, "j M Y")


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
        return f"PM Planner: {self.count} thing{'s' if self.count != 1 else ''} to look at in your plan"


def _followups(user, today: datetime.date) -> list[Item]:
    url = reverse("plans:networking")
    steps = NetworkingStep.objects.filter(user=user, done=False, follow_up_on__lte=progress.due_by(today))
    items = []
    for step in steps.in_log_order():
        if step.follow_up_on < today:
            text = f"Overdue: follow up with {step.who} (due {_day(step.follow_up_on)})"
        else:
            text = f"Follow up with {step.who} by {_day(step.follow_up_on)}"
        items.append(Item(text, absolute_url(f"{url}#{step.anchor}")))
    return items


def _targets(user, today: datetime.date) -> list[tuple[datetime.date, Item]]:
    window = (today, today + datetime.timedelta(days=TARGETS_AHEAD_DAYS))
    found = []

    def add(day: datetime.date, what: str, url: str) -> None:
        left = countdown(day, today)
        found.append((day, Item(f"{what} by {_day(day)} ({left.text})", absolute_url(url))))

    courses = CourseProgress.objects.filter(user=user, target_date__range=window).select_related("course")
    for row in courses.exclude(status=CourseProgress.Status.COMPLETED):
        add(row.target_date, f"Finish {row.title}", f"{reverse('plans:courses')}#{row.anchor}")
    plan = Plan.objects.filter(user=user, status=Plan.Status.ACTIVE).first()
    if plan is not None:
        if plan.target_date and window[0] <= plan.target_date <= window[1]:
            add(plan.target_date, "Be ready to apply", reverse("plans:plan"))
        milestones = plan.milestones.filter(reached=False, target_date__range=window).select_related("role")
        for row in milestones:
            add(row.target_date, f"Reach {row.title}", f"{reverse('plans:milestones')}#{row.anchor}")
    return found


def _stalled(user, now: datetime.datetime) -> list[Item]:
    url = reverse("plans:courses")
    rows = CourseProgress.objects.filter(
        user=user, status=CourseProgress.Status.IN_PROGRESS, updated__lt=now - STALLED_AFTER
    ).select_related("course")
    return [
        Item(
            f"{row.title}: in progress, no change since {_day(row.updated.date())}", absolute_url(f"{url}#{row.anchor}")
        )
        for row in rows.order_by("updated", "pk")
    ]


def digest_for(user, *, now: datetime.datetime, today: datetime.date) -> Digest:
    """The person's digest; `today` is their local date (their time zone)."""
    targets = [item for _when, item in sorted(_targets(user, today), key=lambda found: found[0])]
    return Digest(followups=_followups(user, today), targets=targets, stalled=_stalled(user, now))
