"""Career content is retired, never cascaded: people keep their progress on it."""

from __future__ import annotations

import json
import shutil

import pytest
from django.conf import settings
from django.contrib.messages import get_messages
from django.core.management import call_command
from django.db.models import ProtectedError
from django.urls import reverse

from careers.models import Course, FirstStep, Habit, Role, Skill, Track
from plans.models import ChecklistItem, CourseProgress, MilestoneProgress, Plan, SkillRating
from tests.helpers import admin_change_data, counted, recount

IBM = "ibm-product-manager-professional-certificate"


def track(slug: str) -> Track:
    return Track.objects.get(slug=slug)


def retire(obj) -> None:
    obj.retired = True
    obj.save()


class TestRetiring:
    def test_a_retired_course_leaves_the_catalogue_track_pages_and_new_plans(self, client, owner, stranger):
        Plan.start(owner, track("technical"))
        course = Course.objects.get(slug=IBM)
        retire(course)
        assert course.title not in client.get(reverse("careers:courses")).content.decode()
        assert course.title not in client.get(track("ux").get_absolute_url()).content.decode()
        new_plan = Plan.start(stranger, track("ux"))
        assert course not in [r.course for r in new_plan.course_rows()]

    def test_it_stays_in_existing_plans_labelled_with_its_state(self, owner_client, owner):
        plan = Plan.start(owner, track("technical"))
        row = CourseProgress.objects.get(user=owner, course__slug=IBM)
        row.set_status("completed")
        retire(row.course)
        page = owner_client.get(reverse("plans:courses")).content.decode()
        item = page[page.index(f'<li id="course-{row.pk}"') :]
        item = item[: item.index("</li>")]
        assert "No longer offered" in item
        assert 'aria-pressed="true">Completed</button>' in item
        assert counted(plan).counts.courses_done == 1

    def test_a_retired_course_counts_only_once_finished(self, owner):
        plan = Plan.start(owner, track("technical"))
        retire(Course.objects.get(slug=IBM))
        assert counted(plan).counts.courses_total == 2
        CourseProgress.objects.get(user=owner, course__slug=IBM).set_status("completed")
        counts = counted(plan).counts
        assert (counts.courses_done, counts.courses_total) == (1, 3)
        assert counts == recount(plan)

    @pytest.mark.parametrize(
        ("model", "slug"),
        [(Skill, "technical-system-architecture"), (Role, None), (FirstStep, None), (Habit, None)],
    )
    def test_every_kind_of_content_can_be_retired(self, owner, stranger, model, slug):
        plan = Plan.start(owner, track("technical"))
        content = model.objects.get(slug=slug) if slug else model.objects.filter(**_of_technical(model)).first()
        retire(content)
        assert counted(plan).counts == recount(plan)
        fresh = Plan.start(stranger, track("technical"))
        assert content not in [r.content for r in _rows(fresh, model)]
        assert content in [r.content for r in _rows(plan, model)]

    def test_offering_it_again_adds_it_to_active_plans(self, owner):
        course = Course.objects.get(slug=IBM)
        retire(course)
        Plan.start(owner, track("technical"))
        assert not CourseProgress.objects.filter(user=owner, course=course).exists()
        course.retired = False
        course.save()
        assert CourseProgress.objects.filter(user=owner, course=course).exists()

    def test_content_in_use_cannot_be_deleted(self, owner):
        Plan.start(owner, track("technical"))
        for content in (
            Course.objects.get(slug=IBM),
            Skill.objects.filter(track__slug="technical").first(),
            Role.objects.filter(track__slug="technical").first(),
            FirstStep.objects.first(),
            Habit.objects.first(),
        ):
            assert content.in_use()
            with pytest.raises(ProtectedError):
                content.delete()


def _of_technical(model) -> dict:
    return {"track__slug": "technical"} if model is Role else {}


def _rows(plan: Plan, model) -> list:
    if model is Skill:
        return list(SkillRating.objects.filter(plan=plan).select_related("skill"))
    if model is Role:
        return list(MilestoneProgress.objects.filter(plan=plan).select_related("role"))
    return list(ChecklistItem.objects.filter(user=plan.user).select_related("first_step", "habit"))


