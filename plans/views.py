from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from careers.models import Track

from .models import Plan


@login_required
def plan(request: HttpRequest) -> HttpResponse:
    active = Plan.objects.for_user(request.user).filter(status=Plan.Status.ACTIVE).first()
    return render(request, "plans/plan.html", {"plan": active})


@login_required
@require_POST
def start(request: HttpRequest, slug: str) -> HttpResponse:
    track = get_object_or_404(Track, slug=slug)
    current = Plan.objects.for_user(request.user).filter(status=Plan.Status.ACTIVE).first()
    if current and current.track_id != track.pk and request.POST.get("confirm") != "switch":
        return render(request, "plans/confirm_switch.html", {"track": track, "current": current})
    Plan.start(request.user, track)
    if current and current.track_id != track.pk:
        messages.success(request, f"Your {current.track} plan is archived. You are now following {track}.")
    return redirect("plans:plan")
