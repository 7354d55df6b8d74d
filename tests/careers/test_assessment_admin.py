"""Staff edit the assessment in the admin: questions, options, weights, thresholds; the admin warns about
lopsided weights; results are read-only."""

from __future__ import annotations

import pytest
from django.contrib.messages import get_messages
from django.core.management import call_command
from django.urls import reverse
from pytest_django.asserts import assertInHTML

from careers.models import AnswerOption, AssessmentResult, AssessmentSettings, OptionWeight, Question, Track
from tests.careers.assessment_helpers import TECHNICAL, take_assessment
from tests.helpers import drag_rows

pytestmark = pytest.mark.django_db

QUESTION = "q-do-you-enjoy-coordinating-cross-functional-teams"


def question_form_data(question: Question, **changes) -> dict:
    """The question's change form as the admin renders it, with `changes` applied to its options."""
    data = {
        "slug": question.slug,
        "order": question.order,
        "text_en": question.text_en,
        "text_zh_hans": question.text_zh_hans or "",
        "kind": question.kind,
        "help_text_en": question.help_text_en or "",
        "help_text_zh_hans": question.help_text_zh_hans or "",
        "active": "on" if question.active else "",
    }
    options = list(question.options.all())
    data |= {
        "options-TOTAL_FORMS": len(options),
        "options-INITIAL_FORMS": len(options),
        "options-MIN_NUM_FORMS": 0,
        "options-MAX_NUM_FORMS": 1000,
    }
    for i, option in enumerate(options):
        weights = {w.track.slug: w.points for w in option.weights.select_related("track")}
        row = {
            "id": option.pk,
            "question": question.pk,
            "order": option.order,
            "label_en": option.label_en,
            "label_zh_hans": option.label_zh_hans or "",
            "slug": option.slug,
            "phrase_en": option.phrase_en or "",
            "phrase_zh_hans": option.phrase_zh_hans or "",
            "background": option.background_id or "",
            "industry": option.industry_id or "",
            "environment": option.environment_id or "",
            **{f"points_{slug}": weights.get(slug, 0) for slug in Track.objects.values_list("slug", flat=True)},
        }
        row |= changes.get(option.slug, {})
        data |= {f"options-{i}-{key}": value for key, value in row.items()}
    return data


def test_question_page_lists_options_with_a_points_column_per_track(staff_client):
    question = Question.objects.get(slug=QUESTION)
    html = staff_client.get(reverse("admin:careers_question_change", args=[question.pk])).content.decode()
    assert 'id="options-group"' in html
    for label in ("Technical PM points", "UX PM points", "Strategic PM points"):
        assert label in html
    assert 'name="options-4-points_technical" value="8"' in html  # "Strongly agree": 8 Technical PM points