class TestAdmin:
    def test_deleting_used_content_is_refused_with_what_to_do_instead(self, staff_client, owner):
        Plan.start(owner, track("technical"))
        course = Course.objects.get(slug=IBM)
        url = reverse("admin:careers_course_delete", args=[course.pk])
        response = staff_client.post(url, {"post": "yes"})
        assert response.status_code == 302
        assert response.url == reverse("admin:careers_course_change", args=[course.pk])
        message = str(next(iter(get_messages(response.wsgi_request))))
        assert "cannot be deleted" in message and "Retire it instead" in message
        assert Course.objects.filter(pk=course.pk).exists()
        assert CourseProgress.objects.filter(course=course).count() == 1

    def test_bulk_delete_of_used_content_lists_why_and_deletes_nothing(self, staff_client, owner):
        Plan.start(owner, track("technical"))
        skill = Skill.objects.filter(track__slug="technical").first()
        data = {"action": "delete_selected", "_selected_action": [skill.pk], "post": "yes"}
        response = staff_client.post(reverse("admin:careers_skill_changelist"), data)
        page = response.content.decode()
        assert response.status_code == 200
        assert "Retire it instead" in page and "owner@example.com" not in page
        assert Skill.objects.filter(pk=skill.pk).exists()

    def test_unused_content_can_still_be_deleted(self, staff_client):
        course = Course.objects.create(slug="unused", title="Unused", provider="P", url="https://p.test")
        response = staff_client.post(reverse("admin:careers_course_delete", args=[course.pk]), {"post": "yes"})
        assert response.status_code == 302
        assert not Course.objects.filter(pk=course.pk).exists()

    def test_retire_and_offer_again_are_list_actions(self, staff_client, owner):
        Plan.start(owner, track("technical"))
        course = Course.objects.get(slug=IBM)
        changelist = reverse("admin:careers_course_changelist")
        staff_client.post(changelist, {"action": "retire", "_selected_action": [course.pk]})
        course.refresh_from_db()
        assert course.retired
        assert changelist in staff_client.get(changelist + "?retired__exact=1").request["PATH_INFO"]
        staff_client.post(changelist, {"action": "unretire", "_selected_action": [course.pk]})
        course.refresh_from_db()
        assert not course.retired

    def test_deleting_a_used_skill_in_its_tracks_inline_is_refused(self, staff_client, owner):
        Plan.start(owner, track("technical"))
        skill = Skill.objects.filter(track__slug="technical").first()
        url = reverse("admin:careers_track_change", args=[track("technical").pk])
        data = admin_change_data(staff_client.get(url))
        inline = next(f for f in staff_client.get(url).context["inline_admin_formsets"] if f.formset.model is Skill)
        form = next(f for f in inline.formset.forms if f.instance.pk == skill.pk)
        response = staff_client.post(url, {**data, form.add_prefix("DELETE"): "on"})
        assert response.status_code == 200  # the form again, with the reason
        assert "would require deleting the following protected related objects" in response.content.decode()
        assert Skill.objects.filter(pk=skill.pk).exists()
        assert SkillRating.objects.filter(skill=skill).exists()


class TestLoadContent:
    @pytest.fixture
    def fixtures_without_ibm(self, tmp_path):
        fixtures = tmp_path / "fixtures"
        shutil.copytree(settings.BASE_DIR / "fixtures", fixtures)
        path = fixtures / "careers.json"
        data = [o for o in json.loads(path.read_text()) if o["fields"].get("slug") != IBM]
        path.write_text(json.dumps(data))
        return tmp_path

    def load(self, base_dir, capsys) -> str:
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(settings, "BASE_DIR", base_dir)
            call_command("load_content")
        return capsys.readouterr().out

    def test_dropped_content_in_use_is_retired_and_said(self, owner, fixtures_without_ibm, capsys):
        Plan.start(owner, track("technical"))
        CourseProgress.objects.get(user=owner, course__slug=IBM).set_status("completed")
        out = self.load(fixtures_without_ibm, capsys)
        course = Course.objects.get(slug=IBM)
        assert course.retired
        assert "Retired course “IBM Product Manager Professional Certificate" in out
        assert CourseProgress.objects.get(user=owner, course=course).status == "completed"

    def test_dropped_content_nobody_uses_is_deleted_and_said(self, db, fixtures_without_ibm, capsys):
        out = self.load(fixtures_without_ibm, capsys)
        assert not Course.objects.filter(slug=IBM).exists()
        assert "Deleted course" in out

    def test_content_staff_added_is_left_alone(self, owner, capsys):
        Plan.start(owner, track("technical"))
        course = Course.objects.create(slug="staff-pick", title="A staff pick", provider="P", url="https://p.test")
        call_command("load_content")
        course.refresh_from_db()
        assert not course.retired
        assert "Retired" not in capsys.readouterr().out
