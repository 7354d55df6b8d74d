"""The "Content editor" group: staff in it change the career content and nothing else. They never see
people's accounts, plans, progress, results or emails (403), whatever URL they try."""

from __future__ import annotations

import pytest
from allauth.account.models import EmailAddress
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import reverse

from careers.models import AssessmentResult, ContentVersion, Course, LoadedContent, Track, assessment_questions
from plans.models import Plan, SuggestedStep, Target
from tests.conftest import make_user
from tests.helpers import admin_change_data, drag_rows

pytestmark = pytest.mark.django_db

GROUP = "Content editor"


def belongs_to_someone(model) -> bool:
    """People's data: a user, or a row that points at one (plans, progress, results, emails...)."""
    user = get_user_model()
    return model is user or any(f.is_relation and f.related_model in {user, Plan} for f in model._meta.fields)


CONTENT = sorted(
    (m for m in admin.site._registry if m._meta.app_label in {"careers", "plans"} and not belongs_to_someone(m)),
    key=lambda m: m._meta.label,
)
PEOPLES_DATA = sorted((m for m in admin.site._registry if m not in CONTENT), key=lambda m: m._meta.label)


@pytest.fixture
def editor(db):
    user = get_user_model().objects.create_user(
        username="editor", email="editor@example.com", password="x", is_staff=True
    )
    user.groups.add(Group.objects.get(name=GROUP))
    return user


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


@pytest.fixture
def someones_data(owner):
    """A plan, course progress and an assessment result that belong to someone."""
    plan = Plan.start(owner, Track.objects.get(slug="technical"))
    questions = assessment_questions()
    AssessmentResult.record(questions, {q.slug: q.options.all()[0].slug for q in questions}, user=owner)
    return plan


def test_the_lists_above_split_the_admin_in_two():
    assert {Track, Course, SuggestedStep, Target} <= set(CONTENT)
    assert {get_user_model(), Plan, AssessmentResult, EmailAddress} <= set(PEOPLES_DATA)
    assert ContentVersion not in CONTENT and LoadedContent not in CONTENT  # bookkeeping, not in the admin


def test_the_group_holds_exactly_the_content_permissions():
    held = {
        (p.content_type.app_label, p.content_type.model, p.codename.split("_")[0])
        for p in Group.objects.get(name=GROUP).permissions.select_related("content_type")
    }
    for model in CONTENT:
        actions = (
            {"change", "view"}
            if model._meta.model_name == "assessmentsettings"
            else {"add", "change", "delete", "view"}
        )
        for action in actions:
            assert (model._meta.app_label, model._meta.model_name, action) in held, (model, action)
    assert {model for _app, model, _action in held} == {m._meta.model_name for m in CONTENT}


@pytest.mark.parametrize("model", CONTENT, ids=lambda m: m._meta.label)
def test_an_editor_opens_every_content_list_and_page(editor_client, model):
    opts = model._meta
    assert editor_client.get(reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")).status_code == 200
    obj = model.objects.first()
    if obj is not None:
        url = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])
        assert editor_client.get(url).status_code == 200


def test_an_editor_changes_a_course_and_the_catalogue_shows_it(editor_client, client):
    course = Course.objects.get(slug="ux-ux-design-professional-certificate")
    url = reverse("admin:careers_course_change", args=[course.pk])
    data = admin_change_data(editor_client.get(url))
    response = editor_client.post(url, {**data, "weekly_effort_en": "10 hours a week", "cost_model": "subscription"})
    assert response.status_code == 302
    html = client.get(reverse("careers:courses"), {"track": "ux"}).content.decode()
    assert "10 hours a week" in html and "Subscription" in html


def test_an_editor_reorders_content_by_dragging(editor_client):
    tracks = list(Track.objects.order_by("order"))
    response = drag_rows(editor_client, Track, [[t.pk, i] for i, t in enumerate(reversed(tracks), start=1)])
    assert response.status_code == 200
    assert list(Track.objects.order_by("order")) == tracks[::-1]


def test_an_editor_adds_and_retires_content(editor_client):
    add = editor_client.post(
        reverse("admin:careers_habit_add"), {"slug": "write-it-down", "text_en": "Write decisions down"}
    )
    assert add.status_code == 302
    course = Course.objects.get(slug="ibm-product-manager-professional-certificate")
    editor_client.post(
        reverse("admin:careers_course_changelist"), {"action": "retire", "_selected_action": [course.pk]}
    )
    course.refresh_from_db()
    assert course.retired


def peoples_urls(owner, plan) -> dict[str, str]:
    result = AssessmentResult.objects.get(user=owner)
    return {
        "users": reverse("admin:auth_user_changelist"),
        "a user": reverse("admin:auth_user_change", args=[owner.pk]),
        "groups": reverse("admin:auth_group_changelist"),
        "plans": reverse("admin:plans_plan_changelist"),
        "a plan": reverse("admin:plans_plan_change", args=[plan.pk]),
        "results": reverse("admin:careers_assessmentresult_changelist"),
        "a result": reverse("admin:careers_assessmentresult_change", args=[result.pk]),
        "emails": reverse("admin:account_emailaddress_changelist"),
        "an email": reverse("admin:account_emailaddress_change", args=[EmailAddress.objects.get(user=owner).pk]),
    }


def test_an_editor_gets_403_on_users_plans_results_and_emails(editor_client, owner, someones_data):
    for name, url in peoples_urls(owner, someones_data).items():
        assert editor_client.get(url).status_code == 403, name
    assert editor_client.post(reverse("admin:auth_user_change", args=[owner.pk]), {"is_staff": "on"}).status_code == 403
    owner.refresh_from_db()
    assert not owner.is_staff


@pytest.mark.parametrize("model", PEOPLES_DATA, ids=lambda m: m._meta.label)
def test_no_list_of_peoples_data_opens_for_an_editor(editor_client, model):
    opts = model._meta
    assert editor_client.get(reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")).status_code == 403


def test_the_admin_index_shows_an_editor_only_the_content(editor_client, owner, someones_data):
    html = editor_client.get(reverse("admin:index")).content.decode()
    assert "Courses" in html and "Suggested networking steps" in html
    for hidden in ("Users", "Plans", "Assessment results", "Email addresses", owner.email):
        assert hidden not in html, hidden


def test_a_superuser_still_sees_everything(client, owner, someones_data):
    client.force_login(make_user("admin@example.com", staff=True))
    for name, url in peoples_urls(owner, someones_data).items():
        assert client.get(url).status_code == 200, name
