"""The result page of the preference profile (v2): verdict, chart, reasons, advice, what changed, the tracks side
by side; results of the earlier method (v1) still shown exactly as they were; the history labels each method."""

from __future__ import annotations

import datetime
import html
import importlib
import json
import re
from pathlib import Path

import pytest
from django.apps import apps
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from pytest_django.asserts import assertContains, assertInHTML, assertNotContains

from careers.models import AssessmentResult, AssessmentSettings, Track
from tests.careers.assessment_helpers import TECHNICAL, UX, take_assessment

pytestmark = pytest.mark.django_db

DATA = Path(__file__).parent / "data"
CLOSE = {
    "q-are-you-comfortable-with-ambiguity": "strongly-agree",
    "q-can-you-balance-different-stakeholder-needs": "strongly-agree",
    "q-your-background": "design",
    "q-industry": "enterprise-products",
}
MINUS = "\u2212"


def result_of(response) -> AssessmentResult:
    return AssessmentResult.objects.get(pk=response.url.rstrip("/").split("/")[-1])


def main_text(response) -> str:
    """The page's main content as a reader sees it: tags dropped, entities decoded, spaces collapsed."""
    main = re.search(r"<main[^>]*>(.*)</main>", response.content.decode(), re.S).group(1)
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", main))).replace(" ,", ",").replace(" :", ":")


# --- A best fit -------------------------------------------------------------------------


def test_a_best_fit_shows_the_verdict_the_profile_and_how_it_was_reached(client):
    response = client.get(take_assessment(client, TECHNICAL).url)
    assert response.status_code == 200
    text = main_text(response)
    assertContains(response, "<h1>Your best fit: Technical PM</h1>", html=True)
    assert "It scores +64, 94 points ahead of Strategic PM (a clear lead needs 15)." in text
    # The chart: bars on one scale, named and described, with a text version.
    assertContains(response, 'role="img" aria-labelledby="profile-title" aria-describedby="profile-desc"')
    assert (
        f"Bars on one scale from {MINUS}100 to +100, zero marked: Technical PM +64, Strategic PM {MINUS}30, "
        f"UX PM {MINUS}34." in text
    )
    assertInHTML(
        f"<tr><th scope='row'>Strategic PM</th><td>{MINUS}30</td><td>{MINUS}86</td><td>+100</td></tr>",
        response.content.decode(),
    )
    # Why: the answers grouped by the track they pulled towards, in the scores' units, biggest first.
    assert text.index("Towards Technical PM") < text.index("Towards Strategic PM")
    assert f"You have a technical background: +19 Technical PM, {MINUS}10 UX PM, {MINUS}10 Strategic PM" in text
    assert text.index("You have a technical background") < text.index("You would like to work in tech companies: +10")
    assert "You agreed that you like making data-driven decisions: +2 Strategic PM" in text
    # Advice says how it relates to the verdict.
    assert "Technical PM path leverages your engineering knowledge This matches your result" in text
    # The tracks side by side, in the order of the scores, each linked to its page.
    columns = re.findall(r'<section class="track-column track-([a-z]+)"', response.content.decode())
    assert columns == ["technical", "strategic", "ux"]
    for slug in ("technical", "ux", "strategic"):
        assertContains(response, f'href="{reverse("careers:track", args=[slug])}"')
    # Anonymous visitors are asked to sign up to start the track, coming back to this result.
    assertContains(response, f'href="{reverse("account_signup")}?next={response.request["PATH_INFO"]}"')
    assert "Sign up to start this track: Technical PM" in text
    assert "Sign up to start UX PM" in text  # each column's own action


def test_signed_in_best_fit_starts_the_track_with_real_forms(owner_client):
    response = owner_client.get(take_assessment(owner_client, UX).url)
    for slug in ("ux", "technical", "strategic"):
        assertContains(
            response,
            f'<form method="post" action="{reverse("plans:start", args=[slug])}">',
            count=2 if slug == "ux" else 1,
        )
    assert "Start this track: UX PM" in main_text(response)
    assert "Start Strategic PM" in main_text(response)


def test_advice_that_names_another_track_says_why(client):
    answers = {**UX, "q-industry": "tech-companies"}
    response = client.get(take_assessment(client, answers).url)
    text = main_text(response)
    assert "Your best fit: UX PM" in text
    assert (
        "Industry: Tech companies An industry where Technical PM roles are in demand. "
        "Tech companies also hire Technical PMs; your answers lean UX PM." in text
    )


# --- A close call and no preference --------------------------------------------------------


def test_a_close_call_names_both_tracks_and_offers_to_compare_them(client):
    response = client.get(take_assessment(client, CLOSE).url)
    text = main_text(response)
    assertContains(response, "<h1>A close call: UX PM or Strategic PM</h1>", html=True)
    assert (
        "Your answers lean towards UX PM (+21) and Strategic PM (+12) almost equally: UX PM is only 9 points "
        "ahead, and a clear lead needs 15." in text
    )
    assert "Explore UX PM track" in text and "Explore Strategic PM track" in text
    assert "Sign up to start this track" not in text  # no single track is recommended
    result = AssessmentResult.objects.get()
    assert result.verdict == AssessmentResult.Verdict.CLOSE_CALL and result.near_tie
    assert result.recommended_slug == "ux"  # the leader, for whatever needs one


