"""The shipped questions, options and weights, read straight from fixtures/ as plain `Answer`s.

Scoring tests use the real weights without a database, so the fixtures keep the
article's mapping and stay balanced across the tracks."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

from careers.assessment import Answer, TrackRef, explain

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
LEVELS = ["strongly-disagree", "disagree", "neutral", "agree", "strongly-agree"]


@cache
def bank() -> dict:
    """Questions and their options (with points by track, in order) from the fixtures, as plain dicts."""
    records = [*json.loads((FIXTURES / "careers.json").read_text())]
    records += json.loads((FIXTURES / "careers_assessment.json").read_text())
    questions = {r["fields"]["slug"]: r["fields"] for r in records if r["model"] == "careers.question"}
    options: dict[str, list[dict]] = {}
    for r in records:
        if r["model"] == "careers.answeroption":
            options.setdefault(r["fields"]["question"][0], []).append({**r["fields"], "points": {}})
    for r in records:
        if r["model"] == "careers.optionweight":
            question, option = r["fields"]["option"]
            row = next(o for o in options[question] if o["slug"] == option)
            row["points"][r["fields"]["track"][0]] = r["fields"]["points"]
    for rows in options.values():
        rows.sort(key=lambda o: o["order"])
    return {"questions": questions, "options": options}


def answer(question_slug: str, option_slug: str) -> Answer:
    question = bank()["questions"][question_slug]
    options = bank()["options"][question_slug]
    position = [o["slug"] for o in options].index(option_slug)
    option = options[position]
    return Answer(
        key=question_slug,
        question=question["text_en"],
        kind=question["kind"],
        choice=option["label_en"],
        position=position,
        options=tuple({slug: o["points"].get(slug, 0) for slug in SLUGS} for o in options),
        explanation=explain(question["text_en"], question["kind"], option["label_en"], option["phrase_en"]),
    )


def profile(
    scale: dict[str, str] | None = None,
    background: str = "new-to-product",
    industry: str = "not-sure",
    environment: str = "not-sure",
) -> list[Answer]:
    """Every question answered: scale answers by short name (default neutral), then the other three."""
    answers = [answer(slug, (scale or {}).get(key, "neutral")) for key, slug in SCALE.items()]
    return [*answers, answer(BACKGROUND, background), answer(INDUSTRY, industry), answer(ENVIRONMENT, environment)]


def uniform(level: str, **others: str) -> list[Answer]:
    return profile(dict.fromkeys(SCALE, level), **others)


# Clear profiles from the article's mapping, one per track.
TECHNICAL = profile(
    {"problems": "strongly-agree", "teams": "strongly-agree", "data": "agree"},
    "technical",
    "tech-companies",
    "tech-companies",
)
UX = profile(
    {"users": "strongly-agree", "influence": "strongly-agree", "ambiguity": "agree"},
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
# A designer drawn to enterprise products who loves ambiguity and stakeholders: UX and Strategic almost level.
CLOSE = profile({"ambiguity": "strongly-agree", "stakeholders": "strongly-agree"}, "design", "enterprise-products")
