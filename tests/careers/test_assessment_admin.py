"""Staff edit the assessment in the admin: questions, options, weights, margin; results are read-only."""

from __future__ import annotations

import pytest
from django.urls import reverse

from careers.models import AnswerOption, AssessmentResult, AssessmentSettings, OptionWeight, Question, Track
from tests.careers.assessment_helpers import TECHNICAL, take_assessment

pytestmark = pytest.mark.django_db

QUESTION = "q-do-you-enjoy-coordinating-cross-functional-teams"


def question_form_data(question: Question, **changes) -> dict:
    """The question's change form as the admin renders it, with `changes` applied to its options."""
    data = {
        "slug": question.slug,
        "order": question.order,
        "text": question.text,
        "kind": question.kind,
        "help_text": question.help_text,
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
            "label": option.label,
            "slug": option.slug,
            "phrase": option.phrase,
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
    assert 'name="options-4-points_technical" value="4"' in html  # "Strongly agree": +4 Technical PM


def test_staff_change_weights_and_new_results_use_them(staff_client, client):
    question = Question.objects.get(slug=QUESTION)
    data = question_form_data(question, **{"strongly-agree": {"points_technical": 9, "label": "Absolutely"}})
    response = staff_client.post(reverse("admin:careers_question_change", args=[question.pk]), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    option = AnswerOption.objects.get(question=question, slug="strongly-agree")
    assert option.label == "Absolutely"
    assert OptionWeight.objects.get(option=option, track__slug="technical").points == 9
    assert OptionWeight.objects.get(option=option, track__slug="ux").points == 2  # unchanged
    html = client.get(take_assessment(client, TECHNICAL).url).content.decode()
    assert "+9 Technical PM" in html


def test_bad_weights_are_refused_and_nothing_changes(staff_client):
    question = Question.objects.get(slug=QUESTION)
    data = question_form_data(question, **{"agree": {"points_ux": -3}, "neutral": {"points_technical": "lots"}})
    response = staff_client.post(reverse("admin:careers_question_change", args=[question.pk]), data)
    assert response.status_code == 200
    assert "errornote" in response.content.decode()
    assert OptionWeight.objects.get(option__question=question, option__slug="agree", track__slug="ux").points == 1


def test_staff_deactivate_and_reorder_questions_from_the_list(staff_client, client):
    questions = list(Question.objects.all())
    data = {"form-TOTAL_FORMS": len(questions), "form-INITIAL_FORMS": len(questions), "_save": "Save"}
    for i, question in enumerate(questions):
        data |= {f"form-{i}-id": question.pk, f"form-{i}-order": question.order}
        if question.slug != "q-industry":
            data[f"form-{i}-active"] = "on"
        if question.slug == "q-are-you-passionate-about-user-needs":
            data[f"form-{i}-order"] = 0  # ask it first
    response = staff_client.post(reverse("admin:careers_question_changelist"), data)
    assert response.status_code == 302
    assert not Question.objects.get(slug="q-industry").active
    assert "Step 1 of 10" in client.get(reverse("careers:assessment_step", args=[1])).content.decode()
    assert (
        "Are you passionate about user needs?"
        in client.get(reverse("careers:assessment_step", args=[1])).content.decode()
    )
    assert (
        "Work environment that suits you" in client.get(reverse("careers:assessment_step", args=[10])).content.decode()
    )


def test_staff_set_the_near_tie_margin(staff_client):
    settings = AssessmentSettings.current()
    response = staff_client.post(
        reverse("admin:careers_assessmentsettings_change", args=[settings.pk]), {"near_tie_margin": 12}
    )
    assert response.status_code == 302
    assert AssessmentSettings.current().near_tie_margin == 12
    bad = staff_client.post(
        reverse("admin:careers_assessmentsettings_change", args=[settings.pk]), {"near_tie_margin": 80}
    )
    assert bad.status_code == 200 and AssessmentSettings.current().near_tie_margin == 12
    # Only ever one settings row, never deleted.
    assert staff_client.get(reverse("admin:careers_assessmentsettings_add")).status_code == 403
    assert staff_client.get(reverse("admin:careers_assessmentsettings_delete", args=[settings.pk])).status_code == 403


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
