"""Staff edit every piece of career content in the Django admin."""

import pytest
from django.apps import apps
from django.contrib import admin
from django.urls import reverse

from careers.models import ContentVersion, LoadedContent, Skill, Track

pytestmark = pytest.mark.django_db

# Every model of the app but the bookkeeping: the content version (kept by signals) and what load_content loaded.
CONTENT_MODELS = [m for m in apps.get_app_config("careers").get_models() if m not in {ContentVersion, LoadedContent}]


def test_every_content_model_is_in_the_admin():
    for model in CONTENT_MODELS:
        assert admin.site.is_registered(model), model.__name__


@pytest.mark.parametrize("model", CONTENT_MODELS, ids=lambda m: m.__name__)
def test_changelists_and_change_forms_render(staff_client, model):
    opts = model._meta
    assert staff_client.get(reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")).status_code == 200
    assert (
        staff_client.get(reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist"), {"q": "a"}).status_code == 200
    )
    obj = model.objects.first()
    if obj is not None:
        url = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])
        assert staff_client.get(url).status_code == 200


def test_track_page_has_inlines(staff_client):
    track = Track.objects.get(slug="technical")
    html = staff_client.get(reverse("admin:careers_track_change", args=[track.pk])).content.decode()
    for prefix in ["responsibilities", "skills", "roles", "industries"]:
        assert f'id="{prefix}-group"' in html, prefix
    assert "Courses of this track" in html


def test_staff_change_a_skill_through_the_admin_and_the_site_shows_it(staff_client, client):
    skill = Skill.objects.get(slug="technical-system-architecture")
    response = staff_client.post(
        reverse("admin:careers_skill_change", args=[skill.pk]),
        {
            "slug": skill.slug,
            "order": skill.order,
            "track": skill.track_id,
            "name_en": "Systems design",
            "description_en": "How the parts fit together.",
        },
    )
    assert response.status_code == 302
    skill.refresh_from_db()
    assert skill.name == "Systems design"
    assert "Systems design" in client.get(skill.track.get_absolute_url()).content.decode()


def test_bad_input_in_the_admin_is_refused(staff_client):
    skill = Skill.objects.get(slug="technical-system-architecture")
    response = staff_client.post(
        reverse("admin:careers_skill_change", args=[skill.pk]),
        {"slug": "not a slug!", "order": "-3", "track": skill.track_id, "name": ""},
    )
    assert response.status_code == 200
    assert "errornote" in response.content.decode()
    skill.refresh_from_db()
    assert skill.name == "System architecture"


def test_non_staff_cannot_reach_the_admin(owner_client):
    response = owner_client.get(reverse("admin:careers_track_changelist"))
    assert response.status_code == 302
    assert reverse("admin:login") in response.url
