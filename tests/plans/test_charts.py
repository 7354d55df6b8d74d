"""The overview's charts: the rules (plans.charts, no database), and the charts
a seeded history gives on the overview, at week boundaries and across clock
changes, with the clock moved by time-machine."""

from __future__ import annotations

import datetime
import itertools
import re
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse

from accounts.models import ReminderSettings
from careers.models import Track
from plans import charts, history
from plans.models import Event, NetworkingStep, Plan

BERLIN = ZoneInfo("Europe/Berlin")
NEW_YORK = ZoneInfo("America/New_York")
UTC = datetime.UTC
HX = {"HTTP_HX_REQUEST": "true"}


def day(text: str) -> datetime.date:
    return datetime.date.fromisoformat(text)


def at(text: str, zone: ZoneInfo) -> datetime.datetime:
    """A local wall-clock time in `zone` (fold 0: the first of a repeated hour)."""
    return datetime.datetime.fromisoformat(text).replace(tzinfo=zone)


# --- The rules --------------------------------------------------------------------


class TestWeeks:
    @pytest.mark.parametrize(
        ("date", "monday"),
        [
            ("2026-10-19", "2026-10-19"),  # a Monday is its own week
            ("2026-10-25", "2026-10-19"),  # Sunday ends it
            ("2026-10-26", "2026-10-26"),
            ("2027-01-03", "2026-12-28"),  # a week across the new year
            ("2028-02-29", "2028-02-28"),
        ],
    )
    def test_a_week_starts_on_monday(self, date, monday):
        assert charts.week_of(day(date)) == day(monday)

    def test_the_local_date_decides_the_week_not_utc(self):
        # Monday 00:30 in Berlin is still Sunday in UTC; Sunday 23:30 in New York is Monday in UTC.
        monday_in_berlin = at("2026-10-26T00:30", BERLIN)
        assert monday_in_berlin.astimezone(UTC).date() == day("2026-10-25")
        assert charts.week_of(charts.local_date(monday_in_berlin, BERLIN)) == day("2026-10-26")
        sunday_in_new_york = at("2026-11-01T23:30", NEW_YORK)
        assert sunday_in_new_york.astimezone(UTC).date() == day("2026-11-02")
        assert charts.week_of(charts.local_date(sunday_in_new_york, NEW_YORK)) == day("2026-10-26")

    def test_last_weeks_are_twelve_mondays_ending_this_week(self):
        weeks = charts.last_weeks(day("2026-10-26"))
        assert len(weeks) == 12
        assert weeks[-1] == day("2026-10-26") and weeks[0] == day("2026-08-10")
        assert all(w.weekday() == 0 for w in weeks)
        assert all((b - a).days == 7 for a, b in itertools.pairwise(weeks))


class TestStreak:
    THIS = day("2026-10-26")

    def weeks(self, *back: int) -> set[datetime.date]:
        return {self.THIS - datetime.timedelta(weeks=n) for n in back}

    def test_no_activity_no_streak(self):
        assert charts.streak(set(), self.THIS) == 0

    def test_counts_active_weeks_in_a_row_up_to_this_week(self):
        assert charts.streak(self.weeks(0, 1, 2), self.THIS) == 3

    def test_a_gap_ends_it(self):
        assert charts.streak(self.weeks(0, 1, 3, 4, 5), self.THIS) == 2

    def test_this_week_without_a_change_yet_keeps_last_weeks_streak(self):
        assert charts.streak(self.weeks(1, 2), self.THIS) == 2

    def test_two_quiet_weeks_lose_it(self):
        assert charts.streak(self.weeks(2, 3, 4), self.THIS) == 0

    def test_only_this_week(self):
        assert charts.streak(self.weeks(0), self.THIS) == 1

    def test_the_streak_text_says_how_to_keep_it(self):
        chart = charts.activity_chart({self.THIS - datetime.timedelta(weeks=1): 2}, self.THIS)
        assert chart.streak == 1 and not chart.this_week_active
        assert chart.streak_text == "1 active week in a row: make a change this week to keep it going."
        assert charts.activity_chart({}, self.THIS).streak_text.startswith("No streak yet")


