"""The profile chart of a result: one bar per track on one scale, drawn as SVG by the template.

Plain data in (a result's stored scores), plain data out: coordinates in the
SVG's own units, already formatted, so the template only places them.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from .assessment import FULL, signed

WIDTH = 480
SIDE = 24  # room for the first and last tick labels (centred on their tick)
ROW = 58  # a track's name above its bar
BAR = 22
AXIS = 34  # the scale's line and labels under the bars
STEP = 50  # a tick every 50 points


@dataclass(frozen=True)
class Bar:
    slug: str
    name: str
    shown: str  # the score as people read it: +64, 0 or -30 (with a minus sign)
    label_y: str
    bar_y: str
    x: str
    width: str
    range_x: str  # how far the track could go with the questions of the day
    range_width: str


@dataclass(frozen=True)
class Tick:
    x: str
    label: str


@dataclass(frozen=True)
class Chart:
    width: int
    height: int
    bar_height: int
    zero: str
    axis_y: str
    label_y: str
    start: str  # left edge of the plot, where the names are aligned
    end: str  # right edge of the plot, where the scores are aligned
    bars: tuple[Bar, ...]
    ticks: tuple[Tick, ...]
    low: int
    high: int


def _num(value: float) -> str:
    # Formatted here, not by the template, so no locale ever turns 12.5 into "12,5".
    return f"{value:.1f}"


def profile_chart(scores: Sequence[Mapping]) -> Chart:
    """The chart of stored v2 scores ({"slug", "name", "score", "minimum", "maximum"}, ranked)."""
    low = min([-FULL, *(s["minimum"] for s in scores), *(s["score"] for s in scores)])
    low = (low // STEP) * STEP
    high = max([FULL, *(s["maximum"] for s in scores), *(s["score"] for s in scores)])
    high = -(-high // STEP) * STEP

    def x(value: float) -> float:
        return SIDE + (value - low) * (WIDTH - 2 * SIDE) / (high - low)

    zero = x(0)
    bars = []
    for row, s in enumerate(scores):
        top = row * ROW
        end = x(s["score"])
        bars.append(
            Bar(
                slug=s["slug"],
                name=s["name"],
                shown=signed(s["score"]),
                label_y=_num(top + 18),
                bar_y=_num(top + 26),
                # A score of 0 still gets a sliver at the zero line, so the bar is seen to be there.
                x=_num(min(zero, end) if s["score"] else zero - 1),
                width=_num(abs(end - zero) if s["score"] else 2),
                range_x=_num(x(s["minimum"])),
                range_width=_num(x(s["maximum"]) - x(s["minimum"])),
            )
        )
    axis = len(scores) * ROW
    ticks = tuple(Tick(_num(x(v)), signed(v)) for v in range(low, high + 1, STEP))
    return Chart(
        width=WIDTH,
        height=axis + AXIS,
        bar_height=BAR,
        zero=_num(zero),
        axis_y=_num(axis + 4),
        label_y=_num(axis + 24),
        start=_num(SIDE),
        end=_num(WIDTH - SIDE),
        bars=tuple(bars),
        ticks=ticks,
        low=low,
        high=high,
    )
