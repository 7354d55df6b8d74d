"""`make bench-insights`: the staff insights page over a population of users.

Builds a fresh database (bench/insights.sqlite3, or a `<name>_insights`
database on the PostgreSQL server DATABASE_URL names, dropped afterwards),
fills it with BENCH_USERS people (default 1000) in bulk with `populate` (or,
with INSIGHTS_SEED=bench, with `make bench`'s seed, whose people have plans,
progress, cases and results but no course start dates), then requests the
insights page and its CSV in-process with production settings (DEBUG off) as
a staff member: SQL queries per request, and the median and 95th percentile of
BENCH_REPEAT requests (default 30) after one warm-up.

`populate` is also what tests/test_query_budget.py seeds its 1,000 users with.
"""

from __future__ import annotations

import datetime
import os
import random
import secrets
import statistics
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
SQLITE_FILE = ROOT / "bench" / "insights.sqlite3"
BUDGET_MS = 300
BUDGET_QUERIES = 15

# How the people are spread: most have one active plan, some also left a track behind.
ARCHIVED_SHARE = 0.2
CASE_SHARE = 0.6
NETWORK_SHARE = 0.7
ANONYMOUS_RESULTS = 50
DISTINCT_RESULTS = 12  # assessments really scored; the others copy them


def populate(
    users: int, *, rng: random.Random, today: datetime.date | None = None, whole_plans: bool = True
) -> list[int]:
    """`users` people with plans, course progress (with start and completion dates),
    portfolio cases, networking steps and assessment results, inserted in bulk.
    `whole_plans=False` leaves out the rows the insights never read (first steps,
    habits, skill ratings, milestones), which saves a test seconds. Returns their ids."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.hashers import make_password
    from django.db import transaction
    from django.utils import timezone

    from careers.models import Course, Track
    from plans.journey import create_missing_rows
    from plans.models import CourseProgress, NetworkingStep, Plan, PortfolioCase

    today = today or timezone.localdate()
    user_model = get_user_model()
    tracks = list(Track.objects.order_by("order", "pk"))
    with transaction.atomic():
        password = make_password(None)  # unusable: nobody logs in as them
        start = user_model.objects.count()
        names = [f"insight{start + i:05d}" for i in range(users)]
        user_model.objects.bulk_create(
            [user_model(username=n, email=f"{n}@bench.example.com", password=password) for n in names], batch_size=500
        )
        people = list(user_model.objects.filter(username__in=names).order_by("pk").values_list("pk", flat=True))
        weights = [len(tracks) - i for i in range(len(tracks))]  # the first tracks are the popular ones
        track_of = {pk: rng.choices(tracks, weights=weights)[0] for pk in people}
        plans = [Plan(user_id=pk, track=track_of[pk]) for pk in people]
        for pk in people:
            others = [t for t in tracks if t != track_of[pk]]
            if others and rng.random() < ARCHIVED_SHARE:
                plans.append(
                    Plan(user_id=pk, track=rng.choice(others), status=Plan.Status.ARCHIVED, archived_at=timezone.now())
                )
        Plan.objects.bulk_create(plans, batch_size=500)
        CourseProgress.objects.bulk_create(_course_rows(people, track_of, rng, today, Course), batch_size=1000)
        if whole_plans:  # the rest of each plan, as the app makes it
            create_missing_rows(Plan.objects.active().filter(user__in=people))
        PortfolioCase.objects.bulk_create(
            [
                PortfolioCase(
                    user_id=pk, track=track_of[pk], title=f"Case {i + 1}", status=rng.choice(["idea", "published"])
                )
                for pk in people
                if rng.random() < CASE_SHARE
                for i in range(rng.randint(1, 3))
            ],
            batch_size=500,
        )
        NetworkingStep.objects.bulk_create(
            [
                NetworkingStep(user_id=pk, who=f"Contact {i + 1}", done=rng.random() < 0.5)
                for pk in people
                if rng.random() < NETWORK_SHARE
                for i in range(rng.randint(1, 4))
            ],
            batch_size=500,
        )
        _assessment_results(people, rng)
    return people


def _course_rows(people, track_of, rng, today, course_model) -> list:
    """Each person's rows for their track's courses and the general ones, at every stage of the funnel."""
    from plans.models import CourseProgress

    general = list(course_model.objects.offered().filter(tracks=None).values_list("pk", flat=True))
    of_track: dict[int, list[int]] = {}
    for course, track in course_model.tracks.through.objects.values_list("course_id", "track_id"):
        of_track.setdefault(track, []).append(course)
    rows = []
    for pk in people:
        for course in [*of_track.get(track_of[pk].pk, []), *general]:
            status = rng.choices(list(CourseProgress.Status), weights=[5, 3, 2])[0]
            started = completed = None
            if status != CourseProgress.Status.NOT_STARTED:
                started = today - datetime.timedelta(days=rng.randint(10, 200))
            if status == CourseProgress.Status.COMPLETED:
                completed = min(started + datetime.timedelta(days=rng.randint(5, 120)), today)
            rows.append(
                CourseProgress(user_id=pk, course_id=course, status=status, started_on=started, completed_on=completed)
            )
    return rows


def _assessment_results(people: list[int], rng: random.Random) -> None:
    """A few assessments scored for real; everyone else's (one or two each) and some anonymous
    visitors' copy one of them, so verdicts and tracks are spread as real answers spread them."""
    from django.utils import timezone

    from careers.models import AssessmentResult, assessment_questions

    questions = assessment_questions()
    scored = []
    for _ in range(DISTINCT_RESULTS):
        answers = {q.slug: rng.choice(list(q.options.all())).slug for q in questions}
        scored.append(AssessmentResult.record(questions, answers))
    # What a result shows at a glance; the answers and their contributions (the bulk of a row) stay out.
    copy_fields = [
        "method",
        "verdict",
        "scores",
        "clarity",
        "near_tie",
        "min_lean",
        "clear_lead",
        "recommended_track",
        "recommended_slug",
        "recommended_name",
    ]
    now = timezone.now()
    owners = [*people, *(pk for pk in people if rng.random() < 0.3), *([None] * ANONYMOUS_RESULTS)]
    copies = []
    for owner in owners:
        model = rng.choice(scored)
        created = now - datetime.timedelta(days=rng.randint(0, 300), minutes=rng.randint(0, 1440))
        copies.append(AssessmentResult(user_id=owner, created=created, **{f: getattr(model, f) for f in copy_fields}))
    AssessmentResult.objects.bulk_create(copies, batch_size=500)
    AssessmentResult.objects.filter(pk__in=[r.pk for r in scored]).delete()


