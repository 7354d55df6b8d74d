"""Career content changes under people's plans without touching their progress.

Loading the fixtures again (`manage.py load_content`, run by every deploy and
`make run`) updates content rows in place by natural key, and staff editing
content in the admin (renaming a course, adding one, reordering skills) edits
those same rows: every progress row keeps its id, its content and its values,
and new content appears in plans that already exist.
"""

from __future__ import annotations

import datetime
import json
import re
import shutil

import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from accounts.data import rows_owned_by
from careers.models import Course, FirstStep, Habit, Role, Skill, Track
from plans.models import ChecklistItem, CourseProgress, NetworkingStep, Plan, PortfolioCase
from tests.helpers import counted, drag_rows, form_data

pytestmark = pytest.mark.django_db

CONTENT = [Track, Course, Skill, Role, FirstStep, Habit]


@pytest.fixture
def plan(owner) -> Plan:
    """A plan with progress of every kind: statuses, dates, notes, ratings, ticks."""
    plan = Plan.start(owner, Track.objects.get(slug="technical"))
    first, second = list(plan.course_rows())[:2]
    first.note, first.certificate_url = "Took notes every week", "https://example.com/certificate"
    first.save()
    first.set_status("completed")
    second.set_status("in_progress")
    for rating, row in enumerate(plan.skill_rows(), start=1):
        row.rating, row.note = min(rating, 4), f"Practised {rating}"
        row.save()
    milestone = plan.milestone_rows()[0]
    milestone.target_date = datetime.date(2030, 6, 30)
    milestone.set_reached(True)
    ChecklistItem.objects.filter(pk=plan.checklist_rows()[0].pk).update(done=True)
    PortfolioCase.objects.create(user=plan.user, title="Checkout redesign", status="published")
    NetworkingStep.objects.create(user=plan.user, who="A mentor", done=True)
    return plan


def owned(user) -> dict[str, list[dict]]:
    """Every row the user owns, every column of it (ids, links to content, values, timestamps)."""
    return {
        model._meta.label_lower: list(model._base_manager.filter(pk__in=[o.pk for o in objs]).order_by("pk").values())
        for model, objs in rows_owned_by(user).items()
    }


def content_ids() -> dict[tuple[str, str], int]:
    return {(model.__name__, slug): pk for model in CONTENT for slug, pk in model.objects.values_list("slug", "pk")}


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def course_statuses(html: str) -> dict[str, str]:
    """Course title -> the status button pressed, as the courses page shows them."""
    items = re.findall(r'<li id="course-\d+".*?</li>', html, re.S)
    shown = {}
    for item in items:
        title = re.search(r'<h3 class="[^"]*item-title"><a [^>]*>([^<]+)</a>', item).group(1)
        shown[title] = re.search(r'aria-pressed="true">([^<]+)</button>', item).group(1)
    return shown


# --- Loading the fixtures again ----------------------------------------------------


def test_reloading_the_content_keeps_every_users_progress(plan, owner, stranger):
    other = Plan.start(stranger, Track.objects.get(slug="ux"))
    other.skill_rows().update(rating=2)
    before, before_other, ids = owned(owner), owned(stranger), content_ids()
    progress = counted(plan).progress

    call_command("load_content", verbosity=0)
    call_command("load_content", verbosity=0)

    assert content_ids() == ids, "content rows were replaced, not updated in place"
    assert owned(owner) == before
    assert owned(stranger) == before_other
    assert counted(plan).progress == progress


def test_reloading_keeps_content_staff_added_and_its_progress(plan, owner):
    course = Course.objects.create(
        slug="staff-pick", title="A staff pick", provider="PM School", url="https://example.com/c"
    )
    course.tracks.add(plan.track)  # active plans get a row for it at once
    CourseProgress.objects.filter(user=owner, course=course).update(
        status="completed", completed_on=datetime.date(2026, 1, 5)
    )
    before = owned(owner)

    call_command("load_content", verbosity=0)

    assert Course.objects.filter(pk=course.pk, title="A staff pick").exists()
    assert owned(owner) == before


