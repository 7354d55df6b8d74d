"""Many simultaneous requests on one plan, over real HTTP against the live server.

Threads share one signed-in session (its cookie and CSRF token, as htmx sends
them) and hit the same plan at once: state changes and note edits on the same
rows, item additions, the same suggestion added from several tabs, and the
same track started from several tabs. Each field is
written by two threads, each in sequence, so the last write to a
field is the final request of one of them; state writers send their final
value only in that final request, so any other end state is a lost update.
No row may be added twice, and the progress shown must equal a recount.

Runs on SQLite (file database in WAL mode, IMMEDIATE transactions: see
pmplanner/settings_test.py) and on PostgreSQL (`make test-postgres`).
"""

from __future__ import annotations

import html
import re
import threading
import urllib.error
import urllib.parse
import urllib.request
from collections import Counter
from dataclasses import dataclass, field

import pytest
from django.conf import settings
from django.contrib.staticfiles.handlers import StaticFilesHandler
from django.core.servers.basehttp import ThreadedWSGIServer
from django.db import connections
from django.test import Client
from django.test.testcases import LiveServerThread
from django.urls import reverse

from careers.models import Track
from plans import forms
from plans.models import (
    ChecklistItem,
    CourseProgress,
    MilestoneProgress,
    NetworkingStep,
    Plan,
    PortfolioCase,
    SkillRating,
    SuggestedStep,
)
from tests.conftest import make_user
from tests.helpers import counted, recount

ROUNDS = 6  # requests per writer thread


class _BusyServer(ThreadedWSGIServer):
    # Django's live server queues only 10 connections before refusing more; a
    # production server queues thousands (gunicorn's backlog is 2048), and this
    # test opens dozens at the same instant.
    request_queue_size = 256


class _BusyServerThread(LiveServerThread):
    server_class = _BusyServer


@pytest.fixture
def server_url(transactional_db):
    """A live server of our own (pytest-django's is shared and has the small queue)."""
    shared = {c.alias: c for c in connections.all() if c.vendor == "sqlite" and c.is_in_memory_db()}
    thread = _BusyServerThread("127.0.0.1", StaticFilesHandler, connections_override=shared)
    thread.daemon = True
    thread.start()
    thread.is_ready.wait()
    if thread.error:
        raise thread.error
    yield f"http://127.0.0.1:{thread.port}"
    thread.terminate()


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None  # a 302 is an answer to check, not a page to fetch


@dataclass
class Session:
    """One signed-in browser session, usable from many threads at once."""

    base_url: str
    cookie: str
    token: str = ""
    statuses: Counter = field(default_factory=Counter)
    lock: threading.Lock = field(default_factory=threading.Lock)

    @classmethod
    def sign_in(cls, base_url: str, user) -> Session:
        client = Client()
        client.force_login(user)
        session = cls(base_url, f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}")
        # The page sets the CSRF cookie and carries the token in <body hx-headers>, as a browser gets them.
        opener = urllib.request.build_opener(_NoRedirect)
        page_request = urllib.request.Request(base_url + "/plan/", headers={"Cookie": session.cookie})  # noqa: S310
        with opener.open(page_request) as page:
            csrf_cookie = page.headers["Set-Cookie"].split(";")[0]
            body = page.read().decode()
        session.cookie += f"; {csrf_cookie}"
        session.token = re.search(r'"X-CSRFToken": "([^"]+)"', body).group(1)
        return session

    def request(self, path: str, data: dict | None = None, *, htmx: bool = True) -> tuple[int, str]:
        headers = {"Cookie": self.cookie, "X-CSRFToken": self.token}
        if htmx:
            headers["HX-Request"] = "true"
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        request = urllib.request.Request(self.base_url + path, data=body, headers=headers)  # noqa: S310 (http only)
        try:
            with urllib.request.build_opener(_NoRedirect).open(request, timeout=60) as response:
                status, text = response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            status, text = error.code, error.read().decode(errors="replace")
        with self.lock:
            self.statuses[status] += 1
        return status, text


def run_together(*jobs) -> None:
    """Start every job at the same moment, each in its own thread; re-raise the first failure."""
    barrier = threading.Barrier(len(jobs))
    errors: list[BaseException] = []

    def run(job):
        try:
            barrier.wait(timeout=30)
            job()
        except BaseException as error:
            errors.append(error)

    threads = [threading.Thread(target=run, args=(job,)) for job in jobs]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=300)
    assert not any(t.is_alive() for t in threads), "a request thread hung"
    if errors:
        raise errors[0]


def sequence(values: list[str], rounds: int, offset: int) -> list[str]:
    return [values[(offset + i) % len(values)] for i in range(rounds)]


