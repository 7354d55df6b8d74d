"""The bench's database: career content plus many signed-in users with plans.

Rows come from the code paths real users go through, then are copied in bulk
so a thousand users take seconds: one plan per track is started with
`Plan.start` and every other plan gets the same progress rows (checked with
`Plan.sync_content`, which finds nothing missing); a few dozen assessments are
scored with `AssessmentResult.record` and shared out. Users, sessions,
portfolio cases and networking steps are bulk-inserted.
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
from plans.models import (
    ChecklistItem,
    CourseProgress,
    MilestoneProgress,
    NetworkingKind,
    NetworkingStep,
    Plan,
    PortfolioCase,
    SkillRating,
)

# What a user a few weeks into their plan has added besides the track's content.
TYPICAL_CASES = 2
TYPICAL_NETWORKING = 4
BIG_PLAN_ITEMS = 500
MEDIUM_PLAN_ITEMS = 50
# Assessments really scored; the other users share their results.
DISTINCT_RESULTS = 40
# The progress rows Plan.start creates, by model and the content they point at.
ROW_KINDS = (
    (CourseProgress, "courses", ("course_id",)),
    (SkillRating, "skills", ("skill_id",)),
    (MilestoneProgress, "milestones", ("role_id",)),
    (ChecklistItem, "checklist", ("first_step_id", "habit_id")),
)


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
        plans = _plans(all_users, tracks, rng)
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


def _plans(users: list, tracks: list[Track], rng: random.Random) -> dict[int, Plan]:
    """Users take the tracks in turn; the first on each track starts it with Plan.start."""
    track_of = {user.pk: tracks[i % len(tracks)] for i, user in enumerate(users)}
    templates = {}
    for user in users[: len(tracks)]:
        templates[track_of[user.pk].pk] = Plan.start(user, track_of[user.pk])
    copies = Plan.objects.bulk_create(
        [Plan(user=user, track=track_of[user.pk]) for user in users[len(tracks) :]], batch_size=500
    )
    for model, related, fields in ROW_KINDS:
        content = {
            track: list(getattr(plan, related).order_by("pk").values(*fields)) for track, plan in templates.items()
        }
        rows = [model(plan=plan, **values) for plan in copies for values in content[plan.track_id]]
        model.objects.bulk_create(rows, batch_size=1000)
    plans = {plan.user_id: plan for plan in [*templates.values(), *copies]}
    # The copies hold exactly the rows the app would have created.
    if any(plans[user.pk].sync_content() for user in rng.sample(users, min(20, len(users)))):
        raise RuntimeError("A copied plan lacks progress rows that Plan.start would have created.")
    _typical_progress(list(plans.values()), rng)
    return plans


def _typical_progress(plans: list[Plan], rng: random.Random) -> None:
    """A course done and one under way, skills rated, two first steps done, two cases and four networking steps."""
    today = timezone.localdate()
    first_courses, second_courses, done_steps = [], [], []
    seen: dict[int, int] = {}
    for plan_id, pk in CourseProgress.objects.filter(plan__in=plans).order_by("plan", "pk").values_list("plan", "pk"):
        seen[plan_id] = seen.get(plan_id, 0) + 1
        (first_courses if seen[plan_id] == 1 else second_courses if seen[plan_id] == 2 else []).append(pk)
    CourseProgress.objects.filter(pk__in=first_courses).update(
        status=CourseProgress.Status.COMPLETED, completed_on=today - datetime.timedelta(days=9)
    )
    CourseProgress.objects.filter(pk__in=second_courses).update(status=CourseProgress.Status.IN_PROGRESS)
    seen.clear()
    for plan_id, pk in (
        ChecklistItem.objects.filter(plan__in=plans, habit=None).order_by("plan", "pk").values_list("plan", "pk")
    ):
        seen[plan_id] = seen.get(plan_id, 0) + 1
        if seen[plan_id] <= 2:
            done_steps.append(pk)
    ChecklistItem.objects.filter(pk__in=done_steps).update(done=True)
    # Ratings 0-4 spread over the users, set per rating value in five updates.
    by_rating: dict[int, list[int]] = {}
    for pk in SkillRating.objects.filter(plan__in=plans).values_list("pk", flat=True):
        by_rating.setdefault(rng.randint(0, SkillRating.MAX), []).append(pk)
    for rating, pks in by_rating.items():
        SkillRating.objects.filter(pk__in=pks).update(rating=rating)
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
