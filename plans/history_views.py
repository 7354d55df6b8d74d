"""The history of a person's changes, and the plan's target date."""

from __future__ import annotations

from urllib.parse import urlencode

from django import forms as django_forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET, require_http_methods
from django.views.decorators.vary import vary_on_headers

from accounts.models import ReminderSettings
from pmplanner.dates import long_date

from . import history
from .forms import PlanTargetForm
from .models import EVENT_SECTIONS, Event
from .views import SECTIONS, _active_plan, _active_plans, _get_plan, _is_partial

HISTORY = "plans/history.html"
TARGET = "plans/plan_target.html"
EVENTS_PER_PAGE = 50


class HistoryFilter(django_forms.Form):
    section = django_forms.ChoiceField(
        choices=[("", _("Every section")), *EVENT_SECTIONS],
        required=False,
        widget=django_forms.Select(attrs={"class": "form-select"}),
    )


@login_required
@require_GET
@vary_on_headers("HX-Request")
def history_page(request: HttpRequest) -> HttpResponse:
    """Every change the person made, newest first, a page at a time, by section if asked."""
    plan = _active_plan(request, "user__reminder_settings")
    zone = ReminderSettings.zone_of(plan.user if plan else request.user)
    chosen = HistoryFilter(request.GET)
    # An unknown section is bad input: the page says so (400) and lists every section.
    section = chosen.cleaned_data["section"] if chosen.is_valid() else ""
    events = Event.objects.filter(user=request.user)
    if section:
        events = events.filter(section=section)
    page = Paginator(events, EVENTS_PER_PAGE).get_page(request.GET.get("page"))
    status = 200 if chosen.is_valid() else 400
    context = {
        "plan": plan,
        "progress": plan.progress if plan else None,
        "sections": SECTIONS.values(),
        "history_page": True,
        "filter": chosen,
        "page": page,
        "query": urlencode({"section": section}) + "&" if section else "",
        "zone_name": zone.key,
    }
    with timezone.override(zone):
        if plan and _is_partial(request):
            return render(request, f"{HISTORY}#plan-main", {**context, "htmx_partial": True}, status=status)
        return render(request, HISTORY, context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
@vary_on_headers("HX-Request")
def plan_target(request: HttpRequest) -> HttpResponse:
    """The date the person wants to be ready to apply by: a small form, fetched
    into the overview when asked, or a page of its own without JavaScript."""
    plan = _get_plan(request)
    if request.method == "GET":
        form = PlanTargetForm(instance=plan)
        if _is_partial(request):
            form.fields["target_date"].widget.attrs["autofocus"] = True  # htmx focuses it once swapped in
            return render(request, f"{TARGET}#target-form", {"form": form, "partial": True})
        return render(request, TARGET, {"form": form})
    form = PlanTargetForm(request.POST, instance=plan)
    if not form.is_valid():
        return render(request, TARGET, {"form": form}, status=422)
    plans = _active_plans(request)
    with transaction.atomic():
        form.save()
        if changed := history.edited_fields(form):
            counted = plans.first()
            history.record(request.user, counted, Event.Action.EDITED, plan=counted, after=changed)
    if plan.target_date:
        messages.success(
            request, gettext("Your target: ready to apply by %(date)s.") % {"date": long_date(plan.target_date)}
        )
    else:
        messages.success(request, gettext("Your plan has no target date now."))
    return redirect("plans:plan")
