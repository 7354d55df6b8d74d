"""Rows for career content, created when the content or the plan is written.

A plan shows one row per piece of content it lists (a course, a skill, a role,
a first step, a habit). The rows are made when a plan starts or is reactivated
(`Plan.start`) and when staff add or un-retire content (the admin's saves send
signals; `load_content` calls `create_missing_rows` once after loading), so
no page ever checks for missing rows. Creating is idempotent: rows that exist
are left alone, whatever their state.
"""

from __future__ import annotations

from collections import defaultdict

from django.db.models import QuerySet

from careers.models import Course, FirstStep, Habit, Role, Skill

from .models import ChecklistItem, CourseProgress, MilestoneProgress, Plan, SkillRating


def create_missing_rows(plans: QuerySet[Plan] | None = None) -> int:
    """Create the rows that these plans (by default every active plan) lack for
    the content they should list; a handful of queries however many plans."""
    plans = Plan.objects.active() if plans is None else plans
    owners = list(plans.values_list("pk", "user_id", "track_id"))
    if not owners:
        return 0
    users = {user for _plan, user, _track in owners}

    general_courses = set(Course.objects.offered().filter(tracks=None).values_list("pk", flat=True))
    track_courses: dict[int, set[int]] = defaultdict(set)
    for course, track in Course.tracks.through.objects.filter(course__retired=False).values_list(
        "course_id", "track_id"
    ):
        track_courses[track].add(course)
    first_steps = list(FirstStep.objects.offered().values_list("pk", flat=True))
    habits = list(Habit.objects.offered().values_list("pk", flat=True))
    skills, roles = defaultdict(list), defaultdict(list)
    for pk, track in Skill.objects.offered().values_list("pk", "track_id"):
        skills[track].append(pk)
    for pk, track in Role.objects.offered().filter(track__isnull=False).values_list("pk", "track_id"):
        roles[track].append(pk)

    have_course = set(CourseProgress.objects.filter(user__in=users).values_list("user_id", "course_id"))
    have_step = set(ChecklistItem.objects.filter(user__in=users).values_list("user_id", "first_step_id"))
    have_habit = set(ChecklistItem.objects.filter(user__in=users).values_list("user_id", "habit_id"))
    plan_ids = [plan for plan, _user, _track in owners]
    have_skill = set(SkillRating.objects.filter(plan__in=plan_ids).values_list("plan_id", "skill_id"))
    have_role = set(MilestoneProgress.objects.filter(plan__in=plan_ids).values_list("plan_id", "role_id"))

    courses, checklist, ratings, milestones = {}, {}, [], []
    for plan, user, track in owners:
        for course in general_courses | track_courses[track]:
            if (user, course) not in have_course:
                courses[user, course] = CourseProgress(user_id=user, course_id=course)
        for step in first_steps:
            if (user, step) not in have_step:
                checklist[user, "step", step] = ChecklistItem(user_id=user, first_step_id=step)
        for habit in habits:
            if (user, habit) not in have_habit:
                checklist[user, "habit", habit] = ChecklistItem(user_id=user, habit_id=habit)
        ratings += [SkillRating(plan_id=plan, skill_id=s) for s in skills[track] if (plan, s) not in have_skill]
        milestones += [MilestoneProgress(plan_id=plan, role_id=r) for r in roles[track] if (plan, r) not in have_role]

    # ignore_conflicts: a row made meanwhile by another request stays as it is.
    for model, rows in (
        (CourseProgress, list(courses.values())),
        (ChecklistItem, list(checklist.values())),
        (SkillRating, ratings),
        (MilestoneProgress, milestones),
    ):
        if rows:
            model.objects.bulk_create(rows, ignore_conflicts=True)
    return len(courses) + len(checklist) + len(ratings) + len(milestones)