class TestProgressByWeek:
    START = day("2026-09-07")

    def test_carries_the_last_value_forward_and_ends_with_now(self):
        recorded = {day("2026-09-07"): 5, day("2026-09-21"): 20}
        points = charts.progress_by_week(recorded, self.START, day("2026-10-05"), now_percent=25)
        assert points == [
            (day("2026-09-07"), 5),
            (day("2026-09-14"), 5),
            (day("2026-09-21"), 20),
            (day("2026-09-28"), 20),
            (day("2026-10-05"), 25),
        ]

    def test_weeks_before_the_first_record_have_no_point(self):
        points = charts.progress_by_week({day("2026-09-21"): 10}, self.START, day("2026-09-28"), now_percent=10)
        assert points == [(day("2026-09-21"), 10), (day("2026-09-28"), 10)]

    def test_progress_can_go_down(self):
        recorded = {day("2026-09-07"): 30, day("2026-09-14"): 10}
        points = charts.progress_by_week(recorded, self.START, day("2026-09-21"), now_percent=10)
        assert [p for _w, p in points] == [30, 10, 10]

    def test_a_plan_started_this_week_is_one_point(self):
        assert charts.progress_by_week({}, day("2026-10-26"), day("2026-10-26"), now_percent=0) == [
            (day("2026-10-26"), 0)
        ]


class TestGeometry:
    def test_bars_scale_to_the_busiest_week_within_the_plot(self):
        this = day("2026-10-26")
        chart = charts.activity_chart({this: 4, this - datetime.timedelta(weeks=2): 8}, this)
        tallest = max(chart.bars, key=lambda b: b.height)
        assert tallest.height == charts.PLOT_HEIGHT and tallest.y == charts.TOP
        assert chart.bars[-1].height == charts.PLOT_HEIGHT / 2 and chart.bars[-1].current
        assert all(b.height == 0 for b in chart.bars if not b.changes)
        assert all(b.x >= charts.LEFT and b.x + b.width <= charts.WIDTH - charts.RIGHT for b in chart.bars)
        assert [t.text for t in chart.ticks] == ["0", "8"]

    def test_progress_points_span_the_plot_from_left_to_right(self):
        chart = charts.progress_chart([(day("2026-09-07"), 0), (day("2026-09-14"), 50), (day("2026-09-21"), 100)])
        assert [(p.x, p.y) for p in chart.points] == [
            (charts.LEFT, charts.BOTTOM),
            (charts.LEFT + charts.PLOT_WIDTH / 2, charts.TOP + charts.PLOT_HEIGHT / 2),
            (charts.WIDTH - charts.RIGHT, charts.TOP),
        ]
        assert chart.polyline.count(",") == 3

    def test_the_table_lists_the_weeks_progress_moved(self):
        chart = charts.progress_chart([(day("2026-09-07"), 0), (day("2026-09-14"), 0), (day("2026-09-21"), 10)])
        assert [(p.week, p.percent) for p in chart.changes] == [(day("2026-09-07"), 0), (day("2026-09-21"), 10)]
        flat = charts.progress_chart([(day("2026-09-07"), 10), (day("2026-09-14"), 10)])
        assert [(p.week, p.percent) for p in flat.changes] == [(day("2026-09-07"), 10), (day("2026-09-14"), 10)]


# --- A seeded history on the overview -----------------------------------------------


def in_zone(user, name: str) -> None:
    ReminderSettings.objects.create(user=user, time_zone=name)


def complete_a_course(client, plan: Plan, index: int, when: datetime.datetime) -> None:
    """A real change through the view, at a moment of our choosing."""
    row = plan.course_rows()[index]
    with time_machine.travel(when, tick=False):
        client.force_login(plan.user)
        response = client.post(reverse("plans:course_status", args=[row.pk]), {"status": "completed"}, **HX)
    assert response.status_code == 200


def tick_checklist(client, plan: Plan, index: int, when: datetime.datetime, done: str = "true") -> None:
    row = plan.checklist_rows()[index]
    with time_machine.travel(when, tick=False):
        client.force_login(plan.user)
        assert client.post(reverse("plans:checklist_done", args=[row.pk]), {"done": done}, **HX).status_code == 200


def overview_at(client, user, when: datetime.datetime) -> str:
    with time_machine.travel(when, tick=False):
        client.force_login(user)
        response = client.get(reverse("plans:plan"))
    assert response.status_code == 200
    return response.content.decode()


def table_rows(html: str, caption: str) -> list[tuple[str, str]]:
    """(row header, cell) of the hidden table with this caption."""
    table = re.search(r"<caption>" + re.escape(caption) + r"</caption>(.*?)</table>", html, re.S)
    assert table, f"no table captioned {caption!r}"
    return re.findall(r'<th scope="row">([^<]*)</th><td>([^<]*)</td>', table.group(1))


ACTIVITY = "Changes per week, last 12 weeks"
PROGRESS = "Overall progress by week (the weeks it changed)"


@pytest.fixture
def berlin_plan(owner):
    in_zone(owner, "Europe/Berlin")
    with time_machine.travel(at("2026-09-01T10:00", BERLIN), tick=False):
        return Plan.start(owner, Track.objects.get(slug="technical"))


