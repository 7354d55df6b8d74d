"""The bench's database: career content plus many signed-in users with plans.

Rows come from the code paths real users go through, then are copied in bulk
so a thousand users take seconds: the first user on each track starts a plan
with `Plan.start` (which creates the rows through
`plans.journey.create_missing_rows`), and every other user on that track gets
the same rows: the person's own rows (courses, first steps and habits) with
their `user_id`, the plan's rows (skill ratings, milestones) with their
`plan_id`. `create_missing_rows` then finds nothing to add for a sample of
them, and the plans' counts (`Plan.objects.with_counts()`) agree with the rows
each section lists. A few dozen assessments are scored with
`AssessmentResult.record` and shared out. Users, sessions, portfolio cases and
networking steps are bulk-inserted.
"""

from __future__ import annotations

import datetime
import random
from dataclasses import dataclass, field

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.sessions.backends.base import VALID_KEY_CHARS
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django.db import transaction
from django.utils import timezone
from django.utils.crypto import get_random_string

from careers.models import AssessmentResult, Track, assessment_questions
from plans.journey import create_missing_rows
from plans.models import (
    ChecklistItem,
    CourseProgress,
    MilestoneProgress,
    NetworkingKind,
    NetworkingStep,
    Plan,
    PortfolioCase,
    SkillLevel,
    SkillRating,
)

# What a user a few weeks into their plan has added besides the track's content.
TYPICAL_CASES = 2
TYPICAL_NETWORKING = 4
# The big plan: most of its items in one section, so its largest section is clear.
BIG_PLAN_ITEMS = 500
BIG_SECTION = "networking"
# The medium user: this many items in each section people fill themselves (a full list page).
MEDIUM_SECTION_ITEMS = 50
# The small user: this many items in the big plan's largest section, for the query comparison.
SMALL_SECTION_ITEMS = 5
# Assessments really scored; the other users share their results.
DISTINCT_RESULTS = 40
# How many copied users are checked against the model API after seeding.
VERIFY_SAMPLE = 20


@dataclass
class Member:
    """A seeded, signed-in user and what the bench's requests need of them."""

    username: str
    session_key: str
    csrf: str
    track_slug: str
    result_pk: int
    course_pks: list[int] = field(default_factory=list)
    sections: dict[str, int] = field(default_factory=dict)  # items each section page lists

    @property
    def plan_items(self) -> int:
        return sum(self.sections.values())

    @property
    def largest_section(self) -> str:
        return max(self.sections, key=self.sections.__getitem__)


@dataclass
class Seeded:
    members: list[Member]  # users with a typical plan
    big: Member  # BIG_PLAN_ITEMS items, most of them in BIG_SECTION
    medium: Member  # MEDIUM_SECTION_ITEMS portfolio cases and as many networking steps
    small: Member  # SMALL_SECTION_ITEMS items in BIG_SECTION


