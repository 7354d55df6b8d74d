"""Scoring the assessment with the shipped weights: plain data in, plain data out (no database, no HTTP).

The profiles are scored with the real weights, read straight from the fixtures
(tests/careers/fixture_bank.py); properties for any weights are in
test_assessment_properties.py.
"""

from __future__ import annotations

import dataclasses
import json
from fractions import Fraction
from pathlib import Path

import pytest

from careers.assessment import (
    BEST_FIT,
    CLOSE_CALL,
    NO_PREFERENCE,
    Answer,
    Thresholds,
    TrackRef,
    advice_notes,
    answer_effects,
    balance_warnings,
    changes,
    explain,
    grouped_contributions,
    rounded,
    score,
    signed,
    statement,
)
from tests.careers.fixture_bank import (
    CLOSE,
    INDUSTRY,
    SCALE,
    STRATEGIC,
    TECHNICAL,
    TRACKS,
    UX,
    profile,
    uniform,
)

DEFAULTS = Thresholds(min_lean=20, clear_lead=15)  # what AssessmentSettings starts with
V1_RESULTS = json.loads((Path(__file__).parent / "data" / "v1_results.json").read_text())


def outcome(answers, thresholds=DEFAULTS):
    return score(answers, TRACKS, thresholds)


def scores(result) -> dict[str, int]:
    return {s.slug: s.score for s in result.scores}


# --- A uniform response style says nothing about preference ----------------------


@pytest.mark.parametrize("level", ["strongly-agree", "agree", "neutral", "disagree", "strongly-disagree"])
def test_answering_every_question_the_same_way_is_no_clear_preference(level):
    result = outcome(uniform(level))
    assert result.verdict == NO_PREFERENCE
    assert scores(result) == {"technical": 0, "ux": 0, "strategic": 0}
    assert result.clarity == 0
    assert result.groups() == []
    assert len(result.counted_for_nothing) == 11  # every answer, and the result says so


def test_strongly_agreeing_with_everything_no_longer_makes_the_first_track_win():
    # The case: v1 gave "100 % Technical PM" because every track hit its maximum.
    result = outcome(uniform("strongly-agree"))
    assert result.verdict == NO_PREFERENCE
    assert result.contenders == ()


def test_with_uniform_answers_the_background_alone_leans_but_is_not_enough_for_a_verdict():
    result = outcome(uniform("strongly-agree", background="design"))
    assert scores(result) == {"ux": 19, "technical": -10, "strategic": -10}
    assert result.verdict == NO_PREFERENCE  # one answer is below the lean staff ask for (20)
    assert outcome(uniform("strongly-agree", background="design"), Thresholds(15, 15)).verdict == BEST_FIT


# --- Clear profiles ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("answers", "expected"),
    [
        (TECHNICAL, {"technical": 64, "strategic": -30, "ux": -34}),
        (UX, {"ux": 63, "strategic": -29, "technical": -34}),
        (STRATEGIC, {"strategic": 61, "ux": -26, "technical": -36}),
    ],
    ids=["technical", "ux", "strategic"],
)
def test_a_clear_profile_is_the_best_fit_for_its_track(answers, expected):
    result = outcome(answers)
    assert result.verdict == BEST_FIT
    assert [s.slug for s in result.scores] == list(expected)
    assert scores(result) == expected
    first, second, _ = expected.values()
    assert result.clarity == first - second


def test_a_clear_ux_profile_lists_its_top_answers_under_ux_biggest_first():
    result = outcome(UX)
    (track, pulled), *_ = result.groups()
    assert track.slug == "ux"
    assert [(c.answer.explanation, c.size) for c in pulled[:4]] == [
        ("You have a design background", 19),
        ("You would like to work in consumer products", 10),
        ("You strongly agreed that you can influence without authority", 9),
        ("You strongly agreed that you are passionate about user needs", 9),
    ]
    assert [c.size for c in pulled] == sorted((c.size for c in pulled), reverse=True)
    # Every answer is shown once: under the track it pulled towards, or as counting for nothing.
    shown = [c.answer.key for _, group in result.groups() for c in group] + [
        c.answer.key for c in result.counted_for_nothing
    ]
    assert sorted(shown) == sorted(a.key for a in UX)


