"""Properties of the scoring that hold for any question set and any weights (hypothesis).

Questions, options, points (0-20, as the admin allows), the number of tracks
and the thresholds are all generated; no database, no HTTP.
"""

from __future__ import annotations

import json
import os

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from careers.assessment import (
    FULL,
    NO_PREFERENCE,
    SCALE,
    Answer,
    Thresholds,
    TrackRef,
    answer_effects,
    score,
)

# PROPERTY_EXAMPLES=2000 for a long local run.
PROPERTIES = settings(max_examples=int(os.environ.get("PROPERTY_EXAMPLES", "100")), deadline=None)
POINTS = st.integers(min_value=0, max_value=20)


@st.composite
def tracks(draw) -> list[TrackRef]:
    count = draw(st.integers(min_value=2, max_value=4))
    return [TrackRef(f"t{i}", f"Track {i}") for i in range(count)]


def options(slugs: list[str], size: int):
    return st.lists(st.fixed_dictionaries(dict.fromkeys(slugs, POINTS)), min_size=size, max_size=size).map(tuple)


@st.composite
def questionnaires(draw, *, choice_questions: bool = True):
    """(tracks, answers): scale questions of 5 options (some of 3), a few other questions, any answers."""
    refs = draw(tracks())
    slugs = [t.slug for t in refs]
    answers = []
    for i in range(draw(st.integers(min_value=1, max_value=8))):
        opts = draw(options(slugs, draw(st.sampled_from([5, 5, 5, 3]))))
        position = draw(st.integers(min_value=0, max_value=len(opts) - 1))
        answers.append(Answer(f"Scale {i}?", f"Level {position}", position, opts, kind=SCALE, key=f"s{i}"))
    for i in range(draw(st.integers(min_value=0, max_value=3)) if choice_questions else 0):
        opts = draw(options(slugs, draw(st.integers(min_value=2, max_value=6))))
        position = draw(st.integers(min_value=0, max_value=len(opts) - 1))
        answers.append(Answer(f"Choice {i}", f"Option {position}", position, opts, kind="industry", key=f"c{i}"))
    return refs, answers


THRESHOLDS = st.builds(Thresholds, st.integers(min_value=1, max_value=FULL), st.integers(min_value=1, max_value=FULL))


def rank_of(outcome, slug: str) -> int:
    return [s.slug for s in outcome.scores].index(slug)


def moved(answer: Answer, position: int) -> Answer:
    return Answer(**{**answer.__dict__, "position": position})


@PROPERTIES
@given(questionnaire=questionnaires(), thresholds=THRESHOLDS, order=st.randoms(use_true_random=False))
def test_answer_order_does_not_matter(questionnaire, thresholds, order):
    refs, answers = questionnaire
    shuffled = list(answers)
    order.shuffle(shuffled)
    before, after = score(answers, refs, thresholds), score(shuffled, refs, thresholds)
    assert [(s.slug, s.exact) for s in after.scores] == [(s.slug, s.exact) for s in before.scores]
    assert (after.verdict, after.clarity) == (before.verdict, before.clarity)
    assert {c.answer.key: c.effects for c in after.contributions} == {
        c.answer.key: c.effects for c in before.contributions
    }


@PROPERTIES
@given(data=st.data(), thresholds=THRESHOLDS)
def test_any_uniform_answer_pattern_gives_no_winner(data, thresholds):
    # The same answer to every scale question (on each scale size), and other answers that favour no track.
    refs, answers = data.draw(questionnaires(choice_questions=False))
    level = {size: data.draw(st.integers(min_value=0, max_value=size - 1)) for size in (3, 5)}
    uniform = [moved(a, level[len(a.options)]) for a in answers]
    for i in range(data.draw(st.integers(min_value=0, max_value=2))):
        same = data.draw(POINTS)
        others = data.draw(options([t.slug for t in refs], data.draw(st.integers(min_value=1, max_value=4))))
        neutral = dict.fromkeys([t.slug for t in refs], same)
        uniform.append(Answer(f"Choice {i}", "No preference", len(others), (*others, neutral), kind="industry"))
    outcome = score(uniform, refs, thresholds)
    assert outcome.verdict == NO_PREFERENCE
    assert [s.score for s in outcome.scores] == [0] * len(refs)
    assert outcome.clarity == 0
    assert all(c.toward is None for c in outcome.contributions)  # every answer counted for nothing


