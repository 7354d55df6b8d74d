"""Profile the bench's requests in-process, to see what limits an endpoint.

Runs against the SQLite database the last `make bench` left in
bench/bench.sqlite3 (production settings, DEBUG off), through the whole
Django stack with the test client: a few warm-up requests, then CPU time per
request over N requests, then the same N under cProfile, printed as the top
functions by cumulative time.

    make bench   # or BENCH_USERS=50 BENCH_DURATION=1 make bench, for a quick database
    .venv/bin/python bench/profile_requests.py                      # every endpoint below
    .venv/bin/python bench/profile_requests.py overview course_status -n 200 --top 40

Server CPU under gunicorn is higher than the in-process figure by the
cost of the WSGI server (about what the bare view costs).
"""

from __future__ import annotations

import argparse
import cProfile
import io
import os
import pstats
import re
import sys
import sysconfig
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.database import SQLITE_FILE  # noqa: E402
from bench.load import BenchError  # noqa: E402

# name -> (bench user, how to make the request)
ENDPOINTS = {
    "bare": ("", "GET healthz"),
    "home": ("bench00000", "GET home"),
    "overview": ("bench00000", "GET plans:plan"),
    "checklist": ("bench00000", "GET plans:checklist"),
    "courses": ("bench00000", "GET plans:courses"),
    "portfolio": ("bench00000", "GET plans:portfolio"),
    "networking": ("bench00000", "GET plans:networking"),
    "skills": ("bench00000", "GET plans:skills"),
    "milestones": ("bench00000", "GET plans:milestones"),
    "largest": ("bench-big", "GET plans:networking"),
    "portfolio_50": ("bench-medium", "GET plans:portfolio"),
    "course_status": ("bench00000", "POST plans:course_status"),
}
# Left out of the cumulative listing: the layers every request passes through on its way to the view.
WRAPPERS = (
    r"^(?!.*(test/client\.py|core/handlers/|middleware\.py|views/decorators/|auth/decorators\.py"
    r"|deprecation\.py|profile_requests\.py))"
)
DEFAULT = ("bare", "overview", "courses", "networking", "largest", "course_status")


def _requester(client, user, spec: str):
    """A function making the i-th request of the endpoint."""
    from django.urls import reverse

    from plans.models import CourseProgress

    method, name = spec.split()
    if method == "GET":
        path = reverse(name)
        return lambda i: client.get(path)
    # The plan's last course, through its states in turn, as the bench does.
    row = CourseProgress.objects.filter(user=user).order_by("course__order", "course__pk").last()
    path = reverse(name, args=[row.pk])
    states = ("in_progress", "completed", "not_started")
    return lambda i: client.post(path, {"status": states[i % 3]}, headers={"HX-Request": "true"})


def profile(name: str, n: int, top: int) -> str:
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    username, spec = ENDPOINTS[name]
    client, user = Client(), None
    if username:
        user = get_user_model().objects.get(username=username)
        client.force_login(user)

    request = _requester(client, user, spec)

    def run(i: int):
        response = request(i)
        if response.status_code != 200:
            raise BenchError(f"{name}: {spec} answered {response.status_code}.")
        return response

    for i in range(10):
        run(i)
    started = time.process_time()
    for i in range(n):
        run(i)
    cpu_ms = (time.process_time() - started) * 1000 / n
    with CaptureQueriesContext(connection) as queries:
        response = run(0)
    query_count = len(queries)  # now: the captured list is read from the log the next request clears
    profiler = cProfile.Profile()
    profiler.enable()
    for i in range(n):
        run(i)
    profiler.disable()
    out = io.StringIO()
    stats = pstats.Stats(profiler, stream=out)
    stats.sort_stats("cumulative").print_stats(WRAPPERS, top)
    stats.sort_stats("tottime").print_stats(top // 2)
    # Paths relative to the project, site-packages and the standard library.
    text = re.sub(r"\S*/site-packages/", "", out.getvalue().replace(str(ROOT) + "/", ""))
    text = text.replace(sysconfig.get_paths()["stdlib"] + "/", "")
    return (
        f"== {name} ({spec} as {username or 'anonymous'}): {cpu_ms:.1f} ms CPU per request in-process, "
        f"{len(response.content):,} bytes, {query_count} queries; profile of {n} requests:\n{text}"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("endpoints", nargs="*", help=f"any of {', '.join(ENDPOINTS)} (default {' '.join(DEFAULT)})")
    parser.add_argument("-n", type=int, default=100, help="requests timed and profiled (default 100)")
    parser.add_argument("--top", type=int, default=30, help="functions listed (default 30)")
    args = parser.parse_args()
    unknown = [name for name in args.endpoints if name not in ENDPOINTS]
    if unknown:
        parser.error(f"unknown endpoint {', '.join(unknown)}: choose from {', '.join(ENDPOINTS)}")
    if not SQLITE_FILE.exists():
        raise BenchError(f"No {SQLITE_FILE.relative_to(ROOT)}: run `make bench` (SQLite) first.")
    from bench.run import server_environment

    os.environ.update({**server_environment(f"sqlite:///{SQLITE_FILE}"), "ALLOWED_HOSTS": "testserver"})
    import django

    django.setup()
    from django.core.management import call_command

    # The templates may name static files added since the bench collected them.
    call_command("collectstatic", verbosity=0, interactive=False)
    for name in args.endpoints or DEFAULT:
        print(profile(name, args.n, args.top), flush=True)
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except BenchError as exc:
        print(f"profile_requests: {exc}", file=sys.stderr)
        sys.exit(1)
