"""The account page: download all my data, delete my account after confirming my password."""

from __future__ import annotations

import json

import pytest
from allauth.account.models import EmailAddress
from django.apps import apps
from django.contrib.admin.models import ADDITION, LogEntry
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.test import Client
from django.urls import reverse

from accounts import data
from careers.models import Track
from plans.models import Plan
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db

User = get_user_model()


def give_data(user, track_slug: str) -> None:
    """Rows of several kinds that belong to the user: a plan with its items, a
    second email address, a group membership and an admin log entry."""
    Plan.start(user, Track.objects.get(slug=track_slug))
    EmailAddress.objects.create(user=user, email=f"second-{user.email}", verified=False)
    user.groups.add(Group.objects.get_or_create(name="Mentors")[0])
    LogEntry.objects.create(
        user=user,
        content_type=ContentType.objects.get_for_model(Track),
        object_id="1",
        object_repr=f"edited by {user.email}",
        action_flag=ADDITION,
    )


@pytest.fixture
def owner_data(owner):
    give_data(owner, Track.objects.order_by("order")[0].slug)
    return owner


@pytest.fixture
def stranger_data(stranger):
    give_data(stranger, Track.objects.order_by("order")[1].slug)
    return stranger


def row_counts() -> dict[str, int]:
    # Sessions come and go with logging in and out; they are checked on their own.
    return {
        model._meta.label_lower: model._base_manager.count()
        for model in apps.get_models()
        if model._meta.label_lower != "sessions.session"
    }


# --- Account page -------------------------------------------------------------


def test_account_page_shows_email_and_the_actions(owner_client, owner):
    response = owner_client.get(reverse("accounts:overview"))
    assert response.status_code == 200
    html = response.content.decode()
    assert owner.email in html and "Verified" in html
    for name in ("account_email", "account_change_password", "accounts:export", "accounts:delete"):
        assert f'href="{reverse(name)}"' in html


def test_navbar_links_to_the_account_page(owner_client):
    html = owner_client.get(reverse("home")).content.decode()
    assert f'<a class="nav-link account-link" href="{reverse("accounts:overview")}">' in html


@pytest.mark.parametrize("name", ["accounts:overview", "accounts:export", "accounts:delete"])
def test_anonymous_visitors_are_sent_to_log_in(client, name):
    response = client.get(reverse(name))
    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))


def test_anonymous_post_to_delete_is_sent_to_log_in(client, owner):
    response = client.post(reverse("accounts:delete"), {"password": PASSWORD})
    assert response.status_code == 302
    assert User.objects.filter(pk=owner.pk).exists()


@pytest.mark.parametrize(("name", "method"), [("accounts:overview", "post"), ("accounts:export", "post")])
def test_read_only_pages_reject_post(owner_client, name, method):
    assert getattr(owner_client, method)(reverse(name)).status_code == 405


# --- Download my data -------------------------------------------------------


