"""The insights' figures: counts that never single anyone out, and the SVG
charts that draw them. Plain data in, plain data out (no database), so the
rules are unit-tested on their own.

The rule for small groups: a count below MIN_GROUP is shown as "fewer than 5",
whatever it is (zero included). The counts of one table row make up a whole
(the people on each track, a course's people by status), and a whole can often
be worked out elsewhere on the page; so when a row withholds exactly one
count, its next smallest count is withheld too ("withheld"), and no withheld
count can be worked out from the others.
"""

from __future__ import annotations

import statistics
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from django.utils.text import format_lazy
from django.utils.translation import gettext, gettext_lazy, ngettext, pgettext

MIN_GROUP = 5
# In the language of the page (lazy): "fewer than 5", "withheld".
FEWER = format_lazy(gettext_lazy("fewer than {count}"), count=MIN_GROUP)
WITHHELD = gettext_lazy("withheld")


@dataclass(frozen=True)
class Figure:
    """One number of the page: its value for the chart (None when withheld) and how it reads."""

    value: float | None
    shown: str

    @property
    def withheld(self) -> bool:
        return self.value is None


def count(n: int) -> Figure:
    """A count of people shown on its own (not part of a whole)."""
    return Figure(n, f"{n:,}") if n >= MIN_GROUP else Figure(None, FEWER)


def protect(counts: Sequence[int]) -> list[Figure]:
    """The counts of the groups that make up one whole, safe to show together."""
    figures = [count(n) for n in counts]
    withheld = [i for i, f in enumerate(figures) if f.withheld]
    shown = [i for i, f in enumerate(figures) if not f.withheld]
    if len(withheld) == 1 and shown:
        smallest = min(shown, key=lambda i: (counts[i], i))
        figures[smallest] = Figure(None, WITHHELD)
    return figures


def share(part: int, whole: int) -> Figure:
    """part of whole as a percentage, shown only when both the part and the rest are groups of MIN_GROUP or more."""
    if part < MIN_GROUP or whole - part < MIN_GROUP:
        return Figure(None, FEWER if part < MIN_GROUP else gettext("all but %(fewer)s") % {"fewer": FEWER})
    percent = round(100 * part / whole)
    return Figure(
        percent,
        gettext("%(percent)s%% (%(part)s of %(whole)s)")
        % {"percent": percent, "part": f"{part:,}", "whole": f"{whole:,}"},
    )


def median_days(durations: Sequence[int]) -> Figure:
    """The median of the days it took, over MIN_GROUP people or more."""
    if len(durations) < MIN_GROUP:
        return Figure(None, gettext("%(fewer)s people") % {"fewer": FEWER})
    days = statistics.median(durations)
    days = int(days) if days == int(days) else days
    # The number of days can be a half (a median of an even count): "1 day", "2.5 days".
    span = ngettext("%(days)s day", "%(days)s days", 1 if days == 1 else 2) % {"days": days}
    return Figure(days, gettext("%(span)s (%(people)s people)") % {"span": span, "people": f"{len(durations):,}"})


# --- Tables ---------------------------------------------------------------------


@dataclass(frozen=True)
class Row:
    label: str
    cells: tuple[Figure, ...]
    accent: str = ""  # a track's slug: the row takes its colour


@dataclass(frozen=True)
class Table:
    """One section of the page: its numbers as a table, drawn as a chart, and as CSV rows."""

    key: str  # the section's id
    title: str  # its heading, and the CSV's first column
    label: str  # its short name in the page's section links
    note: str
    row_heading: str
    columns: tuple[str, ...]
    rows: tuple[Row, ...]
    scale: float | None = None  # the chart's full length (100 for percentages); else the largest value
    column_tones: tuple[str, ...] = ()  # a class per column for its bars

    @property
    def chart(self) -> Chart:
        return bar_chart(self)

    @property
    def csv_rows(self) -> Iterable[tuple[str, str, str, str]]:
        for row in self.rows:
            for column, cell in zip(self.columns, row.cells, strict=True):
                yield (self.title, row.label, column, cell.shown)