def test_staff_thresholds_move_the_same_answers_between_verdicts(client):
    AssessmentSettings.objects.update_or_create(pk=1, defaults={"min_lean": 21, "clear_lead": 9})
    take_assessment(client, CLOSE)
    AssessmentSettings.objects.update_or_create(pk=1, defaults={"min_lean": 22, "clear_lead": 9})
    take_assessment(client, CLOSE)
    best, nothing = AssessmentResult.objects.order_by("pk")
    assert (best.verdict, best.min_lean, best.clear_lead) == ("best_fit", 21, 9)
    assert (nothing.verdict, nothing.min_lean) == ("no_preference", 22)


@pytest.mark.parametrize("level", ["strongly-agree", "neutral", "strongly-disagree"])
def test_answering_everything_alike_is_no_clear_preference_with_what_to_explore(client, level):
    scale = {
        slug: level
        for slug in [
            "q-do-you-enjoy-solving-complex-problems",
            "q-can-you-balance-different-stakeholder-needs",
            "q-are-you-good-at-seeing-the-big-picture",
            "q-do-you-like-making-data-driven-decisions",
            "q-can-you-influence-without-authority",
            "q-are-you-comfortable-with-ambiguity",
            "q-do-you-enjoy-coordinating-cross-functional-teams",
            "q-are-you-passionate-about-user-needs",
        ]
    }
    response = client.get(take_assessment(client, scale).url)
    text = main_text(response)
    assertContains(response, "<h1>No clear preference yet</h1>", html=True)
    assert "What to explore" in text
    assertContains(response, f'href="{reverse("careers:courses")}?track=general"')
    assert "None of your answers moved the result" in text
    assert "Counted for nothing (11):" in text
    assert "Sign up to start this track" not in text
    result = AssessmentResult.objects.get()
    assert result.scores[0]["score"] == result.scores[1]["score"] == result.scores[2]["score"] == 0
    assert (result.recommended_track, result.recommended_slug, result.recommended_name) == (None, "", "")
    assert str(result).startswith("No clear preference yet · ")


def test_the_background_alone_is_named_but_no_verdict(client):
    response = client.get(take_assessment(client, {"q-your-background": "business"}).url)
    text = main_text(response)
    assert "No clear preference yet" in text
    assert "the highest score is Strategic PM\u2019s +19, and a lean needs at least +20" in text
    assert (
        "This points to Strategic PM; the rest of your answers show no clear preference yet, so Strategic PM is a "
        "good track to read about first." in text
    )


# --- What was stored ---------------------------------------------------------------------


def test_a_new_result_stores_what_its_page_needs(owner_client, owner):
    take_assessment(owner_client, TECHNICAL)
    result = AssessmentResult.objects.get()
    assert (result.method, result.verdict, result.clarity) == ("v2", "best_fit", 94)
    assert (result.min_lean, result.clear_lead) == (20, 15)
    assert result.recommended_track == Track.objects.get(slug="technical")
    assert result.scores[0] == {
        "slug": "technical",
        "name": "Technical PM",
        "score": 64,
        "minimum": -86,
        "maximum": 100,
        "contender": False,
    }
    assert [g["slug"] for g in result.contributions["groups"]] == ["technical", "strategic"]
    assert result.contributions["nothing"] == []
    answer = result.answers[0]
    assert answer["key"] == "q-do-you-enjoy-solving-complex-problems" and answer["position"] == 4
    assert len(answer["options"]) == 5  # the options not chosen are kept: they are needed to re-check a score
    assert result.previous is None


# --- Retaking: what changed ------------------------------------------------------------------


def test_retaking_signed_in_shows_scores_before_and_after_and_the_answers_changed(owner_client):
    first = result_of(take_assessment(owner_client, TECHNICAL))
    assertNotContains(owner_client.get(first.get_absolute_url()), "What changed since your last result")
    owner_client.post(reverse("careers:assessment_start"))
    second = result_of(take_assessment(owner_client, {**TECHNICAL, "q-your-background": "design"}))
    assert second.previous == first
    response = owner_client.get(second.get_absolute_url())
    text = main_text(response)
    assert "What changed since your last result" in text
    assertContains(response, f'<a href="{first.get_absolute_url()}">')
    assertInHTML(
        f"<tr><th scope='row'>UX PM</th><td>{MINUS}34</td><td>{MINUS}5</td><td>+29</td></tr>",
        response.content.decode(),
    )
    assert "Your background: Technical background → changed to Design background" in text
    assert "Do you enjoy solving complex problems?:" not in text.split("Answers you changed")[1].split("Advice")[0]


