"""The plan page and every change made on it.

A change view checks ownership (404 for anyone else), validates, saves, then
answers an HTMX request with the item's fragment plus out-of-band progress
bars, or a plain form POST with a redirect back to the item on the plan page,
so everything works with JavaScript off. Invalid input answers 422 with the
error shown next to the item and nothing changed.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Model
from django.forms import Form
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django.views.decorators.vary import vary_on_headers
from django_htmx.http import reswap, retarget, trigger_client_event

from careers import content_version
from careers.models import Track

from . import forms, progress
from .models import (
    ChecklistItem,
    CourseProgress,
    MilestoneProgress,
    NetworkingStep,
    Plan,
    PortfolioCase,
    SkillRating,
    SuggestedStep,
    Target,
)

PLAN = "plans/plan.html"


@dataclass(frozen=True)
class ItemKind:
    """What the shared views need to know about one kind of plan item."""

    name: str  # URL name and HTML id prefix: "course" -> plans:course, id="course-12"
    model: type[Model]
    section: str  # its section in progress.Progress
    rows: str  # its list in _load_rows()
    related: tuple[str, ...] = ()
    edit_form: type[forms.PlanItemForm] | None = None

    @property
    def partial(self) -> str:
        return f"{PLAN}#{self.name}-item"


COURSE = ItemKind("course", CourseProgress, "courses", "courses", ("course",), forms.CourseDetailsForm)
SKILL = ItemKind("skill", SkillRating, "skills", "skills", ("skill",), forms.SkillNoteForm)
MILESTONE = ItemKind("milestone", MilestoneProgress, "milestones", "milestones", ("role",), forms.MilestoneForm)
CHECKLIST = ItemKind("checklist", ChecklistItem, "getting_started", "checklist", ("first_step", "habit"))
CASE = ItemKind("case", PortfolioCase, "portfolio", "cases", (), forms.PortfolioCaseForm)
NETWORKING = ItemKind(
    "networking", NetworkingStep, "networking", "networking", ("suggestion",), forms.NetworkingStepForm
)


# --- Ownership ---------------------------------------------------------------


def _get_item(request: HttpRequest, kind: ItemKind, pk: int):
    """The item on the signed-in user's active plan; 404 for anyone else's
    (or an archived plan's, which is read-only). Never fetched by id alone."""
    item = get_object_or_404(
        kind.model.objects.select_related("plan__track", *kind.related).annotate(content_now=content_version.latest()),
        pk=pk,
        plan__user=request.user,
        plan__status=Plan.Status.ACTIVE,
    )
    item.plan.content_now = item.content_now  # as Plan.objects.for_user() gives it
    return item


def _get_active_plan(request: HttpRequest) -> Plan:
    return get_object_or_404(Plan.objects.for_user(request.user), status=Plan.Status.ACTIVE)


def _get_plan(request: HttpRequest, pk: int) -> Plan:
    return get_object_or_404(Plan.objects.for_user(request.user), pk=pk)


# --- Page and fragment rendering --------------------------------------------


def _load_rows(plan: Plan) -> dict[str, list]:
    """Every row the plan page shows, one query per kind however many there are."""
    return {
        "checklist": list(plan.checklist_rows()),
        "courses": list(plan.course_rows()),
        "cases": list(plan.cases.all()),
        "networking": list(plan.networking.all()),
        "skills": list(plan.skill_rows()),
        "milestones": list(plan.milestone_rows()),
    }


def _next_steps(rows: dict[str, list], suggestions: list, targets: dict[str, int], counts) -> progress.NextSteps:
    today = timezone.localdate()
    return progress.NextSteps(
        course=progress.next_course(rows["courses"]),
        followups=progress.followups_due(rows["networking"], today),
        action=progress.next_action(
            cases=rows["cases"],
            portfolio_target=targets["portfolio-cases"],
            networking_done=counts.networking_done,
            networking_target=targets["networking-steps"],
            suggestions=suggestions,
            logged_suggestion_ids={s.suggestion_id for s in rows["networking"]},
            skills=rows["skills"],
            milestones=rows["milestones"],
        ),
    )


def _render_plan(
    request: HttpRequest,
    plan: Plan,
    *,
    status: int = 200,
    focus: tuple[ItemKind, int, dict] | None = None,
    add_forms: dict | None = None,
    **extra,
) -> HttpResponse:
    """The whole plan page; `focus` shows one item open for editing or with an
    error (the no-JavaScript path), `add_forms` a rejected "add" form."""
    readonly = not plan.is_active
    if not readonly:
        plan.sync_if_content_changed()
    version = plan.content_token()
    rows = _load_rows(plan)
    if focus:
        kind, pk, state = focus
        for row in rows[kind.rows]:
            if row.pk == pk:
                _mark(row, **state)
    suggestions = SuggestedStep.for_content(version)
    targets = Target.for_content(version)
    counts = progress.count_rows(**rows)
    today = timezone.localdate()
    logged = {s.suggestion_id for s in rows["networking"]}
    context = {
        "plan": plan,
        "readonly": readonly,
        "today": today,
        "rows": {**rows, "networking": progress.order_networking(rows["networking"], today)},
        "first_steps": [item for item in rows["checklist"] if not item.is_habit],
        "habits": [item for item in rows["checklist"] if item.is_habit],
        "suggestions": [s for s in suggestions if s.pk not in logged],
        "portfolio_target": targets["portfolio-cases"],
        "progress": progress.plan_progress(counts, targets),
        "next_steps": None if readonly else _next_steps(rows, suggestions, targets, counts),
        "add_forms": {
            "case": forms.PortfolioCaseForm(instance=PortfolioCase(plan=plan)),
            "networking": forms.NetworkingStepForm(instance=NetworkingStep(plan=plan)),
            **(add_forms or {}),
        },
        **extra,
    }
    return render(request, PLAN, context, status=status)


def _mark(item, *, form=None, error: str = "", just_added: bool = False):
    """What the item partial shows besides the item: an open edit form, an
    error, or focus for a newly added item."""
    item.edit_form, item.error, item.just_added = form, error, just_added
    return item


def _item_context(item) -> dict:
    return {"row": item, "plan": item.plan, "today": timezone.localdate()}


def _show_item(request: HttpRequest, kind: ItemKind, item, *, status: int = 200, **state) -> HttpResponse:
    """The item alone for HTMX, else the whole plan page showing it that way."""
    if request.htmx:
        return render(request, kind.partial, _item_context(_mark(item, **state)), status=status)
    return _render_plan(request, item.plan, status=status, focus=(kind, item.pk, state))


def _anchor_url(kind: ItemKind, item) -> str:
    return f"{reverse('plans:plan')}#{kind.name}-{item.pk}"


def _changed(request: HttpRequest, kind: ItemKind, item, message: str, *, removed=False, added=False) -> HttpResponse:
    """The answer to a successful change."""
    if not request.htmx:
        messages.success(request, message)
        return redirect((reverse("plans:plan") + f"#{kind.section}") if removed else _anchor_url(kind, item))
    plan_progress = item.plan.progress()
    section = plan_progress.section(kind.section)
    html = "" if removed else render_to_string(kind.partial, _item_context(_mark(item, just_added=added)), request)
    if added:
        # A fresh, closed "add" form replaces the one just submitted.
        form = kind.edit_form(instance=kind.model(plan=item.plan))
        html += render_to_string(f"{PLAN}#{kind.name}-add", {"form": form, "oob": True}, request)
        if getattr(item, "suggestion_id", None):
            html += format_html('<li id="suggestion-{}" hx-swap-oob="delete"></li>', item.suggestion.slug)
    html += render_to_string(
        f"{PLAN}#progress-oob",
        {"section": section, "progress": plan_progress, "message": message},
        request,
    )
    response = HttpResponse(html)
    # The next-steps panel listens for this and refreshes itself.
    trigger_client_event(response, "plan-changed")
    if removed:
        trigger_client_event(response, "plan-focus", {"target": f"#{kind.section}-heading"}, after="swap")
    return response


def _rejected(request: HttpRequest, kind: ItemKind, pk: int, form: Form) -> HttpResponse:
    """Invalid input: the item again with the reason, nothing saved."""
    item = _get_item(request, kind, pk)  # fresh from the database, untouched by the form
    reason = " ".join(str(error) for errors in form.errors.values() for error in errors)
    return _show_item(request, kind, item, status=422, error=f"Nothing was changed: {reason}")


def _edit(request: HttpRequest, kind: ItemKind, pk: int) -> HttpResponse:
    item = _get_item(request, kind, pk)
    if request.method == "POST":
        form = kind.edit_form(request.POST, instance=item)
        if form.is_valid():
            form.save()
            return _changed(request, kind, item, f"Saved “{item}”.")
        # Show the bound form on a fresh copy: an invalid form half-updates its instance.
        fresh = _get_item(request, kind, pk)
        form.instance = fresh
        return _show_item(request, kind, fresh, status=422, form=form)
    return _show_item(request, kind, item, form=kind.edit_form(instance=item))


def _add(request: HttpRequest, kind: ItemKind) -> HttpResponse:
    plan = _get_active_plan(request)
    form = kind.edit_form(request.POST, instance=kind.model(plan=plan))
    if form.is_valid():
        item = form.save()
        return _changed(request, kind, item, f"Added “{item}”.", added=True)
    if not request.htmx:
        return _render_plan(request, plan, status=422, add_forms={kind.name: form})
    response = render(request, f"{PLAN}#{kind.name}-add", {"form": form, "plan": plan}, status=422)
    return reswap(retarget(response, f"#{kind.name}-add"), "outerHTML")


# --- Pages -------------------------------------------------------------------


@login_required
@require_GET
def plan(request: HttpRequest) -> HttpResponse:
    plans = list(Plan.objects.for_user(request.user))
    active = next((p for p in plans if p.is_active), None)
    archived = [p for p in plans if not p.is_active]
    if active is None:
        return render(request, PLAN, {"plan": None, "archived": archived, "tracks": Track.objects.all()})
    return _render_plan(request, active, archived=archived)


@login_required
@require_GET
def archived_plans(request: HttpRequest) -> HttpResponse:
    plans = list(Plan.objects.for_user(request.user).with_counts())
    targets = Target.values()
    return render(
        request,
        "plans/archived.html",
        {"plans": [(p, p.progress(targets)) for p in plans], "has_active": any(p.is_active for p in plans)},
    )


@login_required
@require_GET
def archived_plan(request: HttpRequest, pk: int) -> HttpResponse:
    plan = _get_plan(request, pk)
    if plan.is_active:
        return redirect("plans:plan")
    return _render_plan(request, plan)


@login_required
@require_POST
def start(request: HttpRequest, slug: str) -> HttpResponse:
    track = get_object_or_404(Track, slug=slug)
    plans = {p.track_id: p for p in Plan.objects.for_user(request.user)}
    current = next((p for p in plans.values() if p.is_active), None)
    switching = current is not None and current.track_id != track.pk
    if switching and request.POST.get("confirm") != "switch":
        return render(
            request, "plans/confirm_switch.html", {"track": track, "current": current, "previous": plans.get(track.pk)}
        )
    Plan.start(request.user, track)
    if switching:
        messages.success(request, f"Your {current.track} plan is archived. You are now following {track}.")
    elif track.pk not in plans:
        messages.success(request, f"Your {track} plan is ready. Work through it at your own pace.")
    return redirect("plans:plan")


@login_required
@require_POST
def activate(request: HttpRequest, pk: int) -> HttpResponse:
    plan = _get_plan(request, pk)
    if not plan.is_active:
        Plan.start(request.user, plan.track)
        messages.success(request, f"Your {plan.track} plan is active again, with all its progress.")
    return redirect("plans:plan")


@login_required
@require_GET
@vary_on_headers("HX-Request")
def next_steps(request: HttpRequest) -> HttpResponse:
    if not request.htmx:
        return redirect(reverse("plans:plan") + "#next-steps")
    plan = _get_active_plan(request)
    rows = _load_rows(plan)
    version = plan.content_token()
    suggestions, targets = SuggestedStep.for_content(version), Target.for_content(version)
    panel = _next_steps(rows, suggestions, targets, progress.count_rows(**rows))
    return render(request, f"{PLAN}#next-steps", {"plan": plan, "next_steps": panel, "today": timezone.localdate()})


# --- Items: show and edit (shared by every kind) -----------------------------


@login_required
@require_GET
@vary_on_headers("HX-Request")
def item(request: HttpRequest, pk: int, kind: ItemKind) -> HttpResponse:
    found = _get_item(request, kind, pk)
    if not request.htmx:
        return redirect(_anchor_url(kind, found))
    return _show_item(request, kind, found)


@login_required
@require_http_methods(["GET", "POST"])
@vary_on_headers("HX-Request")
def edit(request: HttpRequest, pk: int, kind: ItemKind) -> HttpResponse:
    return _edit(request, kind, pk)


@login_required
@require_POST
def add(request: HttpRequest, kind: ItemKind) -> HttpResponse:
    return _add(request, kind)


@login_required
@require_POST
def delete(request: HttpRequest, pk: int, kind: ItemKind) -> HttpResponse:
    found = _get_item(request, kind, pk)
    found.delete()
    return _changed(request, kind, found, f"Deleted “{found}”.", removed=True)


# --- Items: explicit state changes -------------------------------------------


@login_required
@require_POST
def course_status(request: HttpRequest, pk: int) -> HttpResponse:
    form = forms.CourseStatusForm(request.POST)
    if not form.is_valid():
        return _rejected(request, COURSE, pk, form)
    found = _get_item(request, COURSE, pk)
    found.set_status(form.cleaned_data["status"])
    return _changed(request, COURSE, found, f"“{found.course.title}” marked {found.get_status_display().lower()}.")


@login_required
@require_POST
def case_status(request: HttpRequest, pk: int) -> HttpResponse:
    form = forms.CaseStatusForm(request.POST)
    if not form.is_valid():
        return _rejected(request, CASE, pk, form)
    found = _get_item(request, CASE, pk)
    found.status = form.cleaned_data["status"]
    found.save(update_fields=["status", "updated"])
    return _changed(request, CASE, found, f"“{found.title}” marked {found.get_status_display().lower()}.")


@login_required
@require_POST
def skill_rating(request: HttpRequest, pk: int) -> HttpResponse:
    form = forms.RatingForm(request.POST)
    if not form.is_valid():
        return _rejected(request, SKILL, pk, form)
    found = _get_item(request, SKILL, pk)
    found.rating = form.cleaned_data["rating"]
    found.save(update_fields=["rating", "updated"])
    return _changed(request, SKILL, found, f"{found.skill.name} rated {found.rating}: {found.get_rating_display()}.")


@login_required
@require_POST
def milestone_reached(request: HttpRequest, pk: int) -> HttpResponse:
    form = forms.ReachedForm(request.POST)
    if not form.is_valid():
        return _rejected(request, MILESTONE, pk, form)
    found = _get_item(request, MILESTONE, pk)
    found.set_reached(form.cleaned_data["reached"])
    state = "reached" if found.reached else "not reached yet"
    return _changed(request, MILESTONE, found, f"{found.role.title} marked {state}.")


@login_required
@require_POST
def checklist_done(request: HttpRequest, pk: int) -> HttpResponse:
    form = forms.DoneForm(request.POST)
    if not form.is_valid():
        return _rejected(request, CHECKLIST, pk, form)
    found = _get_item(request, CHECKLIST, pk)
    found.done = form.cleaned_data["done"]
    found.save(update_fields=["done", "updated"])
    return _changed(request, CHECKLIST, found, f"“{found.text}” marked {'done' if found.done else 'not done'}.")


@login_required
@require_POST
def networking_done(request: HttpRequest, pk: int) -> HttpResponse:
    form = forms.DoneForm(request.POST)
    if not form.is_valid():
        return _rejected(request, NETWORKING, pk, form)
    found = _get_item(request, NETWORKING, pk)
    found.done = form.cleaned_data["done"]
    found.save(update_fields=["done", "updated"])
    return _changed(request, NETWORKING, found, f"“{found.who}” marked {'done' if found.done else 'not done'}.")


@login_required
@require_POST
def networking_add_suggested(request: HttpRequest, slug: str) -> HttpResponse:
    plan = _get_active_plan(request)
    suggestion = get_object_or_404(SuggestedStep, slug=slug)
    # Adding the same suggestion twice (a double click, a retry, two tabs) keeps one step.
    step, created = NetworkingStep.objects.get_or_create(
        plan=plan, suggestion=suggestion, defaults={"who": suggestion.title, "kind": suggestion.kind}
    )
    step.plan, step.suggestion = plan, suggestion
    response = _changed(request, NETWORKING, step, f"Added “{step.who}” to your networking log.", added=True)
    if request.htmx and not created:
        # Already in the list: replace it rather than append a second copy.
        response = reswap(retarget(response, f"#networking-{step.pk}"), "outerHTML")
    return response