# --- Charts ---------------------------------------------------------------------

WIDTH = 640
VALUE_ROOM = 190  # right of the longest bar, for its figure ("62% (620 of 1,000)")
LABEL_ROOM = 150  # left of the bars in a grouped chart, for the column names
SINGLE_ROW = 46  # label above, bar below
GROUP_HEAD = 26
GROUP_BAR = 24
GROUP_GAP = 12
BAR = 14


@dataclass(frozen=True)
class Bar:
    label: str
    shown: str
    withheld: bool
    tone: str
    label_x: str
    label_y: str
    x: str
    y: str
    width: str
    value_x: str
    value_y: str


@dataclass(frozen=True)
class Group:
    heading: str
    heading_y: str
    accent: str
    bars: tuple[Bar, ...] = field(default_factory=tuple)


@dataclass(frozen=True)
class Chart:
    key: str
    title: str
    summary: str  # the chart in words: every bar's label and figure
    width: int
    height: int
    bar_height: int
    groups: tuple[Group, ...]


def _num(value: float) -> str:
    # Formatted here, so no locale ever turns 12.5 into "12,5".
    return f"{value:.1f}"


def bar_chart(table: Table) -> Chart:
    """Horizontal bars: one per row for a one-column table (label above each bar),
    else a group per row with a bar per column (labels on the left)."""
    values = [c.value for row in table.rows for c in row.cells if c.value is not None]
    top = table.scale or max(values, default=0) or 1
    grouped = len(table.columns) > 1
    start = LABEL_ROOM if grouped else 0
    room = WIDTH - start - VALUE_ROOM
    tones = table.column_tones or ("",) * len(table.columns)
    y = 0.0
    groups = []
    for row in table.rows:
        heading_y = y + 17
        if grouped:
            y += GROUP_HEAD
        bars = []
        for column, cell, tone in zip(table.columns, row.cells, tones, strict=True):
            length = 0.0 if cell.withheld else max(room * cell.value / top, 2 if cell.value else 0)
            if grouped:
                label_y, bar_y = y + 16, y + 5
                step = GROUP_BAR
            else:
                label_y, bar_y = y + 16, y + 24
                step = SINGLE_ROW
            bars.append(
                Bar(
                    label=column if grouped else row.label,
                    shown=cell.shown,
                    withheld=cell.withheld,
                    tone=tone,
                    label_x=_num(0),
                    label_y=_num(label_y),
                    x=_num(start),
                    y=_num(bar_y),
                    width=_num(length),
                    value_x=_num(start + length + 6),
                    value_y=_num(bar_y + BAR - 2),
                )
            )
            y += step
        if grouped:
            y += GROUP_GAP
        groups.append(
            Group(heading=row.label if grouped else "", heading_y=_num(heading_y), accent=row.accent, bars=tuple(bars))
        )
    return Chart(
        key=table.key,
        title=table.title,
        summary=summarise(table),
        width=WIDTH,
        height=max(int(y) + 4, 20),
        bar_height=BAR,
        groups=tuple(groups),
    )


def summarise(table: Table) -> str:
    """The chart in one sentence: "Technical PM: 340; UX PM: fewer than 5."."""
    labelled = gettext("%(label)s: %(value)s")
    if len(table.columns) == 1:
        parts = [labelled % {"label": row.label, "value": row.cells[0].shown} for row in table.rows]
    else:
        parts = [
            labelled
            % {
                "label": row.label,
                "value": pgettext("between a row's figures", ", ").join(
                    gettext("%(column)s %(value)s") % {"column": col, "value": cell.shown}
                    for col, cell in zip(table.columns, row.cells, strict=True)
                ),
            }
            for row in table.rows
        ]
    if not parts:
        return gettext("No data yet.")
    return gettext("%(figures)s.") % {"figures": pgettext("between a chart's rows", "; ").join(parts)}