def test_an_answer_below_the_persons_own_average_counts_against_its_track():
    # A UX profile answered "neutral" to the technical questions: lower than usual, so away from Technical PM.
    contribution = next(c for c in outcome(UX).contributions if c.answer.key == SCALE["problems"])
    assert contribution.effects["technical"] < 0
    assert contribution.toward != "technical"


@pytest.mark.parametrize(
    ("scale", "track"),
    [
        ({"problems": "strongly-agree", "teams": "strongly-agree", "data": "agree"}, "technical"),
        ({"users": "strongly-agree", "influence": "strongly-agree", "ambiguity": "agree"}, "ux"),
        ({"big_picture": "strongly-agree", "stakeholders": "strongly-agree", "ambiguity": "agree"}, "strategic"),
    ],
)
def test_the_self_discovery_answers_alone_point_to_the_track(scale, track):
    result = outcome(profile(scale))
    assert result.verdict == BEST_FIT
    assert result.leader.slug == track


def test_a_close_call_names_the_tracks_it_is_between():
    result = outcome(CLOSE)
    assert result.verdict == CLOSE_CALL
    assert scores(result) == {"ux": 21, "strategic": 12, "technical": -33}
    assert result.clarity == 9
    assert [s.slug for s in result.contenders] == ["strategic"]


@pytest.mark.parametrize(
    ("thresholds", "verdict"),
    [
        (Thresholds(min_lean=21, clear_lead=9), BEST_FIT),  # a lead of exactly the clear lead is clear
        (Thresholds(min_lean=21, clear_lead=10), CLOSE_CALL),
        (Thresholds(min_lean=22, clear_lead=9), NO_PREFERENCE),  # the leader's +21 is under the lean asked for
    ],
)
def test_the_thresholds_decide_between_best_fit_close_call_and_no_preference(thresholds, verdict):
    assert outcome(CLOSE, thresholds).verdict == verdict


@pytest.mark.parametrize(("min_lean", "clear_lead"), [(0, 15), (20, 0), (101, 15), (20, 101)])
def test_thresholds_are_between_1_and_100(min_lean, clear_lead):
    # Zero would let "agree with everything" (all scores 0) through as a lean.
    with pytest.raises(ValueError, match="between 1 and 100"):
        Thresholds(min_lean, clear_lead)


# --- One scale, every answer's weight visible ----------------------------------------


def test_every_track_reaches_plus_100_and_as_far_below_zero_with_the_shipped_weights():
    assert {(s.minimum, s.maximum) for s in outcome(UX).scores} == {(-86, 100)}
    assert balance_warnings(profile(), TRACKS) == []


def test_a_score_is_the_sum_of_its_contributions_and_each_is_in_score_units():
    result = outcome(TECHNICAL)
    for track in result.scores:
        assert sum(c.effects[track.slug] for c in result.contributions) == track.exact
    stored = grouped_contributions(result, TRACKS)
    assert stored["groups"][0]["slug"] == "technical"
    first = stored["groups"][0]["answers"][0]
    assert first["explanation"] == "You have a technical background"
    assert first["size"] == 19
    assert first["effects"] == [
        {"slug": "technical", "name": "Technical PM", "points": 19},
        {"slug": "ux", "name": "UX PM", "points": -10},
        {"slug": "strategic", "name": "Strategic PM", "points": -10},
    ]


ARTICLE = {
    "problems": {"technical"},
    "teams": {"technical"},
    "data": {"technical", "strategic"},
    "users": {"ux"},
    "influence": {"ux"},
    "ambiguity": {"ux", "strategic"},
    "stakeholders": {"ux", "strategic"},
    "big_picture": {"strategic"},
}


@pytest.mark.parametrize("name", list(SCALE))
def test_agreeing_more_with_a_question_favours_the_tracks_the_article_names(name):
    table = answer_effects(profile(), TRACKS)[list(SCALE).index(name)]
    assert table[2] == {"technical": 0, "ux": 0, "strategic": 0}  # against the middle answer
    gain = {slug: table[4][slug] - table[0][slug] for slug in table[0]}
    favoured, others = ARTICLE[name], set(gain) - ARTICLE[name]
    assert min(gain[s] for s in favoured) > max(gain[s] for s in others)