def seed(users: int, *, rng: random.Random) -> Seeded:
    names = [f"bench{i:05d}" for i in range(users)] + ["bench-big", "bench-medium", "bench-small"]
    with transaction.atomic():
        all_users = _users(names)
        tracks = list(Track.objects.order_by("order", "pk"))
        results = _assessment_results(all_users, rng)
        plans = _plans(all_users, tracks)
        _typical_progress(plans, rng)
        big, medium, small = (plans[user.pk] for user in all_users[-3:])
        _add_items(medium, cases=MEDIUM_SECTION_ITEMS - TYPICAL_CASES, steps=MEDIUM_SECTION_ITEMS - TYPICAL_NETWORKING)
        _add_items(small, cases=0, steps=SMALL_SECTION_ITEMS - TYPICAL_NETWORKING)
        extra = BIG_PLAN_ITEMS - sum(section_items(big).values())
        _add_items(big, cases=extra // 5, steps=extra - extra // 5)
        sessions = _sessions(all_users)
    verify(plans, [*rng.sample(all_users[:-3], min(VERIFY_SAMPLE, users)), *all_users[-3:]])
    course_pks: dict[int, list[int]] = {}
    rows = CourseProgress.objects.filter(user__in=all_users).order_by("user", "course__order", "course__pk")
    for user_id, pk in rows.values_list("user", "pk"):
        course_pks.setdefault(user_id, []).append(pk)
    typical = section_items(plans[all_users[0].pk])
    members = [
        Member(
            username=user.username,
            session_key=sessions[user.pk],
            csrf=get_random_string(32),  # an unmasked CSRF secret, sent as cookie and header alike
            track_slug=plans[user.pk].track.slug,
            result_pk=results[user.pk],
            course_pks=course_pks[user.pk],
            sections=typical,
        )
        for user in all_users
    ]
    for member, user in zip(members[-3:], all_users[-3:], strict=True):
        member.sections = section_items(plans[user.pk])
    if members[-3].largest_section != BIG_SECTION:
        raise RuntimeError(f"The big plan's largest section is {members[-3].largest_section}, not {BIG_SECTION}.")
    return Seeded(members=members[:-3], big=members[-3], medium=members[-2], small=members[-1])


def section_items(plan: Plan) -> dict[str, int]:
    """How many rows each section page of the plan lists (by its URL name)."""
    return {
        "checklist": plan.checklist_rows().count(),
        "courses": plan.course_rows().count(),
        "portfolio": plan.case_rows().count(),
        "networking": plan.networking_rows().count(),
        "skills": plan.skill_rows().count(),
        "milestones": plan.milestone_rows().count(),
    }


def verify(plans: dict[int, Plan], users: list) -> None:
    """The copied plans hold exactly the rows the app would have created, and
    the counts the pages show agree with the rows they list."""
    sample = Plan.objects.filter(user__in=users)
    created = create_missing_rows(sample)
    if created:
        raise RuntimeError(f"Seeded plans lacked {created} rows that Plan.start would have created.")
    for plan in Plan.objects.with_counts().filter(pk__in=[plans[user.pk].pk for user in users]):
        items, counts = section_items(plan), plan.counts
        listed = (items["checklist"], items["courses"], items["skills"], items["milestones"])
        counted = (counts.checklist_total, counts.courses_total, counts.skills_total, counts.milestones_total)
        if listed != counted or counts.courses_done < 1 or counts.checklist_done < 2:
            raise RuntimeError(f"{plan}: sections list {listed} rows but the counts say {counted} ({counts}).")


def _users(usernames: list[str]) -> list:
    user_model = get_user_model()
    password = make_password(get_random_string(40))  # hashed once: nobody logs in with it
    user_model.objects.bulk_create(
        [user_model(username=name, email=f"{name}@bench.example.com", password=password) for name in usernames],
        batch_size=500,
    )
    by_name = {u.username: u for u in user_model.objects.filter(username__in=usernames)}
    created = [by_name[name] for name in usernames]
    EmailAddress.objects.bulk_create(
        [EmailAddress(user=u, email=u.email, primary=True, verified=True) for u in created], batch_size=500
    )
    return created


def _assessment_results(users: list, rng: random.Random) -> dict[int, int]:
    questions = assessment_questions()
    scored = []
    for user in users[:DISTINCT_RESULTS]:
        answers = {q.slug: rng.choice(list(q.options.all())).slug for q in questions}
        scored.append(AssessmentResult.record(questions, answers, user=user))
    copied = []
    for user in users[DISTINCT_RESULTS:]:
        model = rng.choice(scored)
        copied.append(
            AssessmentResult(
                user=user,
                method=model.method,
                verdict=model.verdict,
                answers=model.answers,
                scores=model.scores,
                clarity=model.clarity,
                contributions=model.contributions,
                reasons=model.reasons,
                near_tie=model.near_tie,
                near_tie_margin=model.near_tie_margin,
                min_lean=model.min_lean,
                clear_lead=model.clear_lead,
                recommended_track=model.recommended_track,
                recommended_slug=model.recommended_slug,
                recommended_name=model.recommended_name,
            )
        )
    AssessmentResult.objects.bulk_create(copied, batch_size=500)
    results = AssessmentResult.objects.filter(user__in=users).values_list("user", "pk")
    return dict(results)


def _plans(users: list, tracks: list[Track]) -> dict[int, Plan]:
    """Users take the tracks in turn; the first on each track starts it with
    Plan.start, the others get copies of its rows."""
    track_of = {user.pk: tracks[i % len(tracks)] for i, user in enumerate(users)}
    starters = {}  # track id -> the plan Plan.start made
    for user in users[: len(tracks)]:
        starters[track_of[user.pk].pk] = Plan.start(user, track_of[user.pk])
    others = users[len(tracks) :]
    copies = Plan.objects.bulk_create([Plan(user=user, track=track_of[user.pk]) for user in others], batch_size=500)
    # The person's rows (user_id) and the plan's rows (plan_id), as the starter on the same track has them.
    per_user = {
        track: (
            list(CourseProgress.objects.filter(user=plan.user_id).values_list("course_id", flat=True)),
            list(ChecklistItem.objects.filter(user=plan.user_id).values("first_step_id", "habit_id")),
        )
        for track, plan in starters.items()
    }
    per_plan = {
        track: (
            list(plan.skills.values_list("skill_id", flat=True)),
            list(plan.milestones.values_list("role_id", flat=True)),
        )
        for track, plan in starters.items()
    }
    courses, checklist, ratings, milestones = [], [], [], []
    for plan in copies:
        course_ids, checklist_rows = per_user[plan.track_id]
        skill_ids, role_ids = per_plan[plan.track_id]
        courses += [CourseProgress(user_id=plan.user_id, course_id=c) for c in course_ids]
        checklist += [ChecklistItem(user_id=plan.user_id, **values) for values in checklist_rows]
        ratings += [SkillRating(plan_id=plan.pk, skill_id=s) for s in skill_ids]
        milestones += [MilestoneProgress(plan_id=plan.pk, role_id=r) for r in role_ids]
    for model, rows in (
        (CourseProgress, courses),
        (ChecklistItem, checklist),
        (SkillRating, ratings),
        (MilestoneProgress, milestones),
    ):
        model.objects.bulk_create(rows, batch_size=1000)
    return {plan.user_id: plan for plan in [*starters.values(), *copies]}


def _first_of_each(rows, n: int) -> list[list[int]]:
    """From (owner, pk) pairs in order: [the first pk of every owner, the second, ...]."""
    picked: list[list[int]] = [[] for _ in range(n)]
    seen: dict[int, int] = {}
    for owner, pk in rows:
        position = seen.get(owner, 0)
        seen[owner] = position + 1
        if position < n:
            picked[position].append(pk)
    return picked


def _typical_progress(plans: dict[int, Plan], rng: random.Random) -> None:
    """A course done and one under way, skills rated, two first steps done, two cases and four networking steps."""
    today = timezone.localdate()
    user_ids = list(plans)
    courses = CourseProgress.objects.filter(user__in=user_ids).order_by("user", "course__order", "course__pk")
    completed, in_progress = _first_of_each(courses.values_list("user", "pk"), 2)
    CourseProgress.objects.filter(pk__in=completed).update(
        status=CourseProgress.Status.COMPLETED, completed_on=today - datetime.timedelta(days=9)
    )
    CourseProgress.objects.filter(pk__in=in_progress).update(status=CourseProgress.Status.IN_PROGRESS)
    steps = ChecklistItem.objects.filter(user__in=user_ids, habit=None).order_by("user", "first_step__order", "pk")
    done = [pk for pks in _first_of_each(steps.values_list("user", "pk"), 2) for pk in pks]
    ChecklistItem.objects.filter(pk__in=done).update(done=True)
    # Ratings spread over the scale, set per rating value in five updates.
    by_rating: dict[int, list[int]] = {}
    for pk in SkillRating.objects.filter(plan__in=[p.pk for p in plans.values()]).values_list("pk", flat=True):
        by_rating.setdefault(rng.choice(SkillLevel.values), []).append(pk)
    for rating, pks in by_rating.items():
        SkillRating.objects.filter(pk__in=pks).update(rating=rating)
    PortfolioCase.objects.bulk_create(
        [case for plan in plans.values() for case in _cases(plan, TYPICAL_CASES)], batch_size=500
    )
    NetworkingStep.objects.bulk_create(
        [step for plan in plans.values() for step in _networking(plan, TYPICAL_NETWORKING, today)], batch_size=500
    )


def _cases(plan: Plan, n: int, start: int = 0) -> list[PortfolioCase]:
    statuses = list(PortfolioCase.Status)
    return [
        PortfolioCase(
            user_id=plan.user_id,
            track_id=plan.track_id,
            title=f"Case study {i + 1}: onboarding drop-off",
            problem="Half of new sign-ups never finished onboarding.",
            action="Interviewed ten users, mapped the funnel, shipped a shorter first run.",
            outcome="Completion rose from 48% to 71% in six weeks.",
            status=statuses[i % len(statuses)],
        )
        for i in range(start, start + n)
    ]


def _networking(plan: Plan, n: int, today: datetime.date, start: int = 0) -> list[NetworkingStep]:
    """Steps of the last weeks, every other one done, follow-ups from yesterday on (one overdue, some due)."""
    kinds = list(NetworkingKind)
    return [
        NetworkingStep(
            user_id=plan.user_id,
            who=f"Product meetup contact {i + 1}",
            kind=kinds[i % len(kinds)],
            date=today - datetime.timedelta(days=20 - i % 20),
            follow_up_on=today + datetime.timedelta(days=i % 60 - 1),
            notes="Asked about how their team runs discovery.",
            done=i % 2 == 0,
        )
        for i in range(start, start + n)
    ]


def _add_items(plan: Plan, *, cases: int, steps: int) -> None:
    """More portfolio cases and networking steps than the typical user has."""
    PortfolioCase.objects.bulk_create(_cases(plan, cases, start=TYPICAL_CASES), batch_size=500)
    NetworkingStep.objects.bulk_create(
        _networking(plan, steps, timezone.localdate(), start=TYPICAL_NETWORKING), batch_size=500
    )


def _sessions(users: list) -> dict[int, str]:
    """A signed-in session per user, as `django.contrib.auth.login` would store it."""
    store = SessionStore()
    expires = timezone.now() + datetime.timedelta(days=14)
    keys = {user.pk: get_random_string(32, VALID_KEY_CHARS) for user in users}
    Session.objects.bulk_create(
        [
            Session(
                session_key=keys[user.pk],
                session_data=store.encode(
                    {
                        SESSION_KEY: str(user.pk),
                        BACKEND_SESSION_KEY: settings.AUTHENTICATION_BACKENDS[0],
                        HASH_SESSION_KEY: user.get_session_auth_hash(),
                    }
                ),
                expire_date=expires,
            )
            for user in users
        ],
        batch_size=500,
    )
    return keys
