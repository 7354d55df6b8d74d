"""Scoring the self-discovery assessment: plain data in, plain data out.

A score says how far the answers lean towards a track, not how much the person
agreed. Two corrections make that so:

1. Response style. Each answer to an agree/disagree (scale) question is
   compared with what the same answer gives that track on average over all the
   scale questions. With points that grow evenly from "strongly disagree" to
   "strongly agree" this is exactly comparing each answer with the person's own
   average answer (centring); for any other points it is the equivalent
   ipsative rule. Either way, answering every scale question the same way,
   whichever way, adds nothing to any track.
2. Relative pull. An answer only tells which track someone prefers by how much
   more it gives one track than the others, so each answer's points are taken
   relative to the average over the tracks: an answer that gives every track
   the same counts for nothing.

What is left of each answer is its *effect* on each track. The effects are put
on one scale: every track's score is divided by the highest score the question
set lets that track reach, so each track's maximum is +100 whatever the number
of questions that speak to it. A score is the sum of the answers' effects, so
each answer's contribution shown in a result is in the same units as the score.

The clarity of a result is how many points the leading track is ahead of the
next one. The verdict follows from two thresholds staff set:

- the leader scores less than `min_lean`: no clear preference yet;
- the leader is `clear_lead` points or more ahead: best fit;
- otherwise: a close call between the leader and the tracks within
  `clear_lead` points of it.

The database layer (careers.models) turns questions, options and weights into
`Answer`s and stores the outcome as JSON, so a saved result never changes when
staff edit the questions later.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from fractions import Fraction

from django.utils.translation import gettext, pgettext

SCALE = "scale"
BEST_FIT, CLOSE_CALL, NO_PREFERENCE = "best_fit", "close_call", "no_preference"
VERDICTS = (BEST_FIT, CLOSE_CALL, NO_PREFERENCE)
FULL = 100  # the score of a track's strongest possible lean
MINUS = "\u2212"
NO_SCORE = "\u2013"  # a track the earlier result did not have
# The admin warns when one track's reach (the most its answers can move it up,
# or down) is more than this many times another's: after normalising, each of
# its answers would count that much more.
LOPSIDED = Fraction(3, 2)

_DO_YOU = re.compile(r"^(?:do|does) you (?P<rest>.+?)\s*\??$", re.IGNORECASE)
_AUX_YOU = re.compile(r"^(?P<aux>can|could|are|were|would|will|have|should) you (?P<rest>.+?)\s*\??$", re.IGNORECASE)
# A Chinese yes/no question, written 你…吗 with a full-width question mark.
_NI_MA = re.compile("^(?P<said>你.+?)\\s*吗\\s*[\uff1f?]?$")


@dataclass(frozen=True)
class TrackRef:
    slug: str
    name: str


@dataclass(frozen=True)
class Thresholds:
    min_lean: int  # the leader needs at least this score for any verdict but "no clear preference"
    clear_lead: int  # and to be this many points ahead of the next track to be a best fit

    def __post_init__(self):
        # Zero would let a uniform answer pattern (every score 0) through as a lean.
        if not (1 <= self.min_lean <= FULL and 1 <= self.clear_lead <= FULL):
            raise ValueError(f"Thresholds must be between 1 and {FULL}.")


@dataclass(frozen=True)
class Answer:
    """One answered question, as it was asked and weighted at the time.

    `options` holds the points every option of the question gave each track, in
    the question's order, and `position` which of them was chosen: scoring needs
    the options not chosen to know what an answer says beyond response style."""

    question: str
    choice: str
    position: int
    options: tuple[Mapping[str, int], ...]
    kind: str = SCALE
    key: str = ""  # the question's slug: matches answers across attempts
    explanation: str = ""
    advice_title: str = ""
    advice: str = ""
    advice_subject: str = ""  # what the advice is about, e.g. "Tech companies"
    advice_track: str = ""  # the slug of the track the advice names, if any
    fundamentals: bool = False

    def __post_init__(self):
        if not 0 <= self.position < len(self.options):
            raise ValueError(f"Answer to {self.question!r} picks option {self.position} of {len(self.options)}.")

    @property
    def points(self) -> Mapping[str, int]:
        return self.options[self.position]

    def to_dict(self) -> dict:
        return {
            "key": self.key,
            "question": self.question,
            "kind": self.kind,
            "choice": self.choice,
            "position": self.position,
            "options": [dict(o) for o in self.options],
            "points": dict(self.points),
            "explanation": self.explanation,
            "advice_title": self.advice_title,
            "advice": self.advice,
            "advice_subject": self.advice_subject,
            "advice_track": self.advice_track,
            "fundamentals": self.fundamentals,
        }

    @classmethod
    def from_dict(cls, data: Mapping) -> Answer:
        fields = {k: v for k, v in data.items() if k in cls.__dataclass_fields__}
        return cls(**{**fields, "options": tuple(data["options"])})


@dataclass(frozen=True)
class TrackScore:
    slug: str
    name: str
    exact: Fraction  # ranks the tracks; `score` is what people see
    minimum: int  # the lowest and highest scores this track can reach with this question set
    maximum: int

    @property
    def score(self) -> int:
        return rounded(self.exact)

    def to_dict(self) -> dict:
        return {
            "slug": self.slug,
            "name": self.name,
            "score": self.score,
            "minimum": self.minimum,
            "maximum": self.maximum,
        }


@dataclass(frozen=True)
class Contribution:
    """What one answer added to each track's score, in score units."""

    answer: Answer
    effects: Mapping[str, Fraction]
    toward: str | None  # the slug of the track it pulled towards most; None when it counted for nothing

    @property
    def size(self) -> int:
        return rounded(self.effects[self.toward]) if self.toward else 0

    def to_dict(self, names: Mapping[str, str]) -> dict:
        return {
            "key": self.answer.key,
            "question": self.answer.question,
            "choice": self.answer.choice,
            "explanation": self.answer.explanation,
            "size": self.size,
            "effects": [{"slug": s, "name": names[s], "points": rounded(e)} for s, e in self.effects.items()],
        }


