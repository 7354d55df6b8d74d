"""The plan: an overview, a page per section, and every change made on them.

Pages are full pages for a normal request and just their main area for an
htmx request (the section tabs), so Back, Forward and bookmarks work and
everything works without JavaScript. A change checks ownership (404 for
anyone else), validates, saves, then answers htmx with the changed row and,
out of band, its section's progress, the overall progress and an
announcement, all in one response; a plain form post gets a redirect back.
Invalid input answers 422 with the form or the reason, and nothing changes.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import parse_qs, urlsplit

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Case, F, Model, QuerySet, Value, When
from django.forms import Form
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django.views.decorators.vary import vary_on_headers
from django_htmx.http import reswap, retarget, trigger_client_event

from accounts.models import ReminderSettings
from careers.models import Track

from . import charts, forms, history, progress
from .countdown import countdown
from .models import (
    ChecklistItem,
    CourseProgress,
    Event,
    JourneyItem,
    MilestoneProgress,
    NetworkingStep,
    Plan,
    PortfolioCase,
    SkillRating,
    SuggestedStep,
)

OVERVIEW = "plans/overview.html"
SECTION = "plans/section.html"
ITEM_FORM = "plans/item_form.html"
PER_PAGE = 25  # rows a section page shows: a long list is paged, not rendered whole


@dataclass(frozen=True)
class SectionPage:
    """What a section's page lists and says."""

    key: str  # its URL name, path and progress section
    rows: str  # the Plan method that lists its rows
    intro: str
    empty: str
    add_url_name: str = ""
    add_label: str = ""

    @property
    def label(self) -> str:
        return progress.LABELS[self.key]

    @property
    def url(self) -> str:
        return reverse(f"plans:{self.key}")

    @property
    def add_url(self) -> str:
        return reverse(self.add_url_name) if self.add_url_name else ""


SECTIONS = {
    page.key: page
    for page in [
        SectionPage(
            "checklist",
            "checklist_rows",
            _("The article's first steps into product management, and the habits of successful product managers."),
            _("Nothing here yet."),
        ),
        SectionPage(
            "courses",
            "course_rows",
            _(
                "Courses and certificates for your track, and the ones recommended for every track. "
                "A course you complete counts in every plan that lists it."
            ),
            _("Your track lists no courses yet."),
        ),
        SectionPage(
            "portfolio",
            "case_rows",
            _(
                "Write up your product cases: the problem, what you did and the outcome. They stay yours whatever "
                "track you follow."
            ),
            _("No cases yet. Start with an idea: you can draft and publish it later."),
            "plans:case_add",
            _("Add a portfolio case"),
        ),
        SectionPage(
            "networking",
            "networking_rows",
            _("Log the people you meet and the places you go. Follow-ups due soon come first."),
            _("Nothing logged yet. The ideas below are a good start."),
            "plans:networking_add",
            _("Log a networking step"),
        ),
        SectionPage(
            "skills",
            "skill_rows",
            _("Rate yourself from 0 (not yet) to 4 (expert) on the key skills of your track."),
            _("This track lists no key skills yet."),
        ),
        SectionPage(
            "milestones",
            "milestone_rows",
            _(
                "The career progression of your track. Set a target date for the next role, and mark each one when "
                "you reach it."
            ),
            _("This track lists no career steps yet."),
        ),
    ]
}
SECTION_OF = {
    ChecklistItem: "checklist",
    CourseProgress: "courses",
    PortfolioCase: "portfolio",
    NetworkingStep: "networking",
    SkillRating: "skills",
    MilestoneProgress: "milestones",
}
EDIT_FORMS = {
    CourseProgress: forms.CourseDetailsForm,
    PortfolioCase: forms.PortfolioCaseForm,
    NetworkingStep: forms.NetworkingStepForm,
    SkillRating: forms.SkillNoteForm,
    MilestoneProgress: forms.MilestoneForm,
}


# --- Ownership ---------------------------------------------------------------


def _active_plans(request: HttpRequest) -> QuerySet[Plan]:
    """The signed-in person's active plan with its progress counts, as a query
    not run yet. Building it (a dozen subqueries) takes far longer than running
    it, so a change builds it before its transaction and runs it inside: SQLite
    holds its write lock for the whole transaction."""
    return Plan.objects.with_counts().filter(user=request.user, status=Plan.Status.ACTIVE)


