"""A person's activity: every change they make, written as it happens, and read back per week.

`record` is called by the views that change things (`plans.views`' shared
helpers), inside the change's own transaction, with what they already hold:
the row, its state before and after, and the active plan with its counts after
the change. It runs one INSERT and reads nothing.

`weekly_activity` reads everything the overview's charts need in one query.
"""

from __future__ import annotations

import datetime
from zoneinfo import ZoneInfo

from django import forms
from django.db.models import Count, DateField, F, Window
from django.db.models.functions import FirstValue, Trunc
from django.utils.formats import date_format
from django.utils.text import Truncator

from .models import Event, Plan

# A row's url_name (plans.models.Row) -> the section it belongs to.
SECTION_OF_KIND = {
    "checklist": "checklist",
    "course": "courses",
    "case": "portfolio",
    "step": "networking",
    "skill": "skills",
    "milestone": "milestones",
}
VALUE_LENGTH = Event._meta.get_field("to_value").max_length


def record(
    user,
    subject,
    action: str,
    *,
    plan: Plan | None,
    before: str = "",
    after: str = "",
    item_id: int | None = None,
) -> Event:
    """Write one event. `subject` is a plan section's row (plans.models.Row) or
    the plan itself; `plan` is the active plan, counted after the change."""
    if isinstance(subject, Plan):
        section, kind, title = "plan", "", subject.track.name
    else:
        section, kind, title = SECTION_OF_KIND[subject.url_name], subject.url_name, subject.title
    return Event.objects.create(
        user=user,
        plan=plan,
        section=section,
        item_kind=kind,
        item_id=item_id if item_id is not None else subject.pk,
        item_title=title,
        action=action,
        from_value=_fit(before),
        to_value=_fit(after),
        overall_percent=plan.progress.overall_percent if plan is not None else None,
    )


def _fit(text: str) -> str:
    return Truncator(text).chars(VALUE_LENGTH)


def edited_fields(form: forms.Form) -> str:
    """What an edit form changed, in words: the fields' labels, with the new
    value for a date ("target date 31 Jan 2027"); long text is never copied."""
    parts = []
    for name in form.changed_data:
        field = form.fields[name]
        label = str(field.label or name).lower()
        if isinstance(field, forms.DateField):
            value = form.cleaned_data.get(name)
            parts.append(f"{label} {date_format(value, 'j M Y')}" if value else f"{label} removed")
        else:
            parts.append(label)
    return ", ".join(parts)


def weekly_activity(user_id: int, zone: ZoneInfo) -> list[tuple[datetime.date, int | None, int, int | None]]:
    """(Monday of a week in `zone`, plan id, the person's changes that week, the
    plan's percent after its last change that week): one row per week and plan
    the person changed something under, from one query of window aggregates."""
    week = Trunc("created", "week", output_field=DateField(), tzinfo=zone)
    rows = (
        Event.objects.filter(user=user_id)
        .annotate(week=week)
        .annotate(
            changes=Window(Count("pk"), partition_by=[F("week")]),
            last_percent=Window(
                FirstValue("overall_percent"),
                partition_by=[F("week"), F("plan")],
                order_by=[F("created").desc(), F("pk").desc()],
            ),
        )
        .order_by()
        .values_list("week", "plan", "changes", "last_percent")
        .distinct()
    )
    return list(rows)
