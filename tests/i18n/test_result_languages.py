"""An assessment result in the visitor's language: a new result is written down in
English and Chinese on the day; one from before reads as it was, in English."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import translation

from careers.assessment import explain, statement
from careers.models import AssessmentResult
from tests.careers.assessment_helpers import TECHNICAL, take_assessment

pytestmark = pytest.mark.django_db

PROBLEMS = "q-do-you-enjoy-solving-complex-problems"


def result_url(result: AssessmentResult, language: str = "en") -> str:
    with translation.override(language):
        return reverse("careers:assessment_result", args=[result.pk])


def test_a_chinese_yes_no_question_says_what_agreeing_means():
    assert statement("你喜欢解决复杂问题吗？") == "你喜欢解决复杂问题"
    assert statement("Do you enjoy solving complex problems?") == "you enjoy solving complex problems"
    said = explain("你喜欢解决复杂问题吗？", "scale", "非常同意", "非常同意")
    assert "非常同意" in said and "你喜欢解决复杂问题" in said
    assert explain("Do you enjoy X?", "scale", "Strongly agree", "strongly agreed") == (
        "You strongly agreed that you enjoy X"
    )


class TestNewResults:
    def test_the_result_is_written_down_in_both_languages_with_the_same_scores(self, client):
        take_assessment(client, TECHNICAL)
        result = AssessmentResult.objects.latest("pk")
        assert result.recommended_name == "Technical PM"  # the result's own fields stay English
        assert result.answers[0]["question"] == "Do you enjoy solving complex problems?"
        chinese = result.translations["zh-hans"]
        assert chinese["recommended_name"] == "技术产品经理"
        assert chinese["answers"][0]["question"] == "你喜欢解决复杂问题吗？"
        assert chinese["answers"][0]["choice"] == "非常同意"
        assert [(s["slug"], s["score"]) for s in chinese["scores"]] == [(s["slug"], s["score"]) for s in result.scores]
        assert {s["name"] for s in chinese["scores"]} == {"技术产品经理", "用户体验产品经理", "战略产品经理"}

    def test_taken_in_chinese_it_is_still_english_on_english_pages(self, client):
        take_assessment(client, TECHNICAL)  # steps at English addresses
        result = AssessmentResult.objects.latest("pk")
        english = client.get(result_url(result)).content.decode()
        chinese = client.get(result_url(result, "zh-hans")).content.decode()
        assert "Technical PM" in english and "技术产品经理" not in english
        assert "技术产品经理" in chinese and "你喜欢解决复杂问题" in chinese
        assert "Do you enjoy solving complex problems" not in chinese

    def test_steps_in_chinese_ask_in_chinese(self, client):
        page = client.get("/zh-hans/assessment/step/1/").content.decode()
        assert "你喜欢解决复杂问题吗？" in page and "非常同意" in page

    def test_the_history_lists_results_in_the_pages_language(self, owner_client, owner):
        take_assessment(owner_client, TECHNICAL)
        assert "技术产品经理" in owner_client.get("/zh-hans/assessment/results/").content.decode()
        assert "Technical PM" in owner_client.get("/assessment/results/").content.decode()

    def test_a_retake_compares_in_the_pages_language(self, owner_client):
        take_assessment(owner_client, TECHNICAL)
        owner_client.post(reverse("careers:assessment_start"))
        take_assessment(owner_client, {**TECHNICAL, PROBLEMS: "disagree"})
        result = AssessmentResult.objects.latest("pk")
        assert result.previous is not None
        shown = AssessmentResult.objects.select_related("previous").get(pk=result.pk).in_language("zh-hans")
        assert shown.previous.scores[0]["name"] in {"技术产品经理", "用户体验产品经理", "战略产品经理"}
        assert owner_client.get(result_url(result, "zh-hans")).status_code == 200


class TestResultsFromBefore:
    def test_an_english_only_result_reads_as_it_was_on_chinese_pages(self, client):
        take_assessment(client, TECHNICAL)
        result = AssessmentResult.objects.latest("pk")
        AssessmentResult.objects.filter(pk=result.pk).update(translations={})
        page = client.get(result_url(result, "zh-hans"))
        assert page.status_code == 200
        assert "Technical PM" in page.content.decode()

    def test_showing_a_result_in_a_language_never_changes_it(self, client):
        take_assessment(client, TECHNICAL)
        result = AssessmentResult.objects.latest("pk")
        before = (result.answers, result.scores, result.contributions, result.recommended_name)
        shown = result.in_language("zh-hans")
        assert shown.recommended_name == "技术产品经理" and shown.pk == result.pk
        assert (result.answers, result.scores, result.contributions, result.recommended_name) == before
        fresh = AssessmentResult.objects.get(pk=result.pk)
        assert fresh.recommended_name == "Technical PM"


def test_an_unknown_user_sees_no_one_elses_result_in_any_language(client, owner):
    take_assessment(client, TECHNICAL)
    result = AssessmentResult.objects.latest("pk")
    AssessmentResult.objects.filter(pk=result.pk).update(user=owner)
    stranger = get_user_model().objects.create_user("s", "s@example.com", "x")
    client.force_login(stranger)
    assert client.get(result_url(result, "zh-hans")).status_code == 404