def download(client) -> dict:
    response = client.get(reverse("accounts:export"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response["Content-Disposition"].startswith('attachment; filename="pm-planner-data-')
    assert "no-store" in response["Cache-Control"]
    return json.loads(response.content)


def test_export_contains_every_row_of_the_user(owner_data, stranger_data, client):
    client.force_login(owner_data)
    document = download(client)
    assert document["email"] == owner_data.email
    exported = {label: {row["id"] for row in rows} for label, rows in document["data"].items()}
    expected = {
        model._meta.label_lower: {obj.pk for obj in objs} for model, objs in data.rows_owned_by(owner_data).items()
    }
    assert exported == expected
    assert exported["auth.user"] == {owner_data.pk}
    assert exported["plans.plan"] == set(Plan.objects.filter(user=owner_data).values_list("pk", flat=True))
    assert len(exported["account.emailaddress"]) == 2
    assert len(exported["admin.logentry"]) == 1
    # Every kind of plan item the plan holds is in the file.
    plan_item_models = {label for label in exported if label.startswith("plans.") and label != "plans.plan"}
    assert plan_item_models, "Plan.start should have created plan items"


def test_export_contains_nothing_of_another_user(owner_data, stranger_data, client):
    client.force_login(owner_data)
    text = json.dumps(download(client))
    assert stranger_data.email not in text
    assert stranger_data.username not in text
    stranger_plan = Plan.objects.get(user=stranger_data)
    owner_plan_ids = {row["id"] for row in json.loads(text)["data"]["plans.plan"]}
    assert stranger_plan.pk not in owner_plan_ids


def test_export_is_readable_and_refers_to_content_by_slug(owner_data, client):
    client.force_login(owner_data)
    document = download(client)
    (plan,) = document["data"]["plans.plan"]
    assert plan["track"] == [Plan.objects.get(user=owner_data).track.slug]  # natural key, not a bare id
    (user_row,) = document["data"]["auth.user"]
    assert user_row["email"] == owner_data.email
    assert user_row["groups"] == [["Mentors"]]


def test_export_leaves_out_the_password_hash(owner_data, client):
    client.force_login(owner_data)
    document = download(client)
    (user_row,) = document["data"]["auth.user"]
    assert "password" not in user_row
    owner_data.refresh_from_db()
    assert owner_data.password not in json.dumps(document)
    assert "sessions.session" not in document["data"]


def test_export_keeps_unicode_and_markup_as_written(owner, client):
    owner.first_name = "Zoë <script>alert(1)</script>"
    owner.save()
    client.force_login(owner)
    response = client.get(reverse("accounts:export"))
    assert "Zoë <script>alert(1)</script>" in response.content.decode()  # JSON, served as an attachment


# --- Delete my account ------------------------------------------------------


def test_delete_page_lists_what_goes(owner_data, owner_client):
    response = owner_client.get(reverse("accounts:delete"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "2 email addresses" in html
    assert "1 plan" in html
    assert "<li>1 user</li>" not in html  # the account has its own line
    assert 'autocomplete="current-password"' in html


def test_get_on_delete_deletes_nothing(owner_data, owner_client):
    before = row_counts()
    owner_client.get(reverse("accounts:delete"), {"password": PASSWORD})
    assert row_counts() == before


def test_delete_removes_the_users_rows_and_nothing_else(owner_data, stranger_data, owner_client):
    stranger_client = Client()
    stranger_client.force_login(stranger_data)
    owned = data.rows_owned_by(owner_data)
    stranger_rows = {model: [obj.pk for obj in objs] for model, objs in data.rows_owned_by(stranger_data).items()}
    before = row_counts()

    response = owner_client.post(reverse("accounts:delete"), {"password": PASSWORD})

    assert response.status_code == 302
    assert response.url == reverse("home")
    assert "_auth_user_id" not in owner_client.session
    # Exactly the owner's rows went: every other table, career content included, is as it was.
    expected = {label: count - len(owned.get(apps.get_model(label), [])) for label, count in before.items()}
    assert row_counts() == expected
    for model, objs in owned.items():
        assert not model._base_manager.filter(pk__in=[obj.pk for obj in objs]).exists()
    for model, pks in stranger_rows.items():
        assert model._base_manager.filter(pk__in=pks).count() == len(pks)
    assert not User.objects.filter(pk=owner_data.pk).exists()
    assert stranger_client.get(reverse("accounts:overview")).status_code == 200  # still signed in


def test_delete_says_goodbye(owner_data, owner_client):
    response = owner_client.post(reverse("accounts:delete"), {"password": PASSWORD}, follow=True)
    html = response.content.decode()
    assert "Your account and all your data have been deleted." in html
    assert "Log in" in html


@pytest.mark.parametrize(
    ("form", "message"),
    [
        ({"password": "wrong-password"}, "That password is not correct"),
        ({"password": PASSWORD.upper()}, "That password is not correct"),
        ({"password": ""}, "This field is required."),
        ({}, "This field is required."),
        ({"password": "x" * 100_000}, "A password can have at most 256 characters."),
    ],
)
def test_delete_needs_the_right_password(owner_data, owner_client, form, message):
    before = row_counts()
    response = owner_client.post(reverse("accounts:delete"), form)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert row_counts() == before
    assert "_auth_user_id" in owner_client.session


def test_password_guessing_on_the_delete_form_is_limited(owner_data, owner_client):
    from django.conf import settings

    allowed = int(settings.ACCOUNT_RATE_LIMITS.get("reauthenticate", "10/m/user").split("/")[0])
    for _ in range(allowed):
        owner_client.post(reverse("accounts:delete"), {"password": "guess"})
    response = owner_client.post(reverse("accounts:delete"), {"password": PASSWORD})
    assert "Too many attempts" in response.content.decode()
    assert User.objects.filter(pk=owner_data.pk).exists()


def test_delete_rejects_other_methods(owner_client, owner):
    assert owner_client.put(reverse("accounts:delete")).status_code == 405
    assert User.objects.filter(pk=owner.pk).exists()


def test_every_row_that_points_at_a_user_goes_with_them():
    # Export and deletion cover what the deletion collector finds. A foreign key
    # to the user that only nulls itself (SET_NULL, DO_NOTHING...) would leave
    # the user's rows behind after deletion and out of the export.
    loose = [
        f"{model._meta.label}.{field.name}: {field.remote_field.on_delete.__name__}"
        for model in apps.get_models()
        for field in model._meta.get_fields()
        if field.concrete
        and (field.many_to_one or field.one_to_one)
        and field.related_model is User
        and field.remote_field.on_delete is not models.CASCADE
    ]
    assert not loose, "Rows that belong to a user must be deleted with them: " + ", ".join(loose)


def test_deletion_summary_names_each_kind_of_row(owner_data):
    lines = data.deletion_summary(owner_data)
    assert "2 email addresses" in lines
    assert "1 plan" in lines
    assert "1 log entry" in lines
    assert not any("user" in line.lower() for line in lines)  # the account itself is listed separately


# --- History, reminders and the calendar (issue 14) ---------------------------------


@pytest.fixture
def owner_with_history(owner, client):
    from accounts.models import CalendarFeed, ReminderSettings

    client.force_login(owner)
    client.post(reverse("plans:start", args=["technical"]))
    ReminderSettings.objects.create(user=owner, frequency="weekly", time_zone="Europe/Berlin")
    CalendarFeed.objects.create(user=owner)
    return owner


def test_export_includes_the_history_and_the_settings(owner_with_history, client):
    document = download(client)
    (event,) = document["data"]["plans.event"]
    assert (event["action"], event["item_title"]) == ("started", "The Technical Product Manager")
    (reminders,) = document["data"]["accounts.remindersettings"]
    assert (reminders["frequency"], reminders["time_zone"]) == ("weekly", "Europe/Berlin")


def test_export_hides_the_calendar_token_like_a_secret(owner_with_history, client):
    from accounts.models import CalendarFeed

    document = download(client)
    (feed,) = document["data"]["accounts.calendarfeed"]
    assert "token" not in feed
    assert CalendarFeed.objects.get(user=owner_with_history).token not in json.dumps(document)


def test_deleting_the_account_deletes_the_history_and_the_settings(owner_with_history, client):
    from accounts.models import CalendarFeed, ReminderSettings
    from plans.models import Event

    assert "1 event" in data.deletion_summary(owner_with_history)
    response = client.post(reverse("accounts:delete"), {"password": PASSWORD})
    assert response.status_code == 302
    assert not Event.objects.exists()
    assert not ReminderSettings.objects.exists()
    assert not CalendarFeed.objects.exists()