@dataclass(frozen=True)
class Outcome:
    scores: tuple[TrackScore, ...]  # highest first; equal scores keep the tracks' own order
    clarity: int
    verdict: str
    contributions: tuple[Contribution, ...]  # one per answer, in the answers' order
    thresholds: Thresholds
    contenders: tuple[TrackScore, ...] = field(default_factory=tuple)  # the tracks a close call is between

    @property
    def leader(self) -> TrackScore:
        return self.scores[0]

    def groups(self) -> list[tuple[TrackScore, list[Contribution]]]:
        """The answers that moved the result, by the track they pulled towards
        (tracks in ranking order), each group biggest first."""
        grouped = []
        for track in self.scores:
            mine = [c for c in self.contributions if c.toward == track.slug]
            mine.sort(key=lambda c: -c.effects[track.slug])  # stable: equal pulls keep question order
            if mine:
                grouped.append((track, mine))
        return grouped

    @property
    def counted_for_nothing(self) -> list[Contribution]:
        return [c for c in self.contributions if c.toward is None]


# --- How answers read ---------------------------------------------------------


def statement(question: str) -> str | None:
    """A yes/no question turned into what agreeing with it says about you:
    "Can you influence without authority?" -> "you can influence without authority";
    in Chinese, written 你…吗 (and a full-width question mark), "你能在没有职权的情况下施加影响吗" ->
    "你能在没有职权的情况下施加影响"."""
    text = question.strip()
    if match := _DO_YOU.match(text):
        return f"you {match['rest']}"
    if match := _AUX_YOU.match(text):
        return f"you {match['aux'].lower()} {match['rest']}"
    if match := _NI_MA.match(text):
        return match["said"]
    return None


def explain(question: str, kind: str, choice: str, phrase: str) -> str:
    """How an answer reads in a result, in the active language: "You strongly agreed that you enjoy …"."""
    phrase = phrase.strip()
    if phrase and kind != SCALE:
        # Translators: an answer in a result; the phrase follows "you" ("have a technical background"). zh: 你%(phrase)s
        return gettext("You %(phrase)s") % {"phrase": phrase}
    said = statement(question)
    if phrase and said:
        # Translators: "You strongly agreed that you enjoy solving complex problems". zh: 你%(phrase)s“%(statement)s”
        return gettext("You %(phrase)s that %(statement)s") % {"phrase": phrase, "statement": said}
    # Translators: zh: 你对“%(question)s”的回答是“%(choice)s”
    return gettext("You answered “%(choice)s” to “%(question)s”") % {"choice": choice, "question": question.strip()}


# --- Effects: what each option of each question does to each track ------------


def rounded(value: Fraction) -> int:
    """Half away from zero, so +2.5 shows as +3 and -2.5 as -3 (Python's round() would give 2 and -2)."""
    magnitude = (abs(value.numerator) * 2 + value.denominator) // (2 * value.denominator)
    return magnitude if value >= 0 else -magnitude


