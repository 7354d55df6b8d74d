"""A person's private calendar feed (iCal): follow-ups, course, plan and
milestone target dates, as all-day events.

Its address carries a random token (`accounts.models.CalendarFeed`), not the
user's id, so it works signed out in any calendar app; resetting the token
makes the old address answer 404. Each event's UID names its row (the step,
the course, the plan, the milestone) and never changes, so when a date moves
the calendar app updates the event instead of adding another; an item that is
done leaves the feed.
"""

from __future__ import annotations

import datetime

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext
from django.views.decorators.http import require_GET
from icalendar import Calendar
from icalendar import Event as CalendarEvent

from accounts import language
from accounts.models import CalendarFeed
from accounts.site import absolute_url

from .models import CourseProgress, MilestoneProgress, NetworkingStep, Plan

PRODID = "-//PM Planner//Plan dates//EN"


def _event(uid: str, day: datetime.date, summary: str, url: str, changed: datetime.datetime | None) -> CalendarEvent:
    """An all-day event; `changed`: when its row last changed (the plan keeps no such time)."""
    event = CalendarEvent()
    event.add("uid", uid)
    event.add("dtstamp", changed or timezone.now())
    if changed:
        event.add("last-modified", changed)
    event.add("dtstart", day)  # a date, not a time: an all-day event
    event.add("dtend", day + datetime.timedelta(days=1))
    event.add("summary", summary)
    event.add("url", url)
    event.add("description", gettext("In your PM Planner plan: %(url)s") % {"url": url})
    event.add("transp", "TRANSPARENT")  # a reminder, not a meeting: it does not make the day busy
    return event


def build(user) -> Calendar:
    """The open dates of the person's journey and active plan (a handful of queries)."""
    domain = absolute_url("").split("://", 1)[1]
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", "PM Planner")

    networking, courses = reverse("plans:networking"), reverse("plans:courses")
    steps = NetworkingStep.objects.filter(user=user, done=False, follow_up_on__isnull=False).order_by("pk")
    for step in steps:
        url = absolute_url(f"{networking}#{step.anchor}")
        calendar.add_component(
            _event(
                f"followup-{step.pk}@{domain}",
                step.follow_up_on,
                gettext("Follow up with %(who)s") % {"who": step.who},
                url,
                step.updated,
            )
        )

    open_courses = (
        CourseProgress.objects.filter(user=user, target_date__isnull=False)
        .exclude(status=CourseProgress.Status.COMPLETED)
        .select_related("course")
        .order_by("pk")
    )
    for row in open_courses:
        url = absolute_url(f"{courses}#{row.anchor}")
        calendar.add_component(
            _event(
                f"course-{row.pk}@{domain}",
                row.target_date,
                gettext("Finish %(course)s") % {"course": row.title},
                url,
                row.updated,
            )
        )

    plan = Plan.objects.filter(user=user, status=Plan.Status.ACTIVE).select_related("track").first()
    if plan is not None:
        if plan.target_date:
            summary = gettext("Ready to apply: %(track)s target date") % {"track": plan.track.short_name}
            calendar.add_component(
                _event(f"plan-{plan.pk}@{domain}", plan.target_date, summary, absolute_url(reverse("plans:plan")), None)
            )
        milestones = reverse("plans:milestones")
        rows = MilestoneProgress.objects.filter(plan=plan, reached=False, target_date__isnull=False).select_related(
            "role"
        )
        for row in rows.order_by("pk"):
            url = absolute_url(f"{milestones}#{row.anchor}")
            calendar.add_component(
                _event(
                    f"milestone-{row.pk}@{domain}",
                    row.target_date,
                    gettext("Reach %(role)s") % {"role": row.title},
                    url,
                    row.updated,
                )
            )
    return calendar


@require_GET
def feed(request: HttpRequest, token: str) -> HttpResponse:
    """The feed for whoever holds the token; no session needed (calendar apps have none)."""
    found = get_object_or_404(CalendarFeed.objects.select_related("user__profile"), token=token, user__is_active=True)
    # In its owner's language, whichever address it is read at (accounts/language.py).
    with translation.override(language.for_user(found.user)):
        calendar = build(found.user).to_ical()
    response = HttpResponse(calendar, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="pm-planner.ics"'
    # Personal data: no shared cache may keep it.
    patch_cache_control(response, private=True)
    return response