class TestClocksGoBack:
    """Berlin, Sunday 25 October 2026: 03:00 summer time becomes 02:00 winter time."""

    def test_changes_fall_in_the_local_week_either_side_of_midnight(self, client, berlin_plan):
        tick_checklist(client, berlin_plan, 0, at("2026-10-25T02:30", BERLIN).replace(fold=1))  # the repeated hour
        tick_checklist(client, berlin_plan, 1, at("2026-10-25T23:59", BERLIN))  # 22:59 UTC, Sunday
        tick_checklist(client, berlin_plan, 2, at("2026-10-26T00:00", BERLIN))  # 23:00 UTC Sunday: local Monday
        tick_checklist(client, berlin_plan, 3, at("2026-10-26T00:30", BERLIN))
        html = overview_at(client, berlin_plan.user, at("2026-10-28T12:00", BERLIN))
        rows = dict(table_rows(html, ACTIVITY))
        assert rows["Week of 19 October 2026"] == "2"
        assert rows["This week"] == "2"
        assert sum(int(n) for n in rows.values()) == 4
        assert "2 active weeks in a row" in html

    def test_weekly_activity_puts_them_in_local_weeks(self, client, berlin_plan):
        tick_checklist(client, berlin_plan, 0, at("2026-10-25T23:30", BERLIN))
        tick_checklist(client, berlin_plan, 1, at("2026-10-26T00:30", BERLIN))
        weeks = {
            week: changes for week, _plan, changes, _percent in history.weekly_activity(berlin_plan.user_id, BERLIN)
        }
        assert weeks == {day("2026-10-19"): 1, day("2026-10-26"): 1}
        # The same changes in UTC weeks would both be Sunday's (the reason the zone matters).
        utc_weeks = {week for week, *_rest in history.weekly_activity(berlin_plan.user_id, ZoneInfo("UTC"))}
        assert utc_weeks == {day("2026-10-19")}


class TestClocksGoForward:
    """Berlin, Sunday 29 March 2026: 02:00 winter time becomes 03:00 summer time."""

    def test_the_week_boundary_is_local_midnight_in_summer_time(self, client, owner):
        in_zone(owner, "Europe/Berlin")
        with time_machine.travel(at("2026-03-20T10:00", BERLIN), tick=False):
            plan = Plan.start(owner, Track.objects.get(slug="technical"))
        tick_checklist(client, plan, 0, at("2026-03-29T01:59", BERLIN))  # before the jump
        tick_checklist(client, plan, 1, at("2026-03-29T03:00", BERLIN))  # right after it
        tick_checklist(client, plan, 2, at("2026-03-29T23:59:59", BERLIN))
        tick_checklist(client, plan, 3, at("2026-03-30T00:00", BERLIN))  # 22:00 UTC on Sunday
        html = overview_at(client, owner, at("2026-03-30T09:00", BERLIN))
        rows = dict(table_rows(html, ACTIVITY))
        assert rows["Week of 23 March 2026"] == "3"
        assert rows["This week"] == "1"


class TestWestOfUtc:
    def test_a_sunday_evening_in_new_york_is_in_that_week(self, client, owner):
        in_zone(owner, "America/New_York")
        with time_machine.travel(at("2026-10-20T10:00", NEW_YORK), tick=False):
            plan = Plan.start(owner, Track.objects.get(slug="technical"))
        tick_checklist(client, plan, 0, at("2026-11-01T23:30", NEW_YORK))  # Monday 04:30 UTC
        html = overview_at(client, owner, at("2026-11-02T08:00", NEW_YORK))
        rows = dict(table_rows(html, ACTIVITY))
        assert rows["Week of 26 October 2026"] == "1"
        assert rows["This week"] == "0"
        assert "1 active week in a row: make a change this week to keep it going." in html


