"""Sign-up, log-in, log-out and password reset through django-allauth."""

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.urls import reverse

from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db


def test_sign_up_with_email_and_password_logs_in(client):
    response = client.post(
        reverse("account_signup"),
        {"email": "new@example.com", "password1": PASSWORD, "password2": PASSWORD},
    )
    assert response.status_code == 302
    user = get_user_model().objects.get(email="new@example.com")
    assert client.session["_auth_user_id"] == str(user.pk)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"email": "not-an-email", "password1": PASSWORD, "password2": PASSWORD}, "Enter a valid email address."),
        ({"email": "", "password1": PASSWORD, "password2": PASSWORD}, "This field is required."),
        ({"email": "a@example.com", "password1": PASSWORD, "password2": PASSWORD + "x"}, "same password"),
        ({"email": "a@example.com", "password1": "123", "password2": "123"}, "too short"),
        ({"email": "a@example.com", "password1": "password", "password2": "password"}, "too common"),
        ({"email": "x" * 400 + "@example.com", "password1": PASSWORD, "password2": PASSWORD}, "at most"),
    ],
)
def test_sign_up_rejects_bad_input_with_a_message(client, data, message):
    response = client.post(reverse("account_signup"), data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not get_user_model().objects.filter(email=data["email"]).exists()


def test_sign_up_rejects_an_email_already_in_use(client, owner):
    response = client.post(
        reverse("account_signup"), {"email": owner.email, "password1": PASSWORD, "password2": PASSWORD}
    )
    assert response.status_code == 200
    assert "already registered" in response.content.decode()
    assert get_user_model().objects.filter(email=owner.email).count() == 1


def test_login_and_logout(client, owner):
    response = client.post(reverse("account_login"), {"login": owner.email, "password": PASSWORD})
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(owner.pk)
    assert client.get(reverse("account_logout")).status_code == 200  # a confirmation page, not a logout
    assert "_auth_user_id" in client.session
    client.post(reverse("account_logout"))
    assert "_auth_user_id" not in client.session


def test_login_with_wrong_password_says_so(client, owner):
    response = client.post(reverse("account_login"), {"login": owner.email, "password": "wrong"})
    assert response.status_code == 200
    assert "not correct" in response.content.decode()


def test_password_reset_sends_an_email(client, owner):
    response = client.post(reverse("account_reset_password"), {"email": owner.email})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    assert owner.email in mail.outbox[0].to


@pytest.mark.parametrize("name", ["account_login", "account_signup", "account_reset_password"])
def test_account_pages_use_the_site_layout(client, name):
    html = client.get(reverse(name)).content.decode()
    assert "PM Planner" in html and "bootstrap-5.3.8.min.css" in html
    assert "form-control" in html  # crispy-forms rendering


def test_plan_requires_sign_in(client):
    response = client.get(reverse("plans:plan"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))
