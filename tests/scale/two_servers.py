"""`make test-scale`: two app servers sharing PostgreSQL and Redis, checked over real HTTP.

The README's production shape on one machine: a fresh database on the
PostgreSQL server DATABASE_URL names, the Redis server REDIS_URL names
(`scripts/with-postgres.sh` and `scripts/with-redis.sh` start throw-away ones),
`migrate`, `load_content` and `collectstatic` once, then two gunicorn servers
with production settings on two loopback ports. Every visitor reaches them
through a pretend load balancer: its own X-Forwarded-For address, and the
server it is sent to chosen by the test. Checks, in order:

1. A session made on one server works on the other; logging out on one logs out on both.
2. A change made through one server shows on the other at once; a content edit
   through the ORM (signals run) shows on both on the next request.
3. Failed logins for one account, alternating servers, Host ports and case and
   client addresses, lock it after the per-account limit, counted once in Redis.
4. Killing one server (SIGKILL to its process group) mid-load leaves the other
   answering every request; restarted as the next release, it serves the same
   session, the account is still locked (rate limits survive a deploy), and
   its page fragments are cached under the new release.
5. Concurrent changes to one item through both servers: no 5xx, the item ends
   in one of the posted states, and the progress counts equal a recount.
6. The lock lifts when the per-account window (shortened for the test) has passed.

Not collected by `make test` (no `test_` prefix); run as
`python -m tests.scale.two_servers` with DATABASE_URL and REDIS_URL set.
"""

from __future__ import annotations

import hashlib
import os
import re
import secrets
import shutil
import sys
import tempfile
import threading
import time
import traceback
from collections import Counter
from dataclasses import dataclass
from html import escape
from pathlib import Path

from tests.scale.client import Response, Visitor
from tests.scale.servers import (
    ScaleError,
    Server,
    drop_database,
    free_port,
    fresh_database_url,
    production_environment,
)

# --- The plan: every plan URL and model the test uses, in one place -------------
# (When the plan's pages change, these are what to point at the new ones.)

TRACK = "technical"
POSTED_STATES = ("in_progress", "completed")  # the item starts "not_started", so the end state tells


def start_plan(server: str, visitor: Visitor, track: str = TRACK) -> None:
    from django.urls import reverse

    response = visitor.post(server, reverse("plans:start", args=[track]))
    assert response.status == 302, f"starting a plan answered HTTP {response.status}"


def course_item_ids(email: str) -> list[int]:
    """The user's course items on their active plan, in page order (model API)."""
    from plans.models import Plan

    plan = Plan.objects.get(user__email=email, status=Plan.Status.ACTIVE)
    return list(plan.course_rows().values_list("pk", flat=True))


def set_course_status(server: str, visitor: Visitor, item_id: int, status: str) -> int:
    """Sets one course's status as the page's buttons do (an HTMX POST); the HTTP status."""
    from django.urls import reverse

    path = reverse("plans:course_status", args=[item_id])
    return visitor.post(server, path, {"status": status}, headers={"HX-Request": "true"}).status


def read_course_status(server: str, visitor: Visitor, item_id: int) -> str:
    """The status the course's row shows (its pressed button), fetched as HTMX does."""
    from django.urls import reverse

    response = visitor.get(server, reverse("plans:course", args=[item_id]), headers={"HX-Request": "true"})
    assert response.status == 200, f"the course row answered HTTP {response.status}"
    pressed = re.findall(r'<button[^>]*name="status" value="([^"]+)"[^>]*aria-pressed="true"', response.text)
    assert len(pressed) == 1, f"expected one pressed status button, found {pressed}"
    return pressed[0]


def course_status_in_db(item_id: int) -> str:
    from plans.models import CourseProgress

    return CourseProgress.objects.get(pk=item_id).status


def progress_counts(email: str):
    """The counts the progress bars show (the plan's SQL counts)."""
    from plans.models import Plan

    return Plan.objects.with_counts().get(user__email=email, status=Plan.Status.ACTIVE).counts


def recount(email: str):
    """The same counts, counted again in Python from the plan's rows."""
    from plans.models import Plan
    from tests.helpers import recount as recount_rows

    return recount_rows(Plan.objects.get(user__email=email, status=Plan.Status.ACTIVE))


# --- Accounts (allauth's URLs) ------------------------------------------------------

LOGIN = "/accounts/login/"
LOGOUT = "/accounts/logout/"
ACCOUNT = "/account/"
WRONG_PASSWORD = "are not correct"
LOCKED = "Too many failed login attempts"


def log_in(server: str, visitor: Visitor, email: str, password: str, host: str | None = None) -> Response:
    return visitor.post(server, LOGIN, {"login": email, "password": password}, host=host)