def test_rounding_is_half_away_from_zero_and_signs_are_shown():
    assert [rounded(Fraction(n, 2)) for n in (5, -5, 1, -1)] == [3, -3, 1, -1]
    assert rounded(Fraction(1, 3)) == 0
    assert [signed(n) for n in (12, 0, -7)] == ["+12", "0", "\u22127"]


# --- Advice consistent with the verdict ----------------------------------------------


def advised(answers, key, **advice):
    return [
        dataclasses.replace(a, advice="Advice", advice_title="Title", **advice) if a.key == key else a for a in answers
    ]


def test_industry_advice_that_names_another_track_says_why():
    answers = profile(
        {"users": "strongly-agree", "influence": "strongly-agree", "ambiguity": "agree"},
        "design",
        "tech-companies",
        "agencies",
    )
    answers = advised(answers, INDUSTRY, kind="industry", advice_subject="Tech companies", advice_track="technical")
    result = outcome(answers)
    assert result.verdict == BEST_FIT and result.leader.slug == "ux"
    notes = advice_notes(result, TRACKS)
    assert notes[[a.key for a in answers].index(INDUSTRY)] == (
        "Tech companies also hire Technical PMs; your answers lean UX PM."
    )
    assert notes.count("") == len(answers) - 1  # only answers with advice get a note


def test_advice_for_the_leading_track_says_it_matches():
    answers = advised(UX, "q-your-background", kind="background", advice_track="ux")
    notes = advice_notes(outcome(answers), TRACKS)
    assert "This matches your result: your answers lean UX PM." in notes


def test_background_advice_for_another_track_in_a_close_call():
    answers = advised(CLOSE, "q-your-background", kind="background", advice_track="technical")
    notes = advice_notes(outcome(answers), TRACKS)
    assert (
        "Your background points to Technical PM, a head start rather than a requirement; "
        "your answers are split between UX PM and Strategic PM." in notes
    )


def test_advice_when_there_is_no_clear_preference_yet():
    answers = advised(uniform("agree", background="business"), "q-your-background", kind="background")
    answers = advised(answers, "q-your-background", kind="background", advice_track="strategic")
    result = outcome(answers)
    assert result.verdict == NO_PREFERENCE
    assert (
        "This points to Strategic PM; the rest of your answers show no clear preference yet, "
        "so Strategic PM is a good track to read about first." in advice_notes(result, TRACKS)
    )


def test_an_environment_names_the_track_its_answer_leaned_towards():
    answers = advised(UX, "q-work-environment", kind="environment", advice_subject="Tech companies")
    answers = [
        dataclasses.replace(a, position=1, choice="Tech companies") if a.key == "q-work-environment" else a
        for a in answers
    ]
    notes = advice_notes(outcome(answers), TRACKS)
    assert "This choice leans Technical PM; your answers lean UX PM." in notes


# --- What changed since the last result ----------------------------------------------


def stored(answers, method="v2") -> dict:
    result = outcome(answers)
    return {
        "method": method,
        "scores": [s.to_dict() for s in result.scores],
        "answers": [a.to_dict() for a in answers],
    }


def test_changes_between_two_results_list_scores_before_and_after_and_changed_answers():
    diff = changes(stored(TECHNICAL), stored(UX))
    assert diff["same_scale"]
    assert diff["scores"][0] == {"slug": "ux", "name": "UX PM", "before": "\u221234", "after": "+63", "change": 97}
    changed = {a["question"]: (a["before"], a["after"]) for a in diff["answers"]}
    assert changed["Your background"] == ("Technical background", "Design background")
    assert changed["Do you enjoy solving complex problems?"] == ("Strongly agree", "Neither agree nor disagree")
    assert "Can you balance different stakeholder needs?" not in changed  # neutral both times
    assert diff["dropped"] == []