def test_new_content_in_the_fixtures_shows_up_in_existing_plans(plan, owner, tmp_path):
    fixtures = tmp_path / "fixtures"
    shutil.copytree(settings.BASE_DIR / "fixtures", fixtures)
    release = [
        {
            "model": "careers.course",
            "fields": {
                "slug": "new-release-course",
                "order": 50,
                "tracks": [["technical"]],
                "title": "APIs for product managers",
                "provider": "PM School",
                "url": "https://example.com/apis",
            },
        },
        {
            "model": "careers.skill",
            "fields": {"slug": "new-release-skill", "order": 50, "track": ["technical"], "name": "API design"},
        },
    ]
    (fixtures / "zz_release.json").write_text(json.dumps(release))
    browser = signed_in(owner)
    before = owned(owner)
    courses_before, skills_before = plan.course_rows().count(), plan.skill_rows().count()

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(settings, "BASE_DIR", tmp_path)
        call_command("load_content", verbosity=0)

    page = browser.get(reverse("plans:courses")).content.decode()
    assert "API design" in browser.get(reverse("plans:skills")).content.decode()
    assert course_statuses(page)["APIs for product managers"] == "Not started"
    assert plan.course_rows().count() == courses_before + 1
    assert plan.skill_rows().count() == skills_before + 1
    after = owned(owner)
    for table, rows in before.items():  # every earlier row is still there, unchanged
        assert [r for r in after[table] if r["id"] in {b["id"] for b in rows}] == rows, table


# --- Editing in the admin -------------------------------------------------------------


def test_renaming_a_course_in_the_admin_keeps_its_progress(plan, owner, staff_client):
    row = plan.course_rows()[0]
    url = reverse("admin:careers_course_change", args=[row.course_id])
    data = form_data(staff_client.get(url).context["adminform"].form)
    before = owned(owner)

    response = staff_client.post(url, {**data, "title": "Product analytics, renamed"})

    assert response.status_code == 302
    assert owned(owner) == before
    statuses = course_statuses(signed_in(owner).get(reverse("plans:courses")).content.decode())
    assert statuses["Product analytics, renamed"] == "Completed"


def test_a_course_added_in_the_admin_appears_in_existing_plans(plan, owner, staff_client):
    browser = signed_in(owner)
    before = owned(owner)
    progress = counted(plan).progress.section("courses")
    response = staff_client.post(
        reverse("admin:careers_course_add"),
        {
            "slug": "discovery-sprints",
            "order": "9",
            "tracks": [str(plan.track_id)],
            "title": "Discovery sprints",
            "provider": "PM School",
            "url": "https://example.com/discovery",
            "level": "unknown",
            "cost_model": "unknown",
        },
    )
    assert response.status_code == 302

    page = browser.get(reverse("plans:courses")).content.decode()
    assert course_statuses(page)["Discovery sprints"] == "Not started"
    after = counted(plan).progress.section("courses")
    assert (after.done, after.total) == (progress.done, progress.total + 1)
    assert f"{after.done} of {after.total} completed" in page
    for table, rows in before.items():
        assert [r for r in owned(owner)[table] if r["id"] in {b["id"] for b in rows}] == rows, table


def test_reordering_skills_in_the_admin_keeps_every_rating(plan, owner, staff_client):
    ratings = {row.skill.name: (row.pk, row.rating, row.note) for row in plan.skill_rows()}
    skills = list(Skill.objects.filter(track=plan.track_id).order_by("order", "pk"))
    before = owned(owner)

    # The last skill dragged to the top of the track's list.
    response = drag_rows(staff_client, Skill, [[s.pk, position] for position, s in enumerate(reversed(skills))])

    assert response.status_code == 200
    assert owned(owner) == before
    rows = list(Plan.objects.get(pk=plan.pk).skill_rows())
    assert [r.skill.name for r in rows] == list(reversed(ratings))
    assert {r.skill.name: (r.pk, r.rating, r.note) for r in rows} == ratings
    page = signed_in(owner).get(reverse("plans:skills")).content.decode()
    positions = [page.index(f"skill-{r.pk}") for r in rows]
    assert positions == sorted(positions), "the plan page lists skills in the new order"


def test_reordering_habits_in_the_admin_keeps_every_tick(plan, owner, staff_client):
    ChecklistItem.objects.filter(user=owner, habit__isnull=False).update(done=True)
    habits = [row.habit.text for row in plan.checklist_rows() if row.is_habit]
    before = owned(owner)

    reversed_habits = reversed(Habit.objects.order_by("order", "pk"))
    assert (
        drag_rows(staff_client, Habit, [[h.pk, position] for position, h in enumerate(reversed_habits)]).status_code
        == 200
    )

    assert owned(owner) == before
    rows = list(Plan.objects.get(pk=plan.pk).checklist_rows())
    assert [r.is_habit for r in rows] == sorted(r.is_habit for r in rows), "first steps come before habits"
    assert [r.habit.text for r in rows if r.is_habit] == list(reversed(habits))
    assert all(r.done for r in rows if r.is_habit)
