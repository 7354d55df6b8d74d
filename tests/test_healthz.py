"""/healthz: what a load balancer polls to see that an app server is up."""

from __future__ import annotations

import pytest
from django.test import Client, override_settings
from django.urls import reverse

URL = reverse("healthz")


def test_url():
    assert URL == "/healthz"


@pytest.mark.django_db
def test_answers_ok_in_plain_text_without_touching_the_database(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get(URL)
    assert response.status_code == 200
    assert response.content == b"ok"
    assert response["Content-Type"] == "text/plain; charset=utf-8"


@pytest.mark.django_db
def test_answers_head(client):
    response = client.head(URL)
    assert response.status_code == 200


@pytest.mark.django_db
def test_is_never_cached(client):
    # A cache between the balancer and the app must not answer for a dead server.
    assert "no-cache" in client.get(URL)["Cache-Control"]


@pytest.mark.django_db
def test_sets_no_cookies_for_a_signed_in_user(owner_client, django_assert_num_queries):
    # Signed in or not, the probe never loads or saves a session.
    with django_assert_num_queries(0):
        response = owner_client.get(URL)
    assert response.status_code == 200
    assert not response.cookies


@pytest.mark.django_db
@pytest.mark.parametrize("method", ["post", "put", "delete"])
def test_rejects_other_methods(client, method):
    assert getattr(client, method)(URL).status_code == 405


@pytest.mark.django_db
def test_answers_plain_http_probes_when_the_site_redirects_to_https():
    with override_settings(SECURE_SSL_REDIRECT=True):
        client = Client()  # reads the setting when it loads the middleware
        assert client.get(URL).status_code == 200
        home = client.get("/")
    assert home.status_code == 301 and home["Location"].startswith("https://")