def _active_plan(request: HttpRequest, *related: str) -> Plan | None:
    """The signed-in person's active plan, with its progress counts."""
    return _active_plans(request).select_related(*related).first()


def _get_plan(request: HttpRequest) -> Plan:
    """The active plan, for a change that needs one; 404 without."""
    return get_object_or_404(Plan.objects.select_related("track"), user=request.user, status=Plan.Status.ACTIVE)


def _get_row(request: HttpRequest, model: type[Model], pk: int):
    """The row if it is the signed-in person's: their own, or on their active
    plan (an archived plan is read-only); 404 for anyone else's. Never by id alone."""
    rows = model.objects.all()
    if issubclass(model, JourneyItem):
        rows = rows.filter(user=request.user)
    else:
        rows = rows.filter(plan__user=request.user, plan__status=Plan.Status.ACTIVE)
    return get_object_or_404(rows.select_related(*model.content_fields), pk=pk)


# --- Rendering ----------------------------------------------------------------


def _is_partial(request: HttpRequest) -> bool:
    """An htmx request for a page's main area (not a history restore, which needs the page)."""
    return bool(request.htmx) and not request.htmx.history_restore_request


def _page_number(request: HttpRequest) -> str | None:
    """The list page the person is on: from the query, or for htmx the page's URL."""
    if request.htmx and request.htmx.current_url:
        return parse_qs(urlsplit(request.htmx.current_url).query).get("page", [None])[0]
    return request.GET.get("page")


def _section_context(request: HttpRequest, plan: Plan, key: str) -> dict:
    section = SECTIONS[key]
    page = Paginator(getattr(plan, section.rows)(), PER_PAGE).get_page(_page_number(request))
    context = {
        "plan": plan,
        "progress": plan.progress,
        "section": section,
        "section_progress": plan.progress.section(key),
        "sections": SECTIONS.values(),
        "page": page,
    }
    if key == "networking":
        logged = NetworkingStep.objects.filter(user=plan.user_id, suggestion__isnull=False).values("suggestion")
        context["suggestions"] = SuggestedStep.objects.exclude(pk__in=logged)
    return context


def _section_page(request: HttpRequest, key: str) -> HttpResponse:
    plan = _active_plan(request)
    if plan is None:
        return redirect("plans:plan")
    if _is_partial(request):
        return render(request, f"{SECTION}#plan-main", {**_section_context(request, plan, key), "htmx_partial": True})
    return render(request, SECTION, _section_context(request, plan, key))


def _row_context(row, **extra) -> dict:
    return {"row": row, "section": SECTIONS[SECTION_OF[type(row)]], **extra}


def _back_to(request: HttpRequest, row, *, at_row: bool = True) -> str:
    """Where a plain form post returns: the plan page it came from (else the
    row's section), at the row."""
    url = SECTIONS[SECTION_OF[type(row)]].url
    referer = request.headers.get("referer", "")
    if url_has_allowed_host_and_scheme(referer, {request.get_host()}, require_https=request.is_secure()):
        came_from = urlsplit(referer)
        if came_from.path.startswith(reverse("plans:plan")) and not came_from.path.endswith(("/edit/", "/add/")):
            url = came_from.path + (f"?{came_from.query}" if came_from.query else "")
    return f"{url}#{row.anchor}" if at_row else url


def _recorded(
    request: HttpRequest, plans: QuerySet[Plan], row, action: str, before: str, after: str, *, item_id=None
) -> Plan | None:
    """The active plan counted after a change (`plans`: `_active_plans`), and
    the change in the person's history (nothing when nothing changed). Runs in
    the change's transaction."""
    plan = plans.first()
    if before != after:
        history.record(request.user, row, action, plan=plan, before=before, after=after, item_id=item_id)
    return plan


