"""Project-level views that belong to no app."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe


@never_cache
@require_safe
def healthz(request: HttpRequest) -> HttpResponse:
    """Liveness for load balancers: the process answers. It touches neither the
    database nor the session, so it is also the bench's bare-Django ceiling."""
    return HttpResponse("ok", content_type="text/plain; charset=utf-8")