def _fresh_database_url() -> tuple[str, str]:
    """(the bench's database URL, the server's URL to drop it from afterwards, or "")."""
    original = os.environ.get("DATABASE_URL", "")
    if not original:
        for suffix in ("", "-wal", "-shm", "-journal"):
            SQLITE_FILE.with_name(SQLITE_FILE.name + suffix).unlink(missing_ok=True)
        return f"sqlite:///{SQLITE_FILE}", ""
    import dj_database_url
    import psycopg
    from psycopg import sql

    name = f"{dj_database_url.parse(original)['NAME']}_insights"
    with psycopg.connect(original, autocommit=True) as conn:
        conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    return urlunsplit(urlsplit(original)._replace(path=f"/{name}")), original


def _drop(url: str, server: str) -> None:
    if not server:
        return
    import psycopg
    from psycopg import sql

    with psycopg.connect(server, autocommit=True) as conn:
        name = urlsplit(url).path.lstrip("/")
        conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))


def main() -> int:
    users = int(os.environ.get("BENCH_USERS", "1000"))
    repeat = int(os.environ.get("BENCH_REPEAT", "30"))
    url, server = _fresh_database_url()
    os.environ.update(
        {
            "DJANGO_SETTINGS_MODULE": "pmplanner.settings",
            "DEBUG": "0",
            "SECRET_KEY": secrets.token_urlsafe(50),
            "ALLOWED_HOSTS": "testserver",
            "SECURE_SSL_REDIRECT": "0",
            "SECURE_COOKIES": "0",
            "DATABASE_URL": url,
        }
    )
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.db import connection, connections, reset_queries
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    try:
        started = time.monotonic()
        call_command("migrate", verbosity=0, interactive=False)
        call_command("load_content", verbosity=0)
        call_command("collectstatic", verbosity=0, interactive=False)  # DEBUG off: hashed static names
        which = os.environ.get("INSIGHTS_SEED", "insights")
        if which == "bench":
            from bench.seed import seed

            seed(users, rng=random.Random(7))
        else:
            populate(users, rng=random.Random(18))
        print(
            f"{connection.vendor}: {users} users seeded ({which} seed) in {time.monotonic() - started:.1f} s",
            flush=True,
        )
        staff = get_user_model().objects.create_user("insights-staff", "staff@bench.example.com", is_staff=True)
        client = Client()
        client.force_login(staff)
        failed = False
        for name in ("insights:page", "insights:csv"):
            path = reverse(name)
            assert client.get(path).status_code == 200  # warm-up: templates, first connection
            reset_queries()  # every request starts the log again: count from zero
            with CaptureQueriesContext(connection) as queries:
                client.get(path)
            count = len(queries)  # read now: the next request empties the log
            times = []
            for _ in range(repeat):
                begin = time.perf_counter()
                response = client.get(path)
                times.append((time.perf_counter() - begin) * 1000)
                assert response.status_code == 200
            median = statistics.median(times)
            p95 = sorted(times)[max(0, round(0.95 * len(times)) - 1)]
            ok = median <= BUDGET_MS and count <= BUDGET_QUERIES
            failed |= not ok
            print(
                f"{path:<32} {count:>2} queries (budget {BUDGET_QUERIES})  median {median:6.1f} ms  "
                f"p95 {p95:6.1f} ms (budget {BUDGET_MS} ms)  {len(response.content) / 1024:.1f} KB  "
                f"{'ok' if ok else 'OVER BUDGET'}",
                flush=True,
            )
    finally:
        connections.close_all()
        _drop(url, server)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
