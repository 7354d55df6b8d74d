"""Template helpers for plan pages and the track page's "Start this track"."""

from __future__ import annotations

import datetime
import functools

from crispy_forms.templatetags.crispy_forms_filters import as_crispy_form
from django import template
from django.utils import timezone
from django.utils.safestring import SafeString

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


@register.filter
def crispy_form(form) -> SafeString:
    """`{{ form|crispy_form }}`: crispy's rendering of the form. A blank "add"
    form looks the same for everyone all day, so it is rendered once a day per
    process: a quarter of the plan page's rendering time otherwise."""
    if form.is_bound or form.instance.pk:
        return as_crispy_form(form)
    return _blank_form(type(form), timezone.localdate())


@functools.lru_cache(maxsize=16)
def _blank_form(form_class, today: datetime.date) -> SafeString:
    return as_crispy_form(form_class(instance=form_class._meta.model()))
