from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


@login_required
def plan(request: HttpRequest) -> HttpResponse:
    # Filled in by the learning-plan work; signed-in users only from day one.
    return render(request, "plans/plan.html", {})
