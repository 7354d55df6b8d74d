"""The content version changes with every change to career content, and only then."""

import pytest
from django.core.management import call_command

from careers import content_version
from careers.models import ContentVersion, Course, Track

pytestmark = pytest.mark.django_db


def test_saving_content_changes_the_token():
    before = content_version.token()
    course = Course.objects.first()
    course.title = "Renamed by staff"
    course.save()
    assert content_version.token() != before


def test_deleting_content_changes_the_token():
    before = content_version.token()
    Course.objects.filter(tracks=None).first().delete()
    assert content_version.token() != before


def test_adding_a_course_to_a_track_changes_the_token():
    before = content_version.token()
    Course.objects.filter(tracks=None).first().tracks.add(Track.objects.first())
    assert content_version.token() != before


def test_reloading_the_fixtures_changes_the_token():
    before = content_version.token()
    call_command("load_content", verbosity=0)
    assert content_version.token() != before


def test_reading_pages_and_user_data_leaves_the_token(client, owner):
    before = content_version.token()
    client.force_login(owner)
    client.post(f"/plan/start/{Track.objects.first().slug}/")
    client.get("/")
    client.get("/plan/")
    assert content_version.token() == before


def test_without_a_stored_token_every_read_is_new_so_nothing_cached_matches():
    ContentVersion.objects.all().delete()
    assert content_version.token() != content_version.token()


def test_migrating_a_database_that_holds_content_gives_it_a_version_at_once():
    from importlib import import_module

    from django.apps import apps

    ContentVersion.objects.all().delete()
    import_module("careers.migrations.0003_content_version").first_token(apps, None)
    stored = ContentVersion.objects.get(pk=1).token
    assert content_version.token() == content_version.token() == stored