def _same_scale(answers: Sequence[Answer]) -> dict[int, list[Answer]]:
    """Scale answers by their number of options: each is compared with the others on the same scale."""
    groups: dict[int, list[Answer]] = {}
    for answer in answers:
        if answer.kind == SCALE:
            groups.setdefault(len(answer.options), []).append(answer)
    return groups


def _relative(row: Mapping[str, Fraction]) -> dict[str, Fraction]:
    """Points relative to the average over the tracks: what favours no track is zero."""
    mean = sum(row.values(), Fraction(0)) / len(row)
    return {s: v - mean for s, v in row.items()}


def _raw_effects(answers: Sequence[Answer], slugs: Sequence[str]) -> list[list[dict[str, Fraction]]]:
    """What choosing each option adds to each track (before normalising): its
    points less what the same option level gives on average over the scale
    questions, relative to the tracks' average: [answer][option][track].

    The score is the sum of the chosen options' effects, so the difference
    between two options is exactly how far switching between them moves it."""
    baselines = {
        size: [
            {s: Fraction(sum(a.options[level].get(s, 0) for a in same), len(same)) for s in slugs}
            for level in range(size)
        ]
        for size, same in _same_scale(answers).items()
    }
    effects = []
    for answer in answers:
        rows = []
        for level, points in enumerate(answer.options):
            row = {s: Fraction(points.get(s, 0)) for s in slugs}
            if answer.kind == SCALE:
                row = {s: row[s] - baselines[len(answer.options)][level][s] for s in slugs}
            rows.append(_relative(row))
        effects.append(rows)
    return effects


def _raw_contributions(answers: Sequence[Answer], slugs: Sequence[str]) -> list[dict[str, Fraction]]:
    """What each answer contributed (before normalising), measured against the
    person's own answers: a scale answer's points less what the same question
    would have given on average with each of the person's scale answers.

    With points that grow evenly this is the answer's distance from the
    person's average answer, times the question's weight; summed, it equals
    the sum of the chosen options' effects (`_raw_effects`)."""
    levels = {size: [a.position for a in same] for size, same in _same_scale(answers).items()}
    contributions = []
    for answer in answers:
        row = {s: Fraction(answer.points.get(s, 0)) for s in slugs}
        if answer.kind == SCALE:
            mine = levels[len(answer.options)]
            row = {s: row[s] - Fraction(sum(answer.options[lv].get(s, 0) for lv in mine), len(mine)) for s in slugs}
        contributions.append(_relative(row))
    return contributions


@dataclass(frozen=True)
class Reach:
    """How far the question set lets each track move, before and after normalising."""

    up: dict[str, Fraction]  # raw: the most the answers can add to the track
    down: dict[str, Fraction]  # raw: the most they can take away (zero or negative)
    factor: dict[str, Fraction]  # raw effect -> score units

    def maximum(self, slug: str) -> int:
        return rounded(self.up[slug] * self.factor[slug])

    def minimum(self, slug: str) -> int:
        return rounded(self.down[slug] * self.factor[slug])


def _reach(effects: list[list[dict[str, Fraction]]], slugs: Sequence[str]) -> Reach:
    up = {s: sum((max(row[s] for row in rows) for rows in effects), Fraction(0)) for s in slugs}
    down = {s: sum((min(row[s] for row in rows) for rows in effects), Fraction(0)) for s in slugs}
    factor = {}
    for s in slugs:
        # A track the answers can never lift keeps its floor at -100 instead of dividing by zero.
        span = up[s] if up[s] > 0 else -down[s]
        factor[s] = Fraction(FULL) / span if span else Fraction(0)
    return Reach(up, down, factor)


