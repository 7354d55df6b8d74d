"""The name the site calls you by, where logging in and signing up lead, and the theme you chose."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

from accounts.appearance import THEME_COOKIE
from accounts.models import Profile
from tests.conftest import PASSWORD, make_user

pytestmark = pytest.mark.django_db

NAME_IN_HEADER = '<span class="visually-hidden">Your account: </span><span class="account-name">{}</span>'


@pytest.fixture
def maya():
    """allauth made her a username from an earlier address; she never chose or saw it."""
    user = make_user("maya.lee@example.com")
    user.username = "zq-unchosen-handle"
    user.save()
    return user


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def sign_up(client: Client, **extra):
    data = {"email": "new@example.com", "password1": PASSWORD, "password2": PASSWORD, **extra}
    return client.post(reverse("account_signup"), data)


# --- The name in the header ---------------------------------------------------


def test_sign_up_asks_for_an_optional_name_and_the_header_shows_it(client):
    page = client.get(reverse("account_signup")).content.decode()
    assert 'name="display_name"' in page and "Your name (optional)" in page
    response = sign_up(client, display_name="  Maya Lee ")
    assert response.status_code == 302
    user = get_user_model().objects.get(email="new@example.com")
    assert Profile.objects.get(user=user).display_name == "Maya Lee"
    assert NAME_IN_HEADER.format("Maya Lee") in client.get(reverse("home")).content.decode()


def test_without_a_name_the_header_shows_the_start_of_the_email(client):
    assert sign_up(client).status_code == 302
    assert not Profile.objects.exists()  # nothing stored until a choice is made
    assert NAME_IN_HEADER.format("new") in client.get(reverse("home")).content.decode()


def test_a_name_over_60_characters_is_refused_with_a_message(client):
    response = sign_up(client, display_name="x" * 61)
    assert response.status_code == 200
    assert "Ensure this value has at most 60 characters" in response.content.decode()
    assert not get_user_model().objects.filter(email="new@example.com").exists()


@pytest.mark.parametrize(
    "url",
    [
        reverse("home"),
        reverse("accounts:overview"),
        reverse("account_email"),
        reverse("account_change_password"),
        reverse("account_logout"),
        reverse("account_reset_password"),
        reverse("careers:guide"),
    ],
)
def test_no_page_shows_the_username(maya, url):
    html = signed_in(maya).get(url).content.decode()
    assert "zq-unchosen-handle" not in html
    assert NAME_IN_HEADER.format("maya.lee") in html


def test_log_in_message_and_reset_email_never_name_the_username(maya, client, mailoutbox):
    response = client.post(reverse("account_login"), {"login": maya.email, "password": PASSWORD}, follow=True)
    html = response.content.decode()
    assert "You are logged in as maya.lee." in html and "zq-unchosen-handle" not in html
    client.post(reverse("account_logout"))
    client.post(reverse("account_reset_password"), {"email": maya.email})
    (mail,) = mailoutbox
    assert mail.subject == "PM Planner: Reset your password"
    assert "zq-unchosen-handle" not in mail.body and "username" not in mail.body


def test_the_name_is_edited_on_the_account_page(owner):
    client = signed_in(owner)
    response = client.post(reverse("accounts:profile"), {"display_name": "Olu"}, follow=True)
    assert response.redirect_chain == [(reverse("accounts:overview"), 302)]
    html = response.content.decode()
    assert "Your name is saved." in html and NAME_IN_HEADER.format("Olu") in html
    assert 'value="Olu"' in html  # the form shows the saved name
    client.post(reverse("accounts:profile"), {"display_name": ""})
    assert Profile.objects.get(user=owner).display_name == ""
    assert NAME_IN_HEADER.format("owner") in client.get(reverse("home")).content.decode()


def test_a_too_long_name_on_the_account_page_is_a_400_with_the_form_and_its_message(owner):
    response = signed_in(owner).post(reverse("accounts:profile"), {"display_name": "y" * 61})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Ensure this value has at most 60 characters" in html and 'aria-invalid="true"' in html
    assert not Profile.objects.filter(user=owner).exists()


@pytest.mark.parametrize("name", ["accounts:profile"])
def test_anonymous_visitors_cannot_set_a_name(client, name):
    response = client.post(reverse(name), {"display_name": "Someone"})
    assert response.status_code == 302 and response.url.startswith(reverse("account_login"))
    assert not Profile.objects.exists()


def test_the_profile_costs_no_query_of_its_own(owner, django_assert_num_queries):
    Profile.objects.create(user=owner, display_name="Olu", theme="dark")
    client = signed_in(owner)
    client.get(reverse("home"))  # warms the page's cached content
    # The content version, the session, and the user joined with the profile.
    with django_assert_num_queries(3) as queries:
        html = client.get(reverse("home")).content.decode()
    assert "accounts_profile" in queries.captured_queries[-1]["sql"]
    assert NAME_IN_HEADER.format("Olu") in html and 'data-bs-theme="dark"' in html


# --- Where logging in and signing up lead -----------------------------------


def test_log_in_leads_to_the_plan(owner, client):
    response = client.post(reverse("account_login"), {"login": owner.email, "password": PASSWORD})
    assert response.status_code == 302 and response.url == reverse("plans:plan")


def test_log_in_leads_to_next_when_given(owner, client):
    response = client.post(
        reverse("account_login"), {"login": owner.email, "password": PASSWORD, "next": "/tracks/ux/"}
    )
    assert response.url == "/tracks/ux/"


def test_log_in_never_leads_off_site(owner, client):
    response = client.post(
        reverse("account_login"), {"login": owner.email, "password": PASSWORD, "next": "https://evil.example/"}
    )
    assert response.url == reverse("plans:plan")


def test_sign_up_leads_to_the_plan_or_to_next(client):
    assert sign_up(client).url == reverse("plans:plan")
    other = Client()
    response = other.post(
        reverse("account_signup"),
        {"email": "second@example.com", "password1": PASSWORD, "password2": PASSWORD, "next": "/tracks/technical/"},
    )
    assert response.url == "/tracks/technical/"


# --- The theme ---------------------------------------------------------------


def test_signed_in_choice_is_saved_on_the_account_and_rendered_on_every_page(owner):
    client = signed_in(owner)
    response = client.post(reverse("accounts:theme"), {"theme": "dark", "next": "/guide/"})
    assert response.status_code == 302 and response.url == "/guide/"
    assert Profile.objects.get(user=owner).theme == "dark"
    assert THEME_COOKIE not in response.cookies
    html = signed_in(owner).get(reverse("careers:courses")).content.decode()  # another browser, same account
    assert '<html lang="en" data-theme-choice="dark" data-theme-account data-bs-theme="dark">' in html
    assert 'value="dark" title="Dark theme" aria-pressed="true"' in html


def test_the_switch_script_gets_an_empty_answer(owner):
    response = signed_in(owner).post(reverse("accounts:theme"), {"theme": "light"}, HTTP_X_REQUESTED_WITH="fetch")
    assert response.status_code == 204
    assert Profile.objects.get(user=owner).theme == "light"


def test_anonymous_choice_without_javascript_is_kept_in_a_cookie(client):
    response = client.post(reverse("accounts:theme"), {"theme": "dark", "next": "/courses/?track=ux"})
    assert response.status_code == 302 and response.url == "/courses/?track=ux"
    cookie = response.cookies[THEME_COOKIE]
    assert cookie.value == "dark" and cookie["httponly"] and cookie["samesite"] == "Lax"
    html = client.get(reverse("home")).content.decode()
    assert '<html lang="en" data-theme-choice="dark" data-bs-theme="dark">' in html
    assert not Profile.objects.exists()


def test_system_is_the_default_and_leaves_the_theme_to_the_script(client):
    html = client.get(reverse("home")).content.decode()
    assert '<html lang="en" data-theme-choice="system">' in html


@pytest.mark.parametrize("value", ["", "blue", "DARK", "x" * 500])
def test_an_unknown_theme_is_a_400_and_changes_nothing(owner, value):
    client = signed_in(owner)
    response = client.post(reverse("accounts:theme"), {"theme": value})
    assert response.status_code == 400
    assert "We could not understand that request" in response.content.decode()
    assert not Profile.objects.exists()
    anonymous = Client().post(reverse("accounts:theme"), {"theme": value})
    assert anonymous.status_code == 400 and THEME_COOKIE not in anonymous.cookies


def test_a_forged_cookie_value_is_ignored(client):
    client.cookies[THEME_COOKIE] = '"><script>alert(1)</script>'
    html = client.get(reverse("home")).content.decode()
    assert "<script>alert" not in html and 'data-theme-choice="system"' in html


def test_next_off_site_goes_home_instead(client):
    response = client.post(reverse("accounts:theme"), {"theme": "light", "next": "https://evil.example/"})
    assert response.url == reverse("home")


def test_theme_refuses_get(client):
    assert client.get(reverse("accounts:theme")).status_code == 405
