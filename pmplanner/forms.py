"""Input rules every form on the site shares.

- Control characters (NUL and the rest of C0, except tab, newline and carriage
  return) are refused in any text, with a form error.
- A form that edits a row refuses a post that lacks any of its fields: a
  missing field is a broken or hostile request, and saving it would clear the
  field. The row stays as it was.
- Dates have a range that the error message names.
"""

from __future__ import annotations

import datetime
import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext, gettext_lazy

from .dates import long_date

CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
EARLIEST = datetime.date(1970, 1, 1)
YEARS_AHEAD = 10


CONTROL_CHARACTERS_MESSAGE = gettext_lazy(
    "Remove the control characters (invisible characters such as NUL) from this text."
)


def _years_from(today: datetime.date, years: int) -> datetime.date:
    try:
        return today.replace(year=today.year + years)
    except ValueError:  # 29 February
        return today.replace(year=today.year + years, day=28)


def check_past_date(value: datetime.date | None, what: str) -> datetime.date | None:
    """A date something happened: from 1 January 1970 to today. `what` names the
    date in the message ("completion date"): a lazy translation, like the field's label."""
    today = timezone.localdate()
    if value and not EARLIEST <= value <= today:
        raise ValidationError(
            gettext("Enter a %(what)s between %(earliest)s and today (%(today)s).")
            % {"what": what, "earliest": long_date(EARLIEST), "today": long_date(today)},
            code="date_range",
        )
    return value


def check_near_date(value: datetime.date | None, what: str) -> datetime.date | None:
    """A date to plan for: within ten years of today, either way."""
    today = timezone.localdate()
    earliest, latest = _years_from(today, -YEARS_AHEAD), _years_from(today, YEARS_AHEAD)
    if value and not earliest <= value <= latest:
        raise ValidationError(
            gettext("Enter a %(what)s between %(earliest)s and %(latest)s (within ten years of today).")
            % {"what": what, "earliest": long_date(earliest), "latest": long_date(latest)},
            code="date_range",
        )
    return value


class SafeTextMixin:
    """Refuses control characters in every text field of the form."""

    def clean(self):
        cleaned = super().clean()
        for name in list(self.fields):
            value = self.data.get(self.add_prefix(name)) if hasattr(self.data, "get") else None
            if isinstance(value, str) and CONTROL_CHARACTERS.search(value) and name not in self.errors:
                self.add_error(name, ValidationError(CONTROL_CHARACTERS_MESSAGE, code="control_characters"))
        return cleaned


class CompletePostMixin(SafeTextMixin):
    """For forms that edit a row: every field must be in the post (empty is fine)."""

    def clean(self):
        cleaned = super().clean()
        for name, field in self.fields.items():
            # A browser sends nothing for an unticked box, or for a list of boxes with none ticked.
            if field.disabled or isinstance(field.widget, forms.CheckboxInput | forms.CheckboxSelectMultiple):
                continue
            if self.add_prefix(name) not in self.data:
                self.add_error(
                    name,
                    ValidationError(
                        gettext("This field was missing from the form. Nothing was saved."), code="missing"
                    ),
                )
        return cleaned
