"""Helpers shared by tests of several apps."""

from __future__ import annotations

import json
import re

from django.urls import reverse

from plans.models import ChecklistItem, CourseProgress, NetworkingStep, Plan, PortfolioCase, Target
from plans.progress import SKILL_MAX, Counts


def recount(plan: Plan) -> Counts:
    """A plan's progress counted in Python from its rows, by the rules the page
    states: every offered item counts, a retired one only once finished."""
    user = plan.user_id
    checklist = [r for r in ChecklistItem.objects.filter(user=user) if not r.content.retired or r.done]
    courses = [r for r in plan.course_rows() if not r.course.retired or r.is_completed]
    skills = [r for r in plan.skill_rows() if not r.skill.retired]
    milestones = [r for r in plan.milestone_rows() if not r.role.retired or r.reached]
    targets = dict(Target.objects.values_list("slug", "value"))
    return Counts(
        checklist_done=sum(r.done for r in checklist),
        checklist_total=len(checklist),
        courses_done=sum(r.is_completed for r in courses),
        courses_total=len(courses),
        cases_published=PortfolioCase.objects.filter(user=user, status="published").count(),
        networking_done=NetworkingStep.objects.filter(user=user, done=True).count(),
        skill_points=sum(min(r.rating, SKILL_MAX) for r in skills),
        skills_total=len(skills),
        milestones_reached=sum(r.reached for r in milestones),
        milestones_total=len(milestones),
        portfolio_target=targets.get("portfolio-cases", 3),
        networking_target=targets.get("networking-steps", 5),
    )


def counted(plan: Plan) -> Plan:
    """The plan again, with its progress counts from the database."""
    return Plan.objects.with_counts().get(pk=plan.pk)


def course_rows_state(user) -> dict[str, str]:
    """Course slug -> status, for everything the person has."""
    return dict(CourseProgress.objects.filter(user=user).values_list("course__slug", "status"))


def form_data(form) -> dict:
    """What the browser would send back for a (Django admin) form left as shown."""
    data = {}
    for field in form:
        value = field.value()
        if isinstance(value, bool):
            if value:
                data[field.html_name] = "on"
        elif isinstance(value, list | tuple):
            data[field.html_name] = [str(v) for v in value]
        elif value is not None:
            data[field.html_name] = str(value)
    return data


def admin_change_data(response) -> dict:
    """Every field of an admin change page (the object and its inlines), as shown."""
    data = form_data(response.context["adminform"].form)
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        data.update(form_data(formset.management_form))
        for form in formset.forms:
            data.update(form_data(form))
    return data


def drag_rows(client, model, positions: list[list[int]]):
    """What an admin list's drag and drop sends (django-admin-sortable2): [pk, new position] of each row that moved."""
    url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_sortable_update")
    return client.post(url, json.dumps({"updatedItems": positions}), content_type="application/json")


def squash(html: str) -> str:
    """The HTML with every run of white space as one space, so tests can match markup that wraps."""
    return re.sub(r"\s+", " ", html)
