"""Login, sign-up and password-reset attempts are rate limited (allauth's ACCOUNT_RATE_LIMITS).

Limits are read from the settings, so the tests follow them if they are tuned.
The autouse _clear_cache fixture gives every test an empty rate-limit history."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import mail
from django.urls import reverse

from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db

REFUSED = "Too many attempts"  # templates/429.html


def limit(action: str, per: str) -> int:
    """The number allowed by ACCOUNT_RATE_LIMITS[action] for 'ip', 'key' or 'user', e.g. 5 for '5/5m/key'."""
    for rate in settings.ACCOUNT_RATE_LIMITS[action].split(","):
        amount, _duration, *kind = rate.split("/")
        if (kind or ["ip"])[0] == per:
            return int(amount)
    raise AssertionError(f"no {per} limit for {action}")


def test_failed_logins_for_one_account_are_limited(client, owner):
    for _ in range(limit("login_failed", "key")):
        response = client.post(reverse("account_login"), {"login": owner.email, "password": "wrong-guess"})
        assert "not correct" in response.content.decode()
    # Even the right password is refused until the window has passed.
    response = client.post(reverse("account_login"), {"login": owner.email, "password": PASSWORD})
    assert response.status_code == 200
    assert "Too many failed login attempts. Try again later." in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_failed_logins_from_one_address_are_limited_across_accounts(client, make_users):
    accounts = make_users(limit("login_failed", "ip") + 1)
    for user in accounts[:-1]:
        response = client.post(reverse("account_login"), {"login": user.email, "password": "wrong-guess"})
        assert "not correct" in response.content.decode()
    response = client.post(reverse("account_login"), {"login": accounts[-1].email, "password": PASSWORD})
    assert "Too many failed login attempts" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_login_attempts_from_one_address_are_limited(client, owner):
    for _ in range(limit("login", "ip")):
        assert client.post(reverse("account_login"), {"login": "", "password": ""}).status_code == 200
    response = client.post(reverse("account_login"), {"login": owner.email, "password": PASSWORD})
    assert response.status_code == 429
    html = response.content.decode()
    assert REFUSED in html and "Wait a few minutes" in html
    assert "bootstrap-5.3.8.min.css" in html  # the site's own page, not allauth's bare fallback
    assert "_auth_user_id" not in client.session


def test_login_limit_is_per_client_address(client, owner):
    for _ in range(limit("login", "ip")):
        client.post(reverse("account_login"), {"login": "", "password": ""}, REMOTE_ADDR="203.0.113.1")
    response = client.post(
        reverse("account_login"), {"login": owner.email, "password": PASSWORD}, REMOTE_ADDR="203.0.113.2"
    )
    assert response.status_code == 302


def test_sign_ups_from_one_address_are_limited(client):
    empty = {"email": "", "password1": "", "password2": ""}
    for _ in range(limit("signup", "ip")):
        assert client.post(reverse("account_signup"), empty).status_code == 200
    response = client.post(
        reverse("account_signup"), {"email": "late@example.com", "password1": PASSWORD, "password2": PASSWORD}
    )
    assert response.status_code == 429
    assert REFUSED in response.content.decode()
    assert not get_user_model().objects.filter(email="late@example.com").exists()


def test_password_resets_for_one_email_are_limited(client, owner):
    allowed = limit("reset_password", "key")
    for _ in range(allowed):
        assert client.post(reverse("account_reset_password"), {"email": owner.email}).status_code == 302
    response = client.post(reverse("account_reset_password"), {"email": owner.email})
    assert response.status_code == 429
    assert REFUSED in response.content.decode()
    assert len(mail.outbox) == allowed


def test_password_resets_from_one_address_are_limited(client, make_users):
    users = make_users(limit("reset_password", "ip") + 1)
    for user in users[:-1]:
        assert client.post(reverse("account_reset_password"), {"email": user.email}).status_code == 302
    response = client.post(reverse("account_reset_password"), {"email": users[-1].email})
    assert response.status_code == 429
    assert users[-1].email not in {address for message in mail.outbox for address in message.to}


@pytest.fixture
def make_users(db):
    from tests.conftest import make_user

    return lambda count: [make_user(f"user{n}@example.com") for n in range(count)]


# Host headers an attacker can send that ALLOWED_HOSTS accepts: ports are not
# checked and names are compared without case.
HOST_VARIANTS = ["127.0.0.1:9001", "127.0.0.1:9002", "LOCALHOST", "localhost:8000", "Localhost:1", "testserver"]


def test_failed_logins_for_one_account_count_once_whatever_the_host_header(client, owner):
    for attempt in range(limit("login_failed", "key")):
        response = client.post(
            reverse("account_login"),
            # Each guess from a new address, so only the per-account limit can stop them.
            {"login": owner.email.upper() if attempt % 2 else owner.email, "password": "wrong-guess"},
            headers={"host": HOST_VARIANTS[attempt % len(HOST_VARIANTS)]},
            REMOTE_ADDR=f"203.0.113.{attempt + 1}",
        )
        assert "not correct" in response.content.decode()
    for host in HOST_VARIANTS:
        response = client.post(
            reverse("account_login"),
            {"login": owner.email, "password": PASSWORD},
            headers={"host": host},
            REMOTE_ADDR="198.51.100.7",
        )
        assert "Too many failed login attempts. Try again later." in response.content.decode(), host
        assert "_auth_user_id" not in client.session


def test_another_account_is_not_locked_by_those_guesses(client, owner, stranger):
    for attempt in range(limit("login_failed", "key")):
        client.post(
            reverse("account_login"),
            {"login": owner.email, "password": "wrong-guess"},
            headers={"host": HOST_VARIANTS[attempt % len(HOST_VARIANTS)]},
            REMOTE_ADDR=f"203.0.113.{attempt + 1}",
        )
    response = client.post(
        reverse("account_login"), {"login": stranger.email, "password": PASSWORD}, REMOTE_ADDR="198.51.100.7"
    )
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(stranger.pk)