def signed_in_as(server: str, visitor: Visitor) -> str | None:
    """The email the account page shows, or None when it sends the visitor to log in."""
    response = visitor.get(server, ACCOUNT)
    if response.status == 302 and LOGIN in response.location:
        return None
    assert response.status == 200, f"{ACCOUNT} answered HTTP {response.status}"
    found = re.search(r"[\w.+-]+@example\.com", response.text)
    return found.group(0) if found else None


def make_user(email: str, password: str) -> None:
    from allauth.account.models import EmailAddress
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.create_user(username=email.split("@")[0], email=email, password=password)
    EmailAddress.objects.create(user=user, email=email, primary=True, verified=True)


# --- The run ---------------------------------------------------------------------------

KEY_WINDOW_S = 45  # the per-account login window for this test (5 minutes in production)
SITE_DOMAIN = "planner.example.com"


@dataclass
class Run:
    a: Server
    b: Server
    env: dict[str, str]
    password: str
    run_id: str
    next_address: int = 1
    locked_at: float = 0.0

    def email(self, who: str) -> str:
        # Unique per run, so a Redis server that outlives runs holds no counts for these accounts.
        return f"{who}-{self.run_id}@example.com"

    def visitor(self) -> Visitor:
        """A new visitor from an address of its own (TEST-NET-2, 198.51.100.0/24 and up)."""
        n = self.next_address
        self.next_address += 1
        return Visitor(address=f"198.51.{100 + n // 250}.{n % 250 + 1}")

    def redis_keys(self, pattern: str) -> list[str]:
        from django.core.cache import caches

        client = caches["default"]._cache.get_client()
        return sorted(key.decode() for key in client.keys(pattern))


def check_sessions(run: Run) -> str:
    email = run.email("alice")
    alice = run.visitor()
    assert log_in(run.a.url, alice, email, run.password).status == 302, "logging in on A failed"
    assert signed_in_as(run.b.url, alice) == email, "the session made on A does not work on B"
    session = dict(alice.cookies)
    assert alice.post(run.b.url, LOGOUT).status == 302, "logging out on B failed"
    # The old session cookie, as another tab or a copied cookie would still send it.
    stale = Visitor(address=alice.address, cookies=session)
    assert signed_in_as(run.a.url, stale) is None, "still signed in on A after logging out on B"
    assert signed_in_as(run.b.url, stale) is None, "still signed in on B after logging out on B"
    return "signed in on A, used on B, logged out on B: gone on both"


def check_changes_show_on_the_other_server(run: Run) -> str:
    from careers.models import ContentBlock

    email = run.email("bob")
    bob = run.visitor()
    assert log_in(run.a.url, bob, email, run.password).status == 302
    start_plan(run.a.url, bob)
    item = course_item_ids(email)[0]
    assert set_course_status(run.a.url, bob, item, "in_progress") == 200
    assert read_course_status(run.b.url, bob, item) == "in_progress", "B does not show the change made on A"
    assert set_course_status(run.b.url, bob, item, "completed") == 200
    assert read_course_status(run.a.url, bob, item) == "completed", "A does not show the change made on B"

    anonymous = run.visitor()
    block = ContentBlock.objects.get(slug="intro")
    for server in (run.a, run.b):  # both cache the guide's fragments first (the article's introduction)
        assert escape(block.body) in anonymous.get(server.url, "/guide/").text
    edited = f"Edited through the ORM in run {run.run_id}."
    block.body = edited
    block.save()
    for server in (run.a, run.b):
        assert edited in anonymous.get(server.url, "/guide/").text, f"{server.name} still serves the old content"
    return "a course status set on A shows on B and back; a content edit shows on both at once"


def host_variants(run: Run) -> list[str]:
    a, b = run.a.port, run.b.port
    return [f"127.0.0.1:{a}", f"localhost:{b}", "LOCALHOST:9001", "127.0.0.1:9002", "Localhost", f"LocalHost:{a}"]