def answer_effects(answers: Sequence[Answer], tracks: Sequence[TrackRef]) -> list[list[dict[str, Fraction]]]:
    """How far choosing each option moves each track's score, every other answer
    unchanged: against the question's middle option for a scale question, and
    against an option that favours no track for the others. [answer][option][track]"""
    slugs = [t.slug for t in tracks]
    raw = _raw_effects(answers, slugs)
    factor = _reach(raw, slugs).factor
    table = []
    for answer, rows in zip(answers, raw, strict=True):
        middle = rows[(len(rows) - 1) // 2] if answer.kind == SCALE else dict.fromkeys(slugs, Fraction(0))
        table.append([{s: (row[s] - middle[s]) * factor[s] for s in slugs} for row in rows])
    return table


def _toward(effects: Mapping[str, Fraction], slugs: Sequence[str]) -> str | None:
    best = max(slugs, key=lambda s: effects[s])  # max() keeps the first of equals: track order
    # An answer whose effects all round to zero is shown as counting for nothing, as it reads.
    return best if any(rounded(e) for e in effects.values()) and effects[best] > 0 else None


# --- Scoring --------------------------------------------------------------------


def score(answers: Sequence[Answer], tracks: Sequence[TrackRef], thresholds: Thresholds) -> Outcome:
    """Score the answers, rank the tracks and reach a verdict (see the module's docstring)."""
    if not tracks:
        raise ValueError("Scoring needs at least one track.")
    slugs = [t.slug for t in tracks]
    reach = _reach(_raw_effects(answers, slugs), slugs)
    contributions = []
    for answer, raw in zip(answers, _raw_contributions(answers, slugs), strict=True):
        effects = {s: raw[s] * reach.factor[s] for s in slugs}
        contributions.append(Contribution(answer, effects, _toward(effects, slugs)))
    totals = {s: sum((c.effects[s] for c in contributions), Fraction(0)) for s in slugs}
    unranked = [
        TrackScore(t.slug, t.name, totals[t.slug], reach.minimum(t.slug), reach.maximum(t.slug)) for t in tracks
    ]
    ranked = tuple(sorted(unranked, key=lambda s: -s.exact))  # sorted() is stable: ties keep track order
    leader = ranked[0]
    clarity = leader.score - ranked[1].score if len(ranked) > 1 else max(leader.score, 0)
    if leader.score < thresholds.min_lean:
        verdict, contenders = NO_PREFERENCE, ()
    elif clarity >= thresholds.clear_lead:
        verdict, contenders = BEST_FIT, ()
    else:
        verdict = CLOSE_CALL
        contenders = tuple(s for s in ranked[1:] if leader.score - s.score < thresholds.clear_lead)
    return Outcome(ranked, clarity, verdict, tuple(contributions), thresholds, contenders)


def grouped_contributions(outcome: Outcome, tracks: Sequence[TrackRef]) -> dict:
    """The explanation a result stores: moved answers by track, and the ones that counted for nothing."""
    names = {t.slug: t.name for t in tracks}
    return {
        "groups": [
            {"slug": track.slug, "name": track.name, "answers": [c.to_dict(names) for c in moved]}
            for track, moved in outcome.groups()
        ],
        "nothing": [c.to_dict(names) for c in outcome.counted_for_nothing],
    }


# --- Advice that agrees with the verdict ------------------------------------------


def names_and(names: Sequence[str]) -> str:
    """ "A", "A and B", "A, B and C" (in the page's language)."""
    if len(names) < 2:
        return "".join(names)
    # Translators: between the items of a list ("note, link"); Chinese uses "、".
    first = pgettext("list separator", ", ").join(names[:-1])
    return gettext("%(first)s and %(last)s") % {"first": first, "last": names[-1]}


def advice_notes(outcome: Outcome, tracks: Sequence[TrackRef]) -> list[str]:
    """For each answer, a note on how its advice relates to the verdict ("" when there is nothing to say).

    Advice that names a track other than the one the answers lean towards says so,
    so a UX result never reads as a recommendation for Technical PM roles."""
    names = {t.slug: t.name for t in tracks}
    leader = outcome.leader
    leaning = [leader.slug, *(c.slug for c in outcome.contenders)]
    split = names_and([names[s] for s in leaning]) if len(leaning) > 1 else ""
    notes = []
    for contribution in outcome.contributions:
        answer = contribution.answer
        named = answer.advice_track or contribution.toward or ""
        if not answer.advice or named not in names:
            notes.append("")
            continue
        track = names[named]
        if outcome.verdict == NO_PREFERENCE:
            notes.append(
                gettext(
                    "This points to %(track)s; the rest of your answers show no clear preference yet, "
                    "so %(track)s is a good track to read about first."
                )
                % {"track": track}
            )
        elif named in leaning:
            if outcome.verdict == BEST_FIT:
                notes.append(gettext("This matches your result: your answers lean %(track)s.") % {"track": track})
            else:
                notes.append(
                    gettext("This points to %(track)s, one of the tracks your answers are split between.")
                    % {"track": track}
                )
        else:
            lean = gettext("your answers lean %(track)s") % {"track": leader.name}
            if outcome.verdict == CLOSE_CALL:
                lean = gettext("your answers are split between %(tracks)s") % {"tracks": split}
            notes.append(_elsewhere(answer, track, lean))
    return notes


def _elsewhere(answer: Answer, track: str, lean: str) -> str:
    if answer.kind == "industry" and answer.advice_subject:
        # Translators: "Tech companies also hire Technical PMs; your answers lean UX PM." (%(track)ss: the plural).
        return gettext("%(industry)s also hire %(track)ss; %(lean)s.") % {
            "industry": answer.advice_subject,
            "track": track,
            "lean": lean,
        }
    if answer.kind == "background":
        return gettext("Your background points to %(track)s, a head start rather than a requirement; %(lean)s.") % {
            "track": track,
            "lean": lean,
        }
    return gettext("This choice leans %(track)s; %(lean)s.") % {"track": track, "lean": lean}


# --- What changed since the last result --------------------------------------------


def changes(before: Mapping, after: Mapping) -> dict:
    """Scores before -> after and the answers that changed, between two stored
    results ({"method", "scores", "answers"} as saved). A result of the earlier
    method has percentages: `same_scale` says whether the scores compare."""
    same_scale = before.get("method") == after.get("method")
    previous = {s["slug"]: s for s in before.get("scores", [])}
    scores = [
        {
            "slug": s["slug"],
            "name": s["name"],
            "before": _shown(previous.get(s["slug"])),
            "after": _shown(s),
            "change": (s["score"] - previous[s["slug"]]["score"]) if same_scale and s["slug"] in previous else None,
        }
        for s in after.get("scores", [])
    ]

    def key(answer: Mapping) -> str:
        return answer.get("key") or answer["question"]

    old = {key(a): a for a in before.get("answers", [])}
    old_by_text = {a["question"]: a for a in before.get("answers", [])}
    answers, seen = [], set()
    for answer in after.get("answers", []):
        was = old.get(key(answer)) or old_by_text.get(answer["question"])
        if was is not None:
            seen.add(key(was))
        if was is None or was["choice"] != answer["choice"]:
            answers.append({"question": answer["question"], "before": was and was["choice"], "after": answer["choice"]})
    dropped = [a["question"] for k, a in old.items() if k not in seen]
    return {"same_scale": same_scale, "scores": scores, "answers": answers, "dropped": dropped}


def _shown(score: Mapping | None) -> str:
    if score is None:
        return NO_SCORE
    return signed(score["score"]) if "score" in score else f"{score['percent']}%"


def signed(points: int) -> str:
    """+12, -7 written with a true minus sign (read as "minus", not "dash"), or 0."""
    return f"+{points}" if points > 0 else f"{MINUS}{-points}" if points < 0 else "0"


# --- Checking the question set ------------------------------------------------------


def balance_warnings(answers: Iterable[Answer], tracks: Sequence[TrackRef]) -> list[str]:
    """What is wrong with a question set's weights, in words for staff.

    `answers` holds one answer per active question (which option is chosen does
    not matter: only the options are read)."""
    answers = list(answers)
    if not answers or not tracks:
        return []
    slugs = [t.slug for t in tracks]
    names = {t.slug: t.name for t in tracks}
    reach = _reach(_raw_effects(answers, slugs), slugs)
    warnings = []
    for s in slugs:
        if reach.up[s] <= 0:
            warnings.append(
                gettext(
                    "No combination of answers leans towards %(track)s: its maximum cannot be reached, so it can "
                    "never be anyone's best fit. Give it more points than the other tracks on the answers that "
                    "should favour it."
                )
                % {"track": names[s]}
            )
        if reach.down[s] >= 0:
            warnings.append(
                gettext(
                    "No combination of answers leans away from %(track)s: its minimum cannot be reached. Give it "
                    "fewer points than the other tracks on the answers that should count against it."
                )
                % {"track": names[s]}
            )
    lopsided = {
        "towards": gettext(
            "The weights are lopsided: the answers can lean towards %(big)s %(ratio)s times as far as towards "
            "%(small)s before scores are put on one scale, so each answer about %(small)s counts %(ratio)s times "
            "as much. Spread the points more evenly."
        ),
        "away from": gettext(
            "The weights are lopsided: the answers can lean away from %(big)s %(ratio)s times as far as away from "
            "%(small)s before scores are put on one scale, so each answer about %(small)s counts %(ratio)s times "
            "as much. Spread the points more evenly."
        ),
    }
    for label, side in (("towards", reach.up), ("away from", {s: -v for s, v in reach.down.items()})):
        movable = {s: v for s, v in side.items() if v > 0}
        if len(movable) < 2:
            continue
        big = max(movable, key=lambda s: movable[s])
        small = min(movable, key=lambda s: movable[s])
        if movable[big] > LOPSIDED * movable[small]:
            ratio = movable[big] / movable[small]
            shown = f"{float(ratio):.1f}"
            warnings.append(lopsided[label] % {"big": names[big], "small": names[small], "ratio": shown})
    return warnings
