"""`make bench`: PM Planner under load, next to a bare-Django ceiling.

Builds a fresh seeded database (SQLite in bench/, or a `<name>_bench`
database on the PostgreSQL server DATABASE_URL names), starts gunicorn on
127.0.0.1 with production settings, loads each endpoint with wrk (each
request from a different signed-in user where it applies) at 1, 8 and 32
connections, the six section pages at 8 and the 500-item plan's largest
section at 1 and 8, each right after the bare view; counts bytes and queries
per endpoint in-process, checks static files, prints a table with issue 12's
budgets as met/missed and writes bench/results.json.

Environment: BENCH_USERS (default 1000), BENCH_DURATION (seconds per
measurement, default 8), BENCH_WORKERS (default 2 x cores + 1).
"""

from __future__ import annotations

import datetime
import hashlib
import json
import os
import random
import re
import secrets
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import database, report  # noqa: E402
from bench.load import BenchError, Gunicorn, Request, ensure_wrk, run_wrk, workers_for_this_machine  # noqa: E402
from bench.static_check import check_pages  # noqa: E402

RESULTS = ROOT / "bench" / "results.json"
CONCURRENCY = (1, 8, 32)
# The section pages at 8 clients only, and the 500-item plan's largest section at 1 and 8, to keep the run short.
SECTION_CONCURRENCY = (8,)
LARGEST_CONCURRENCY = (1, 8)
SECTION_PAGES = ("checklist", "courses", "portfolio", "networking", "skills", "milestones")


def env_int(name: str, default: int) -> int:
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    if not raw.isdigit() or int(raw) < 1:
        raise BenchError(f"{name} must be a positive whole number, not {raw!r}.")
    return int(raw)


@dataclass
class Endpoint:
    key: str
    label: str
    requests: list[Request]
    page: bool = True  # a page or fragment of the app (not the bare view): subject to the query budget
    slow: bool = False  # takes long enough per request that it gets twice the time, for enough samples
    clients: tuple[int, ...] = CONCURRENCY  # the concurrencies it is loaded at


def server_environment(database_url: str) -> dict[str, str]:
    """Production settings, except plain HTTP on 127.0.0.1."""
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "pmplanner.settings",
        "DEBUG": "0",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
        "SECURE_SSL_REDIRECT": "0",
        "SECURE_COOKIES": "0",
        "DATABASE_URL": database_url,
        "LOG_LEVEL": "WARNING",
    }


def build_database(users: int):
    from django.core.management import call_command

    from bench.seed import seed

    started, cpu = time.monotonic(), time.process_time()
    call_command("migrate", verbosity=0, interactive=False)
    call_command("load_content", verbosity=0)
    call_command("collectstatic", verbosity=0, interactive=False)
    prepared, cpu_prepared = time.monotonic(), time.process_time()
    seeded = seed(users, rng=random.Random(7))
    big, largest = seeded.big, seeded.big.largest_section
    print(
        f"Migrated, loaded content and collected static files in {prepared - started:.1f} s; seeded "
        f"{len(seeded.members)} users with typical plans ({seeded.members[0].plan_items} items), one with "
        f"{big.plan_items} ({big.sections[largest]} in {largest}), one with {seeded.medium.sections['portfolio']} "
        f"portfolio cases and {seeded.medium.sections['networking']} networking steps and one with "
        f"{seeded.small.sections[largest]} in {largest}, in {time.monotonic() - prepared:.1f} s "
        f"({time.process_time() - cpu_prepared:.1f} s of CPU, {time.process_time() - cpu:.1f} s with the migrations).",
        flush=True,
    )
    return seeded