def test_retaking_anonymously_compares_with_this_sessions_result_only(client):
    other = Client()  # another visitor's result must never be the "before"
    take_assessment(other, UX)
    first = result_of(take_assessment(client, TECHNICAL))
    client.post(reverse("careers:assessment_start"))
    second = result_of(take_assessment(client, TECHNICAL))
    assert second.previous == first
    text = main_text(client.get(second.get_absolute_url()))
    assert "You gave the same answers as last time." in text
    assert "before and now Track Before Now Change Technical PM +64 +64 0" in text.replace("Scores ", "")


def test_signing_in_does_not_borrow_another_accounts_result_as_before(client, owner, stranger):
    theirs = AssessmentResult.objects.create(user=stranger, method="v2", scores=[])
    session = client.session
    session[AssessmentResult.SESSION_KEY] = theirs.pk
    session.save()
    client.force_login(owner)
    assert result_of(take_assessment(client, TECHNICAL)).previous is None


def v1_result(name: str, **fields) -> AssessmentResult:
    """A result of the earlier method, as such rows are stored today."""
    row = json.loads((DATA / "v1_results.json").read_text())[name]
    created = timezone.make_aware(datetime.datetime.fromisoformat(row.pop("created")))
    track = Track.objects.filter(slug=row["recommended_slug"]).first()
    return AssessmentResult.objects.create(created=created, recommended_track=track, **row, **fields)


def test_retaking_after_a_result_of_the_earlier_method_says_the_scales_differ(owner_client, owner):
    v1_result("technical_near_tie", user=owner)
    response = owner_client.get(take_assessment(owner_client, UX).url)
    text = main_text(response)
    assert "which was scored by the earlier method: its percentages are not on the same scale" in text
    assert "Track Before Now UX PM 18% +63" in text


# --- Results of the earlier method stay as they were ---------------------------------------------


@pytest.mark.parametrize("name", ["technical_near_tie", "ux_new_to_product", "undecided"])
def test_a_result_of_the_earlier_method_renders_exactly_as_it_did(owner_client, owner, name):
    result = v1_result(name, user=owner)
    assert result.method == "v1"
    page = owner_client.get(result.get_absolute_url()).content.decode()
    start = page.index('<nav aria-label="Breadcrumb">')
    end = page.index("Retake the assessment</button>") + len("Retake the assessment</button>")
    shown = re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", page[start:end])
    expected = (DATA / f"v1_{name}.html").read_text().strip()
    assert shown == expected


def test_a_result_of_the_earlier_method_keeps_its_percentages_and_reasons(owner_client, owner):
    result = v1_result("technical_near_tie", user=owner)
    response = owner_client.get(result.get_absolute_url())
    assertContains(response, 'aria-label="Technical PM: 80%"')
    assertContains(
        response,
        "You strongly agreed that you enjoy coordinating cross-functional teams: <strong>+4 Technical PM</strong>",
    )
    assertContains(response, "It\u2019s close")
    assertNotContains(response, "profile-chart")


def test_the_history_labels_the_method_of_each_result(owner_client, owner):
    old = v1_result("technical_near_tie", user=owner)
    take_assessment(owner_client, UX)
    new = AssessmentResult.objects.exclude(pk=old.pk).get()
    response = owner_client.get(reverse("careers:assessment_history"))
    text = main_text(response)
    assert (
        f"Best fit: UX PM UX PM +63 · Strategic PM {MINUS}29 · Technical PM {MINUS}34 "
        f"Preference profile: {MINUS}100 to +100" in text
    )
    assert (
        "Technical PM near tie Technical PM 80% · UX PM 18% · Strategic PM 16% "
        "Earlier method: share of each track\u2019s points" in text
    )
    assert text.index(new.created.strftime("%-d %B %Y")) < text.index("20 November 2026")


def test_existing_results_get_the_verdict_they_showed(owner):
    # The data migration, run against rows as the earlier method stored them.
    migration = importlib.import_module("careers.migrations.0006_assessment_v2")
    best = v1_result("ux_new_to_product", user=owner)
    near = v1_result("technical_near_tie", user=owner)
    none = v1_result("undecided", user=owner)
    AssessmentResult.objects.filter(pk__in=[best.pk, near.pk, none.pk]).update(verdict="")
    migration.verdicts_of_v1_results(apps, None)
    verdicts = dict(AssessmentResult.objects.values_list("pk", "verdict"))
    assert (verdicts[best.pk], verdicts[near.pk], verdicts[none.pk]) == ("best_fit", "close_call", "no_preference")


# --- Queries ------------------------------------------------------------------------------------


def test_result_page_runs_a_fixed_number_of_queries(owner_client, owner, django_assert_num_queries):
    url = take_assessment(owner_client, TECHNICAL).url
    owner_client.get(url)  # the tracks' columns are now cached under the content version
    # Session, user, the result with its track and previous result, the tracks with the content version.
    with django_assert_num_queries(4):
        assert owner_client.get(url).status_code == 200
    old = v1_result("technical_near_tie", user=owner)
    with django_assert_num_queries(3):
        assert owner_client.get(old.get_absolute_url()).status_code == 200
