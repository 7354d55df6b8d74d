"""The self-discovery assessment: one question per step, then a result.

Answers in progress live in the session (anonymous visitors can take it too);
a finished assessment is saved as an AssessmentResult. Each step URL serves the
full page, or just the step for an HTMX request, so reload, the back button and
browsers without JavaScript all land on the same step.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import get_language, gettext
from django.views.decorators.http import require_http_methods, require_POST, require_safe
from django.views.decorators.vary import vary_on_headers
from django_htmx.http import HttpResponseClientRedirect, push_url

from . import content
from .forms import AnswerForm
from .models import AssessmentResult, Question, assessment_questions, first_unanswered
from .profile_chart import profile_chart

ANSWERS_KEY = "assessment_answers"


def _step_url(number: int) -> str:
    return reverse("careers:assessment_step", args=[number])


def _wants_fragment(request: HttpRequest) -> bool:
    # A history-restore request after a cache miss wants the whole page.
    return bool(request.htmx) and not request.htmx.history_restore_request


def _redirect(request: HttpRequest, url: str) -> HttpResponse:
    return HttpResponseClientRedirect(url) if request.htmx else redirect(url)


def _get_result_or_404(request: HttpRequest, pk: int) -> AssessmentResult:
    """A signed-in user's own results, or the anonymous result of this session."""
    session_pk = request.session.get(AssessmentResult.SESSION_KEY)
    allowed = Q(user__isnull=True, pk=session_pk) if isinstance(session_pk, int) else Q(pk__in=[])
    if request.user.is_authenticated:
        allowed |= Q(user=request.user)
    results = AssessmentResult.objects.select_related("recommended_track", "previous")
    # In the page's language, as the result was written down in it (see AssessmentResult.in_language).
    return get_object_or_404(results.filter(allowed), pk=pk).in_language(get_language())


def _last_result(request: HttpRequest) -> AssessmentResult | None:
    """The result a new attempt retakes: a signed-in user's latest, or this session's anonymous one."""
    if request.user.is_authenticated:
        return request.user.assessment_results.first()
    pk = request.session.get(AssessmentResult.SESSION_KEY)
    return AssessmentResult.objects.filter(pk=pk, user__isnull=True).first() if isinstance(pk, int) else None


def _render_step(request: HttpRequest, questions: list[Question], number: int, form: AnswerForm, status: int = 200):
    fragment = _wants_fragment(request)
    context = {
        "question": form.question,
        "form": form,
        "number": number,
        "total": len(questions),
        "step_url": _step_url(number),
        "back_url": _step_url(number - 1) if number > 1 else reverse("careers:assessment"),
        "fragment": fragment,
    }
    template = "careers/assessment_step.html#step" if fragment else "careers/assessment_step.html"
    return render(request, template, context, status=status)


@require_safe
def assessment(request: HttpRequest) -> HttpResponse:
    slugs = list(Question.objects.filter(active=True).values_list("slug", flat=True))
    answers = request.session.get(ANSWERS_KEY, {})
    answered = [slug in answers for slug in slugs]
    resume = answered.index(False) + 1 if any(answered) and not all(answered) else None
    session_pk = request.session.get(AssessmentResult.SESSION_KEY)
    if request.user.is_authenticated:
        past = list(request.user.assessment_results.all()[:4])
    else:
        past = list(AssessmentResult.objects.filter(pk=session_pk, user__isnull=True)) if session_pk else []
    past = [result.in_language(get_language()) for result in past]
    return render(
        request,
        "careers/assessment.html",
        {"total": len(slugs), "resume": resume, "past": past[:3], "more_past": len(past) > 3},
    )


@require_POST
def assessment_start(request: HttpRequest) -> HttpResponse:
    """Start again from the first step with no answers chosen."""
    request.session.pop(ANSWERS_KEY, None)
    return redirect("careers:assessment_step", 1)


@vary_on_headers("HX-Request")
@require_http_methods(["GET", "POST"])
def assessment_step(request: HttpRequest, number: int) -> HttpResponse:
    questions = list(Question.objects.filter(active=True).prefetch_related("options"))
    if not 1 <= number <= len(questions):
        raise Http404("There is no such step in the assessment.")
    question = questions[number - 1]
    answers = request.session.get(ANSWERS_KEY, {})
    if request.method == "GET":
        return _render_step(
            request, questions, number, AnswerForm(question, initial={"answer": answers.get(question.slug)})
        )
    form = AnswerForm(question, request.POST)
    if not form.is_valid():
        # 422 re-renders the step with its message; an answer no page offered is a bad request.
        return _render_step(request, questions, number, form, status=400 if form.tampered else 422)
    answers = {**answers, question.slug: form.cleaned_data["answer"]}
    request.session[ANSWERS_KEY] = answers
    if number == len(questions):
        return _finish(request, answers)
    following = number + 1
    if not _wants_fragment(request):
        return redirect(_step_url(following))
    next_question = questions[following - 1]
    next_form = AnswerForm(next_question, initial={"answer": answers.get(next_question.slug)})
    return push_url(_render_step(request, questions, following, next_form), _step_url(following))


def _finish(request: HttpRequest, answers: dict[str, str]) -> HttpResponse:
    questions = assessment_questions()
    missing = first_unanswered(questions, answers)
    if missing is not None:
        messages.warning(request, gettext("One question still needs an answer before we can show your result."))
        return _redirect(request, _step_url(missing))
    result = AssessmentResult.record(questions, answers, user=request.user, previous=_last_result(request))
    request.session[AssessmentResult.SESSION_KEY] = result.pk
    request.session.pop(ANSWERS_KEY, None)
    return _redirect(request, result.get_absolute_url())


@require_safe
def assessment_result(request: HttpRequest, pk: int) -> HttpResponse:
    result = _get_result_or_404(request, pk)
    if result.is_v1:
        # Scored by the earlier method: shown exactly as it was on the day.
        return render(request, "careers/assessment_result_v1.html", {"result": result})
    tracks, version = content.tracks_and_version()
    context = content.page_context(
        version,
        result=result,
        chart=profile_chart(result.scores),
        changes=result.changes_since_previous(),
        columns=content.comparison(tracks, order=[s["slug"] for s in result.scores]),
    )
    return render(request, "careers/assessment_result.html", context)


@login_required
@require_safe
def assessment_history(request: HttpRequest) -> HttpResponse:
    results = request.user.assessment_results.only(
        "pk", "created", "method", "verdict", "recommended_name", "near_tie", "scores", "translations"
    )
    language = get_language()
    return render(request, "careers/assessment_history.html", {"results": [r.in_language(language) for r in results]})