def endpoints(seeded) -> list[Endpoint]:
    """What the bench loads, in the order it loads them. Adding networking steps
    comes last: it lengthens the logs the section pages show."""
    from django.urls import reverse
    from django.utils import timezone

    from plans.progress import LABELS

    members, big = seeded.members, seeded.big
    typical = members[0]

    def signed_in(member, method: str, path: str, body: str = "") -> Request:
        return Request(method, path, member.session_key, member.csrf, body)

    today = timezone.localdate()
    # Explicit target states, cycling so most requests really change the row.
    states = ["in_progress", "completed", "not_started"]
    largest = big.largest_section
    return [
        Endpoint("bare", "Bare view (/healthz)", [Request("GET", reverse("healthz"))], page=False),
        Endpoint("home", "Home page", [signed_in(m, "GET", reverse("home")) for m in members]),
        Endpoint(
            "track",
            "Track page",
            [signed_in(m, "GET", reverse("careers:track", args=[m.track_slug])) for m in members],
        ),
        Endpoint(
            "overview",
            f"Plan overview ({typical.plan_items} items)",
            [signed_in(m, "GET", reverse("plans:plan")) for m in members],
        ),
        *(
            Endpoint(
                f"section_{key}",
                f"{LABELS[key]} page ({typical.sections[key]} items)",
                [signed_in(m, "GET", reverse(f"plans:{key}")) for m in members],
                clients=SECTION_CONCURRENCY,
            )
            for key in SECTION_PAGES
        ),
        Endpoint(
            "largest_500",
            f"{LABELS[largest]} page of the {big.plan_items}-item plan ({big.sections[largest]} items, 1st page)",
            [signed_in(big, "GET", reverse(f"plans:{largest}"))],
            slow=True,
            clients=LARGEST_CONCURRENCY,
        ),
        Endpoint(
            "course_status",
            "Course status change (HTMX POST)",
            [
                signed_in(m, "POST", reverse("plans:course_status", args=[m.course_pks[-1]]), f"status={state}")
                for state in states
                for m in members
            ],
        ),
        Endpoint(
            "assessment_result",
            "Assessment result page",
            [signed_in(m, "GET", reverse("careers:assessment_result", args=[m.result_pk])) for m in members],
        ),
        Endpoint(
            "networking_add",
            "Add a networking step (HTMX POST)",
            [
                signed_in(
                    m,
                    "POST",
                    reverse("plans:networking_add"),
                    # The form needs every field present; empty ones are fine.
                    urlencode(
                        {
                            "who": f"Coffee with a PM from meetup {i}",
                            "kind": "coffee_chat",
                            "date": today.isoformat(),
                            "follow_up_on": (today + datetime.timedelta(days=7)).isoformat(),
                            "notes": "",
                        }
                    ),
                )
                for i, m in enumerate(members)
            ],
        ),
    ]


def in_process(request: Request):
    """(response, SQL queries) for one request through the whole Django stack."""
    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client(enforce_csrf_checks=True)
    headers = {}
    if request.session:
        client.cookies[settings.SESSION_COOKIE_NAME] = request.session
    if request.csrf:
        client.cookies[settings.CSRF_COOKIE_NAME] = request.csrf
        headers["X-CSRFToken"] = request.csrf
    if request.method == "POST":
        headers["HX-Request"] = "true"
    with CaptureQueriesContext(connection) as queries:
        response = client.generic(
            request.method,
            request.path,
            request.body.encode(),
            content_type="application/x-www-form-urlencoded",
            headers=headers,
        )
    if response.status_code != 200:
        raise BenchError(f"{request.method} {request.path} answered {response.status_code}, not 200.")
    return response, len(queries)


def requests_per_click(page_html: str, response) -> dict:
    """What one click on a state button costs: its POST, plus one request for
    every `hx-trigger` on the page or in the answer that could fire after it
    (a panel re-fetching itself). The answer's out-of-band swaps are listed."""
    body = response.content.decode()
    listeners = page_html.count("hx-trigger") + body.count("hx-trigger")
    return {
        "requests": 1 + listeners,
        "hx_trigger_listeners": listeners,
        "oob_swaps": re.findall(r'<[^>]*?\bid="([^"]+)"[^>]*?\bhx-swap-oob', body),
        "client_events": [name for name in response.headers if name.lower().startswith("hx-trigger")],
    }


def measure_in_process(eps: list[Endpoint], seeded) -> dict:
    """Bytes and queries per endpoint (after one warm-up request as another
    user), the pages the budgets name besides, and what a click costs."""
    from django.urls import reverse

    def page(member, key: str) -> dict:
        response, queries = in_process(Request("GET", reverse(f"plans:{key}"), member.session_key, member.csrf))
        return {"section": key, "items": member.sections[key], "bytes": len(response.content), "queries": queries}

    sizes, bodies = {}, {}
    for ep in eps:
        in_process(ep.requests[min(1, len(ep.requests) - 1)])
        response, queries = in_process(ep.requests[0])
        sizes[ep.key] = {"bytes": len(response.content), "queries": queries}
        bodies[ep.key] = response
    largest = seeded.big.largest_section
    return {
        "endpoints": sizes,
        "items": {
            "typical": seeded.members[0].sections,
            "big": seeded.big.sections,
            "medium": seeded.medium.sections,
            "small": seeded.small.sections,
        },
        "largest_section": {
            "big": {**page(seeded.big, largest), "plan_items": seeded.big.plan_items},
            "small": page(seeded.small, largest),
        },
        # The medium user has a full list page in each section people fill themselves.
        "section_50": [page(seeded.medium, key) for key in ("portfolio", "networking")],
        "click": requests_per_click(bodies["section_courses"].content.decode(), bodies["course_status"]),
    }


def fetch(url: str, session: str = "") -> str:
    headers = {"Cookie": f"sessionid={session}"} if session else {}
    with urllib.request.urlopen(urllib.request.Request(url, headers=headers), timeout=10) as response:  # noqa: S310
        return response.read().decode()


