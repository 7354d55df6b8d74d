"""Template helpers for the track page's "Start this track"."""

from __future__ import annotations

from django import template

from ..models import Plan

register = template.Library()


@register.simple_tag
def track_plans(user, track) -> dict:
    """The signed-in user's active plan and any earlier plan for `track`,
    from one query: `{% track_plans user track as plans %}`."""
    if not user.is_authenticated:
        return {"active": None, "for_track": None}
    plans = list(Plan.objects.filter(user=user).select_related("track"))
    return {
        "active": next((p for p in plans if p.is_active), None),
        "for_track": next((p for p in plans if p.track_id == track.pk), None),
    }