def test_changes_since_a_result_of_the_earlier_method_say_the_scales_differ():
    before = {"method": "v1", **V1_RESULTS["technical_near_tie"]}
    diff = changes(before, stored(TECHNICAL))
    assert not diff["same_scale"]
    assert diff["scores"][0] == {
        "slug": "technical",
        "name": "Technical PM",
        "before": "80%",
        "after": "+64",
        "change": None,
    }
    # v1 answers have no question key: they are matched by the question's text (the same answers here).
    assert diff["answers"] == []
    assert diff["dropped"] == []


def test_a_question_added_or_dropped_since_shows_as_such():
    before = stored(TECHNICAL)
    before["answers"] = [a for a in before["answers"] if a["key"] != INDUSTRY]
    before["answers"].append({"key": "q-old", "question": "Do you like travel?", "choice": "Agree"})
    diff = changes(before, stored(TECHNICAL))
    assert diff["answers"] == [
        {"question": "Industry you'd like to work in", "before": None, "after": "Tech companies"}
    ]
    assert diff["dropped"] == ["Do you like travel?"]


# --- Checking staff's weights -----------------------------------------------------------


def choice(points: list[dict[str, int]], key: str) -> Answer:
    return Answer(key, "Option 0", 0, tuple(points), kind="industry", key=key)


THREE = [TrackRef("technical", "Technical PM"), TrackRef("ux", "UX PM"), TrackRef("strategic", "Strategic PM")]


def test_a_track_no_answer_can_favour_is_reported_unreachable():
    answers = [
        choice([{"technical": 4, "ux": 0, "strategic": 0}, {"technical": 0, "ux": 4, "strategic": 0}], "a"),
        choice([{"technical": 2, "ux": 2, "strategic": 0}, {"technical": 0, "ux": 0, "strategic": 0}], "b"),
    ]
    warnings = balance_warnings(answers, THREE)
    assert any(w.startswith("No combination of answers leans towards Strategic PM") for w in warnings)


def test_lopsided_weights_are_reported_with_how_much_more_an_answer_counts():
    answers = [
        choice([{"technical": 12, "ux": 0, "strategic": 0}, {"technical": 0, "ux": 0, "strategic": 0}], "a"),
        choice([{"technical": 0, "ux": 3, "strategic": 0}, {"technical": 0, "ux": 0, "strategic": 3}], "b"),
    ]
    warnings = balance_warnings(answers, THREE)
    # Technical PM can be lifted 7 points, UX PM 2: after normalising, a UX answer would weigh 3.5 times as much.
    assert any(
        "lean towards Technical PM 3.5 times as far as towards UX PM before scores are put on one scale, so each "
        "answer about UX PM counts 3.5 times as much" in w
        for w in warnings
    ), warnings


# --- How answers read ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("Do you enjoy solving complex problems?", "you enjoy solving complex problems"),
        ("Can you balance different stakeholder needs?", "you can balance different stakeholder needs"),
        ("Are you good at seeing the big picture?", "you are good at seeing the big picture"),
        ("Do you like making data-driven decisions?", "you like making data-driven decisions"),
        ("Are you comfortable with ambiguity?", "you are comfortable with ambiguity"),
        ("Would you rather build than sell?", "you would rather build than sell"),
        ("Your background", None),
        ("How much do you travel?", None),
    ],
)
def test_statement(question, expected):
    assert statement(question) == expected


def test_explain_uses_the_phrase_or_quotes_the_question():
    assert explain("Are you passionate about user needs?", "scale", "Agree", "agreed") == (
        "You agreed that you are passionate about user needs"
    )
    assert explain("Your background", "background", "Design background", "have a design background") == (
        "You have a design background"
    )
    assert explain("Are you passionate about user needs?", "scale", "Agree", "") == (
        "You answered “Agree” to “Are you passionate about user needs?”"
    )
    assert explain("Pick a colour", "scale", "Blue", "chose") == "You answered “Blue” to “Pick a colour”"


def test_an_answer_must_pick_one_of_its_options():
    with pytest.raises(ValueError, match="picks option 3 of 2"):
        Answer("Q?", "Yes", 3, ({"technical": 1}, {"technical": 0}))