def check_failed_logins_are_counted_once(run: Run) -> str:
    from django.core.cache import caches

    email = run.email("target")
    hosts = host_variants(run)
    servers = (run.a, run.b)
    limit = 5
    for attempt in range(limit):
        login_as = email.upper() if attempt % 2 else email
        response = log_in(servers[attempt % 2].url, run.visitor(), login_as, "wrong-guess", host=hosts[attempt])
        assert WRONG_PASSWORD in response.text, f"guess {attempt + 1} was not refused as a wrong password"
    run.locked_at = time.monotonic()
    for server, host in ((run.a, hosts[-1]), (run.b, "localhost")):
        response = log_in(server.url, run.visitor(), email, run.password, host=host)
        assert LOCKED in response.text, f"the right password got in on {server.name} after {limit} failures"
    # One counter in Redis for the account, keyed by the fixed site and the email, whatever the Host header.
    digest = hashlib.sha256(f"{SITE_DOMAIN}:{email}".encode()).hexdigest()
    keys = run.redis_keys("*allauth:rl:allauth.account:login_failed:*/key:*")
    mine = [key for key in keys if key.endswith(digest)]
    assert len(mine) == 1, f"expected one per-account counter for the account, found {mine}"
    assert mine[0].startswith("pmplanner:1:"), f"the counter carries more than the fixed prefix: {mine[0]}"
    history = caches["default"].get(mine[0].removeprefix("pmplanner:1:"))
    assert len(history) == limit, f"the counter holds {len(history)} failures, not {limit}"
    return f"{limit} guesses over 2 servers, {limit} Host headers and {limit} addresses: one counter, locked on both"


def check_killing_a_server_mid_load(run: Run) -> str:
    email = run.email("dora")
    dora = run.visitor()
    assert log_in(run.b.url, dora, email, run.password).status == 302
    results: list[tuple[str, float, int | str]] = []
    stop = threading.Event()

    def load() -> None:
        visitor = Visitor(address=dora.address, cookies=dict(dora.cookies))
        while not stop.is_set():
            for server in (run.a, run.b):
                started = time.monotonic()
                try:
                    outcome: int | str = visitor.get(server.url, ACCOUNT).status
                except Exception as exc:  # refused, reset, cut short: recorded, so B's are seen too
                    outcome = type(exc).__name__
                results.append((server.name, started, outcome))

    threads = [threading.Thread(target=load) for _ in range(4)]
    for thread in threads:
        thread.start()
    time.sleep(2)
    killed_at = time.monotonic()
    run.a.kill()
    time.sleep(3)
    stop.set()
    for thread in threads:
        thread.join()

    on_b = Counter(outcome for name, _, outcome in results if name == "B")
    a_before = Counter(outcome for name, started, outcome in results if name == "A" and started < killed_at)
    a_after = Counter(outcome for name, started, outcome in results if name == "A" and started > killed_at + 0.5)
    b_after = sum(1 for name, started, _ in results if name == "B" and started > killed_at)
    assert set(on_b) == {200}, f"B did not answer every request: {dict(on_b)}"
    assert b_after > 0, "no request reached B after the kill"
    assert a_before.get(200, 0) > 0, f"A answered nothing before the kill: {dict(a_before)}"
    assert a_after and 200 not in a_after, f"A still answered after the kill: {dict(a_after)}"

    # Back as the next release: the same session, the same lock, fragments under the new release.
    release = "scale-2"
    run.a = Server("A", {**run.env, "RELEASE": release}, port=run.a.port, log_dir=run.a.log.parent)
    run.a.start()
    assert signed_in_as(run.a.url, dora) == email, "the restarted server does not serve the session"
    response = log_in(run.a.url, run.visitor(), run.email("target"), run.password, host="LOCALHOST")
    assert LOCKED in response.text, "the account's lock did not survive the deploy"
    assert time.monotonic() - run.locked_at < KEY_WINDOW_S, "too slow: the lock window passed before this check"
    run.visitor().get(run.a.url, "/")
    assert run.redis_keys(f"pmplanner:{release}:*template.cache.*"), "no fragments cached under the new release"
    assert run.redis_keys("pmplanner:scale-1:*template.cache.*"), "the old release's fragments are gone"
    assert not run.redis_keys("pmplanner:scale-*allauth:rl:*"), "rate limits are keyed by release"
    return (
        f"B answered all {sum(on_b.values())} requests ({b_after} after the kill), A {dict(a_after)} after it; "
        "restarted as the next release: same session, account still locked"
    )


