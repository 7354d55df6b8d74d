"""Sharing: the page where a person manages what they share, the public
portfolio page, the read-only plan a mentor opens, and CSV downloads.

The public pages (portfolio, shared plan) read their row on every request and
are never cached, so unpublishing or revoking answers 404 at once. They carry
no CSRF token, no form and no account menu (`sharing/public_base.html`), and
send no referrer: their address is the secret.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import IntegrityError, transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST, require_safe

from plans.models import Plan
from plans.views import SECTIONS

from .forms import PublicProfileForm, ShareLinkForm
from .models import PublicProfile, ShareLink
from .spreadsheet import SHEETS, to_csv

MANAGE = "sharing/manage.html"
# The secret of a link just made, kept in the session only until the sharing page shows it once.
NEW_LINK = "sharing_new_link"


def _profile_of(request: HttpRequest) -> PublicProfile | None:
    return PublicProfile.objects.filter(user=request.user).first()


def _manage_page(request: HttpRequest, *, profile_form=None, link_form=None, new_link=None, status=200):
    profile = _profile_of(request)
    context = {
        "profile": profile,
        "page_url": request.build_absolute_uri(profile.url) if profile else "",
        "profile_form": profile_form or PublicProfileForm(instance=profile, user=request.user),
        "links": ShareLink.objects.filter(user=request.user),
        "new_link": new_link,
        "link_form": link_form or ShareLinkForm(user=request.user),
        "has_plan": Plan.objects.filter(user=request.user, status=Plan.Status.ACTIVE).exists(),
        "sections": SECTIONS.values(),
    }
    return render(request, MANAGE, context, status=status)


def _back(anchor: str) -> HttpResponse:
    return redirect(f"{reverse('sharing:manage')}#{anchor}")


# --- Managed by the person ------------------------------------------------------


@login_required
@require_GET
@never_cache  # it may show a new link's secret, once
def manage(request: HttpRequest) -> HttpResponse:
    return _manage_page(request, new_link=request.session.pop(NEW_LINK, None))


@login_required
@require_POST
def profile(request: HttpRequest) -> HttpResponse:
    form = PublicProfileForm(request.POST, instance=_profile_of(request), user=request.user)
    if form.is_valid():
        try:
            with transaction.atomic():
                saved = form.save()
        except IntegrityError:  # the address was taken, or the page made in another tab, a moment ago
            form.add_error(
                None, gettext("Your page was not saved: it changed somewhere else at the same time. Try again.")
            )
        else:
            if saved.published:
                messages.success(
                    request,
                    gettext("Saved. Your page is published at %(address)s")
                    % {"address": request.build_absolute_uri(saved.url)},
                )
            else:
                messages.success(request, gettext("Saved. Your page is not published: nobody can see it."))
            return _back("portfolio-heading")
    return _manage_page(request, profile_form=form, status=422)


@login_required
@require_POST
def link_create(request: HttpRequest) -> HttpResponse:
    form = ShareLinkForm(request.POST, user=request.user)
    if not form.is_valid():
        return _manage_page(request, link_form=form, status=422)
    link, token = ShareLink.create(request.user, **form.cleaned_data)
    request.session[NEW_LINK] = {"pk": link.pk, "url": request.build_absolute_uri(ShareLink.url_for(token))}
    messages.success(
        request,
        gettext("Your link for “%(label)s” is ready. Copy it now: it is shown only once.") % {"label": link.label},
    )
    # No #fragment: browsers skip autofocus on a page opened at one, and the new link's field takes focus.
    return redirect("sharing:manage")


@login_required
@require_POST
def link_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    link = get_object_or_404(ShareLink, pk=pk, user=request.user)
    link.delete()
    messages.success(
        request, gettext("The link for “%(label)s” is revoked: it no longer opens your plan.") % {"label": link.label}
    )
    return _back("links-heading")


@login_required
@require_GET
@never_cache
def download_csv(request: HttpRequest, section: str) -> HttpResponse:
    plan = Plan.objects.filter(user=request.user, status=Plan.Status.ACTIVE).first()
    if plan is None:
        return redirect("plans:plan")
    rows = getattr(plan, SECTIONS[section].rows)()
    response = HttpResponse(to_csv(SHEETS[section].lines(rows)), content_type="text/csv; charset=utf-8")
    filename = f"pm-planner-{section}-{timezone.localdate():%Y-%m-%d}.csv"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


# --- Seen by anyone with the address ----------------------------------------------


def _public(response: HttpResponse, *, indexable: bool = False) -> HttpResponse:
    response["Referrer-Policy"] = "no-referrer"
    if not indexable:
        response["X-Robots-Tag"] = "noindex"
    return response


def _portfolio_page(request: HttpRequest, profile: PublicProfile) -> HttpResponse:
    context = {
        "profile": profile,
        "cases": list(profile.shown_cases()),
        "page_url": request.build_absolute_uri(profile.url),
        "description": profile.headline
        or gettext("Product management cases by %(name)s.") % {"name": profile.display_name},
    }
    return _public(render(request, "sharing/portfolio.html", context), indexable=profile.indexable)


@require_safe
@never_cache
def portfolio(request: HttpRequest, slug: str) -> HttpResponse:
    profile = get_object_or_404(PublicProfile, published=True, slug=slug.lower())
    return _portfolio_page(request, profile)


@require_safe
@never_cache
def portfolio_by_token(request: HttpRequest, token: str) -> HttpResponse:
    # A page with a picked address has only that one: its token address is 404.
    profile = get_object_or_404(PublicProfile, published=True, slug=None, token=token)
    return _portfolio_page(request, profile)


@require_safe
@never_cache
def shared_plan(request: HttpRequest, token: str) -> HttpResponse:
    link = ShareLink.find(token)
    if link is None:
        raise Http404("No such link, or it was revoked.")
    # The owner checking their own link is not the mentor opening it.
    if not (request.user.is_authenticated and request.user.pk == link.user_id):
        link.record_opening()
    plan = Plan.objects.with_counts().filter(user=link.user_id, status=Plan.Status.ACTIVE).first()
    context = {"link": link, "plan": plan, "sections": []}
    if plan is not None:
        overall = plan.progress
        context["progress"] = overall
        context["sections"] = [
            (overall.section(key), list(getattr(plan, page.rows)())) for key, page in SECTIONS.items()
        ]
    return _public(render(request, "sharing/shared_plan.html", context))
