"""The staff insights page and its CSV download (mounted under /admin/, staff only)."""

from __future__ import annotations

import csv

from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_safe

from plans.models import Event
from sharing.spreadsheet import BOM, neutralise

from . import queries
from .figures import FEWER, MIN_GROUP, WITHHELD


def activity() -> QuerySet:
    """What people did and when, for weekly active users: the plan's activity events
    (every change a person makes to their journey, plans.history)."""
    return Event.objects.all()


@require_safe
def insights_page(request: HttpRequest) -> HttpResponse:
    context = {"tables": queries.build(activity()), "min_group": MIN_GROUP, "fewer": FEWER, "withheld": WITHHELD}
    return render(request, "insights/insights.html", context)


@require_safe
def insights_csv(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="pm-planner-insights-{today:%Y-%m-%d}.csv"'
    response.write(BOM)
    writer = csv.writer(response)
    writer.writerow(["section", "group", "measure", "value"])
    for table in queries.build(activity()):
        # Course titles are typed by staff: none may run as a formula in a spreadsheet.
        writer.writerows([neutralise(cell) for cell in row] for row in table.csv_rows)
    return response