class TestOverviewCharts:
    def test_twelve_weeks_of_activity_and_a_streak(self, client, berlin_plan):
        # Active in the weeks of 14 Sep, then 5, 12 and 19 Oct; "now" is in the week of 19 Oct.
        for i, when in enumerate(
            ["2026-09-14T10:00", "2026-10-05T10:00", "2026-10-12T10:00", "2026-10-12T11:00", "2026-10-21T09:00"]
        ):
            tick_checklist(client, berlin_plan, i, at(when, BERLIN))
        html = overview_at(client, berlin_plan.user, at("2026-10-22T18:00", BERLIN))
        rows = table_rows(html, ACTIVITY)
        assert len(rows) == 12
        assert rows[0] == ("Week of 3 August 2026", "0")
        assert dict(rows)["Week of 14 September 2026"] == "1"
        assert dict(rows)["Week of 12 October 2026"] == "2"
        assert rows[-1] == ("This week", "1")
        assert "Current streak:</strong> 3 active weeks in a row" in html
        assert "5 changes in the last 12 weeks, 1 of them this week; the most in one week: 2" in html

    def test_progress_over_time_is_the_last_percent_of_each_week(self, client, owner):
        in_zone(owner, "Europe/Berlin")
        start = at("2026-09-07T09:00", BERLIN)
        with time_machine.travel(start, tick=False):
            client.force_login(owner)
            client.post(reverse("plans:start", args=["technical"]))  # records the start at 0 %
        plan = Plan.objects.get(user=owner)
        complete_a_course(client, plan, 0, at("2026-09-15T10:00", BERLIN))
        complete_a_course(client, plan, 1, at("2026-09-16T10:00", BERLIN))  # the week's last change counts
        html = overview_at(client, owner, at("2026-09-30T10:00", BERLIN))
        after_one = Event.objects.filter(user=owner, action="status").order_by("created")[0].overall_percent
        after_two = Event.objects.filter(user=owner, action="status").order_by("created")[1].overall_percent
        assert 0 < after_one < after_two
        assert table_rows(html, PROGRESS) == [
            ("Week of 7 September 2026", "0%"),
            ("Week of 14 September 2026", f"{after_two}%"),
            ("This week", f"{after_two}%"),
        ]
        # The line: start, carried through quiet weeks, to now: four weekly points.
        polyline = re.search(r'<polyline class="chart-line" points="([^"]+)"', html).group(1)
        assert len(polyline.split()) == 4
        assert f"Overall progress went from 0% in the week of 7 September 2026 to {after_two}% this week." in html

    def test_the_line_ends_at_the_percent_shown_now(self, client, berlin_plan):
        # A change not made through a view (here: directly) is not in the history; the line still ends at now.
        NetworkingStep.objects.bulk_create(
            NetworkingStep(user=berlin_plan.user, who=f"P{i}", done=True) for i in range(5)
        )
        html = overview_at(client, berlin_plan.user, at("2026-09-02T10:00", BERLIN))
        percent = Plan.objects.with_counts().get(pk=berlin_plan.pk).progress.overall_percent
        assert table_rows(html, PROGRESS) == [("This week", f"{percent}%")]
        assert f"Overall progress this week: {percent}%" in html

    def test_a_change_made_under_another_plan_counts_as_activity_not_as_this_plans_progress(self, client, owner):
        in_zone(owner, "Europe/Berlin")
        with time_machine.travel(at("2026-09-07T09:00", BERLIN), tick=False):
            client.force_login(owner)
            client.post(reverse("plans:start", args=["ux"]))
        ux = Plan.objects.get(user=owner, track__slug="ux")
        complete_a_course(client, ux, 0, at("2026-09-08T10:00", BERLIN))
        with time_machine.travel(at("2026-09-15T09:00", BERLIN), tick=False):
            client.force_login(owner)
            client.post(reverse("plans:start", args=["technical"]), {"confirm": "switch"})
        html = overview_at(client, owner, at("2026-09-16T10:00", BERLIN))
        assert dict(table_rows(html, ACTIVITY))["Week of 7 September 2026"] == "2"  # UX started, its course done
        technical = Plan.objects.get(user=owner, track__slug="technical")
        now = Plan.objects.with_counts().get(pk=technical.pk).progress.overall_percent
        assert table_rows(html, PROGRESS) == [("This week", f"{now}%")]

    def test_the_charts_have_titles_descriptions_and_no_style_attributes(self, client, berlin_plan):
        html = overview_at(client, berlin_plan.user, at("2026-09-02T10:00", BERLIN))
        for name in ("activity", "progress"):
            assert f'role="img" aria-labelledby="{name}-title" aria-describedby="{name}-desc"' in html
            assert re.search(rf'<title id="{name}-title">[^<]+</title>', html)
            assert re.search(rf'<desc id="{name}-desc">[^<]+</desc>', html)
        charts_html = html[html.index('<div class="charts">') : html.index('<ul class="section-cards">')]
        assert charts_html.count("<svg") == 2
        assert "style=" not in charts_html and "<script" not in charts_html


def test_the_overview_with_twelve_weeks_of_history_stays_within_20_kb(client, berlin_plan):
    # Issue 12's budget for the overview of a typical plan; the charts add about 2 KB.
    plan = berlin_plan
    start = at("2026-09-01T10:00", BERLIN)
    Event.objects.bulk_create(
        Event(
            user=plan.user,
            plan=plan,
            section="courses",
            item_title=f"Course {i}",
            action="status",
            overall_percent=i,
            created=start + datetime.timedelta(days=2 * i),
        )
        for i in range(42)
    )
    html = overview_at(client, plan.user, at("2026-11-24T10:00", BERLIN))
    assert len(table_rows(html, PROGRESS)) >= 12
    assert len(html.encode()) <= 20 * 1024
