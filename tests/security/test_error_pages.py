"""Error pages in the site's style that give nothing away.

The views below exist only for these tests: this module is the URLconf for
them (pytest.mark.urls), on top of the site's own URL patterns."""

from __future__ import annotations

import pytest
from django.core.exceptions import BadRequest, PermissionDenied, SuspiciousOperation
from django.http import Http404, HttpRequest, HttpResponse
from django.test import Client
from django.urls import path, reverse

from pmplanner.urls import urlpatterns as site_urlpatterns
from tests.conftest import PASSWORD

SECRET_DETAIL = "db-password-hunter2 in /srv/pmplanner/settings.py"


def bad_request(request: HttpRequest) -> HttpResponse:
    raise BadRequest(SECRET_DETAIL)


def suspicious(request: HttpRequest) -> HttpResponse:
    raise SuspiciousOperation(SECRET_DETAIL)


def denied(request: HttpRequest) -> HttpResponse:
    raise PermissionDenied(SECRET_DETAIL)


def missing(request: HttpRequest) -> HttpResponse:
    raise Http404(SECRET_DETAIL)


def crash(request: HttpRequest) -> HttpResponse:
    raise RuntimeError(SECRET_DETAIL)


urlpatterns = [
    *site_urlpatterns,
    path("test-errors/400/", bad_request),
    path("test-errors/400-suspicious/", suspicious),
    path("test-errors/403/", denied),
    path("test-errors/404/", missing),
    path("test-errors/500/", crash),
]

pytestmark = [pytest.mark.django_db, pytest.mark.urls(__name__)]


def assert_site_page_without_internals(html: str) -> None:
    assert "bootstrap-5.3.8.min.css" in html and 'class="navbar' in html  # the site's layout
    assert 'href="#main"' in html  # skip link still there
    for leak in (SECRET_DETAIL, "hunter2", "Traceback", "SECRET_KEY", "settings.py", "DATABASES", "Request Method"):
        assert leak not in html


@pytest.mark.parametrize(
    ("url", "status", "heading"),
    [
        ("/test-errors/400/", 400, "We could not understand that request"),
        ("/test-errors/400-suspicious/", 400, "We could not understand that request"),
        ("/test-errors/403/", 403, "You do not have access to this page"),
        ("/test-errors/404/", 404, "We could not find that page"),
        ("/no-such-page/", 404, "We could not find that page"),
    ],
)
def test_error_pages_use_the_site_layout(client, url, status, heading):
    response = client.get(url)
    assert response.status_code == status
    html = response.content.decode()
    assert heading in html
    assert f"Error {status}" in html
    assert_site_page_without_internals(html)


def test_server_error_page_renders_without_a_request_context(caplog):
    client = Client(raise_request_exception=False)
    response = client.get("/test-errors/500/")
    assert response.status_code == 500
    html = response.content.decode()
    assert "Something went wrong on our side" in html
    assert_site_page_without_internals(html)
    # ...while the details go to the log for whoever runs the server.
    assert any(SECRET_DETAIL in str(record.exc_info) for record in caplog.records if record.exc_info)


def test_not_found_page_keeps_the_signed_in_navigation(owner_client, owner):
    html = owner_client.get("/no-such-page/").content.decode()
    assert '<span class="visually-hidden">Your account: </span><span class="account-name">owner</span>' in html
    assert reverse("plans:plan") in html


def test_permission_denied_page_offers_log_in_to_visitors(client):
    html = client.get("/test-errors/403/").content.decode()
    assert reverse("account_login") in html


def test_csrf_failure_page_explains_what_to_do(owner):
    client = Client(enforce_csrf_checks=True)
    response = client.post(reverse("account_login"), {"login": owner.email, "password": PASSWORD})
    assert response.status_code == 403
    html = response.content.decode()
    assert "Your form could not be sent" in html
    assert "reload the page" in html
    assert_site_page_without_internals(html)
    assert "_auth_user_id" not in client.session