def _changed(
    request: HttpRequest,
    row,
    message: str,
    *,
    plan: Plan | None,
    added: bool = False,
    edited: bool = False,
    removed: bool = False,
) -> HttpResponse:
    """The answer to a successful change (`plan`: the active plan, counted after
    it). Keyboard focus: a state button keeps it (htmx restores it by id); an
    added or edited row takes it."""
    if not request.htmx:
        messages.success(request, message)
        return redirect(_back_to(request, row, at_row=not removed))
    key = SECTION_OF[type(row)]
    if key == "networking":
        # The log keeps its promised order: the whole list (this page of it) again.
        rows = Paginator(NetworkingStep.objects.filter(user=request.user).in_log_order(), PER_PAGE)
        context = {
            "page": rows.get_page(_page_number(request)),
            "section": SECTIONS[key],
            "focus_pk": row.pk if added or edited else None,
        }
        html = render_to_string(f"{SECTION}#networking-list", context, request)
        if added and row.suggestion_id:
            html += f'<li id="suggestion-{row.suggestion.slug}" hx-swap-oob="delete"></li>'
    elif removed:
        html = ""
    else:
        html = render_to_string(f"{SECTION}#row", _row_context(row, just_added=added), request)
    if added:
        html += render_to_string(f"{SECTION}#add-slot", {"section": SECTIONS[key], "oob": True}, request)
    if plan is not None:
        progress_now = plan.progress
        section = progress_now.section(key)
        context = {
            "progress": progress_now,
            "section_progress": section,
            "announcement": gettext("%(change)s %(section)s: %(progress)s. Overall progress %(percent)s%%.")
            % {
                "change": message,
                "section": section.label,
                "progress": section.text,
                "percent": progress_now.overall_percent,
            },
            "oob": True,
        }
        html += render_to_string(f"{SECTION}#change-oob", context, request)
    response = HttpResponse(html)
    if key == "networking":
        response = reswap(retarget(response, "#networking-list"), "outerHTML")
    if removed:
        trigger_client_event(response, "plan-focus", {"target": f"#{key}-heading"}, after="swap")
    return response


def _rejected(request: HttpRequest, row, form: Form) -> HttpResponse:
    """An invalid state change: the row again with the reason, nothing saved."""
    reason = " ".join(str(error) for errors in form.errors.values() for error in errors)
    error = gettext("Nothing was changed: %(reason)s") % {"reason": reason}
    if request.htmx:
        return render(request, f"{SECTION}#row", _row_context(row, error=error), status=422)
    messages.error(request, error)
    return redirect(_back_to(request, row))


def _form_page(request: HttpRequest, form: Form, row, *, status: int = 200) -> HttpResponse:
    """An edit or add form: in place for htmx, else on a page of its own."""
    section = SECTIONS[SECTION_OF[type(row)]]
    adding = row.pk is None
    context = {"form": form, "row": row, "section": section, "adding": adding}
    context["action"] = section.add_url if adding else row.edit_url
    first = next((name for name in form.fields if name in form.errors), next(iter(form.fields), None))
    if first:
        form.fields[first].widget.attrs["autofocus"] = True  # htmx focuses [autofocus] in swapped content
    if _is_partial(request):
        context.update(partial=True, in_list=not adding)
        response = render(request, f"{ITEM_FORM}#item-form", context, status=status)
        if row.pk is None and status != 200:
            response = reswap(retarget(response, f"#{section.key}-add-slot"), "innerHTML")
        return response
    return render(request, ITEM_FORM, context, status=status)


def _set_state(request: HttpRequest, model: type[Model], pk: int, form_class: type[Form], apply) -> HttpResponse:
    """The one path of every state-setting view: find, validate, apply, answer."""
    row = _get_row(request, model, pk)
    form = form_class(request.POST)
    if not form.is_valid():
        return _rejected(request, row, form)
    before, plans = row.state_label, _active_plans(request)
    with transaction.atomic():
        message = apply(row, form.cleaned_data)
        plan = _recorded(request, plans, row, row.state_action, before, row.state_label)
    return _changed(request, row, message, plan=plan)


def _edit(request: HttpRequest, model: type[Model], pk: int) -> HttpResponse:
    row = _get_row(request, model, pk)
    form_class = EDIT_FORMS[model]
    if request.method == "GET":
        return _form_page(request, form_class(instance=row), row)
    form = form_class(request.POST, instance=row)
    if form.is_valid():
        plans = _active_plans(request)
        with transaction.atomic():
            form.save()
            plan = _recorded(request, plans, row, Event.Action.EDITED, "", history.edited_fields(form))
        return _changed(request, row, gettext("Saved “%(title)s”.") % {"title": row.title}, plan=plan, edited=True)
    # Show the bound form on a fresh copy: an invalid form half-updates its instance.
    form.instance = _get_row(request, model, pk)
    return _form_page(request, form, form.instance, status=422)