def shown_progress(page: str) -> dict[str, str]:
    """Each progress figure as the overview shows it, by section key, and the overall one."""
    found = re.findall(
        r'<div id="progress-([\w-]+)" class="[^"]*section-progress">.*?progress-text">([^<]*)<', page, re.S
    )
    overall = re.search(r'class="overall-number">(\d+%)</span>', page).group(1)
    return {**{key: html.unescape(text) for key, text in found}, "overall": overall}


def recounted_progress(plan: Plan) -> dict[str, str]:
    found = counted(plan)
    assert found.counts == recount(plan), "the SQL counts (Plan.with_counts) disagree with a recount of the rows"
    figures = found.progress
    return {
        **{section.key: section.text for section in figures.sections},
        "overall": f"{figures.overall_percent}%",
    }


@pytest.mark.django_db(transaction=True)
def test_simultaneous_changes_keep_the_last_write_and_add_everything_once(server_url):
    owner = make_user("owner@example.com")
    http = Session.sign_in(server_url, owner)
    assert http.request("/plan/start/technical/", {}, htmx=False)[0] == 302
    plan = Plan.objects.get(user=owner, status=Plan.Status.ACTIVE)

    # The same track started from several tabs at once: one plan, one row per piece of content.
    run_together(*[lambda: http.request("/plan/start/technical/", {}, htmx=False) for _ in range(6)])
    assert Plan.objects.filter(user=owner).count() == 1
    for model, column in [(CourseProgress, "course"), (ChecklistItem, "first_step"), (ChecklistItem, "habit")]:
        per_content = Counter(model.objects.filter(user=owner).exclude(**{column: None}).values_list(column, flat=True))
        assert max(per_content.values()) == 1, f"duplicate {model.__name__} rows"

    courses = list(plan.course_rows())[:3]
    skills = list(plan.skill_rows())[:3]
    checklist = list(plan.checklist_rows())[:2]
    steps = [NetworkingStep.objects.create(user=owner, who=f"Contact {i}") for i in range(2)]
    suggestion = SuggestedStep.objects.first()
    # (row kind, pk, field) -> the final value of each thread writing that field.
    finals: dict[tuple[str, int, str], set[str]] = {}

    states_pending = Counter()  # state-writer threads still running
    states_done = threading.Event()
    lock = threading.Lock()

    def post(path: str, data: dict) -> None:
        status, text = http.request(path, data)
        assert status == 200, (path, data, status, text[:500])

    def writer(path: str, name: str, values: list[str], key: tuple[str, int, str], extra: dict | None = None):
        finals.setdefault(key, set()).add(values[-1])

        def job():
            for value in values:
                post(path, {**(extra or {}), name: value})

        return job

    def state_writers(path: str, name: str, earlier: list[str], final: str, key) -> list:
        # Two threads cycle through other values and send `final` only as their
        # last request, so any other final value is a change that got lost.
        def counted(job):
            def run():
                try:
                    job()
                finally:
                    with lock:
                        states_pending["threads"] -= 1
                        if not states_pending["threads"]:
                            states_done.set()

            return run

        states_pending["threads"] += 2
        return [counted(writer(path, name, [*sequence(earlier, ROUNDS - 1, n), final], key)) for n in range(2)]

    def note_writers(path: str, name: str, key, extra: dict | None = None) -> list:
        # Editing goes on until every state change is in, so edits are in flight
        # while the last ones land: an edit that writes back what it loaded would
        # undo them.
        def editor(n: int):
            def job():
                i = 0
                while i < ROUNDS or not states_done.is_set():
                    value = f"{key} by {n}: {i}"
                    post(path, {**(extra or {}), name: value})
                    i += 1
                with lock:
                    finals.setdefault(key, set()).add(value)

            return job

        return [editor(n) for n in range(2)]

    jobs = []
    for row in courses:
        key = ("course", row.pk)
        jobs += state_writers(
            f"/plan/courses/{row.pk}/status/", "status", ["not_started"], "in_progress", (*key, "status")
        )
        jobs += note_writers(f"/plan/courses/{row.pk}/edit/", "note", (*key, "note"), {"certificate_url": ""})
    for row in skills:
        key = ("skill", row.pk)
        jobs += state_writers(f"/plan/skills/{row.pk}/rating/", "rating", ["0", "1", "2", "3"], "4", (*key, "rating"))
        jobs += note_writers(f"/plan/skills/{row.pk}/edit/", "note", (*key, "note"))
    for row in checklist:
        jobs += state_writers(
            f"/plan/checklist/{row.pk}/done/", "done", ["false"], "true", ("checklist", row.pk, "done")
        )
    for step in steps:
        key = ("networking", step.pk)
        jobs += state_writers(f"/plan/networking/{step.pk}/done/", "done", ["false"], "true", (*key, "done"))
        edit = {"who": step.who, "kind": "coffee_chat", "date": "", "follow_up_on": ""}
        jobs += note_writers(f"/plan/networking/{step.pk}/edit/", "notes", (*key, "notes"), edit)
    for adder in range(3):
        titles = [f"Case {adder}-{n}" for n in range(ROUNDS)]
        case = {"status": "idea", "problem": "", "action": "", "outcome": "", "link": ""}
        jobs.append(writer("/plan/portfolio/add/", "title", titles, ("added", adder, "title"), case))
        who = [f"Meetup {adder}-{n}" for n in range(ROUNDS)]
        step = {"kind": "event", "date": "", "follow_up_on": "", "notes": ""}
        jobs.append(writer("/plan/networking/add/", "who", who, ("added", adder, "who"), step))
    for _tab in range(4):  # the same suggestion added from four tabs at once
        jobs.append(lambda: http.request(f"/plan/networking/suggested/{suggestion.slug}/", {}))

    run_together(*jobs)
    assert set(http.statuses) <= {200, 302}, http.statuses

    # Each field holds a final write, and nothing was added twice.
    rows = {
        "course": {r.pk: r for r in CourseProgress.objects.filter(user=owner)},
        "skill": {r.pk: r for r in plan.skills.all()},
        "checklist": {r.pk: r for r in ChecklistItem.objects.filter(user=owner)},
        "networking": {r.pk: r for r in NetworkingStep.objects.filter(user=owner)},
    }
    for (kind, pk, name), last_writes in finals.items():
        if kind == "added":
            continue
        stored = str(getattr(rows[kind][pk], name)).lower()
        assert stored in last_writes, f"{kind} {pk} {name} is {stored!r}, not a last write: one of {last_writes}"
    case_titles = Counter(PortfolioCase.objects.filter(user=owner).values_list("title", flat=True))
    assert case_titles == Counter(f"Case {a}-{n}" for a in range(3) for n in range(ROUNDS))
    logged = NetworkingStep.objects.filter(user=owner)
    step_names = Counter(logged.filter(suggestion=None).values_list("who", flat=True))
    assert step_names == Counter([s.who for s in steps] + [f"Meetup {a}-{n}" for a in range(3) for n in range(ROUNDS)])
    assert logged.filter(suggestion=suggestion).count() == 1
    for model, column in [("skills", "skill"), ("milestones", "role")]:
        per_content = Counter(getattr(plan, model).values_list(column, flat=True))
        assert max(per_content.values()) == 1, f"duplicate {model} rows"

    # The figures the page shows are a recount of the rows.
    status, page = http.request("/plan/", htmx=False)
    assert status == 200
    assert shown_progress(page) == recounted_progress(plan)