def test_staff_change_weights_and_new_results_use_them(staff_client, client):
    def teams_contribution() -> int:
        result = AssessmentResult.objects.latest("pk")
        moved = [a for group in result.contributions["groups"] for a in group["answers"]]
        return next(a["size"] for a in moved if a["key"] == QUESTION)

    take_assessment(client, TECHNICAL)
    before = teams_contribution()
    question = Question.objects.get(slug=QUESTION)
    data = question_form_data(question, **{"strongly-agree": {"points_technical": 20, "label_en": "Absolutely"}})
    response = staff_client.post(reverse("admin:careers_question_change", args=[question.pk]), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    option = AnswerOption.objects.get(question=question, slug="strongly-agree")
    assert option.label == "Absolutely"
    assert OptionWeight.objects.get(option=option, track__slug="technical").points == 20
    assert OptionWeight.objects.get(option=option, track__slug="ux").points == 0  # unchanged
    client.post(reverse("careers:assessment_start"))
    take_assessment(client, {**TECHNICAL, QUESTION: "strongly-agree"})
    assert teams_contribution() > before


def test_bad_weights_are_refused_and_nothing_changes(staff_client):
    question = Question.objects.get(slug=QUESTION)
    data = question_form_data(question, **{"agree": {"points_ux": -3}, "neutral": {"points_technical": "lots"}})
    response = staff_client.post(reverse("admin:careers_question_change", args=[question.pk]), data)
    assert response.status_code == 200
    assert "errornote" in response.content.decode()
    assert (
        OptionWeight.objects.get(option__question=question, option__slug="agree", track__slug="technical").points == 6
    )


def test_staff_deactivate_and_reorder_questions_from_the_list(staff_client, client):
    questions = list(Question.objects.all())
    data = {"form-TOTAL_FORMS": len(questions), "form-INITIAL_FORMS": len(questions), "_save": "Save"}
    for i, question in enumerate(questions):
        data |= {f"form-{i}-id": question.pk}
        if question.slug != "q-industry":
            data[f"form-{i}-active"] = "on"
    response = staff_client.post(reverse("admin:careers_question_changelist"), data)
    assert response.status_code == 302
    assert not Question.objects.get(slug="q-industry").active
    # Dragged to the top of the list: the list sends the new positions of the rows that moved.
    moved = next(i for i, q in enumerate(questions) if q.slug == "q-are-you-passionate-about-user-needs")
    dragged = [questions[moved], *questions[:moved]]
    positions = [[q.pk, questions[0].order + i] for i, q in enumerate(dragged)]
    assert drag_rows(staff_client, Question, positions).status_code == 200
    assert "Step 1 of 10" in client.get(reverse("careers:assessment_step", args=[1])).content.decode()
    assert (
        "Are you passionate about user needs?"
        in client.get(reverse("careers:assessment_step", args=[1])).content.decode()
    )
    assert (
        "Work environment that suits you" in client.get(reverse("careers:assessment_step", args=[10])).content.decode()
    )


def test_staff_set_the_thresholds_of_the_verdicts(staff_client):
    settings = AssessmentSettings.current()
    url = reverse("admin:careers_assessmentsettings_change", args=[settings.pk])
    response = staff_client.post(url, {"min_lean": 25, "clear_lead": 12})
    assert response.status_code == 302
    settings.refresh_from_db()
    assert (settings.min_lean, settings.clear_lead) == (25, 12)
    # Zero would let "agree with everything" through as a lean; scores never pass 100.
    for bad in ({"min_lean": 0, "clear_lead": 12}, {"min_lean": 25, "clear_lead": 101}, {"min_lean": "x"}, {}):
        refused = staff_client.post(url, bad)
        assert refused.status_code == 200 and "errornote" in refused.content.decode(), bad
    settings.refresh_from_db()
    assert (settings.min_lean, settings.clear_lead) == (25, 12)
    # Only ever one settings row, never deleted.
    assert staff_client.get(reverse("admin:careers_assessmentsettings_add")).status_code == 403
    assert staff_client.get(reverse("admin:careers_assessmentsettings_delete", args=[settings.pk])).status_code == 403


def test_the_question_page_shows_what_each_answer_does_to_the_scores(staff_client):
    question = Question.objects.get(slug=QUESTION)
    response = staff_client.get(reverse("admin:careers_question_change", args=[question.pk]))
    html = response.content.decode()
    assert "Effect on the scores" in html
    # Against the middle answer: strongly agreeing lifts Technical PM, the others drop.
    assertInHTML("<tr><th scope='row'>Neither agree nor disagree</th><td>0</td><td>0</td><td>0</td></tr>", html)
    assertInHTML("<tr><th scope='row'>Strongly agree</th><td>+14</td><td>\u22126</td><td>\u22128</td></tr>", html)


# --- Warnings about the weights ---------------------------------------------------------

PAGES = [
    ("admin:careers_question_change", lambda: [Question.objects.get(slug=QUESTION).pk]),
    ("admin:careers_question_changelist", list),
    ("admin:careers_answeroption_change", lambda: [AnswerOption.objects.filter(question__slug=QUESTION).first().pk]),
    ("admin:careers_optionweight_changelist", list),
    ("admin:careers_assessmentsettings_change", lambda: [AssessmentSettings.current().pk]),
]


def warnings_on(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request) if m.level_tag == "warning"]