def _add(request: HttpRequest, model: type[Model], **initial) -> HttpResponse:
    row = model(user=request.user, **initial)
    form_class = EDIT_FORMS[model]
    if request.method == "GET":
        return _form_page(request, form_class(instance=row), row)
    form = form_class(request.POST, instance=row)
    if not form.is_valid():
        return _form_page(request, form, row, status=422)
    plans = _active_plans(request)
    with transaction.atomic():
        form.save()
        plan = _recorded(request, plans, row, Event.Action.ADDED, "", row.state_label)
    return _changed(request, row, gettext("Added “%(title)s”.") % {"title": row.title}, plan=plan, added=True)


def _show_row(request: HttpRequest, model: type[Model], pk: int) -> HttpResponse:
    """A row as it is (the edit form's Cancel)."""
    row = _get_row(request, model, pk)
    if not request.htmx:
        return redirect(_back_to(request, row))
    return render(request, f"{SECTION}#row", _row_context(row))


def _delete(request: HttpRequest, model: type[Model], pk: int) -> HttpResponse:
    row = _get_row(request, model, pk)
    title, pk, before, plans = row.title, row.pk, row.state_label, _active_plans(request)
    with transaction.atomic():
        row.delete()
        plan = _recorded(request, plans, row, Event.Action.DELETED, before, "", item_id=pk)
    return _changed(request, row, gettext("Deleted “%(title)s”.") % {"title": title}, plan=plan, removed=True)


# --- The overview --------------------------------------------------------------


@dataclass(frozen=True)
class Card:
    """A section on the overview: its progress and what to do next there."""

    section: SectionPage
    progress: progress.Section
    actions: list[progress.Action]


def _row_actions(section: SectionPage, rows, text) -> list[progress.Action]:
    return [progress.Action(text(row), f"{section.url}#{row.anchor}") for row in rows]


def _course_action(row: CourseProgress) -> str:
    if row.status == CourseProgress.Status.IN_PROGRESS:
        return gettext("Continue %(course)s") % {"course": row.title}
    return gettext("Start %(course)s") % {"course": row.title}


def _cards(plan: Plan, checklist: list, courses: list, milestone) -> list[Card]:
    counts, sections = plan.counts, plan.progress
    actions = {
        "checklist": _row_actions(SECTIONS["checklist"], checklist, lambda row: row.title),
        "courses": _row_actions(SECTIONS["courses"], courses, _course_action),
        "portfolio": progress.portfolio_actions(
            published=counts.cases_published,
            target=counts.portfolio_target,
            add_url=reverse("plans:case_add"),
            section_url=SECTIONS["portfolio"].url,
        ),
        "networking": progress.networking_actions(
            done=counts.networking_done,
            target=counts.networking_target,
            add_url=reverse("plans:networking_add"),
            ideas_url=SECTIONS["networking"].url + "#ideas",
        ),
        "skills": progress.skills_actions(
            points=counts.skill_points, total=counts.skills_total, section_url=SECTIONS["skills"].url
        ),
        "milestones": _row_actions(
            SECTIONS["milestones"],
            [milestone] if milestone else [],
            lambda row: gettext("Work towards %(role)s") % {"role": row.title},
        ),
    }
    return [Card(page, sections.section(key), actions[key]) for key, page in SECTIONS.items()]


