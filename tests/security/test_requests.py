"""CSRF on every form, logout only by POST, and Django's password validators."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model, password_validation
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db


@pytest.fixture
def csrf_client():
    return Client(enforce_csrf_checks=True)


def test_logout_without_csrf_token_is_refused(csrf_client, owner):
    csrf_client.force_login(owner)
    response = csrf_client.post(reverse("account_logout"))
    assert response.status_code == 403
    assert "_auth_user_id" in csrf_client.session


def test_login_without_csrf_token_is_refused(csrf_client, owner):
    response = csrf_client.post(reverse("account_login"), {"login": owner.email, "password": PASSWORD})
    assert response.status_code == 403
    assert "_auth_user_id" not in csrf_client.session


def test_sign_up_without_csrf_token_is_refused(csrf_client):
    response = csrf_client.post(
        reverse("account_signup"), {"email": "new@example.com", "password1": PASSWORD, "password2": PASSWORD}
    )
    assert response.status_code == 403
    assert not get_user_model().objects.filter(email="new@example.com").exists()


def test_account_deletion_without_csrf_token_is_refused(csrf_client, owner):
    csrf_client.force_login(owner)
    response = csrf_client.post(reverse("accounts:delete"), {"password": PASSWORD})
    assert response.status_code == 403
    assert get_user_model().objects.filter(pk=owner.pk).exists()


def test_a_form_with_its_token_goes_through(csrf_client, owner):
    # The refusals above are about the token, not the client: with it, login works.
    page = csrf_client.get(reverse("account_login"))
    token = page.context["csrf_token"]
    response = csrf_client.post(
        reverse("account_login"), {"login": owner.email, "password": PASSWORD, "csrfmiddlewaretoken": token}
    )
    assert response.status_code == 302
    assert csrf_client.session["_auth_user_id"] == str(owner.pk)


def test_pages_give_htmx_the_csrf_token(owner_client):
    html = owner_client.get(reverse("home")).content.decode()
    assert '<body hx-headers=\'{"X-CSRFToken": "' in html


def test_logout_by_get_only_asks_for_confirmation(owner_client):
    response = owner_client.get(reverse("account_logout"))
    assert response.status_code == 200
    assert '<form method="post"' in response.content.decode()
    assert "_auth_user_id" in owner_client.session


def test_logout_by_post_signs_out(owner_client):
    response = owner_client.post(reverse("account_logout"))
    assert response.status_code == 302
    assert "_auth_user_id" not in owner_client.session


def test_password_validators_are_on():
    names = {type(v).__name__ for v in password_validation.get_default_password_validators()}
    assert names == {
        "UserAttributeSimilarityValidator",
        "MinimumLengthValidator",
        "CommonPasswordValidator",
        "NumericPasswordValidator",
    }


@pytest.mark.parametrize(
    ("password", "message"),
    [("short1!", "too short"), ("password123", "too common"), ("83749201938475", "entirely numeric")],
)
def test_weak_passwords_are_refused(password, message):
    with pytest.raises(ValidationError, match=message):
        password_validation.validate_password(password)


def test_a_password_like_the_email_is_refused(owner):
    with pytest.raises(ValidationError, match="too similar"):
        password_validation.validate_password("owner@example.com", user=owner)


def test_password_change_applies_the_validators(owner_client, owner):
    response = owner_client.post(
        reverse("account_change_password"), {"oldpassword": PASSWORD, "password1": "password", "password2": "password"}
    )
    assert response.status_code == 200
    assert "too common" in response.content.decode()
    owner.refresh_from_db()
    assert owner.check_password(PASSWORD)
