"""A person's activity: every change they make, written as it happens, and read back per week.

`record` is called by the views that change things (`plans.views`' shared
helpers), inside the change's own transaction, with what they already hold:
the row, its state before and after, and the active plan with its counts after
the change. It runs one INSERT and reads nothing.

`weekly_activity` reads everything the overview's charts need in one query.

What an event says (states, edited fields) is written in English whatever the
page's language, so a person's history reads the same when they change
language; `in_words` and `fields_in_words` put it in the page's language.
"""

from __future__ import annotations

import datetime
import functools
from zoneinfo import ZoneInfo

from django import forms
from django.db.models import Count, DateField, F, Window
from django.db.models.functions import FirstValue, Trunc
from django.utils import translation
from django.utils.formats import date_format
from django.utils.text import Truncator
from django.utils.translation import gettext, pgettext

from pmplanner.dates import short_date

from .models import ChecklistItem, CourseProgress, Event, MilestoneProgress, Plan, PortfolioCase, SkillRating

EDITED_DATE_FORMAT = "j M Y"  # how an edited date is kept: "31 Jan 2027"

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


def _fit(text) -> str:
    """The value in English (a state's label is a lazy translation), cut to the column."""
    with translation.override("en"):
        return Truncator(str(text)).chars(VALUE_LENGTH)


def edited_fields(form: forms.Form) -> str:
    """What an edit form changed, in words (English, see the module's docstring):
    the fields' labels, with the new value for a date ("target date 31 Jan 2027");
    long text is never copied."""
    parts = []
    with translation.override("en"):
        for name in form.changed_data:
            field = form.fields[name]
            label = str(field.label or name).lower()
            if isinstance(field, forms.DateField):
                value = form.cleaned_data.get(name)
                parts.append(f"{label} {date_format(value, EDITED_DATE_FORMAT)}" if value else f"{label} removed")
            else:
                parts.append(label)
    return ", ".join(parts)


# --- What an event says, in the page's language ---------------------------------


@functools.cache
def _states() -> dict[str, object]:
    """Every state a row can be in, by its English words: the lazy translation."""
    labels = [
        *(label for _value, label in CourseProgress.Status.choices),
        *(label for _value, label in PortfolioCase.Status.choices),
        *(label for _value, label in SkillRating.level_choices()),
        ChecklistItem.flag_label,
        ChecklistItem.flag_off_label,
        MilestoneProgress.flag_label,
        MilestoneProgress.flag_off_label,
        Plan.Status.ACTIVE.label,
    ]
    with translation.override("en"):
        return {str(label): label for label in labels}


@functools.cache
def _field_labels() -> dict[str, object]:
    """The labels of every edit form's fields, by their English words in lower case."""
    from . import forms as plan_forms

    form_classes = (
        plan_forms.CourseDetailsForm,
        plan_forms.PortfolioCaseForm,
        plan_forms.NetworkingStepForm,
        plan_forms.SkillNoteForm,
        plan_forms.MilestoneForm,
        plan_forms.PlanTargetForm,
    )
    labels = {}
    with translation.override("en"):
        for form_class in form_classes:
            for name, field in form_class.base_fields.items():
                labels[str(field.label or name).lower()] = field.label or name
    return labels


def in_words(value: str) -> str:
    """A state kept in English ("In progress"), in the page's language; anything else
    (a track's name, a value from before this was kept) as it was written."""
    found = _states().get(value)
    return str(found) if found is not None else value


def _edited_in_words(part: str) -> str:
    labels = {english: str(label).lower() for english, label in _field_labels().items()}
    if part in labels:
        return labels[part]
    if part.endswith(" removed") and part.removesuffix(" removed") in labels:
        return gettext("%(field)s removed") % {"field": labels[part.removesuffix(" removed")]}
    for english, label in labels.items():
        if part.startswith(english + " "):
            try:
                day = datetime.datetime.strptime(part.removeprefix(english + " "), "%d %b %Y").date()
            except ValueError:
                continue
            return gettext("%(field)s %(date)s") % {"field": label, "date": short_date(day)}
    return part


def fields_in_words(value: str) -> str:
    """What an edit changed ("target date 31 Jan 2027, note"), in the page's language."""
    # Translators: between the items of a list ("note, link"); Chinese uses "、".
    return pgettext("list separator", ", ").join(_edited_in_words(part) for part in value.split(", ") if part)


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
