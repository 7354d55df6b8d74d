"""Bad input to the assessment: a clear message or a 4xx, never a 500, nothing changed."""

from __future__ import annotations

import pytest
from django.urls import reverse

from careers.assessment_views import ANSWERS_KEY
from careers.models import AnswerOption, AssessmentResult
from tests.careers.assessment_helpers import HTMX, TECHNICAL, step_url, take_assessment

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("data", [{}, {"answer": ""}])
def test_missing_answer_re_renders_the_step_with_a_message_on_the_field(client, data):
    client.post(step_url(1), {"answer": "agree"})
    response = client.post(step_url(2), data)
    assert response.status_code == 422
    html = response.content.decode()
    assert "<html" in html and "Step 2 of 11" in html
    assert '<p id="answer-error" class="assessment-error" tabindex="-1" data-swap-focus>' in html
    assert "Choose an answer to continue." in html
    assert 'aria-describedby="answer-error"' in html and 'aria-invalid="true"' in html
    assert client.session[ANSWERS_KEY] == {"q-do-you-enjoy-solving-complex-problems": "agree"}


def test_missing_answer_over_htmx_is_the_step_fragment_with_the_message(client):
    response = client.post(step_url(2), {}, **HTMX)
    assert response.status_code == 422
    html = response.content.decode()
    assert "<html" not in html and 'id="assessment-step"' in html and "Choose an answer to continue." in html
    assert "HX-Push-Url" not in response


@pytest.mark.parametrize(
    "answer",
    [
        "technical",  # an option of another question
        "maybe",
        "<script>alert(1)</script>",
        "x" * 5000,
        "strongly-agree'; DROP TABLE careers_question; --",
    ],
)
def test_an_answer_that_is_not_one_of_the_questions_options_is_a_400(client, answer):
    response = client.post(step_url(1), {"answer": answer}, **HTMX)
    assert response.status_code == 400
    html = response.content.decode()
    assert "That is not one of this question&#x27;s answers." in html
    assert "<script>alert" not in html
    assert ANSWERS_KEY not in client.session


@pytest.mark.parametrize("number", [0, 12, 999, 2**70])
def test_a_step_out_of_range_is_a_404(client, number):
    assert client.get(step_url(number)).status_code == 404
    assert client.post(step_url(number), {"answer": "agree"}).status_code == 404
    assert ANSWERS_KEY not in client.session


@pytest.mark.parametrize("path", ["/assessment/step/-1/", "/assessment/step/two/", "/assessment/step/1.5/"])
def test_a_malformed_step_is_a_404(client, path):
    assert client.get(path).status_code == 404


def test_the_last_step_sends_back_to_a_question_left_unanswered(client):
    for number in (1, 2, 4, 5, 6, 7, 8, 9, 10):
        client.post(step_url(number), {"answer": "agree" if number <= 8 else "technical"})
    response = client.post(step_url(11), {"answer": "startups"}, follow=True)
    assert response.redirect_chain[-1][0] == step_url(3)
    assert "One question still needs an answer" in response.content.decode()
    assert not AssessmentResult.objects.exists()


def test_an_answer_whose_option_was_removed_meanwhile_is_asked_again(client):
    for number in range(1, 11):
        client.post(
            step_url(number), {"answer": "agree" if number <= 8 else "technical" if number == 9 else "b2b-products"}
        )
    AnswerOption.objects.filter(question__slug="q-industry", slug="b2b-products").delete()
    response = client.post(step_url(11), {"answer": "startups"}, **HTMX)
    assert response["HX-Redirect"] == step_url(10)
    assert not AssessmentResult.objects.exists()


@pytest.mark.parametrize(
    "path",
    [
        "/assessment/results/999999/",
        f"/assessment/results/{2**70}/",
        "/assessment/results/abc/",
        "/assessment/results/-1/",
    ],
)
def test_a_tampered_result_id_is_a_404(client, owner_client, path):
    take_assessment(client, TECHNICAL)
    assert client.get(path).status_code == 404
    assert owner_client.get(path).status_code == 404


def test_another_users_result_is_a_404(owner_client, stranger):
    take_assessment(owner_client, TECHNICAL)
    result = AssessmentResult.objects.get()
    owner_client.force_login(stranger)
    assert owner_client.get(result.get_absolute_url()).status_code == 404
    assert result.get_absolute_url() not in owner_client.get(reverse("careers:assessment_history")).content.decode()


def test_a_signed_in_result_is_not_visible_once_logged_out(owner_client):
    take_assessment(owner_client, TECHNICAL)
    result = AssessmentResult.objects.get()
    owner_client.post(reverse("account_logout"))
    assert owner_client.get(result.get_absolute_url()).status_code == 404


def test_an_anonymous_result_is_only_visible_in_its_own_session(client, django_user_model):
    from django.test import Client

    take_assessment(client, TECHNICAL)
    result = AssessmentResult.objects.get()
    assert client.get(result.get_absolute_url()).status_code == 200
    assert Client().get(result.get_absolute_url()).status_code == 404


def test_history_needs_an_account(client):
    response = client.get(reverse("careers:assessment_history"))
    assert response.status_code == 302 and response.url.startswith(reverse("account_login"))


@pytest.mark.parametrize(
    ("method", "url"),
    [
        ("get", reverse("careers:assessment_start")),
        ("put", step_url(1)),
        ("delete", step_url(1)),
        ("post", reverse("careers:assessment")),
    ],
)
def test_wrong_methods_are_refused(client, method, url):
    assert getattr(client, method)(url).status_code == 405


def test_posting_without_a_csrf_token_is_refused(client):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    assert strict.post(step_url(1), {"answer": "agree"}).status_code == 403
    assert ANSWERS_KEY not in strict.session
