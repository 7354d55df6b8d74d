"""The content migrations of issue 18 keep what staff wrote: one "perfect for" per track with the
current wording, levels typed as text become choices, and the "Content editor" group is made."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("careers", "0006_assessment_v2")]
AFTER = [("careers", "0009_content_editor_group")]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    executor.loader.build_graph()
    return executor.loader.project_state(targets).apps


@pytest.fixture
def old_apps(transactional_db):
    yield migrate(BEFORE)
    call_command("migrate", verbosity=0)  # the latest schema again, for the tests that follow


def test_one_perfect_for_per_track_keeps_the_current_wording(old_apps):
    Track = old_apps.get_model("careers", "Track")
    Track.objects.all().delete()
    wording = {
        # The article's table and map disagreed; the map's ("perfect for") wording is the one pages showed.
        "m-tech": ("Tech-savvy individuals who love working with engineering team", "… engineering teams"),
        # A track someone filled in only one of.
        "m-ux": ("Customer-focused individuals who love design thinking", ""),
    }
    for slug, (table, card) in wording.items():
        Track.objects.create(
            slug=slug, name=slug, short_name=slug, summary="s", most_suitable_for=table, perfect_for=card
        )
    new = migrate(AFTER).get_model("careers", "Track")
    assert dict(new.objects.values_list("slug", "perfect_for")) == {
        "m-tech": "… engineering teams",
        "m-ux": "Customer-focused individuals who love design thinking",
    }
    assert "most_suitable_for" not in {f.name for f in new._meta.get_fields()}


def test_levels_typed_as_text_become_choices(old_apps):
    Course = old_apps.get_model("careers", "Course")
    typed = {"m-a": "Beginner", "m-b": "  intermediate ", "m-c": "All levels", "m-d": "", "m-e": "For managers"}
    for slug, level in typed.items():
        Course.objects.create(slug=slug, title=slug, provider="P", url="https://p.test", level=level)
    new = migrate(AFTER).get_model("careers", "Course")
    levels = dict(new.objects.filter(slug__startswith="m-").values_list("slug", "level"))
    assert levels == {"m-a": "beginner", "m-b": "intermediate", "m-c": "mixed", "m-d": "unknown", "m-e": "unknown"}
    assert set(new.objects.filter(slug__startswith="m-").values_list("cost_model", flat=True)) == {"unknown"}


def test_the_editor_group_is_made_and_undone(old_apps):
    Group = old_apps.get_model("auth", "Group")
    assert not Group.objects.filter(name="Content editor").exists()
    new = migrate(AFTER)
    group = new.get_model("auth", "Group").objects.get(name="Content editor")
    codenames = set(group.permissions.values_list("codename", flat=True))
    assert {"change_course", "add_track", "delete_suggestedstep", "change_assessmentsettings"} <= codenames
    assert not codenames & {"view_user", "view_plan", "view_assessmentresult", "view_courseprogress"}
    back = migrate(BEFORE)
    assert not back.get_model("auth", "Group").objects.filter(name="Content editor").exists()
