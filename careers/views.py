from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from . import content
from .models import Background, Course, EntryRoute, FirstStep, Habit, Question, Role, Track, WorkEnvironment


@require_safe
def home(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "careers/home.html",
        {
            "blocks": content.blocks(),
            "tracks": content.tracks_with_content(),
            "first_steps": FirstStep.objects.all(),
            "habits": Habit.objects.all(),
        },
    )


@require_safe
def track_detail(request: HttpRequest, slug: str) -> HttpResponse:
    # Every track with its content in one go (there are a handful): the
    # "other tracks" links then cost no extra query.
    tracks = list(content.tracks_with_content())
    track = next((t for t in tracks if t.slug == slug), None)
    if track is None:
        raise Http404("No such track.")
    return render(
        request,
        "careers/track_detail.html",
        {
            "track": track,
            "blocks": content.blocks(),
            "general_courses": content.general_courses(),
            "other_tracks": [t for t in tracks if t.pk != track.pk],
        },
    )


@require_safe
def guide(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "careers/guide.html",
        {
            "blocks": content.blocks(),
            "tracks": Track.objects.prefetch_related("industries"),
            "backgrounds": Background.objects.select_related("track"),
            "environments": WorkEnvironment.objects.all(),
            "ladder": Role.objects.filter(track__isnull=True),
            "entry_routes": EntryRoute.objects.all(),
            "first_steps": FirstStep.objects.all(),
            "habits": Habit.objects.all(),
            "questions": Question.objects.filter(kind=Question.Kind.SCALE, active=True),
        },
    )


@require_safe
def course_list(request: HttpRequest) -> HttpResponse:
    tracks = list(Track.objects.all())
    selected = request.GET.get("track", "")
    courses = Course.objects.select_related("track").order_by("track__order", "order")
    if selected == "general":
        courses = courses.filter(track__isnull=True)
    elif selected:
        if selected not in {t.slug for t in tracks}:
            return render(request, "careers/course_list.html", {"tracks": tracks, "unknown": selected}, status=404)
        courses = courses.filter(track__slug=selected)
    return render(
        request,
        "careers/course_list.html",
        {"tracks": tracks, "courses": courses, "selected": selected, "blocks": content.blocks()},
    )