@pytest.mark.parametrize(("name", "args"), PAGES, ids=[name for name, _ in PAGES])
def test_the_shipped_weights_raise_no_warning(staff_client, name, args):
    response = staff_client.get(reverse(name, args=args()))
    assert response.status_code == 200
    assert warnings_on(response) == []


@pytest.mark.parametrize(("name", "args"), PAGES, ids=[name for name, _ in PAGES])
def test_lopsided_weights_are_warned_about_where_staff_edit_them(staff_client, name, args):
    # Staff take every point away from Strategic PM: it can now only gain when other tracks lose.
    OptionWeight.objects.filter(track__slug="strategic").update(points=0)
    response = staff_client.get(reverse(name, args=args()))
    assert response.status_code == 200
    warnings = warnings_on(response)
    assert any(
        w.startswith(
            "The weights are lopsided: the answers can lean towards UX PM 6.9 times as far as towards Strategic PM"
        )
        for w in warnings
    ), warnings
    assert "The weights are lopsided" in response.content.decode()


def test_a_track_no_answer_can_favour_is_warned_about(staff_client):
    # Only the background, industry and environment count, and none of their answers favours Strategic PM.
    Question.objects.filter(kind=Question.Kind.SCALE).update(active=False)
    OptionWeight.objects.filter(track__slug="strategic").update(points=0)
    response = staff_client.get(
        reverse("admin:careers_assessmentsettings_change", args=[AssessmentSettings.current().pk])
    )
    assert any(w.startswith("No combination of answers leans towards Strategic PM") for w in warnings_on(response))


def test_weights_that_favour_one_track_far_more_are_called_lopsided(staff_client):
    # Technical PM's answers are worth five times as much as they were: one track can move much further.
    for weight in OptionWeight.objects.filter(track__slug="technical", points__gt=0):
        weight.points = min(weight.points * 5, 20)
        weight.save()
    response = staff_client.get(reverse("admin:careers_question_changelist"))
    warnings = warnings_on(response)
    assert any(w.startswith("The weights are lopsided: the answers can lean towards Technical PM") for w in warnings)


def test_the_warning_is_shown_again_after_saving_until_the_weights_are_fixed(staff_client):
    OptionWeight.objects.filter(track__slug="strategic").update(points=0)
    question = Question.objects.get(slug=QUESTION)
    url = reverse("admin:careers_question_change", args=[question.pk])
    response = staff_client.post(url, question_form_data(question), follow=True)
    assert response.redirect_chain[-1][0] == reverse("admin:careers_question_changelist")
    assert any(w.startswith("The weights are lopsided") for w in warnings_on(response))
    # Once the weights are balanced again, the warning goes.
    call_command("load_content", verbosity=0)
    assert warnings_on(staff_client.get(reverse("admin:careers_question_changelist"))) == []


def test_results_are_read_only_in_the_admin(staff_client, client):
    take_assessment(client, TECHNICAL)
    result = AssessmentResult.objects.get()
    listing = staff_client.get(reverse("admin:careers_assessmentresult_changelist"))
    assert listing.status_code == 200 and "Technical PM" in listing.content.decode()
    change_url = reverse("admin:careers_assessmentresult_change", args=[result.pk])
    page = staff_client.get(change_url)
    assert page.status_code == 200 and 'type="submit" value="Save"' not in page.content.decode()
    assert staff_client.post(change_url, {"recommended_name": "Astronaut"}).status_code == 403
    result.refresh_from_db()
    assert result.recommended_name == "Technical PM"
    assert staff_client.get(reverse("admin:careers_assessmentresult_add")).status_code == 403


@pytest.mark.parametrize("name", ["admin:careers_question_add", "admin:careers_answeroption_add"])
def test_the_add_pages_explain_where_the_effects_will_show(staff_client, name):
    response = staff_client.get(reverse(name))
    assert response.status_code == 200
    assert "Shown once the" in response.content.decode()
