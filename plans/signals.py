"""Rows for new career content: when staff add a course, skill, role, first step
or habit (or un-retire one, or add a course to a track), every active plan
that should list it gets its row at once. `load_content` saves raw rows, which
these receivers skip; it calls `create_missing_rows` once when it is done."""

from __future__ import annotations

from django.db.models.signals import m2m_changed, post_save
from django.dispatch import receiver

from careers.models import Course, FirstStep, Habit, Role, Skill

from .journey import create_missing_rows


@receiver(post_save, sender=Course, dispatch_uid="plans_rows_for_course")
@receiver(post_save, sender=Skill, dispatch_uid="plans_rows_for_skill")
@receiver(post_save, sender=Role, dispatch_uid="plans_rows_for_role")
@receiver(post_save, sender=FirstStep, dispatch_uid="plans_rows_for_first_step")
@receiver(post_save, sender=Habit, dispatch_uid="plans_rows_for_habit")
def content_saved(sender, instance, raw: bool = False, **kwargs) -> None:
    if not raw and not instance.retired:
        create_missing_rows()


@receiver(m2m_changed, sender=Course.tracks.through, dispatch_uid="plans_rows_for_course_tracks")
def course_tracks_changed(sender, instance, action: str, **kwargs) -> None:
    if action in {"post_add", "post_remove", "post_clear"}:
        create_missing_rows()
