"""The profile chart's geometry: one scale for every bar, zero where it belongs, formatted for SVG."""

from __future__ import annotations

from careers.profile_chart import SIDE, WIDTH, profile_chart


def scores(*values, minimum=-86, maximum=100):
    return [
        {"slug": f"t{i}", "name": f"Track {i}", "score": v, "minimum": minimum, "maximum": maximum}
        for i, v in enumerate(values)
    ]


def test_bars_share_one_scale_from_minus_100_to_plus_100_with_zero_in_the_middle():
    chart = profile_chart(scores(64, -30, 0))
    assert (chart.low, chart.high) == (-100, 100)
    assert chart.zero == "240.0"
    plus, minus, zero = chart.bars
    # +64 starts at zero and runs right; -30 ends at zero; both in the same units per point.
    assert (plus.x, plus.width) == ("240.0", f"{64 * (WIDTH - 2 * SIDE) / 200:.1f}")
    per_point = (WIDTH - 2 * SIDE) / 200
    assert (minus.x, minus.width) == (f"{240 - 30 * per_point:.1f}", f"{30 * per_point:.1f}")
    # A zero score is still drawn, as a sliver at the zero line.
    assert (zero.x, zero.width) == ("239.0", "2.0")
    assert [b.shown for b in chart.bars] == ["+64", "\u221230", "0"]
    assert [t.label for t in chart.ticks] == ["\u2212100", "\u221250", "0", "+50", "+100"]


def test_a_track_that_can_fall_below_minus_100_widens_the_scale_for_every_bar():
    chart = profile_chart([*scores(40), *scores(-120, minimum=-130)])
    assert (chart.low, chart.high) == (-150, 100)
    assert chart.ticks[0].label == "\u2212150"
    assert chart.bars[1].x == f"{SIDE + 30 * (WIDTH - 2 * SIDE) / 250:.1f}"  # -120 is 30 points above -150


def test_rows_stack_and_the_canvas_grows_with_the_tracks():
    three, four = profile_chart(scores(1, 2, 3)), profile_chart(scores(1, 2, 3, 4))
    assert four.height > three.height
    assert [b.bar_y for b in four.bars] == ["26.0", "84.0", "142.0", "200.0"]