@login_required
@require_GET
@vary_on_headers("HX-Request")
def plan(request: HttpRequest) -> HttpResponse:
    # The person's time zone comes with the plan: their weeks, their today.
    active = _active_plan(request, "user__reminder_settings")
    if active is None:
        plans = Plan.objects.filter(user=request.user)
        return render(request, OVERVIEW, {"plan": None, "archived": plans.exists(), "tracks": Track.objects.all()})
    zone, now = ReminderSettings.zone_of(active.user), timezone.now()
    today = charts.local_date(now, zone)
    in_progress_first = Case(When(status=CourseProgress.Status.IN_PROGRESS, then=Value(0)), default=Value(1))
    courses = list(
        active.course_rows()
        .filter(course__retired=False)
        .exclude(status=CourseProgress.Status.COMPLETED)
        .order_by(in_progress_first, F("target_date").asc(nulls_last=True), "course__order", "course__pk")[:3]
    )
    checklist = list(active.checklist_rows().filter(done=False)[:3])
    milestone = active.milestone_rows().filter(reached=False, role__retired=False).first()
    context = {
        "plan": active,
        "progress": active.progress,
        "sections": SECTIONS.values(),
        "sections_by_key": SECTIONS,
        "cards": _cards(active, checklist, courses, milestone),
        "followups": list(active.networking_rows().filter(done=False, follow_up_on__lte=progress.due_by(today))[:3]),
        "next_course": courses[0] if courses else None,
        "courses_total": active.counts.courses_total,
        "milestone": milestone,
        "plan_target": countdown(active.target_date, today),
        "charts": charts.build(
            history.weekly_activity(request.user.pk, zone),
            plan_id=active.pk,
            plan_start=active.created,
            now=now,
            zone=zone,
            now_percent=active.progress.overall_percent,
        ),
    }
    if _is_partial(request):
        return render(request, f"{OVERVIEW}#plan-main", {**context, "htmx_partial": True})
    return render(request, OVERVIEW, context)


# --- Section pages ---------------------------------------------------------------


@login_required
@require_GET
@vary_on_headers("HX-Request")
def section(request: HttpRequest, key: str) -> HttpResponse:
    """A section's page: the key comes from its URL (plans/urls.py names each one)."""
    return _section_page(request, key)


# --- Plans: start, switch, archive ---------------------------------------------------


def _start(request: HttpRequest, track: Track, replaced: Plan | None) -> None:
    """Plan.start, and in the same transaction the plan started or made active
    again in the history, with its progress then (the first point of its
    progress over time). Starting the plan that is already active records nothing."""
    counted = Plan.objects.with_counts().filter(user=request.user, track=track)  # built outside: see _active_plans
    with transaction.atomic():
        # Two tabs starting one track queue here (as in Plan.start), so it is recorded once.
        get_user_model().objects.select_for_update().filter(pk=request.user.pk).first()
        was = Plan.objects.filter(user=request.user, track=track).values_list("status", flat=True).first()
        Plan.start(request.user, track)
        if was != Plan.Status.ACTIVE:
            started = counted.get()
            action = Event.Action.STARTED if was is None else Event.Action.REACTIVATED
            before = replaced.track.name if replaced and replaced.track_id != track.pk else ""
            history.record(request.user, started, action, plan=started, before=before, after=Plan.Status.ACTIVE.label)


@login_required
@require_GET
def archived_plans(request: HttpRequest) -> HttpResponse:
    plans = list(Plan.objects.with_counts().filter(user=request.user))
    return render(request, "plans/archived.html", {"plans": plans, "has_active": any(p.is_active for p in plans)})


@login_required
@require_GET
def archived_plan(request: HttpRequest, pk: int) -> HttpResponse:
    found = get_object_or_404(Plan.objects.with_counts(), pk=pk, user=request.user)
    if found.is_active:
        return redirect("plans:plan")
    overall = found.progress
    sections = [(overall.section(key), list(getattr(found, page.rows)())) for key, page in SECTIONS.items()]
    return render(request, "plans/readonly.html", {"plan": found, "progress": overall, "sections": sections})


@login_required
@require_POST
def start(request: HttpRequest, slug: str) -> HttpResponse:
    track = get_object_or_404(Track, slug=slug)
    plans = {p.track_id: p for p in Plan.objects.filter(user=request.user).select_related("track")}
    current = next((p for p in plans.values() if p.is_active), None)
    switching = current is not None and current.track_id != track.pk
    if switching and request.POST.get("confirm") != "switch":
        return render(
            request, "plans/confirm_switch.html", {"track": track, "current": current, "previous": plans.get(track.pk)}
        )
    _start(request, track, current)
    if switching:
        messages.success(
            request,
            gettext(
                "You are now following %(track)s. Your %(previous)s plan is archived; your courses, portfolio, "
                "network and habits came with you."
            )
            % {"track": track, "previous": current.track},
        )
    elif track.pk not in plans:
        messages.success(
            request, gettext("Your %(track)s plan is ready. Work through it at your own pace.") % {"track": track}
        )
    return redirect("plans:plan")


