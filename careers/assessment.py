"""Scoring the self-discovery assessment: plain data in, plain data out.

Each answer carries the points it gives every track and the most points any
answer to the same question could have given, so a track's score is the share
of its maximum that the visitor's answers earned. Percentages, not raw points,
are compared: a track that more questions speak to would otherwise win by
sheer count. The database layer (careers.models) turns questions, options and
weights into these objects and stores the outcome as JSON, so a saved result
never changes when staff edit the questions later.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass, field
from fractions import Fraction

MAX_REASONS = 5

_DO_YOU = re.compile(r"^(?:do|does) you (?P<rest>.+?)\s*\??$", re.IGNORECASE)
_AUX_YOU = re.compile(r"^(?P<aux>can|could|are|were|would|will|have|should) you (?P<rest>.+?)\s*\??$", re.IGNORECASE)


@dataclass(frozen=True)
class TrackRef:
    slug: str
    name: str


@dataclass(frozen=True)
class Answer:
    """One answered question, as it was asked and weighted at the time."""

    question: str
    choice: str
    points: Mapping[str, int]
    max_points: Mapping[str, int]
    explanation: str = ""
    advice_title: str = ""
    advice: str = ""
    fundamentals: bool = False

    def to_dict(self) -> dict:
        return {**asdict(self), "points": dict(self.points), "max_points": dict(self.max_points)}


@dataclass(frozen=True)
class TrackScore:
    slug: str
    name: str
    points: int
    maximum: int
    percent: int
    close: bool = False  # within the near-tie margin of the top score (never set on the top score itself)

    @property
    def share(self) -> Fraction:
        return Fraction(self.points, self.maximum) if self.maximum else Fraction(0)

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass(frozen=True)
class Reason:
    explanation: str
    points: int
    track: str

    def __str__(self) -> str:
        return f"{self.explanation}: +{self.points} {self.track}"

    def to_dict(self) -> dict:
        return {**asdict(self), "text": str(self)}


@dataclass(frozen=True)
class Outcome:
    scores: tuple[TrackScore, ...]
    near_tie: bool
    reasons: tuple[Reason, ...] = field(default_factory=tuple)

    @property
    def winner(self) -> TrackScore:
        return self.scores[0]

    @property
    def contenders(self) -> list[TrackScore]:
        return [s for s in self.scores[1:] if s.close]


def statement(question: str) -> str | None:
    """A yes/no question turned into what agreeing with it says about you:
    "Can you influence without authority?" -> "you can influence without authority"."""
    text = question.strip()
    if match := _DO_YOU.match(text):
        return f"you {match['rest']}"
    if match := _AUX_YOU.match(text):
        return f"you {match['aux'].lower()} {match['rest']}"
    return None


def explain(question: str, kind: str, choice: str, phrase: str) -> str:
    """How an answer reads in a result: "You strongly agreed that you enjoy …"."""
    phrase = phrase.strip()
    if phrase and kind != "scale":
        return f"You {phrase}"
    said = statement(question)
    if phrase and said:
        return f"You {phrase} that {said}"
    return f"You answered “{choice}” to “{question.strip()}”"


def _percent(points: int, maximum: int) -> int:
    # Rounded half up, so 62.5 shows as 63 rather than Python's banker's 62.
    return (200 * points + maximum) // (2 * maximum) if maximum else 0


def score(answers: Sequence[Answer], tracks: Sequence[TrackRef], near_tie_margin: int) -> Outcome:
    """Rank the tracks by the share of their maximum the answers earned.

    Equal shares keep the tracks' own order. Every other track within
    `near_tie_margin` percentage points of the leader makes a near tie."""
    if not tracks:
        raise ValueError("Scoring needs at least one track.")
    raw = []
    for track in tracks:
        points = sum(a.points.get(track.slug, 0) for a in answers)
        maximum = sum(a.max_points.get(track.slug, 0) for a in answers)
        raw.append(TrackScore(track.slug, track.name, points, maximum, _percent(points, maximum)))
    ranked = sorted(raw, key=lambda s: -s.share)  # sorted() is stable: ties keep track order
    leader = ranked[0]
    margin = Fraction(max(near_tie_margin, 0), 100)
    scores = (leader, *(_mark_close(s, leader.share - s.share <= margin) for s in ranked[1:]))
    return Outcome(
        scores=scores,
        near_tie=any(s.close for s in scores[1:]),
        reasons=tuple(_reasons(answers, leader, tracks)),
    )


def _mark_close(track_score: TrackScore, close: bool) -> TrackScore:
    return TrackScore(**{**asdict(track_score), "close": close})


def _reasons(answers: Sequence[Answer], winner: TrackScore, tracks: Sequence[TrackRef]) -> list[Reason]:
    """The answers that pulled towards the winner more than towards any other
    track, biggest first; answers that gave every track the same say nothing."""
    others = [t.slug for t in tracks if t.slug != winner.slug]
    ranked = []
    for position, answer in enumerate(answers):
        points = answer.points.get(winner.slug, 0)
        lead = points - max((answer.points.get(slug, 0) for slug in others), default=0)
        if points > 0 and lead > 0:
            ranked.append((-points, -lead, position, Reason(answer.explanation, points, winner.name)))
    return [reason for *_, reason in sorted(ranked, key=lambda item: item[:3])][:MAX_REASONS]
