from __future__ import annotations

from allauth.account.models import EmailAddress
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from . import data
from .forms import DeleteAccountForm


@login_required
@require_GET
def overview(request: HttpRequest) -> HttpResponse:
    email = EmailAddress.objects.filter(user=request.user, primary=True).first()
    return render(request, "accounts/account.html", {"email": email})


@login_required
@require_GET
@never_cache
def export(request: HttpRequest) -> HttpResponse:
    response = JsonResponse(data.export(request.user), json_dumps_params={"indent": 2, "ensure_ascii": False})
    filename = f"pm-planner-data-{timezone.localdate():%Y-%m-%d}.json"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
@require_http_methods(["GET", "POST"])
@never_cache
def delete(request: HttpRequest) -> HttpResponse:
    form = DeleteAccountForm(request, data=request.POST if request.method == "POST" else None)
    if form.is_valid():
        with transaction.atomic():
            request.user.delete()
        logout(request)
        messages.success(request, "Your account and all your data have been deleted.")
        return redirect("home")
    return render(request, "accounts/delete.html", {"form": form, "removes": data.deletion_summary(request.user)})