@login_required
@require_POST
def activate(request: HttpRequest, pk: int) -> HttpResponse:
    found = get_object_or_404(Plan.objects.select_related("track"), pk=pk, user=request.user)
    if not found.is_active:
        current = Plan.objects.select_related("track").filter(user=request.user, status=Plan.Status.ACTIVE).first()
        _start(request, found.track, current)
        messages.success(
            request, gettext("Your %(track)s plan is active again, with all its progress.") % {"track": found.track}
        )
    return redirect("plans:plan")


# --- Rows: show, edit, delete, set a state (the model comes from the URL) ----------------


def _apply_done(row, data) -> str:
    row.done = data["done"]
    row.save(update_fields=["done", "updated"])
    if row.done:
        return gettext("“%(title)s” marked done.") % {"title": row.title}
    return gettext("“%(title)s” marked not done.") % {"title": row.title}


def _apply_status(row, data) -> str:
    if isinstance(row, CourseProgress):
        row.set_status(data["status"])
    else:
        row.status = data["status"]
        row.save(update_fields=["status", "updated"])
    return gettext("“%(title)s” marked %(status)s.") % {"title": row.title, "status": row.get_status_display().lower()}


def _apply_rating(row, data) -> str:
    row.rating = data["rating"]
    row.save(update_fields=["rating", "updated"])
    return gettext("%(skill)s rated %(rating)s: %(level)s.") % {
        "skill": row.title,
        "rating": row.rating,
        "level": row.get_rating_display(),
    }


def _apply_reached(row, data) -> str:
    row.set_reached(data["reached"])
    if row.reached:
        return gettext("%(role)s marked reached.") % {"role": row.title}
    return gettext("%(role)s marked not reached yet.") % {"role": row.title}


# Per kind of row: the form that validates its state and what applying it does.
STATE_CHANGES = {
    ChecklistItem: (forms.DoneForm, _apply_done),
    CourseProgress: (forms.CourseStatusForm, _apply_status),
    PortfolioCase: (forms.CaseStatusForm, _apply_status),
    NetworkingStep: (forms.DoneForm, _apply_done),
    SkillRating: (forms.RatingForm, _apply_rating),
    MilestoneProgress: (forms.ReachedForm, _apply_reached),
}


@login_required
@require_GET
def row(request: HttpRequest, pk: int, model: type[Model]) -> HttpResponse:
    return _show_row(request, model, pk)


@login_required
@require_POST
def set_state(request: HttpRequest, pk: int, model: type[Model]) -> HttpResponse:
    form_class, apply = STATE_CHANGES[model]
    return _set_state(request, model, pk, form_class, apply)


@login_required
@require_http_methods(["GET", "POST"])
@vary_on_headers("HX-Request")
def edit(request: HttpRequest, pk: int, model: type[Model]) -> HttpResponse:
    return _edit(request, model, pk)


@login_required
@require_POST
def delete(request: HttpRequest, pk: int, model: type[Model]) -> HttpResponse:
    return _delete(request, model, pk)


# --- Adding ------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
@vary_on_headers("HX-Request")
def case_add(request: HttpRequest) -> HttpResponse:
    # A case remembers the track its author followed when they wrote it.
    return _add(request, PortfolioCase, track=_get_plan(request).track)


@login_required
@require_http_methods(["GET", "POST"])
@vary_on_headers("HX-Request")
def networking_add(request: HttpRequest) -> HttpResponse:
    _get_plan(request)  # adding needs an active plan, as every page that offers it has
    return _add(request, NetworkingStep)


@login_required
@require_POST
def networking_add_suggested(request: HttpRequest, slug: str) -> HttpResponse:
    _get_plan(request)
    suggestion = get_object_or_404(SuggestedStep, slug=slug)
    # Adding the same suggestion twice (a double click, a retry, two tabs) keeps one step.
    plans = _active_plans(request)
    with transaction.atomic():
        step, created = NetworkingStep.objects.get_or_create(
            user=request.user, suggestion=suggestion, defaults={"who": suggestion.title, "kind": suggestion.kind}
        )
        plan = plans.first()
        if created:
            history.record(request.user, step, Event.Action.ADDED, plan=plan, after=step.state_label)
    message = gettext("Added “%(who)s” to your networking log.") % {"who": step.who}
    return _changed(request, step, message, plan=plan, added=True)
