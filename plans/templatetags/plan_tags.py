"""Template helpers for plan pages and the track page's "Start this track"."""

from __future__ import annotations

import datetime

from django import template

from ..models import Plan
from ..progress import followup_state

register = template.Library()


@register.filter
def followup(step, today: datetime.date) -> str:
    """`{{ step|followup:today }}`: 'overdue', 'due', 'later' or ''."""
    return followup_state(step, today)


@register.simple_tag
def track_plans(user, track) -> dict:
    """The signed-in user's active plan and any earlier plan for `track`,
    from one query: `{% track_plans user track as plans %}`."""
    if not user.is_authenticated:
        return {"active": None, "for_track": None}
    plans = list(Plan.objects.for_user(user))
    return {
        "active": next((p for p in plans if p.is_active), None),
        "for_track": next((p for p in plans if p.track_id == track.pk), None),
    }
