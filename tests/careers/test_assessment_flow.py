"""Taking the assessment over HTTP: with and without HTMX, anonymous and signed in."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from careers.assessment_views import ANSWERS_KEY
from careers.models import AssessmentResult, AssessmentSettings, OptionWeight, Question
from tests.careers.assessment_helpers import DEFAULTS, HTMX, TECHNICAL, UX, step_url, take_assessment
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db


def test_the_site_links_to_the_assessment(client):
    url = reverse("careers:assessment")
    assert f'href="{url}"' in client.get(reverse("home")).content.decode()
    guide = client.get(reverse("careers:guide")).content.decode()
    assert f'href="{url}">Take the assessment</a>' in guide
    assert f'href="{url}">Assessment</a>' in client.get(reverse("careers:courses")).content.decode()


def test_intro_page_explains_and_starts_the_assessment(client):
    response = client.get(reverse("careers:assessment"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "11 short questions" in html
    assert "Start the assessment" in html
    start = client.post(reverse("careers:assessment_start"))
    assert start.status_code == 302 and start.url == step_url(1)


def test_intro_offers_to_continue_where_the_visitor_left_off(client):
    client.post(step_url(1), {"answer": "agree"})
    client.post(step_url(2), {"answer": "agree"})
    html = client.get(reverse("careers:assessment")).content.decode()
    assert f'href="{step_url(3)}">Continue at step 3 of 11</a>' in html
    client.post(reverse("careers:assessment_start"))  # start again
    assert ANSWERS_KEY not in client.session
    assert "checked" not in client.get(step_url(1)).content.decode()


def test_walk_without_htmx_one_form_after_another(client):
    questions = list(Question.objects.filter(active=True))
    assert len(questions) == 11
    for number, question in enumerate(questions, start=1):
        page = client.get(step_url(number))
        assert page.status_code == 200
        html = page.content.decode()
        assert "<html" in html and f"Step {number} of 11" in html and question.text.replace("'", "&#x27;") in html
        response = client.post(step_url(number), {"answer": TECHNICAL.get(question.slug, DEFAULTS[question.kind])})
        assert response.status_code == 302
        if number < 11:
            assert response.url == step_url(number + 1)
    result = AssessmentResult.objects.get()
    assert response.url == result.get_absolute_url()
    assert result.user is None and result.recommended_slug == "technical"
    assert client.session[AssessmentResult.SESSION_KEY] == result.pk
    assert ANSWERS_KEY not in client.session  # a retake starts from a clean slate


def test_step_is_a_full_page_or_an_htmx_fragment(client):
    full = client.get(step_url(3))
    fragment = client.get(step_url(3), **HTMX)
    assert "HX-Request" in full["Vary"] and "HX-Request" in fragment["Vary"]
    assert "<html" in full.content.decode() and 'id="main-nav"' in full.content.decode()
    html = fragment.content.decode()
    assert "<html" not in html and 'id="main-nav"' not in html
    assert html.lstrip().startswith("<title>Step 3 of 11 · Assessment · PM Planner</title>")
    assert 'id="assessment-step"' in html and "Are you good at seeing the big picture?" in html
    assert f'hx-get="{step_url(2)}"' in html and 'hx-push-url="true"' in html


def test_htmx_history_restore_gets_the_full_page(client):
    response = client.get(step_url(3), HTTP_HX_REQUEST="true", HTTP_HX_HISTORY_RESTORE_REQUEST="true")
    assert "<html" in response.content.decode()


def test_htmx_answer_swaps_in_the_next_step_and_pushes_its_url(client):
    response = client.post(step_url(1), {"answer": "agree"}, **HTMX)
    assert response.status_code == 200
    assert response["HX-Push-Url"] == step_url(2)
    html = response.content.decode()
    assert "<html" not in html and "Step 2 of 11" in html and "Can you balance different stakeholder needs?" in html
    assert client.session[ANSWERS_KEY] == {"q-do-you-enjoy-solving-complex-problems": "agree"}


def test_htmx_walk_ends_with_a_client_redirect_to_the_result(client):
    response = take_assessment(client, UX, **HTMX)
    result = AssessmentResult.objects.get()
    assert response.status_code == 200 and response["HX-Redirect"] == result.get_absolute_url()
    assert result.recommended_slug == "ux"


def test_going_back_shows_the_answer_already_given(client):
    client.post(step_url(1), {"answer": "agree"})
    client.post(step_url(2), {"answer": "strongly-disagree"})
    html = client.get(step_url(1), **HTMX).content.decode()
    assert 'value="agree" class="form-check-input" id="id_answer_3" required checked' in html
    client.post(step_url(1), {"answer": "disagree"})  # changing an answer replaces it
    assert client.session[ANSWERS_KEY]["q-do-you-enjoy-solving-complex-problems"] == "disagree"
    assert client.session[ANSWERS_KEY]["q-can-you-balance-different-stakeholder-needs"] == "strongly-disagree"


def test_signed_in_result_offers_start_this_track_as_a_real_form(owner_client):
    html = owner_client.get(take_assessment(owner_client, UX).url).content.decode()
    start_url = reverse("plans:start", args=["ux"])
    assert f'<form method="post" action="{start_url}">' in html
    assert "Start this track" in html


def test_new_to_product_is_told_to_start_with_the_fundamentals(client):
    html = client.get(take_assessment(client, {**UX, "q-your-background": "new-to-product"}).url).content.decode()
    assert "Start with the fundamentals" in html
    assert "Start with fundamentals and choose based on interests" in html  # the article's advice
    assert f'href="{reverse("careers:courses")}?track=general"' in html


def test_deactivated_questions_leave_the_steps(client):
    Question.objects.filter(slug="q-industry").update(active=False)
    assert "Step 3 of 10" in client.get(step_url(3)).content.decode()
    assert client.get(step_url(11)).status_code == 404
    result = AssessmentResult.objects.get(pk=take_assessment(client, TECHNICAL).url.split("/")[-2])
    assert len(result.answers) == 10
    assert "Industry you'd like to work in" not in {a["question"] for a in result.answers}


# --- Accounts: saving, adopting, history -----------------------------------


def test_signed_in_result_belongs_to_the_user_and_shows_in_history(owner_client, owner):
    take_assessment(owner_client, TECHNICAL)
    result = AssessmentResult.objects.get()
    assert result.user == owner
    history = owner_client.get(reverse("careers:assessment_history"))
    assert history.status_code == 200
    html = history.content.decode()
    assert f'href="{result.get_absolute_url()}"' in html and "Technical PM" in html
    assert "Retake the assessment" in html


def test_anonymous_result_is_saved_to_the_account_at_sign_up(client):
    take_assessment(client, UX)
    result = AssessmentResult.objects.get()
    response = client.post(
        reverse("account_signup") + f"?next={result.get_absolute_url()}",
        {"email": "new@example.com", "password1": PASSWORD, "password2": PASSWORD},
    )
    assert response.status_code == 302 and response.url == result.get_absolute_url()
    result.refresh_from_db()
    assert result.user == get_user_model().objects.get(email="new@example.com")
    assert result.get_absolute_url() in client.get(reverse("careers:assessment_history")).content.decode()
    assert client.get(result.get_absolute_url()).status_code == 200


def test_anonymous_result_is_saved_to_the_account_at_log_in(client, owner):
    take_assessment(client, TECHNICAL)
    client.post(reverse("account_login"), {"login": owner.email, "password": PASSWORD})
    assert AssessmentResult.objects.get().user == owner


def test_logging_in_never_takes_over_someone_elses_result(client, owner, stranger):
    theirs = AssessmentResult.objects.create(
        user=stranger, scores=[{"slug": "ux", "name": "UX PM", "points": 1, "maximum": 1, "percent": 100}]
    )
    session = client.session
    session[AssessmentResult.SESSION_KEY] = theirs.pk
    session.save()
    client.post(reverse("account_login"), {"login": owner.email, "password": PASSWORD})
    theirs.refresh_from_db()
    assert theirs.user == stranger


def test_retaking_keeps_every_past_result_newest_first(owner_client):
    take_assessment(owner_client, TECHNICAL)
    owner_client.post(reverse("careers:assessment_start"))
    take_assessment(owner_client, UX)
    first, second = AssessmentResult.objects.order_by("pk")
    html = owner_client.get(reverse("careers:assessment_history")).content.decode()
    assert html.index(second.get_absolute_url()) < html.index(first.get_absolute_url())
    assert "Retake the assessment" in owner_client.get(reverse("careers:assessment")).content.decode()


def test_a_past_result_never_changes_when_questions_weights_and_thresholds_change(owner_client):
    url = take_assessment(owner_client, TECHNICAL).url
    before = owner_client.get(url).content.decode()
    question = Question.objects.get(slug="q-do-you-enjoy-coordinating-cross-functional-teams")
    question.text = "Do you like meetings?"
    question.save()
    Question.objects.filter(slug="q-your-background").update(active=False)
    OptionWeight.objects.update(points=1)
    AssessmentSettings.objects.update_or_create(pk=1, defaults={"min_lean": 90, "clear_lead": 90})
    after = owner_client.get(url).content.decode()
    assert after == before.replace(*_csrf_tokens(before, after))
    assert "Do you enjoy coordinating cross-functional teams?" in after and "Do you like meetings?" not in after


def _csrf_tokens(before: str, after: str) -> tuple[str, str]:
    def token(html):
        return html.split('name="csrfmiddlewaretoken" value="')[1].split('"')[0]

    return token(before), token(after)
