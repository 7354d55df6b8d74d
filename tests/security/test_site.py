"""PM Planner runs as one fixed site (django.contrib.sites), whatever Host header a request sends.

allauth keys the per-account login limit on the current site's domain, and
signs its emails with the site's name and domain; `migrate` keeps the row in
step with SITE_DOMAIN (accounts/site.py).
"""

from __future__ import annotations

import pytest
from django.conf import settings
from django.contrib.sites.models import Site
from django.contrib.sites.shortcuts import get_current_site
from django.core import mail
from django.core.management import call_command
from django.test import RequestFactory, override_settings
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_the_site_row_carries_the_configured_domain_and_name():
    site = Site.objects.get(pk=settings.SITE_ID)
    assert (site.domain, site.name) == (settings.SITE_DOMAIN, "PM Planner")
    assert Site.objects.count() == 1


@pytest.mark.parametrize("host", ["127.0.0.1:9001", "LOCALHOST", "localhost:8000", "testserver"])
def test_the_current_site_ignores_the_host_header(host):
    request = RequestFactory().get("/", headers={"host": host})
    assert get_current_site(request).domain == settings.SITE_DOMAIN


def test_migrate_brings_the_site_in_step_with_site_domain():
    with override_settings(SITE_DOMAIN="planner.example.org"):
        call_command("migrate", verbosity=0)
        request = RequestFactory().get("/", headers={"host": "127.0.0.1:9001"})
        assert get_current_site(request).domain == "planner.example.org"
    assert Site.objects.get(pk=settings.SITE_ID).domain == "planner.example.org"
    call_command("migrate", verbosity=0)
    assert Site.objects.get(pk=settings.SITE_ID).domain == settings.SITE_DOMAIN


def test_emails_are_signed_by_the_site_not_the_host_header(client, owner):
    response = client.post(reverse("account_reset_password"), {"email": owner.email}, headers={"host": "127.0.0.1:9"})
    assert response.status_code == 302
    message = mail.outbox[-1]
    assert message.subject.startswith("PM Planner: ")
    assert "Hello from PM Planner," in message.body
    assert message.body.rstrip().endswith(settings.SITE_DOMAIN)


def test_the_admin_does_not_offer_to_edit_the_site(staff_client):
    assert staff_client.get("/admin/sites/site/").status_code == 404
    assert "Sites" not in staff_client.get(reverse("admin:index")).content.decode()
