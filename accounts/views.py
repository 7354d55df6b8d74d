from __future__ import annotations

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model, logout
from django.contrib.auth.decorators import login_required
from django.core.exceptions import BadRequest
from django.db import transaction
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from . import data, reminders
from .appearance import THEME_COOKIE, THEME_COOKIE_AGE
from .forms import DeleteAccountForm, ProfileForm, ReminderForm, ThemeForm
from .models import CalendarFeed, Profile, ReminderSettings, new_calendar_token
from .site import absolute_url

ACCOUNT = "accounts/account.html"


def _when(reminder: ReminderSettings) -> str:
    """The next reminder time in the person's time zone, e.g. "Monday 7 December at 08:00 (Europe/Berlin)"."""
    when = timezone.localtime(reminder.next_reminder_at, reminder.zone)
    # Translators: Django date format characters for a weekday and a date without the year ("Monday 7 December").
    day = date_format(when, gettext("l j F"))
    return gettext("%(day)s at %(time)s (%(zone)s)") % {"day": day, "time": f"{when:%H:%M}", "zone": reminder.zone.key}


def _account_page(
    request: HttpRequest,
    *,
    profile_form: ProfileForm | None = None,
    reminder_form: ReminderForm | None = None,
    status: int = 200,
) -> HttpResponse:
    """The account page; a form given here is shown as posted (with its errors)."""
    user = request.user
    if reminder_form is None:
        found = ReminderSettings.objects.filter(user=user).first() or ReminderSettings(user=user)
        reminder_form = ReminderForm(instance=found)
    feed = CalendarFeed.objects.filter(user=user).first()
    context = {
        "email": EmailAddress.objects.filter(user=user, primary=True).first(),
        "profile_form": profile_form or ProfileForm(instance=Profile.of(user)),
        "reminder_form": reminder_form,
        "next_reminder": _when(reminder_form.instance) if reminder_form.instance.next_reminder_at else "",
        "calendar_url": absolute_url(reverse("plans:calendar_feed", args=[feed.token])) if feed else "",
    }
    return render(request, ACCOUNT, context, status=status)


@login_required
@require_GET
def overview(request: HttpRequest) -> HttpResponse:
    return _account_page(request)


@login_required
@require_POST
def update_profile(request: HttpRequest) -> HttpResponse:
    form = ProfileForm(request.POST, instance=Profile.of(request.user))
    if not form.is_valid():
        return _account_page(request, profile_form=form, status=400)
    form.save()
    messages.success(
        request, gettext("Your name is saved.") if form.instance.display_name else gettext("Your name is cleared.")
    )
    return redirect("accounts:overview")


@require_POST
def set_theme(request: HttpRequest) -> HttpResponse:
    """Light, dark or system. Signed in, the account keeps it; otherwise a cookie does
    (the switch's script keeps it in localStorage and only calls this when signed in)."""
    form = ThemeForm(request.POST)
    if not form.is_valid():
        raise BadRequest(gettext("The theme must be light, dark or system."))
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
@require_POST
def reminder_settings(request: HttpRequest) -> HttpResponse:
    found = ReminderSettings.objects.filter(user=request.user).first() or ReminderSettings(user=request.user)
    form = ReminderForm(request.POST, instance=found)
    if not form.is_valid():
        return _account_page(request, reminder_form=form, status=422)
    saved = form.save()
    if saved.frequency == ReminderSettings.Frequency.OFF:
        messages.success(request, gettext("Reminders are off."))
    else:
        messages.success(
            request,
            gettext("Reminders are on. The next one comes on %(when)s, if something is due.") % {"when": _when(saved)},
        )
    return redirect(reverse("accounts:overview") + "#reminders-heading")


@login_required
@require_POST
def calendar_new(request: HttpRequest) -> HttpResponse:
    """A calendar address, or a new one in place of the old, which stops working at once."""
    feed, created = CalendarFeed.objects.get_or_create(user=request.user)
    if not created:
        feed.token = new_calendar_token()
        feed.save(update_fields=["token", "issued"])
        messages.success(
            request,
            gettext("Your calendar has a new address. The old one no longer works: subscribe again with this one."),
        )
    else:
        messages.success(
            request, gettext("Your calendar address is ready. Add it to your calendar app as a subscription.")
        )
    return redirect(reverse("accounts:overview") + "#calendar-heading")


@login_required
@require_POST
def calendar_off(request: HttpRequest) -> HttpResponse:
    CalendarFeed.objects.filter(user=request.user).delete()
    messages.success(request, gettext("Your calendar address is turned off; it no longer works."))
    return redirect(reverse("accounts:overview") + "#calendar-heading")


# RFC 8058 one-click unsubscribe: mail apps POST "List-Unsubscribe=One-Click"
# to the link without any CSRF token or session. The signed token is the key,
# and all it can do is turn reminders off.
@csrf_exempt
@require_http_methods(["GET", "POST"])
@never_cache
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    """Signed out or in: GET asks to confirm (link scanners must not unsubscribe anyone), POST turns reminders off."""
    user_id = reminders.user_id_from(token)
    if user_id is None or not get_user_model().objects.filter(pk=user_id).exists():
        return render(request, "accounts/unsubscribe.html", {"invalid": True}, status=400)
    if request.method == "POST":
        reminders.turn_off(user_id)
        return render(request, "accounts/unsubscribe.html", {"done": True})
    return render(request, "accounts/unsubscribe.html", {"action": request.path})


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
        messages.success(request, gettext("Your account and all your data have been deleted."))
        return redirect("home")
    return render(request, "accounts/delete.html", {"form": form, "removes": data.deletion_summary(request.user)})
