from __future__ import annotations

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.exceptions import BadRequest
from django.db import transaction
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from . import data
from .appearance import THEME_COOKIE, THEME_COOKIE_AGE
from .forms import DeleteAccountForm, ProfileForm, ThemeForm
from .models import Profile


def _account_page(request: HttpRequest, profile_form: ProfileForm, status: int = 200) -> HttpResponse:
    email = EmailAddress.objects.filter(user=request.user, primary=True).first()
    return render(request, "accounts/account.html", {"email": email, "profile_form": profile_form}, status=status)


@login_required
@require_GET
def overview(request: HttpRequest) -> HttpResponse:
    return _account_page(request, ProfileForm(instance=Profile.of(request.user)))


@login_required
@require_POST
def update_profile(request: HttpRequest) -> HttpResponse:
    form = ProfileForm(request.POST, instance=Profile.of(request.user))
    if not form.is_valid():
        return _account_page(request, form, status=400)
    form.save()
    messages.success(request, "Your name is saved." if form.instance.display_name else "Your name is cleared.")
    return redirect("accounts:overview")


@require_POST
def set_theme(request: HttpRequest) -> HttpResponse:
    """Light, dark or system. Signed in, the account keeps it; otherwise a cookie does
    (the switch's script keeps it in localStorage and only calls this when signed in)."""
    form = ThemeForm(request.POST)
    if not form.is_valid():
        raise BadRequest("The theme must be light, dark or system.")
    theme = form.cleaned_data["theme"]
    if request.headers.get("X-Requested-With") == "fetch":
        response = HttpResponse(status=204)
    else:
        back = request.POST.get("next", "")
        safe = url_has_allowed_host_and_scheme(back, {request.get_host()}, require_https=request.is_secure())
        response = redirect(back if safe else "home")
    if request.user.is_authenticated:
        Profile.objects.update_or_create(user=request.user, defaults={"theme": theme})
    else:
        response.set_cookie(
            THEME_COOKIE,
            theme,
            max_age=THEME_COOKIE_AGE,
            samesite="Lax",
            secure=settings.SESSION_COOKIE_SECURE,
            httponly=True,
        )
    return response


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
