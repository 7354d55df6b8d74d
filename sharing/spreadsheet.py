"""A plan's sections as spreadsheet files (CSV): what each column holds, and
cells made safe to open.

A spreadsheet app runs a cell that starts with `=`, `+`, `-` or `@` as a
formula, and one that starts with a tab or carriage return can be read as one
too (OWASP, "CSV Injection"); a case titled `=HYPERLINK("https://evil…")` would
become a live link in the person's own spreadsheet. Text cells that start so
get a leading apostrophe, which spreadsheet apps show as plain text. The
full-width forms of those characters are neutralised as well: some Chinese and
Japanese input setups turn them into their ASCII twins.

Plain functions over rows (any objects with the attributes named), so the
rules are tested without HTTP; the view fetches each section in one query
(the rows its plan page lists, `plans.views.SECTIONS`).
"""

from __future__ import annotations

import csv
import datetime
import io
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")
# So that Excel reads the file as UTF-8 (Chinese text included) instead of the system's legacy code page.
BOM = "\ufeff"


def neutralise(value: Any) -> str | int:
    """One cell: text that cannot run as a formula, numbers as numbers, dates in ISO form."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return gettext("yes") if value else gettext("no")
    if isinstance(value, int):
        return value
    if isinstance(value, datetime.datetime | datetime.date):
        return value.isoformat()
    text = str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def _date(value: datetime.datetime) -> datetime.date:
    return timezone.localdate(value)


Column = tuple[Any, Callable[[Any], Any]]  # a (lazily translated) header and its cell


@dataclass(frozen=True)
class Sheet:
    """A section's columns: a header and how to read its cell from a row."""

    columns: tuple[Column, ...]

    @property
    def header(self) -> list[str]:
        return [str(name) for name, _value in self.columns]

    def lines(self, rows: Iterable[Any]) -> Iterator[list[str | int]]:
        """The header row, then one row per item, every cell neutralised."""
        yield self.header
        for row in rows:
            yield [neutralise(value(row)) for _name, value in self.columns]


RETIRED: Column = (_("No longer offered"), lambda row: row.retired)

SHEETS: dict[str, Sheet] = {
    "checklist": Sheet(
        (
            (_("Item"), lambda row: row.title),
            (_("Kind"), lambda row: gettext("Habit") if row.is_habit else gettext("First step")),
            (_("Done"), lambda row: row.done),
            RETIRED,
        ),
    ),
    "courses": Sheet(
        (
            (_("Course"), lambda row: row.title),
            (_("Provider"), lambda row: row.course.provider),
            (_("Duration"), lambda row: row.course.duration),
            (_("Status"), lambda row: row.get_status_display()),
            (_("Completed on"), lambda row: row.completed_on),
            (_("Note"), lambda row: row.note),
            (_("Certificate link"), lambda row: row.certificate_url),
            (_("Course link"), lambda row: row.course.url),
            RETIRED,
        ),
    ),
    "portfolio": Sheet(
        (
            (_("Title"), lambda row: row.title),
            (_("Track"), lambda row: row.track.short_name if row.track else ""),
            (_("Status"), lambda row: row.get_status_display()),
            (_("Problem"), lambda row: row.problem),
            (_("What I did"), lambda row: row.action),
            (_("Outcome"), lambda row: row.outcome),
            (_("Link"), lambda row: row.link),
            (_("Created"), lambda row: _date(row.created)),
        ),
    ),
    "networking": Sheet(
        (
            (_("Who or where"), lambda row: row.who),
            (_("Kind"), lambda row: row.get_kind_display()),
            (_("Date"), lambda row: row.date),
            (_("Follow-up date"), lambda row: row.follow_up_on),
            (_("Done"), lambda row: row.done),
            (_("Notes"), lambda row: row.notes),
        ),
    ),
    "skills": Sheet(
        (
            (_("Skill"), lambda row: row.title),
            (_("Rating (0-4)"), lambda row: row.rating),
            (_("Level"), lambda row: row.get_rating_display()),
            (_("Note"), lambda row: row.note),
            RETIRED,
        ),
    ),
    "milestones": Sheet(
        (
            (_("Role"), lambda row: row.title),
            (_("Reached"), lambda row: row.reached),
            (_("Date reached"), lambda row: row.reached_on),
            (_("Target date"), lambda row: row.target_date),
            RETIRED,
        ),
    ),
}


def to_csv(lines: Iterable[list[str | int]]) -> str:
    """The file's text, BOM first; text cells quoted, numbers bare."""
    out = io.StringIO()
    out.write(BOM)
    writer = csv.writer(out, quoting=csv.QUOTE_NONNUMERIC, lineterminator="\r\n")
    writer.writerows(lines)
    return out.getvalue()
