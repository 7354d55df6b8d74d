from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.functional import SimpleLazyObject
from django.views.decorators.http import require_safe

from . import content
from .forms import CatalogueFilterForm
from .models import Background, EntryRoute, FirstStep, Habit, Question, Role, WorkEnvironment

# Every content page hands its template lazy querysets: they only run when a
# fragment is missing from the cache (see careers/content.py).


@require_safe
def home(request: HttpRequest) -> HttpResponse:
    context = content.page_context(blocks=content.blocks(), tracks=content.track_cards())
    return render(request, "careers/home.html", context)


@require_safe
def track_detail(request: HttpRequest, slug: str) -> HttpResponse:
    tracks, version = content.tracks_and_version()
    track = next((t for t in tracks if t.slug == slug), None)
    if track is None:
        raise Http404("No such track.")
    context = content.page_context(
        version,
        track=track,
        blocks=content.blocks(),
        courses=SimpleLazyObject(lambda: content.track_courses(track)),
        skills=content.track_skills(track),
        roles=content.track_roles(track),
        other_tracks=[t for t in tracks if t.pk != track.pk],
    )
    return render(request, "careers/track_detail.html", context)


@require_safe
def compare(request: HttpRequest) -> HttpResponse:
    tracks, version = content.tracks_and_version()
    context = content.page_context(version, columns=content.comparison(tracks))
    return render(request, "careers/track_compare.html", context)


@require_safe
def guide(request: HttpRequest) -> HttpResponse:
    tracks, version = content.tracks_and_version()
    context = content.page_context(
        version,
        blocks=content.blocks(),
        tracks=tracks,
        industries=content.industries_by_track(),
        backgrounds=Background.objects.select_related("track"),
        environments=WorkEnvironment.objects.all(),
        ladder=Role.objects.offered().filter(track__isnull=True),
        entry_routes=EntryRoute.objects.all(),
        first_steps=FirstStep.objects.offered(),
        habits=Habit.objects.offered(),
        questions=Question.objects.filter(kind=Question.Kind.SCALE, active=True),
    )
    return render(request, "careers/guide.html", context)


@require_safe
def course_list(request: HttpRequest) -> HttpResponse:
    tracks, version = content.tracks_and_version()
    form = CatalogueFilterForm(tracks, request.GET)
    if not form.is_valid():
        return render(request, "careers/course_list.html", {"problem": form.problem}, status=404)
    chosen = form.chosen
    context = content.page_context(
        version,
        form=form,
        chosen=chosen,
        groups=SimpleLazyObject(lambda: content.catalogue(chosen, tracks)),
        blocks=content.blocks(),
    )
    return render(request, "careers/course_list.html", context)
