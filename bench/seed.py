"""The bench's database: career content plus many signed-in users with plans.

Users, sessions, portfolio cases and networking steps are bulk-inserted; each
plan is started with `Plan.start` and each assessment result is scored with
`AssessmentResult.record`, the code paths real users go through, so the rows
look exactly like theirs.
"""

from __future__ import annotations

import datetime
import random
from dataclasses import dataclass, field

from allauth.account.models import EmailAddress
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.sessions.backends.base import VALID_KEY_CHARS
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django.db import transaction
from django.utils import timezone
from django.utils.crypto import get_random_string

from careers.models import AssessmentResult, Track, assessment_questions
from plans.models import CourseProgress, NetworkingKind, NetworkingStep, Plan, PortfolioCase, SkillRating

# What a user a few weeks into their plan has added besides the track's content.
TYPICAL_CASES = 2
TYPICAL_NETWORKING = 4
BIG_PLAN_ITEMS = 500
MEDIUM_PLAN_ITEMS = 50


@dataclass
class Member:
    """A seeded, signed-in user and what the bench's requests need of them."""

    username: str
    session_key: str
    csrf: str
    track_slug: str
    result_pk: int
    course_pks: list[int] = field(default_factory=list)
    plan_items: int = 0


@dataclass
class Seeded:
    members: list[Member]  # users with a typical plan
    big: Member  # BIG_PLAN_ITEMS items
    medium: Member  # MEDIUM_PLAN_ITEMS items


def seed(users: int, *, rng: random.Random) -> Seeded:
    with transaction.atomic():
        all_users = _users([f"bench{i:05d}" for i in range(users)] + ["bench-big", "bench-medium"])
        tracks = list(Track.objects.order_by("order", "pk"))
        results = _assessment_results(all_users, rng)
        plans = {user.pk: Plan.start(user, tracks[i % len(tracks)]) for i, user in enumerate(all_users)}
        _typical_progress(list(plans.values()), rng)
        big, medium = all_users[-2:]
        _fill_to(plans[big.pk], BIG_PLAN_ITEMS)
        _fill_to(plans[medium.pk], MEDIUM_PLAN_ITEMS)
        sessions = _sessions(all_users)
    course_pks: dict[int, list[int]] = {}
    rows = CourseProgress.objects.filter(plan__in=plans.values()).order_by("course__track", "course__order", "pk")
    for plan_id, pk in rows.values_list("plan", "pk"):
        course_pks.setdefault(plan_id, []).append(pk)
    typical_items = plan_items(plans[all_users[0].pk])
    members = [
        Member(
            username=user.username,
            session_key=sessions[user.pk],
            csrf=get_random_string(32),  # an unmasked CSRF secret, sent as cookie and header alike
            track_slug=plans[user.pk].track.slug,
            result_pk=results[user.pk],
            course_pks=course_pks[plans[user.pk].pk],
            plan_items=typical_items,
        )
        for user in all_users
    ]
    members[-2].plan_items = plan_items(plans[big.pk])
    members[-1].plan_items = plan_items(plans[medium.pk])
    return Seeded(members=members[:-2], big=members[-2], medium=members[-1])


def plan_items(plan: Plan) -> int:
    """Every row the plan page lists."""
    return sum(
        rows.count()
        for rows in (
            plan.course_rows(),
            plan.skill_rows(),
            plan.milestone_rows(),
            plan.checklist_rows(),
            plan.cases.all(),
            plan.networking.all(),
        )
    )


def _users(usernames: list[str]) -> list:
    user_model = get_user_model()
    password = make_password(get_random_string(40))  # hashed once: nobody logs in with it
    user_model.objects.bulk_create(
        [user_model(username=name, email=f"{name}@bench.example.com", password=password) for name in usernames],
        batch_size=500,
    )
    created = list(user_model.objects.filter(username__in=usernames).order_by("pk"))
    EmailAddress.objects.bulk_create(
        [EmailAddress(user=u, email=u.email, primary=True, verified=True) for u in created], batch_size=500
    )
    return created


def _assessment_results(users: list, rng: random.Random) -> dict[int, int]:
    questions = assessment_questions()
    results = {}
    for user in users:
        answers = {q.slug: rng.choice(list(q.options.all())).slug for q in questions}
        results[user.pk] = AssessmentResult.record(questions, answers, user=user).pk
    return results


def _typical_progress(plans: list[Plan], rng: random.Random) -> None:
    """A few courses under way, skills rated, two cases and four networking steps each."""
    today = timezone.localdate()
    courses = list(CourseProgress.objects.filter(plan__in=plans).order_by("plan", "pk"))
    by_plan: dict[int, list[CourseProgress]] = {}
    for row in courses:
        by_plan.setdefault(row.plan_id, []).append(row)
    for rows in by_plan.values():
        rows[0].status, rows[0].completed_on = CourseProgress.Status.COMPLETED, today - datetime.timedelta(days=9)
        if len(rows) > 1:
            rows[1].status = CourseProgress.Status.IN_PROGRESS
    CourseProgress.objects.bulk_update(courses, ["status", "completed_on"], batch_size=500)
    ratings = list(SkillRating.objects.filter(plan__in=plans))
    for rating in ratings:
        rating.rating = rng.randint(0, SkillRating.MAX)
    SkillRating.objects.bulk_update(ratings, ["rating"], batch_size=500)
    PortfolioCase.objects.bulk_create([case for plan in plans for case in _cases(plan, TYPICAL_CASES)], batch_size=500)
    NetworkingStep.objects.bulk_create(
        [step for plan in plans for step in _networking(plan, TYPICAL_NETWORKING, today)], batch_size=500
    )


def _cases(plan: Plan, n: int) -> list[PortfolioCase]:
    statuses = list(PortfolioCase.Status)
    return [
        PortfolioCase(
            plan=plan,
            title=f"Case study {i + 1}: onboarding drop-off",
            problem="Half of new sign-ups never finished onboarding.",
            action="Interviewed ten users, mapped the funnel, shipped a shorter first run.",
            outcome="Completion rose from 48% to 71% in six weeks.",
            status=statuses[i % len(statuses)],
        )
        for i in range(n)
    ]


def _networking(plan: Plan, n: int, today: datetime.date) -> list[NetworkingStep]:
    kinds = list(NetworkingKind)
    return [
        NetworkingStep(
            plan=plan,
            who=f"Product meetup contact {i + 1}",
            kind=kinds[i % len(kinds)],
            date=today - datetime.timedelta(days=20 - i),
            follow_up_on=today + datetime.timedelta(days=i - 1),
            notes="Asked about how their team runs discovery.",
            done=i % 2 == 0,
        )
        for i in range(n)
    ]


def _fill_to(plan: Plan, total: int) -> None:
    """Cases and networking steps until the plan lists `total` items."""
    extra = total - plan_items(plan)
    PortfolioCase.objects.bulk_create(_cases(plan, extra // 2), batch_size=500)
    NetworkingStep.objects.bulk_create(_networking(plan, extra - extra // 2, timezone.localdate()), batch_size=500)


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
                        BACKEND_SESSION_KEY: "django.contrib.auth.backends.ModelBackend",
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
