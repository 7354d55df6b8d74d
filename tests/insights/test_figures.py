"""The insights' figures never single anyone out, and their charts draw what the tables say."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from insights.figures import (
    FEWER,
    LABEL_ROOM,
    MIN_GROUP,
    VALUE_ROOM,
    WIDTH,
    WITHHELD,
    Figure,
    Row,
    Table,
    count,
    median_days,
    protect,
    share,
)

COUNTS = st.lists(st.integers(min_value=0, max_value=5000), min_size=1, max_size=12)


def table(*rows: tuple[str, list[Figure]], columns=("People",), scale=None) -> Table:
    return Table(
        key="t",
        title="T",
        label="T",
        note="",
        row_heading="Group",
        columns=columns,
        rows=tuple(Row(label, tuple(cells)) for label, cells in rows),
        scale=scale,
    )


class TestSmallGroups:
    def test_a_count_under_five_says_so_whatever_it_is(self):
        for n in range(MIN_GROUP):
            assert count(n) == Figure(None, FEWER)
        assert count(5) == Figure(5, "5") and count(1234) == Figure(1234, "1,234")

    def test_one_small_group_in_a_row_takes_the_next_smallest_with_it(self):
        # With the row's whole known (the active plans), 3 could be worked out from 600 and 397.
        assert [f.shown for f in protect([600, 3, 397])] == ["600", FEWER, WITHHELD]

    def test_two_small_groups_protect_each_other(self):
        assert [f.shown for f in protect([600, 3, 4, 397])] == ["600", FEWER, FEWER, "397"]

    def test_a_row_without_small_groups_is_shown_whole(self):
        assert [f.shown for f in protect([12, 5, 7])] == ["12", "5", "7"]

    @given(COUNTS)
    def test_no_shown_count_is_below_five_and_no_withheld_one_can_be_worked_out(self, counts):
        figures = protect(counts)
        for n, figure in zip(counts, figures, strict=True):
            if figure.withheld:
                assert figure.shown in {FEWER, WITHHELD}
                assert figure.shown == WITHHELD or n < MIN_GROUP
            else:
                assert figure.value == n >= MIN_GROUP and figure.shown == f"{n:,}"
        withheld = [f for f in figures if f.withheld]
        # Knowing the row's total and the shown counts leaves at least two unknowns (or none, or a lone cell).
        assert len(withheld) != 1 or len(figures) == 1
        assert all(f.withheld for f in figures if f.value is not None and f.value < MIN_GROUP)

    def test_a_share_needs_five_on_each_side(self):
        assert share(620, 1000) == Figure(62, "62% (620 of 1,000)")
        assert share(4, 1000).shown == FEWER
        assert share(997, 1000).shown == f"all but {FEWER}"
        assert share(5, 10) == Figure(50, "50% (5 of 10)")
        assert share(0, 0).withheld

    @given(st.integers(0, 3000), st.integers(0, 3000))
    def test_a_share_never_reveals_a_small_group(self, part, rest):
        figure = share(part, part + rest)
        assert figure.withheld == (part < MIN_GROUP or rest < MIN_GROUP)

    def test_a_median_needs_five_people(self):
        assert median_days([1, 2, 3, 10, 20]) == Figure(3, "3 days (5 people)")
        assert median_days([1, 2, 4, 5, 8, 9]) == Figure(4.5, "4.5 days (6 people)")
        assert median_days([1, 1, 1, 1, 1]).shown == "1 day (5 people)"
        assert median_days([1, 2, 3, 4]) == Figure(None, f"{FEWER} people")


class TestCharts:
    def test_one_bar_per_row_scaled_to_the_largest(self):
        chart = table(("Technical PM", [count(600)]), ("UX PM", [count(300)]), ("Strategic PM", [count(3)])).chart
        bars = [bar for group in chart.groups for bar in group.bars]
        assert [b.label for b in bars] == ["Technical PM", "UX PM", "Strategic PM"]
        room = WIDTH - VALUE_ROOM
        assert [float(b.width) for b in bars] == [room, room / 2, 0.0]
        assert bars[2].withheld and bars[2].shown == FEWER
        assert chart.summary == "Technical PM: 600; UX PM: 300; Strategic PM: fewer than 5."

    def test_percentages_are_drawn_on_a_scale_of_100(self):
        chart = table(("Cases", [share(50, 100)]), scale=100).chart
        assert float(chart.groups[0].bars[0].width) == (WIDTH - VALUE_ROOM) / 2

    def test_a_table_of_several_columns_draws_a_group_per_row(self):
        chart = table(
            ("Course A", protect([10, 20, 40])), ("Course B", protect([6, 3, 9])), columns=("Not", "Going", "Done")
        ).chart
        assert [g.heading for g in chart.groups] == ["Course A", "Course B"]
        a, b = chart.groups
        assert [bar.label for bar in a.bars] == ["Not", "Going", "Done"]
        assert all(float(bar.x) == LABEL_ROOM for bar in a.bars)
        assert float(a.bars[2].width) == WIDTH - LABEL_ROOM - VALUE_ROOM
        assert [bar.shown for bar in b.bars] == [WITHHELD, FEWER, "9"]
        assert chart.summary == (
            "Course A: Not 10, Going 20, Done 40; Course B: Not withheld, Going fewer than 5, Done 9."
        )

    @given(st.lists(COUNTS.map(lambda c: c[:3]).filter(lambda c: len(c) == 3), min_size=1, max_size=10))
    def test_every_bar_stays_inside_the_canvas_and_below_the_one_before(self, rows):
        chart = table(*((f"Row {i}", protect(r)) for i, r in enumerate(rows)), columns=("A", "B", "C")).chart
        ys = []
        for group in chart.groups:
            for bar in group.bars:
                assert float(bar.x) >= 0 and float(bar.x) + float(bar.width) + VALUE_ROOM <= WIDTH + 0.1
                assert float(bar.y) + chart.bar_height <= chart.height
                ys.append(float(bar.y))
        assert ys == sorted(ys) and len(set(ys)) == len(ys)

    def test_coordinates_are_written_with_a_point_whatever_the_locale(self):
        chart = table(("A", [count(7)]), ("B", [count(9)])).chart
        for bar in chart.groups[1].bars:
            assert all(re.fullmatch(r"-?\d+\.\d", v) for v in (bar.x, bar.y, bar.width, bar.value_x, bar.label_y))

    def test_csv_rows_are_the_tables_words(self):
        t = table(("UX PM", [count(3)]))
        assert list(t.csv_rows) == [("T", "UX PM", "People", FEWER)]
