"""The overview's charts: changes per week, the streak of active weeks, and
overall progress over time, as plain data and the coordinates of their SVG.

Plain functions over plain data (the rows `plans.history.weekly_activity`
reads, dates and times), so the rules are unit-tested without the database.

The rules:
- A week runs from Monday 00:00 to Sunday 24:00 in the person's time zone.
  The database puts each change in the week of its local time, so a change
  at 23:30 on the Sunday clocks go back or forward is in that week, whatever
  its UTC time; "this week" is the week of today's local date.
- An active week is one with at least one change. The current streak counts
  the active weeks in a row that end with this week, or with last week while
  this week has none yet (a streak is not lost on Monday morning).
- Progress over time: for each week from the plan's start to this week, the
  plan's overall percent after the last change recorded that week, carried
  forward through weeks without one; this week's point is the percent shown
  now. Weeks before the first record have no point (nothing was recorded).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.utils.formats import date_format
from django.utils.translation import gettext, ngettext, pgettext

from pmplanner.dates import long_date

WEEKS = 12

# The SVG's coordinate system (viewBox): the plot area, and room for the axis labels.
WIDTH, HEIGHT = 320, 124
LEFT, RIGHT, TOP, BOTTOM = 34, 8, 10, 100
PLOT_WIDTH, PLOT_HEIGHT = WIDTH - LEFT - RIGHT, BOTTOM - TOP
LABEL_Y = 116


def local_date(moment: datetime.datetime, zone: ZoneInfo) -> datetime.date:
    return moment.astimezone(zone).date()


def week_of(day: datetime.date) -> datetime.date:
    """The Monday that starts the week of `day`."""
    return day - datetime.timedelta(days=day.weekday())


def last_weeks(this_week: datetime.date, weeks: int = WEEKS) -> list[datetime.date]:
    """The Mondays of the last `weeks` weeks, oldest first, ending with this week."""
    return [this_week - datetime.timedelta(weeks=back) for back in range(weeks - 1, -1, -1)]


def streak(active_weeks: Iterable[datetime.date], this_week: datetime.date) -> int:
    """Active weeks in a row, ending with this week (or last week while this week has no change yet)."""
    active = set(active_weeks)
    week = this_week if this_week in active else this_week - datetime.timedelta(weeks=1)
    count = 0
    while week in active:
        count += 1
        week -= datetime.timedelta(weeks=1)
    return count


def progress_by_week(
    recorded: dict[datetime.date, int], start_week: datetime.date, this_week: datetime.date, now_percent: int
) -> list[tuple[datetime.date, int]]:
    """(week, percent) from the plan's start to this week, carried forward; this week is `now_percent`."""
    points, value = [], None
    week = min(start_week, this_week)
    while week < this_week:
        value = recorded.get(week, value)
        if value is not None:
            points.append((week, value))
        week += datetime.timedelta(weeks=1)
    points.append((this_week, now_percent))
    return points


# --- What the template draws --------------------------------------------------


def _short(day: datetime.date) -> str:
    # Translators: Django date format characters for an axis label: "19 Oct" ("10月19日").
    return date_format(day, pgettext("chart axis date format", "j M"))


def _long(day: datetime.date) -> str:
    return long_date(day)


@dataclass(frozen=True)
class Bar:
    week: datetime.date
    changes: int
    x: float
    y: float
    width: float
    height: float
    label: str  # under the bar, on every fourth week and this one
    current: bool

    @property
    def center(self) -> float:
        return round(self.x + self.width / 2, 1)

    @property
    def week_text(self) -> str:
        return gettext("This week") if self.current else gettext("Week of %(date)s") % {"date": _long(self.week)}


@dataclass(frozen=True)
class Point:
    week: datetime.date
    percent: int
    x: float
    y: float

    @property
    def week_text(self) -> str:
        return gettext("Week of %(date)s") % {"date": _long(self.week)}


@dataclass(frozen=True)
class Tick:
    """A label and grid line of the vertical axis."""

    text: str
    y: float


class Frame:
    """Where a chart's plot area and labels sit in its SVG (for the template)."""

    view_box = f"0 0 {WIDTH} {HEIGHT}"
    left, right, top, bottom = LEFT, WIDTH - RIGHT, TOP, BOTTOM
    axis_label_x = LEFT - 4
    label_y = LABEL_Y