def warm_up(server: Gunicorn, eps: list[Endpoint]) -> None:
    """A few GETs per worker so no measurement pays for first-request imports and template loading."""
    for ep in eps:
        for request in ep.requests[: server.workers * 3]:
            if request.method == "GET":
                fetch(server.url + request.path, request.session)


def _difference(after: float | None, before: float | None) -> float | None:
    return None if after is None or before is None else round(after - before, 2)


def revision() -> str:
    """The commit measured and, when the app's files (bench/ aside) differ from
    it, a digest of the difference: others may be editing the checkout the bench
    runs in, and the digests before and after a run show whether they did."""

    def git(*args: str) -> str:
        command = ["git", *args]
        return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=True).stdout  # noqa: S603

    try:
        commit = git("rev-parse", "--short", "HEAD").strip()
        changes = git("diff", "HEAD", "--", ".", ":(exclude)bench")
    except (OSError, subprocess.CalledProcessError):
        return "unknown"
    return f"{commit} + uncommitted changes {hashlib.sha256(changes.encode()).hexdigest()[:8]}" if changes else commit


def database_description() -> dict:
    from django.db import connection

    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SHOW server_version")
        else:
            cursor.execute("SELECT sqlite_version()")
        version = cursor.fetchone()[0].split()[0]
    return {"vendor": connection.vendor, "version": version}


def main() -> int:
    started = time.monotonic()
    users = env_int("BENCH_USERS", 1000)
    duration = env_int("BENCH_DURATION", 8)
    workers = env_int("BENCH_WORKERS", workers_for_this_machine())
    wrk = ensure_wrk()
    original_url = os.environ.get("DATABASE_URL", "")
    bench_url = database.fresh_database_url(original_url)
    env = server_environment(bench_url)
    os.environ.update(env)

    import django

    django.setup()
    from django.db import connections
    from django.urls import reverse

    tree_before = revision()
    try:
        seeded = build_database(users)
        db = database_description()
        eps = endpoints(seeded)
        in_proc = measure_in_process(eps, seeded)
        connections.close_all()

        runs: dict[str, dict[int, dict]] = {ep.key: {} for ep in eps}
        bare_runs: dict[str, dict[int, dict]] = {ep.key: {} for ep in eps}
        bare, measured = eps[0], eps[1:]
        log = ROOT / "bench" / "gunicorn.log"
        load_before = os.getloadavg()
        with Gunicorn(env, workers=workers, log=log) as server:
            print(f"gunicorn: {workers} workers on {server.url}; {db['vendor']} {db['version']}", flush=True)
            print(f"Load average before the runs: {' '.join(f'{x:.2f}' for x in load_before)}", flush=True)
            session = seeded.members[0].session_key
            pages = {
                "home": fetch(server.url + reverse("home")),
                "overview": fetch(server.url + reverse("plans:plan"), session),
                "section": fetch(server.url + reverse("plans:courses"), session),
            }
            static = check_pages(server.url, pages)
            warm_up(server, eps)
            for ep in measured:
                for clients in ep.clients:
                    # The bare view right before each run: on a shared machine the
                    # ceiling moves, so each ratio compares two neighbouring measurements.
                    server.wait_until_idle()
                    cpu_before = server.cpu_seconds()
                    bare_runs[ep.key][clients] = result = run_wrk(
                        wrk, server.url, bare.requests, connections=clients, duration=max(3, duration // 3)
                    )
                    result["server_cpu_s"] = _difference(server.cpu_seconds(), cpu_before)
                    server.wait_until_idle()
                    cpu_before = server.cpu_seconds()
                    runs[ep.key][clients] = result = run_wrk(
                        wrk, server.url, ep.requests, connections=clients, duration=duration * (2 if ep.slow else 1)
                    )
                    result["server_cpu_s"] = _difference(server.cpu_seconds(), cpu_before)
                    print(f"  {ep.label:<58} c={clients:<3} {report.summary(result)}", flush=True)
        results = report.build(
            date=datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
            cores=os.cpu_count() or 1,
            workers=workers,
            database=db,
            users=len(seeded.members),
            duration=duration,
            endpoints=eps,
            runs=runs,
            bare_runs=bare_runs,
            load_average=[round(x, 2) for x in (*load_before, *os.getloadavg())],
            in_process=in_proc,
            static=static,
        )
        results["elapsed_s"] = round(time.monotonic() - started, 1)
        results["revision"] = {"before": tree_before, "after": revision()}
    finally:
        connections.close_all()
        database.drop(original_url, bench_url)
    RESULTS.write_text(json.dumps(results, indent=2) + "\n")
    print()
    print(report.render(results))
    print(f"\nWrote {RESULTS.relative_to(ROOT)} in {results['elapsed_s']:.0f} s.")
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except (BenchError, database.DatabaseError) as exc:
        print(f"make bench: {exc}", file=sys.stderr)
        sys.exit(1)
