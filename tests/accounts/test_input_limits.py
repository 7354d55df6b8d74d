"""Over-long passwords and email addresses are refused with a form error, before anything is hashed.

Every account form: sign-up, login, password change, set and reset (from the
emailed key), the reset request, adding an email, and the delete-account
confirmation. A recording password hasher proves the long value was never hashed;
the same forms accept a value of exactly the maximum length, so the limits are
where they say.
"""

from __future__ import annotations

import re

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import MD5PasswordHasher
from django.core import mail
from django.test import override_settings
from django.urls import reverse

from accounts.forms import EMAIL_MAX_LENGTH, PASSWORD_MAX_LENGTH
from tests.conftest import PASSWORD, make_user

pytestmark = pytest.mark.django_db

TOO_LONG_PASSWORD = "Aa1!" * (PASSWORD_MAX_LENGTH // 4) + "x"  # 257 characters
LONGEST_PASSWORD = "Aa1!" * (PASSWORD_MAX_LENGTH // 4)  # 256
PASSWORD_ERROR = f"A password can have at most {PASSWORD_MAX_LENGTH} characters."
EMAIL_ERROR = f"An email address has at most {EMAIL_MAX_LENGTH} characters."
DOMAIN = "@example.com"


def email_of_length(length: int) -> str:
    return "x" * (length - len(DOMAIN)) + DOMAIN


class RecordingHasher(MD5PasswordHasher):
    """The test suite's hasher (same algorithm name, so stored hashes still verify), noting what it hashes."""

    hashed: list[str] = []

    def encode(self, password, salt):
        self.hashed.append(password)
        return super().encode(password, salt)


@pytest.fixture
def hashed():
    """Every password hashed during the test (to store it, or to check it)."""
    RecordingHasher.hashed = []
    with override_settings(PASSWORD_HASHERS=["tests.accounts.test_input_limits.RecordingHasher"]):
        yield RecordingHasher.hashed


def refused(response, message: str) -> None:
    assert response.status_code == 200
    assert message in response.content.decode()


class TestSignUp:
    def test_too_long_password_is_refused_unhashed(self, client, hashed):
        data = {"email": "new@example.com", "password1": TOO_LONG_PASSWORD, "password2": TOO_LONG_PASSWORD}
        refused(client.post(reverse("account_signup"), data), PASSWORD_ERROR)
        assert TOO_LONG_PASSWORD not in hashed
        assert not get_user_model().objects.filter(email="new@example.com").exists()

    def test_too_long_email_is_refused(self, client):
        email = email_of_length(EMAIL_MAX_LENGTH + 1)
        response = client.post(
            reverse("account_signup"), {"email": email, "password1": PASSWORD, "password2": PASSWORD}
        )
        refused(response, EMAIL_ERROR)
        assert not get_user_model().objects.filter(email=email).exists()

    def test_the_longest_password_and_email_are_accepted(self, client, hashed):
        email = email_of_length(EMAIL_MAX_LENGTH)
        data = {"email": email, "password1": LONGEST_PASSWORD, "password2": LONGEST_PASSWORD}
        assert client.post(reverse("account_signup"), data).status_code == 302
        user = get_user_model().objects.get(email=email)
        assert user.check_password(LONGEST_PASSWORD)
        assert EmailAddress.objects.filter(user=user, email=email).exists()
        assert LONGEST_PASSWORD in hashed

    def test_the_email_field_says_its_limit(self, client):
        assert f'maxlength="{EMAIL_MAX_LENGTH}"' in client.get(reverse("account_signup")).content.decode()


class TestLogin:
    def test_too_long_password_is_refused_unchecked(self, client, owner, hashed):
        response = client.post(reverse("account_login"), {"login": owner.email, "password": TOO_LONG_PASSWORD})
        refused(response, PASSWORD_ERROR)
        assert hashed == []  # no authentication was even tried
        assert "_auth_user_id" not in client.session

    def test_too_long_email_is_refused_unchecked(self, client, hashed):
        email = email_of_length(EMAIL_MAX_LENGTH + 1)
        refused(client.post(reverse("account_login"), {"login": email, "password": PASSWORD}), EMAIL_ERROR)
        assert hashed == []  # no authentication was even tried

    def test_the_longest_password_signs_in(self, client):
        user = make_user("long@example.com")
        user.set_password(LONGEST_PASSWORD)
        user.save()
        response = client.post(reverse("account_login"), {"login": user.email, "password": LONGEST_PASSWORD})
        assert response.status_code == 302
        assert client.session["_auth_user_id"] == str(user.pk)


class TestChangePassword:
    @pytest.mark.parametrize("field", ["oldpassword", "password1"])
    def test_too_long_password_is_refused_unhashed(self, owner_client, owner, hashed, field):
        data = {"oldpassword": PASSWORD, "password1": "a-New-passw0rd!", "password2": "a-New-passw0rd!"}
        data[field] = TOO_LONG_PASSWORD
        if field == "password1":
            data["password2"] = TOO_LONG_PASSWORD
        refused(owner_client.post(reverse("account_change_password"), data), PASSWORD_ERROR)
        assert TOO_LONG_PASSWORD not in hashed
        owner.refresh_from_db()
        assert owner.check_password(PASSWORD)

    def test_the_longest_new_password_is_accepted(self, owner_client, owner):
        data = {"oldpassword": PASSWORD, "password1": LONGEST_PASSWORD, "password2": LONGEST_PASSWORD}
        assert owner_client.post(reverse("account_change_password"), data).status_code == 302
        owner.refresh_from_db()
        assert owner.check_password(LONGEST_PASSWORD)


class TestSetPassword:
    @pytest.fixture
    def passwordless_client(self, client):
        user = make_user("nopassword@example.com")
        user.set_unusable_password()
        user.save()
        client.force_login(user)
        return client, user

    def test_too_long_password_is_refused_unhashed(self, passwordless_client, hashed):
        client, user = passwordless_client
        data = {"password1": TOO_LONG_PASSWORD, "password2": TOO_LONG_PASSWORD}
        refused(client.post(reverse("account_set_password"), data), PASSWORD_ERROR)
        assert TOO_LONG_PASSWORD not in hashed
        user.refresh_from_db()
        assert not user.has_usable_password()

    def test_the_longest_password_is_accepted(self, passwordless_client):
        client, user = passwordless_client
        data = {"password1": LONGEST_PASSWORD, "password2": LONGEST_PASSWORD}
        assert client.post(reverse("account_set_password"), data).status_code == 302
        user.refresh_from_db()
        assert user.check_password(LONGEST_PASSWORD)


class TestPasswordReset:
    def test_too_long_email_is_refused_and_nothing_is_sent(self, client):
        email = email_of_length(EMAIL_MAX_LENGTH + 1)
        refused(client.post(reverse("account_reset_password"), {"email": email}), EMAIL_ERROR)
        assert mail.outbox == []

    @pytest.fixture
    def reset_form_url(self, client, owner) -> str:
        """The set-a-new-password page the emailed link leads to."""
        assert client.post(reverse("account_reset_password"), {"email": owner.email}).status_code == 302
        link = re.search(r"https?://\S+/accounts/password/reset/key/\S+", mail.outbox[-1].body).group(0)
        response = client.get(link)
        assert response.status_code == 302  # allauth moves the key into the session
        return response["Location"]

    def test_too_long_new_password_is_refused_unhashed(self, client, owner, reset_form_url, hashed):
        data = {"password1": TOO_LONG_PASSWORD, "password2": TOO_LONG_PASSWORD}
        refused(client.post(reset_form_url, data), PASSWORD_ERROR)
        assert TOO_LONG_PASSWORD not in hashed
        owner.refresh_from_db()
        assert owner.check_password(PASSWORD)

    def test_the_longest_new_password_is_accepted(self, client, owner, reset_form_url):
        data = {"password1": LONGEST_PASSWORD, "password2": LONGEST_PASSWORD}
        assert client.post(reset_form_url, data).status_code == 302
        owner.refresh_from_db()
        assert owner.check_password(LONGEST_PASSWORD)


class TestAddEmail:
    def test_too_long_email_is_refused(self, owner_client, owner):
        email = email_of_length(EMAIL_MAX_LENGTH + 1)
        refused(owner_client.post(reverse("account_email"), {"email": email, "action_add": ""}), EMAIL_ERROR)
        assert list(EmailAddress.objects.filter(user=owner).values_list("email", flat=True)) == [owner.email]


class TestDeleteAccount:
    def test_too_long_password_is_refused_unchecked(self, owner_client, owner, hashed):
        refused(owner_client.post(reverse("accounts:delete"), {"password": TOO_LONG_PASSWORD}), PASSWORD_ERROR)
        assert TOO_LONG_PASSWORD not in hashed
        assert get_user_model().objects.filter(pk=owner.pk).exists()

    def test_the_longest_password_deletes_the_account(self, client):
        user = make_user("leaving@example.com")
        user.set_password(LONGEST_PASSWORD)
        user.save()
        client.force_login(user)
        response = client.post(reverse("accounts:delete"), {"password": LONGEST_PASSWORD})
        assert response.status_code == 302
        assert not get_user_model().objects.filter(pk=user.pk).exists()


@pytest.mark.parametrize(
    ("value", "message"), [("bell\x07", "Remove the control characters"), ("esc\x1b[2J", "Remove")]
)
def test_sign_up_refuses_control_characters_with_a_message(client, db, value, message):
    password = f"Long-enough-{value}9"
    data = {"email": "new@example.com", "password1": password, "password2": password}
    response = client.post(reverse("account_signup"), data)
    assert response.status_code == 200
    assert not get_user_model().objects.filter(email="new@example.com").exists()
    assert message in response.content.decode()