# The same race made certain: another request's state change lands while an
# edit of the same row is between loading it and saving it.
STEP = {"who": "Ana", "kind": "event", "date": "", "follow_up_on": "", "notes": ""}
IN_FLIGHT = [
    ("skill", SkillRating, forms.SkillNoteForm, {"note": "Practised"}, "rating", 4),
    (
        "course",
        CourseProgress,
        forms.CourseDetailsForm,
        {"note": "Halfway", "certificate_url": ""},
        "status",
        "completed",
    ),
    ("step", NetworkingStep, forms.NetworkingStepForm, STEP, "done", True),
    ("milestone", MilestoneProgress, forms.MilestoneForm, {"target_date": "2031-01-31"}, "reached", True),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("kind", "model", "form", "data", "state", "value"), IN_FLIGHT, ids=[c[0] for c in IN_FLIGHT])
def test_an_edit_keeps_a_state_change_made_while_it_was_in_flight(
    owner_client, owner, monkeypatch, kind, model, form, data, state, value
):
    plan = Plan.start(owner, Track.objects.get(slug="technical"))
    rows = (
        model.objects.filter(user=owner)
        if model in (NetworkingStep, CourseProgress)
        else model.objects.filter(plan=plan)
    )
    row = NetworkingStep.objects.create(user=owner, who="Ana") if model is NetworkingStep else rows.first()
    validate = form.clean

    def clean_while_another_request_changes_the_state(self):
        model.objects.filter(pk=row.pk).update(**{state: value})
        return validate(self)

    monkeypatch.setattr(form, "clean", clean_while_another_request_changes_the_state)
    response = owner_client.post(reverse(f"plans:{kind}_edit", args=[row.pk]), data, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    row.refresh_from_db()
    assert getattr(row, state) == value, "the edit wrote back the state it had loaded"
    for name, sent in data.items():
        assert str(getattr(row, name) or "") == sent
