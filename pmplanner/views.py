"""Project-level views that belong to no app."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe


@never_cache
@require_safe
def healthz(request: HttpRequest) -> HttpResponse:
    """Liveness for load balancers: the process answers. It touches neither the
    database nor the session, so it is also the bench's bare-Django ceiling."""
    return HttpResponse("ok", content_type="text/plain; charset=utf-8")


@require_safe
def style_guide(request: HttpRequest) -> HttpResponse:
    """Every component of the design system with sample content (docs/design.md).

    Staff only (anyone else gets a 404). Its sample forms are not wired to anything."""
    if not request.user.is_staff:
        raise Http404("No such page.")
    return render(request, "design/components.html", style_guide_samples(request.path))


def style_guide_samples(url: str) -> dict:
    track = {
        "slug": "ux",
        "name": "The User Experience PM",
        "short_name": "UX PM",
        "url": url,
        "perfect_for": "Customer-focused individuals who love design thinking",
    }
    states = [("not_started", "Not started"), ("in_progress", "In progress"), ("completed", "Completed")]
    rows = [
        {
            "title": "UX Design Professional Certificate",
            "meta": "by Google",
            "badge": "Beginner",
            "status": "completed",
        },
        {"title": "UX Research at Scale", "meta": "by Michigan", "badge": "Intermediate", "status": "in_progress"},
        {"title": "User Experience Research and Design", "meta": "by Michigan", "badge": "6 months", "status": ""},
    ]
    for number, row in enumerate(rows, start=1):
        row.update(anchor=f"course-{number}", status_url=url, state_choices=states, done=row["status"] == "completed")
    from accounts.forms import ProfileForm

    return {
        "track": track,
        "card": {
            "id": "data",
            "title": "Your data",
            "text": "Download everything as one file.",
            "url": url,
            "action": "Download",
        },
        "sections": [
            {"url": "#courses", "label": "Courses", "count": 3, "current": True},
            {"url": "#portfolio", "label": "Portfolio", "count": 2, "current": False},
            {"url": "#networking", "label": "Networking", "count": 4, "current": False},
            {"url": "#skills", "label": "Skills", "count": 4, "current": False},
            {"url": "#milestones", "label": "Milestones", "count": 5, "current": False},
        ],
        "rows": rows,
        "empty": {"url": url},
        "form": ProfileForm(),
        "form_url": url,
        "cancel_url": url,
        "progress": {"done": 9, "total": 22, "percent": 41},
        "section": {"label": "Courses", "done": 1, "total": 3},
        "scores": [
            {"slug": "ux", "name": "UX PM", "percent": 64},
            {"slug": "technical", "name": "Technical PM", "percent": 22},
            {"slug": "strategic", "name": "Strategic PM", "percent": 14},
        ],
    }
