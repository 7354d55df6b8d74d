"""Walking the assessment over HTTP, shared by the assessment test files."""

from __future__ import annotations

from django.urls import reverse

from careers.models import Question

HTMX = {"HTTP_HX_REQUEST": "true"}

DEFAULTS = {
    Question.Kind.SCALE: "neutral",
    Question.Kind.BACKGROUND: "new-to-product",
    Question.Kind.INDUSTRY: "not-sure",
    Question.Kind.ENVIRONMENT: "not-sure",
}

TECHNICAL = {
    "q-do-you-enjoy-solving-complex-problems": "strongly-agree",
    "q-do-you-enjoy-coordinating-cross-functional-teams": "strongly-agree",
    "q-do-you-like-making-data-driven-decisions": "agree",
    "q-your-background": "technical",
    "q-industry": "tech-companies",
    "q-work-environment": "tech-companies",
}
UX = {
    "q-are-you-passionate-about-user-needs": "strongly-agree",
    "q-can-you-influence-without-authority": "strongly-agree",
    "q-are-you-comfortable-with-ambiguity": "agree",
    "q-your-background": "design",
    "q-industry": "consumer-products",
    "q-work-environment": "agencies",
}


def step_url(number: int) -> str:
    return reverse("careers:assessment_step", args=[number])


def take_assessment(client, choices: dict[str, str], **headers):
    """Answer every active question in order; returns the last response."""
    response = None
    for number, question in enumerate(Question.objects.filter(active=True), start=1):
        answer = choices.get(question.slug, DEFAULTS[question.kind])
        response = client.post(step_url(number), {"answer": answer}, **headers)
        assert response.status_code in (200, 302), (number, response.status_code)
    return response