@dataclass(frozen=True)
class ActivityChart(Frame):
    bars: list[Bar]
    ticks: list[Tick]
    streak: int
    this_week_active: bool

    @property
    def total(self) -> int:
        return sum(bar.changes for bar in self.bars)

    @property
    def busiest(self) -> Bar | None:
        return max(self.bars, key=lambda bar: (bar.changes, bar.week)) if self.total else None

    @property
    def summary(self) -> str:
        weeks = len(self.bars)
        if not self.total:
            return gettext("No changes in the last %(weeks)s weeks.") % {"weeks": weeks}
        busiest = self.busiest
        if busiest.current:
            when = gettext("this week")
        else:
            when = gettext("the week of %(date)s") % {"date": _long(busiest.week)}
        return ngettext(
            "%(total)s change in the last %(weeks)s weeks, %(now)s of them this week; "
            "the most in one week: %(most)s, %(when)s.",
            "%(total)s changes in the last %(weeks)s weeks, %(now)s of them this week; "
            "the most in one week: %(most)s, %(when)s.",
            self.total,
        ) % {"total": self.total, "weeks": weeks, "now": self.bars[-1].changes, "most": busiest.changes, "when": when}

    @property
    def streak_text(self) -> str:
        if not self.streak:
            return gettext("No streak yet: make a change this week to start one.")
        if self.this_week_active:
            return ngettext("%(count)s active week in a row", "%(count)s active weeks in a row", self.streak) % {
                "count": self.streak
            }
        return ngettext(
            "%(count)s active week in a row: make a change this week to keep it going.",
            "%(count)s active weeks in a row: make a change this week to keep it going.",
            self.streak,
        ) % {"count": self.streak}


@dataclass(frozen=True)
class ProgressChart(Frame):
    points: list[Point]
    ticks: list[Tick]
    start_label: str

    @property
    def polyline(self) -> str:
        return " ".join(f"{p.x:g},{p.y:g}" for p in self.points)

    @property
    def last(self) -> Point:
        return self.points[-1]

    @property
    def changes(self) -> list[Point]:
        """The weeks where the percent moved (and the first and the last): the table's rows."""
        rows = [p for i, p in enumerate(self.points) if i == 0 or p.percent != self.points[i - 1].percent]
        return rows if rows[-1] is self.last else [*rows, self.last]

    @property
    def summary(self) -> str:
        first, last = self.points[0], self.last
        if len(self.points) == 1:
            return gettext("Overall progress this week: %(percent)s%%. The line grows as you make changes.") % {
                "percent": last.percent
            }
        return gettext("Overall progress went from %(first)s%% in the week of %(date)s to %(last)s%% this week.") % {
            "first": first.percent,
            "date": _long(first.week),
            "last": last.percent,
        }


@dataclass(frozen=True)
class Charts:
    activity: ActivityChart
    progress: ProgressChart


def activity_chart(changes_by_week: dict[datetime.date, int], this_week: datetime.date) -> ActivityChart:
    weeks = last_weeks(this_week)
    top = max([changes_by_week.get(week, 0) for week in weeks] + [1])
    slot = PLOT_WIDTH / len(weeks)
    bars = []
    for i, week in enumerate(weeks):
        changes = changes_by_week.get(week, 0)
        height = round(changes / top * PLOT_HEIGHT, 1)
        current = week == this_week
        bars.append(
            Bar(
                week=week,
                changes=changes,
                x=round(LEFT + i * slot + slot * 0.15, 1),
                y=round(BOTTOM - height, 1),
                width=round(slot * 0.7, 1),
                height=height,
                label=gettext("Now") if current else (_short(week) if i % 4 == 0 else ""),
                current=current,
            )
        )
    ticks = [Tick("0", BOTTOM), Tick(str(top), TOP)]
    return ActivityChart(bars, ticks, streak(changes_by_week, this_week), this_week in changes_by_week)


def progress_chart(points: list[tuple[datetime.date, int]]) -> ProgressChart:
    span = max(len(points) - 1, 1)
    placed = [
        Point(
            week=week,
            percent=percent,
            x=round(LEFT + (i / span if len(points) > 1 else 1) * PLOT_WIDTH, 1),
            y=round(BOTTOM - percent / 100 * PLOT_HEIGHT, 1),
        )
        for i, (week, percent) in enumerate(points)
    ]
    ticks = [Tick(f"{value}%", round(BOTTOM - value / 100 * PLOT_HEIGHT, 1)) for value in (0, 50, 100)]
    return ProgressChart(placed, ticks, _short(points[0][0]))


def build(
    rows: Iterable[tuple[datetime.date, int | None, int, int | None]],
    *,
    plan_id: int,
    plan_start: datetime.datetime,
    now: datetime.datetime,
    zone: ZoneInfo,
    now_percent: int,
) -> Charts:
    """Both charts from `history.weekly_activity`'s rows (week, plan, changes that week, the plan's last percent)."""
    changes_by_week: dict[datetime.date, int] = {}
    recorded: dict[datetime.date, int] = {}
    for week, plan, changes, percent in rows:
        changes_by_week[week] = changes
        if plan == plan_id and percent is not None:
            recorded[week] = percent
    this_week = week_of(local_date(now, zone))
    start_week = week_of(local_date(plan_start, zone))
    return Charts(
        activity=activity_chart(changes_by_week, this_week),
        progress=progress_chart(progress_by_week(recorded, start_week, this_week, now_percent)),
    )