@PROPERTIES
@given(data=st.data(), thresholds=THRESHOLDS)
def test_raising_an_answer_that_favours_a_track_never_lowers_its_score_or_rank(data, thresholds):
    refs, answers = data.draw(questionnaires())
    j = data.draw(st.sampled_from([i for i, a in enumerate(answers) if a.kind == SCALE]), label="question")
    low = answers[j].position
    assume(low < len(answers[j].options) - 1)
    high = data.draw(st.integers(min_value=low + 1, max_value=len(answers[j].options) - 1), label="raised to")
    # What the raise does to each track, as the admin's effect table shows it (every other answer unchanged).
    table = answer_effects(answers, refs)[j]
    gain = {t.slug: table[high][t.slug] - table[low][t.slug] for t in refs}
    favoured = max(gain, key=gain.get)
    assume(gain[favoured] >= 0)

    before = score(answers, refs, thresholds)
    after = score([*answers[:j], moved(answers[j], high), *answers[j + 1 :]], refs, thresholds)
    by_slug = {s.slug: s for s in before.scores}
    raised = next(s for s in after.scores if s.slug == favoured)
    assert raised.exact - by_slug[favoured].exact == gain[favoured]  # the table is the true effect
    assert raised.score >= by_slug[favoured].score
    assert rank_of(after, favoured) <= rank_of(before, favoured)


@PROPERTIES
@given(questionnaire=questionnaires(), thresholds=THRESHOLDS)
def test_the_same_answers_always_give_the_same_result(questionnaire, thresholds):
    refs, answers = questionnaire
    first = score(answers, refs, thresholds)
    # Also once stored as JSON and read back, as a saved result is.
    stored = [Answer.from_dict(json.loads(json.dumps(a.to_dict()))) for a in answers]
    for again in (score(answers, refs, thresholds), score(stored, refs, thresholds)):
        assert [(s.slug, s.exact, s.minimum, s.maximum) for s in again.scores] == [
            (s.slug, s.exact, s.minimum, s.maximum) for s in first.scores
        ]
        assert (again.verdict, again.clarity, again.contenders) == (first.verdict, first.clarity, first.contenders)
        assert [c.effects for c in again.contributions] == [c.effects for c in first.contributions]


@PROPERTIES
@given(questionnaire=questionnaires(), thresholds=THRESHOLDS)
def test_scores_are_within_their_stated_range_and_every_track_can_reach_the_top(questionnaire, thresholds):
    refs, answers = questionnaire
    outcome = score(answers, refs, thresholds)
    for track in outcome.scores:
        assert track.minimum <= track.score <= track.maximum
        # A track the questions can lean towards at all reaches the same top as every other.
        assert track.maximum == FULL or track.maximum <= 0
    assert outcome.clarity >= 0


@PROPERTIES
@given(questionnaire=questionnaires(), thresholds=THRESHOLDS)
def test_a_score_is_the_sum_of_the_contributions_shown(questionnaire, thresholds):
    refs, answers = questionnaire
    outcome = score(answers, refs, thresholds)
    for track in outcome.scores:
        assert sum(c.effects[track.slug] for c in outcome.contributions) == track.exact


@PROPERTIES
@given(questionnaire=questionnaires(), thresholds=THRESHOLDS)
def test_the_verdict_follows_the_thresholds(questionnaire, thresholds):
    refs, answers = questionnaire
    outcome = score(answers, refs, thresholds)
    leader, runner_up = outcome.scores[0], outcome.scores[1]
    assert outcome.clarity == leader.score - runner_up.score
    if leader.score < thresholds.min_lean:
        assert outcome.verdict == "no_preference" and outcome.contenders == ()
    elif outcome.clarity >= thresholds.clear_lead:
        assert outcome.verdict == "best_fit" and outcome.contenders == ()
    else:
        assert outcome.verdict == "close_call" and outcome.contenders[0] == runner_up
