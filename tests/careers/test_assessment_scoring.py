"""Scoring the assessment: plain data in, plain data out (no database, no HTTP).

The article profiles are scored with the real weights, read straight from
fixtures/careers_assessment.json, so the fixture keeps the article's mapping.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import pytest

from careers.assessment import Answer, TrackRef, explain, score, statement

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"
TRACKS = [TrackRef("technical", "Technical PM"), TrackRef("ux", "UX PM"), TrackRef("strategic", "Strategic PM")]
SLUGS = [t.slug for t in TRACKS]

SCALE = {
    "problems": "q-do-you-enjoy-solving-complex-problems",
    "stakeholders": "q-can-you-balance-different-stakeholder-needs",
    "big_picture": "q-are-you-good-at-seeing-the-big-picture",
    "data": "q-do-you-like-making-data-driven-decisions",
    "influence": "q-can-you-influence-without-authority",
    "ambiguity": "q-are-you-comfortable-with-ambiguity",
    "teams": "q-do-you-enjoy-coordinating-cross-functional-teams",
    "users": "q-are-you-passionate-about-user-needs",
}
BACKGROUND, INDUSTRY, ENVIRONMENT = "q-your-background", "q-industry", "q-work-environment"


@cache
def bank() -> dict:
    """Questions, options and weights from the fixtures, as plain dicts."""
    records = [*json.loads((FIXTURES / "careers.json").read_text())]
    records += json.loads((FIXTURES / "careers_assessment.json").read_text())
    questions = {r["fields"]["slug"]: r["fields"] for r in records if r["model"] == "careers.question"}
    options: dict[str, dict[str, dict]] = {}
    for r in records:
        if r["model"] == "careers.answeroption":
            options.setdefault(r["fields"]["question"][0], {})[r["fields"]["slug"]] = {**r["fields"], "points": {}}
    for r in records:
        if r["model"] == "careers.optionweight":
            question, option = r["fields"]["option"]
            options[question][option]["points"][r["fields"]["track"][0]] = r["fields"]["points"]
    return {"questions": questions, "options": options}


def answer(question_slug: str, option_slug: str) -> Answer:
    question = bank()["questions"][question_slug]
    options = bank()["options"][question_slug]
    option = options[option_slug]
    return Answer(
        question=question["text"],
        choice=option["label"],
        explanation=explain(question["text"], question["kind"], option["label"], option["phrase"]),
        points={slug: option["points"].get(slug, 0) for slug in SLUGS},
        max_points={slug: max(o["points"].get(slug, 0) for o in options.values()) for slug in SLUGS},
    )


def profile(scale: dict[str, str], background: str, industry: str, environment: str) -> list[Answer]:
    answers = [answer(slug, scale.get(key, "neutral")) for key, slug in SCALE.items()]
    return [*answers, answer(BACKGROUND, background), answer(INDUSTRY, industry), answer(ENVIRONMENT, environment)]


def plain(points: dict[str, int], maximum: dict[str, int] | None = None, text: str = "") -> Answer:
    return Answer(
        question=text or "Q?",
        choice="Yes",
        explanation=text or "You said yes",
        points=points,
        max_points=maximum or {slug: 4 for slug in SLUGS},
    )


# --- The article's mapping, with the fixture's weights ----------------------

TECHNICAL = profile(
    {"problems": "strongly-agree", "teams": "strongly-agree", "data": "agree"},
    "technical",
    "tech-companies",
    "tech-companies",
)
UX = profile(
    {"users": "strongly-agree", "influence": "strongly-agree", "ambiguity": "agree", "stakeholders": "agree"},
    "design",
    "consumer-products",
    "agencies",
)
STRATEGIC = profile(
    {"big_picture": "strongly-agree", "stakeholders": "strongly-agree", "ambiguity": "strongly-agree", "data": "agree"},
    "business",
    "enterprise-products",
    "enterprise",
)


@pytest.mark.parametrize(("answers", "track"), [(TECHNICAL, "technical"), (UX, "ux"), (STRATEGIC, "strategic")])
def test_each_article_profile_gets_its_track_clearly(answers, track):
    outcome = score(answers, TRACKS, near_tie_margin=5)
    assert outcome.winner.slug == track
    assert not outcome.near_tie
    assert outcome.winner.percent - outcome.scores[1].percent >= 30


@pytest.mark.parametrize(
    ("scale", "track"),
    [
        ({"problems": "strongly-agree", "teams": "strongly-agree", "data": "agree"}, "technical"),
        ({"users": "strongly-agree", "influence": "strongly-agree", "stakeholders": "agree"}, "ux"),
        ({"big_picture": "strongly-agree", "stakeholders": "strongly-agree", "ambiguity": "agree"}, "strategic"),
    ],
)
def test_the_self_discovery_answers_alone_point_to_the_track(scale, track):
    # New to product, no industry in mind, and a work environment that does not favour the track.
    environment = {"technical": "agencies", "ux": "enterprise", "strategic": "tech-companies"}[track]
    outcome = score(profile(scale, "new-to-product", "not-sure", environment), TRACKS, near_tie_margin=5)
    assert outcome.winner.slug == track


@pytest.mark.parametrize(
    ("background", "track"), [("technical", "technical"), ("design", "ux"), ("business", "strategic")]
)
def test_with_neutral_answers_the_background_decides_as_the_article_says(background, track):
    outcome = score(profile({}, background, "not-sure", "startups"), TRACKS, near_tie_margin=5)
    assert outcome.winner.slug == track
    assert outcome.reasons[0].explanation == f"You have a {background} background"


def test_reasons_quote_the_answers_that_counted_most_for_the_winner():
    outcome = score(TECHNICAL, TRACKS, near_tie_margin=5)
    assert [str(r) for r in outcome.reasons] == [
        "You have a technical background: +6 Technical PM",
        "You strongly agreed that you enjoy solving complex problems: +4 Technical PM",
        "You strongly agreed that you enjoy coordinating cross-functional teams: +4 Technical PM",
        "You would like to work in tech companies: +3 Technical PM",
        "You would like a tech company's specialized focus: +2 Technical PM",
    ]


def test_scores_are_percentages_of_each_tracks_maximum():
    outcome = score(TECHNICAL, TRACKS, near_tie_margin=5)
    by_slug = {s.slug: s for s in outcome.scores}
    # 4 + 4 + 1 (agree on data) + 6 + 3 + 2 of 14 + 6 + 3 + 2 possible.
    assert (by_slug["technical"].points, by_slug["technical"].maximum, by_slug["technical"].percent) == (20, 25, 80)
    assert [s.slug for s in outcome.scores] == ["technical", "ux", "strategic"]
    assert all(0 <= s.percent <= 100 for s in outcome.scores)


# --- Ties, neutral answers, margins -----------------------------------------


def test_all_neutral_answers_are_a_three_way_tie_with_nothing_to_explain():
    answers = [answer(slug, "neutral") for slug in SCALE.values()]
    outcome = score(answers, TRACKS, near_tie_margin=5)
    assert [(s.slug, s.points, s.percent) for s in outcome.scores] == [
        ("technical", 0, 0),
        ("ux", 0, 0),
        ("strategic", 0, 0),
    ]
    assert outcome.near_tie
    assert [s.slug for s in outcome.contenders] == ["ux", "strategic"]
    assert outcome.reasons == ()


def test_strongly_agreeing_with_everything_is_a_tie_not_a_win_for_the_most_asked_about_track():
    answers = [answer(slug, "strongly-agree") for slug in SCALE.values()]
    outcome = score(answers, TRACKS, near_tie_margin=0)
    assert {s.percent for s in outcome.scores} == {100}
    assert outcome.near_tie and len(outcome.contenders) == 2


def test_an_exact_tie_keeps_the_tracks_order_and_names_both():
    answers = [plain({"technical": 0, "ux": 3, "strategic": 3})]
    outcome = score(answers, TRACKS, near_tie_margin=0)
    assert [s.slug for s in outcome.scores] == ["ux", "strategic", "technical"]
    assert outcome.near_tie
    assert [s.slug for s in outcome.contenders] == ["strategic"]
    assert not outcome.scores[2].close


@pytest.mark.parametrize(("margin", "near_tie"), [(9, False), (10, True), (50, True)])
def test_near_tie_is_within_the_margin_in_percentage_points(margin, near_tie):
    # 60% against 50%: a ten-point gap.
    answers = [plain({"technical": 6, "ux": 5, "strategic": 0}, {slug: 10 for slug in SLUGS})]
    outcome = score(answers, TRACKS, near_tie_margin=margin)
    assert outcome.winner.slug == "technical"
    assert outcome.near_tie is near_tie
    assert outcome.scores[1].close is near_tie
    assert outcome.scores[2].close is False


def test_percent_rounds_half_up():
    answers = [plain({"technical": 5, "ux": 1, "strategic": 0}, {slug: 8 for slug in SLUGS})]
    assert [s.percent for s in score(answers, TRACKS, 5).scores] == [63, 13, 0]


def test_a_track_no_question_speaks_to_scores_zero_not_an_error():
    answers = [plain({"technical": 2, "ux": 0, "strategic": 0}, {"technical": 2, "ux": 2, "strategic": 0})]
    outcome = score(answers, TRACKS, 5)
    assert outcome.scores[-1].slug == "strategic" and outcome.scores[-1].percent == 0


def test_scoring_needs_tracks():
    with pytest.raises(ValueError, match="at least one track"):
        score([], [], 5)


def test_answers_that_favour_another_track_are_not_reasons_for_the_winner():
    answers = [
        plain({"technical": 4, "ux": 0, "strategic": 0}, text="Tech all the way"),
        plain({"technical": 2, "ux": 0, "strategic": 4}, text="Leans strategic"),
        plain({"technical": 3, "ux": 3, "strategic": 3}, text="Same for everyone"),
    ]
    outcome = score(answers, TRACKS, 5)
    assert outcome.winner.slug == "technical"
    assert [r.explanation for r in outcome.reasons] == ["Tech all the way"]


def test_at_most_five_reasons_biggest_first():
    answers = [plain({"technical": p, "ux": 0, "strategic": 0}, text=f"Answer {p}") for p in (1, 2, 3, 4, 1, 2, 3)]
    reasons = score(answers, TRACKS, 5).reasons
    assert [r.points for r in reasons] == [4, 3, 3, 2, 2]
    assert [r.explanation for r in reasons[1:3]] == ["Answer 3", "Answer 3"]


# --- Saved results stay as they were ----------------------------------------


def test_a_saved_result_is_unchanged_after_a_question_is_deactivated():
    saved_answers = [a.to_dict() for a in UX]
    saved_outcome = score(UX, TRACKS, near_tie_margin=5)
    saved = {
        "scores": [s.to_dict() for s in saved_outcome.scores],
        "reasons": [r.to_dict() for r in saved_outcome.reasons],
    }
    stored = json.loads(json.dumps({"answers": saved_answers, **saved}))  # what the JSON columns hold

    # Staff deactivate "Are you passionate about user needs?": new visitors are scored without it ...
    deactivated = bank()["questions"][SCALE["users"]]["text"]
    today = score([a for a in UX if a.question != deactivated], TRACKS, near_tie_margin=5)
    assert [s.to_dict() for s in today.scores] != saved["scores"]

    # ... while the saved result still holds the question, the answer and the scores it was given.
    assert any(a["question"] == deactivated and a["choice"] == "Strongly agree" for a in stored["answers"])
    assert stored["scores"] == saved["scores"]
    assert stored["reasons"][0]["text"] == "You have a design background: +6 UX PM"
    rescored = score([Answer(**a) for a in stored["answers"]], TRACKS, near_tie_margin=5)
    assert [s.to_dict() for s in rescored.scores] == stored["scores"]


# --- How answers read ---------------------------------------------------------


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