def check_concurrent_changes_to_one_item(run: Run) -> str:
    email = run.email("carol")
    on_a, on_b = run.visitor(), run.visitor()
    assert log_in(run.a.url, on_a, email, run.password).status == 302
    assert log_in(run.b.url, on_b, email, run.password).status == 302
    start_plan(run.a.url, on_a)
    item = course_item_ids(email)[0]
    per_thread, threads_per_server = 5, 4
    barrier = threading.Barrier(2 * threads_per_server)
    statuses: list[int | str] = []

    def change(server: Server, session: Visitor, first: int) -> None:
        visitor = Visitor(address=session.address, cookies=dict(session.cookies), token=session.token)
        barrier.wait()
        for n in range(per_thread):
            try:
                statuses.append(set_course_status(server.url, visitor, item, POSTED_STATES[(first + n) % 2]))
            except Exception as exc:  # recorded, so the check sees it
                statuses.append(type(exc).__name__)

    for visitor, server in ((on_a, run.a), (on_b, run.b)):
        visitor.token = visitor.csrf_token(server.url)
    threads = [
        threading.Thread(target=change, args=(server, visitor, n))
        for server, visitor in ((run.a, on_a), (run.b, on_b))
        for n in range(threads_per_server)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    answers = Counter(statuses)
    assert set(answers) == {200}, f"not every change succeeded: {dict(answers)}"
    final = course_status_in_db(item)
    assert final in POSTED_STATES, f"the item ended as {final!r}, which nobody posted"
    for visitor, server in ((on_a, run.a), (on_b, run.b)):
        assert read_course_status(server.url, visitor, item) == final, f"{server.name} shows another state"
    counted, recounted = progress_counts(email), recount(email)
    assert counted == recounted, f"progress counts {counted} differ from a recount {recounted}"
    return f"{len(statuses)} changes at once through both servers, all HTTP 200; ended {final!r}; counts match"


def check_the_lock_lifts_after_its_window(run: Run) -> str:
    waited = max(0.0, run.locked_at + KEY_WINDOW_S + 1 - time.monotonic())
    time.sleep(waited)
    email = run.email("target")
    visitor = run.visitor()
    assert log_in(run.b.url, visitor, email, run.password).status == 302, "still locked after the window"
    assert signed_in_as(run.a.url, visitor) == email
    return f"the right password works {KEY_WINDOW_S} s after the last failure (waited {waited:.0f} s)"


CHECKS = [
    ("sessions are shared", check_sessions),
    ("changes show on the other server", check_changes_show_on_the_other_server),
    ("failed logins are counted once", check_failed_logins_are_counted_once),
    ("killing a server mid-load", check_killing_a_server_mid_load),
    ("concurrent changes to one item", check_concurrent_changes_to_one_item),
    ("the login lock lifts", check_the_lock_lifts_after_its_window),
]


def prepare(env: dict[str, str], password: str, run_id: str) -> None:
    """Once, as a release does: migrate, load_content, collectstatic; then the test's accounts."""
    os.environ.update(env)
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)
    call_command("load_content", verbosity=0)
    call_command("collectstatic", verbosity=0, interactive=False)
    for who in ("alice", "bob", "target", "dora", "carol"):
        make_user(f"{who}-{run_id}@example.com", password)


def main() -> int:
    started = time.monotonic()
    database_url, redis_url = os.environ.get("DATABASE_URL", ""), os.environ.get("REDIS_URL", "")
    if not database_url or not redis_url:
        raise ScaleError("set DATABASE_URL (PostgreSQL) and REDIS_URL, or run it through `make test-scale`.")
    scale_url = fresh_database_url(database_url)
    env = production_environment(
        database_url=scale_url, redis_url=redis_url, release="scale-1", key_window_s=KEY_WINDOW_S
    )
    run_id, password = secrets.token_hex(4), secrets.token_urlsafe(16)
    log_dir = Path(tempfile.mkdtemp(prefix="pmplanner-scale-"))
    servers: list[Server] = []
    run: Run | None = None
    try:
        prepare(env, password, run_id)
        a = Server("A", env, port=free_port(), log_dir=log_dir)
        b = Server("B", env, port=free_port(), log_dir=log_dir)
        servers += [a, b]
        a.start()
        b.start()
        run = Run(a=a, b=b, env=env, password=password, run_id=run_id)
        print(f"Two servers up in {time.monotonic() - started:.0f} s: A {a.url}, B {b.url}", flush=True)
        for name, check in CHECKS:
            check_started = time.monotonic()
            try:
                detail = check(run)
            except Exception as exc:  # a refused connection or a missing key fails a check as surely
                print(f"FAIL {name}: {exc}", flush=True)
                traceback.print_exc()
                for server in (run.a, run.b):
                    print(f"--- gunicorn {server.name} log ({server.log}) ---\n{server.log_tail()}")
                return 1
            print(f"ok   {name} ({time.monotonic() - check_started:.1f} s): {detail}", flush=True)
        print(f"make test-scale: {len(CHECKS)} checks passed in {time.monotonic() - started:.0f} s.")
        shutil.rmtree(log_dir)  # kept after a failure, for a look
        return 0
    finally:
        for server in {*servers, *((run.a, run.b) if run else ())}:  # a restarted server is a new one
            server.stop()
        from django.db import connections

        connections.close_all()
        drop_database(database_url, scale_url)


if __name__ == "__main__":
    try:
        sys.exit(main())
    except ScaleError as exc:
        print(f"make test-scale: {exc}", file=sys.stderr)
        sys.exit(1)
