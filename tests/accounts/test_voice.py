"""Every allauth page speaks the site's voice: sentence case, "Log in" / "Sign up" /
"Log out", the password rules once, and never a username."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest
from allauth.account.forms import default_token_generator
from allauth.account.models import EmailAddress, EmailConfirmationHMAC
from allauth.account.utils import user_pk_to_url_str
from django.test import Client
from django.urls import reverse

from tests.conftest import PASSWORD, make_user

pytestmark = pytest.mark.django_db

# Words that keep their capital inside a sentence.
PROPER = {"PM", "Planner", "UX", "I", "Coursera", "JSON"}
# The other voice, which allauth speaks out of the box.
FOREIGN = re.compile(r"\b(sign[- ]?in|signed in|sign[- ]?out|signed out|signup|username)\b", re.IGNORECASE)
PASSWORD_RULE = "must contain at least 8 characters"


class _Labels(HTMLParser):
    """The words a page puts in its title, headings, legends, labels and buttons."""

    TAGS = {"title", "h1", "h2", "h3", "legend", "label", "button"}

    def __init__(self) -> None:
        super().__init__()
        self.open: list[list[str]] = []
        self.texts: list[str] = []

    def handle_starttag(self, tag, attrs):
        classes = (dict(attrs).get("class") or "").split()
        if tag in self.TAGS or (tag == "a" and "btn" in classes):
            self.open.append([])

    def handle_endtag(self, tag):
        if (tag in self.TAGS or tag == "a") and self.open:
            text = " ".join("".join(self.open.pop()).split())
            if text:
                self.texts.append(text)

    def handle_data(self, data):
        for parts in self.open:
            parts.append(data)


def labels(html: str) -> list[str]:
    parser = _Labels()
    parser.feed(html)
    return parser.texts


def title_case_words(text: str) -> list[str]:
    """Capitalised words that do not start a sentence and are not names."""
    found = []
    for sentence in re.split(r"(?<=[.:?!·])\s+", text):
        words = re.findall(r"[A-Za-z][\w'\u2019-]*", sentence)
        found += [w for w in words[1:] if w[0].isupper() and w not in PROPER]
    return found


def without_track_names(text: str) -> str:
    """Track names are names ("The Strategic Product Manager", "UX PM")."""
    from careers.models import Track

    for name in Track.objects.values_list("name", "short_name"):
        for part in name:
            text = text.replace(part, "a track")
    return text


def assert_in_our_voice(html: str, where: str) -> None:
    shouting = {text: words for text in labels(html) if (words := title_case_words(without_track_names(text)))}
    assert not shouting, f"{where}: Title Case in {shouting}"
    body = re.sub(r"<[^>]+>", " ", html)
    assert not FOREIGN.findall(body), f"{where}: says {set(FOREIGN.findall(body))}"
    assert body.count(PASSWORD_RULE) <= 1, f"{where}: the password rules show {body.count(PASSWORD_RULE)} times"


@pytest.fixture
def maya():
    user = make_user("maya@example.com")
    user.username = "zq-unchosen-handle"
    user.save()
    return user


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def reset_link(user) -> str:
    return reverse(
        "account_reset_password_from_key",
        kwargs={"uidb36": user_pk_to_url_str(user), "key": default_token_generator.make_token(user)},
    )


ANONYMOUS_PAGES = [
    ("log in", "account_login"),
    ("sign up", "account_signup"),
    ("password reset", "account_reset_password"),
    ("password reset sent", "account_reset_password_done"),
    ("password reset done", "account_reset_password_from_key_done"),
    ("email verification sent", "account_email_verification_sent"),
    ("account inactive", "account_inactive"),
]


@pytest.mark.parametrize(("where", "name"), ANONYMOUS_PAGES)
def test_entrance_pages(client, where, name):
    response = client.get(reverse(name))
    assert response.status_code == 200
    assert_in_our_voice(response.content.decode(), where)


def test_forms_with_errors(client, maya):
    posts = [
        ("log in", "account_login", {"login": maya.email, "password": "wrong"}),
        ("sign up", "account_signup", {"email": "not-an-email", "password1": "123", "password2": "1234"}),
        ("password reset", "account_reset_password", {"email": "not-an-email"}),
    ]
    for where, name, data in posts:
        response = Client().post(reverse(name), data)
        assert response.status_code == 200
        html = response.content.decode()
        assert 'aria-invalid="true"' in html or "not correct" in html, where
        assert_in_our_voice(html, f"{where} with errors")


def test_sign_up_shows_the_password_rules_once_and_only_the_broken_ones_after_an_error(client):
    page = client.get(reverse("account_signup")).content.decode()
    assert page.count(PASSWORD_RULE) == 1
    response = client.post(
        reverse("account_signup"), {"email": "a@example.com", "password1": "1234567", "password2": "1234567"}
    )
    html = response.content.decode()
    assert "This password is too short. It must contain at least 8 characters." in html
    assert "Your password must contain at least 8 characters." not in html  # the rule list is gone
    assert "be a commonly used password" not in html
    assert 'aria-describedby="id_password1_error"' in html  # and nothing points at the missing help


def test_password_reset_from_the_emailed_link_and_a_stale_one(client, maya):
    response = client.get(reset_link(maya), follow=True)
    html = response.content.decode()
    assert "<h1>Choose a new password</h1>" in html
    assert_in_our_voice(html, "choose a new password")
    response = client.post(response.redirect_chain[-1][0], {"password1": "short", "password2": "short"})
    html = response.content.decode()
    assert "This password is too short" in html
    assert_in_our_voice(html, "choose a new password with errors")
    stale = Client().get(reverse("account_reset_password_from_key", kwargs={"uidb36": "zz", "key": "nope"}))
    assert "<h1>This link has expired</h1>" in stale.content.decode()
    assert_in_our_voice(stale.content.decode(), "stale reset link")


def test_email_confirmation_pages(client, maya):
    address = EmailAddress.objects.create(user=maya, email="maya.second@example.com")
    good = client.get(reverse("account_confirm_email", args=[EmailConfirmationHMAC(address).key]))
    assert good.status_code == 200
    assert "Confirm that maya.second@example.com is your email address." in good.content.decode()
    assert_in_our_voice(good.content.decode(), "confirm email")
    bad = client.get(reverse("account_confirm_email", args=["not-a-key"]))
    assert "This confirmation link has expired or is not valid." in bad.content.decode()
    assert_in_our_voice(bad.content.decode(), "stale confirmation link")


@pytest.mark.parametrize(
    ("where", "name"),
    [
        ("email addresses", "account_email"),
        ("change password", "account_change_password"),
        ("log out", "account_logout"),
        ("reauthenticate", "account_reauthenticate"),
        ("account", "accounts:overview"),
        ("delete account", "accounts:delete"),
    ],
)
def test_signed_in_pages(maya, where, name):
    response = signed_in(maya).get(reverse(name))
    assert response.status_code == 200
    html = response.content.decode()
    assert_in_our_voice(html, where)
    assert "zq-unchosen-handle" not in html


def test_set_password_page_for_an_account_without_one(maya):
    maya.set_unusable_password()
    maya.save()
    response = signed_in(maya).get(reverse("account_set_password"))
    assert response.status_code == 200 and '<h1 class="mb-4">Set a password</h1>' in response.content.decode()
    assert_in_our_voice(response.content.decode(), "set password")


def test_change_password_with_errors(maya):
    response = signed_in(maya).post(
        reverse("account_change_password"), {"oldpassword": "wrong", "password1": "x", "password2": "y"}
    )
    html = response.content.decode()
    assert "Current password" in html and 'aria-invalid="true"' in html
    assert_in_our_voice(html, "change password with errors")


def test_log_in_and_log_out_messages(maya):
    client = Client()
    response = client.post(reverse("account_login"), {"login": maya.email, "password": PASSWORD}, follow=True)
    messages = re.search(r'<div id="messages".*?</div>\s*</div>', response.content.decode(), re.DOTALL).group(0)
    assert "You are logged in as maya." in messages and not FOREIGN.search(messages)
    response = client.post(reverse("account_logout"), follow=True)
    assert "You have logged out." in response.content.decode()
    assert_in_our_voice(response.content.decode(), "after logging out")


def test_the_voice_check_catches_title_case_and_the_other_words():
    # Guards the guard.
    assert title_case_words("Sign In to Your Account") == ["In", "Your", "Account"]
    assert title_case_words("Plan your PM career. Then log in") == []
    with pytest.raises(AssertionError, match="Title Case"):
        assert_in_our_voice("<h1>Change Password</h1>", "sample")
    with pytest.raises(AssertionError, match="says"):
        assert_in_our_voice("<p>Already have an account? Sign in.</p>", "sample")
