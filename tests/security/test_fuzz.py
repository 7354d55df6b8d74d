"""Random and hostile input to every form and HTMX endpoint.

Hypothesis posts wrong types, huge strings, unicode (NUL, right-to-left
marks, emoji), HTML and script, negative and huge numbers, impossible dates,
repeated and missing fields, with and without the HX-Request header. Whatever
comes in, the answer is a 4xx or the form again with its message, never a 500;
a refused request changes no row, and an accepted one changes only the table
it is about, leaving rows that pass the model's own validation.

Every edit form also refuses a post that lacks any of its fields, or that
holds nothing but junk, and changes nothing the person's data export shows;
stored dates stay in their ranges and stored text holds no control characters.

Then: text users write is shown escaped on every page that shows it, and the
links they give are limited to http and https.
"""

from __future__ import annotations

import datetime
import json
import operator
import os
import re
from urllib.parse import quote

import pytest
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from accounts.data import export
from careers.assessment_views import ANSWERS_KEY
from careers.models import Question, Track
from plans.models import (
    CourseProgress,
    NetworkingKind,
    NetworkingStep,
    Plan,
    PortfolioCase,
    SkillLevel,
    SuggestedStep,
)
from pmplanner.forms import CONTROL_CHARACTERS, EARLIEST
from sharing.models import PublicProfile, ShareLink
from tests.conftest import PASSWORD
from tests.security.db_state import USER_TABLES, changed_tables
from tests.security.db_state import db_state as full_db_state

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}

# Moderate for CI; FUZZ_EXAMPLES=500 for a long local run. Each test keeps its
# database across examples (one transaction), so every example snapshots the
# database itself and creates its own client.
FUZZ = settings(
    max_examples=int(os.environ.get("FUZZ_EXAMPLES", "20")),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large],
)


def db_state() -> dict[str, list[dict]]:
    # The tables a request could write to; test_object_urls.py compares every table.
    return full_db_state(USER_TABLES)


# --- Hostile values -----------------------------------------------------------

NASTY = [
    "",
    " ",
    "\x00",
    "a\x00b",
    "\u202egnp.exe",  # right-to-left override
    "\u200f\u202bמרחב\u202c",
    "\ufeff",
    "😀" * 20,
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "{{ request.user.password }}",
    "{% debug %}",
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    "java\tscript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "vbscript:msgbox(1)",
    "file:///etc/passwd",
    "//evil.example/x",
    "' OR 1=1 --",
    "'; DROP TABLE plans_plan; --",
    "../../etc/passwd",
    "%00",
    "-1",
    "0",
    "-9223372036854775809",
    "9223372036854775808",
    "99999999999999999999999999",
    "1e309",
    "NaN",
    "Infinity",
    "0x10",
    "true",
    "false",
    "None",
    "null",
    "[]",
    "{}",
    "2026-02-30",
    "2026-13-01",
    "2026-00-10",
    "0000-00-00",
    "0001-01-01",
    "9999-12-31",
    "10000-01-01",
    "-2026-01-01",
    "2026-2-3",
    "31/12/2026",
    "2026-01-01T25:61:00",
]
TEXT = st.text(st.characters(codec="utf-8"), max_size=250)  # any unicode a browser can send, NUL included
NUMBERS = st.integers(min_value=-(2**80), max_value=2**80).map(str)
DATES = st.dates(min_value=datetime.date(1, 1, 1)).map(datetime.date.isoformat)
HUGE = st.builds(operator.mul, st.sampled_from(["x", "é", "<b>", "\u202e", "😀", "\x00"]), st.integers(250, 30_000))
# Text with C0 control characters (bell, escape, backspace...) among ordinary letters.
CONTROL = st.text(st.one_of(st.characters(min_codepoint=1, max_codepoint=31), st.sampled_from("ab \t\n")), min_size=1)
# Dates near the edges of the allowed ranges: 1970, today, ten years either way.
EDGE_DATES = st.dates(min_value=datetime.date(1960, 1, 1), max_value=datetime.date(2045, 12, 31)).map(str)
ANYTHING = st.one_of(st.sampled_from(NASTY), TEXT, NUMBERS, DATES, HUGE, CONTROL, EDGE_DATES)
# Field names stay simple: a quote or newline in a name breaks the test client's multipart encoding itself.
EXTRA_NAMES = st.text(
    st.characters(codec="ascii", categories=["L", "N"], include_characters="_-"), min_size=1, max_size=20
)


def field(valid: st.SearchStrategy[str]) -> st.SearchStrategy:
    """A valid value, anything at all, or the field repeated."""
    one = st.one_of(valid, ANYTHING)
    return st.one_of(one, st.lists(one, min_size=2, max_size=3))


def form(**fields: st.SearchStrategy[str]) -> st.SearchStrategy[dict]:
    """Any subset of the fields (missing ones left out), plus unexpected extra fields."""
    known = st.fixed_dictionaries({}, optional={name: field(valid) for name, valid in fields.items()})
    extra = st.dictionaries(EXTRA_NAMES, ANYTHING, max_size=2)
    return st.builds(lambda e, k: {**e, **k}, extra, known)


def choice(values) -> st.SearchStrategy[str]:
    return st.sampled_from([str(v) for v in values])


BOOL = choice(["true", "false"])
NOTE = st.text(max_size=200)
WEB_LINK = st.sampled_from(["https://example.com/certificate", "http://example.org/a?b=c", "example.com/case", ""])
DATE = st.one_of(
    DATES, EDGE_DATES, st.dates(min_value=datetime.date(2020, 1, 1), max_value=datetime.date(2030, 1, 1)).map(str)
)


# --- The owner's plan ---------------------------------------------------------


@pytest.fixture
def items(owner) -> dict[str, int]:
    """One object of every kind on the owner's active plan, by name."""
    plan = Plan.start(owner, Track.objects.get(slug="technical"))
    courses = list(plan.course_rows())
    courses[1].set_status(CourseProgress.Status.COMPLETED)
    milestones = list(plan.milestone_rows())
    milestones[1].set_reached(True)
    return {
        "course": courses[0].pk,
        "completed_course": courses[1].pk,
        "skill": plan.skill_rows()[0].pk,
        "milestone": milestones[0].pk,
        "reached_milestone": milestones[1].pk,
        "checklist": plan.checklist_rows()[0].pk,
        "case": PortfolioCase.objects.create(user=owner, title="Checkout redesign").pk,
        "step": NetworkingStep.objects.create(user=owner, who="A mentor").pk,
    }


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def shows_a_message(html: str) -> bool:
    # The item's "Nothing was changed: …" alert, a field's message, or a form-wide one.
    return any(mark in html for mark in ("Nothing was changed", "invalid-feedback", 'role="alert"', "errorlist"))


PAST_DATES = {"completed_on", "reached_on"}
NEAR_DATES = {"date", "follow_up_on", "target_date"}


def assert_valid_rows(table: str) -> None:
    """What an accepted request stored passes the model's own validation (lengths,
    choices, link schemes), holds no control characters, and has dates in range."""
    from django.apps import apps

    today = timezone.localdate()
    for row in apps.get_model(table)._base_manager.all():
        row.full_clean()
        for field in row._meta.concrete_fields:
            value = getattr(row, field.attname)
            if isinstance(value, str):
                assert not CONTROL_CHARACTERS.search(value), (field.name, value)
            elif isinstance(value, datetime.date) and field.name in PAST_DATES:
                assert EARLIEST <= value <= today, (field.name, value)
            elif isinstance(value, datetime.date) and field.name in NEAR_DATES:
                assert abs((value - today).days) <= 3660, (field.name, value)


# --- Plan forms and HTMX endpoints ---------------------------------------------

CASE_FIELDS = {
    "title": st.text(min_size=1, max_size=120),
    "status": choice(PortfolioCase.Status.values),
    "problem": TEXT,
    "action": TEXT,
    "outcome": TEXT,
    "link": WEB_LINK,
}
NETWORKING_FIELDS = {
    "who": st.text(min_size=1, max_size=200),
    "kind": choice(NetworkingKind.values),
    "date": DATE,
    "follow_up_on": DATE,
    "notes": TEXT,
}

# (URL name, the item it takes or None, its fields, the one table it may change)
PLAN_ENDPOINTS = [
    ("plans:course_status", "course", {"status": choice(CourseProgress.Status.values)}, "plans.courseprogress"),
    ("plans:case_status", "case", {"status": choice(PortfolioCase.Status.values)}, "plans.portfoliocase"),
    ("plans:skill_rating", "skill", {"rating": choice(SkillLevel.values)}, "plans.skillrating"),
    ("plans:milestone_reached", "milestone", {"reached": BOOL}, "plans.milestoneprogress"),
    ("plans:checklist_done", "checklist", {"done": BOOL}, "plans.checklistitem"),
    ("plans:step_done", "step", {"done": BOOL}, "plans.networkingstep"),
    (
        "plans:course_edit",
        "course",
        {"target_date": DATE, "note": NOTE, "certificate_url": WEB_LINK},
        "plans.courseprogress",
    ),
    (
        "plans:course_edit",
        "completed_course",
        {"completed_on": DATE, "target_date": DATE, "note": NOTE, "certificate_url": WEB_LINK},
        "plans.courseprogress",
    ),
    ("plans:skill_edit", "skill", {"note": NOTE}, "plans.skillrating"),
    ("plans:milestone_edit", "milestone", {"target_date": DATE}, "plans.milestoneprogress"),
    ("plans:milestone_edit", "reached_milestone", {"target_date": DATE, "reached_on": DATE}, "plans.milestoneprogress"),
    ("plans:case_edit", "case", CASE_FIELDS, "plans.portfoliocase"),
    ("plans:step_edit", "step", NETWORKING_FIELDS, "plans.networkingstep"),
    ("plans:case_add", None, CASE_FIELDS, "plans.portfoliocase"),
    ("plans:networking_add", None, NETWORKING_FIELDS, "plans.networkingstep"),
]


@pytest.mark.parametrize(
    ("name", "item", "fields", "table"), PLAN_ENDPOINTS, ids=[f"{e[0]}-{e[1]}" for e in PLAN_ENDPOINTS]
)
@given(data=st.data(), htmx=st.booleans())
@FUZZ
def test_plan_endpoints_never_fail_and_refusals_change_nothing(owner, items, name, item, fields, table, data, htmx):
    url = reverse(name, args=[items[item]] if item else [])
    posted = data.draw(form(**fields), label="posted")
    client = signed_in(owner)
    before = db_state()
    response = client.post(url, posted, **(HTMX if htmx else {}))
    changed = changed_tables(before, db_state())
    assert response.status_code < 500
    if response.status_code >= 400:
        assert response.status_code == 422, response.status_code
        assert shows_a_message(response.content.decode())
        assert changed == []
    else:
        assert response.status_code == (200 if htmx else 302)
        assert set(changed) <= {table, "plans.event"}  # the change, and its event in the history
        assert_valid_rows(table)


# Forms that answer a plain post with a redirect, htmx or not: (URL name, fields, the tables an accepted post changes)
SETTINGS_FORMS = [
    ("plans:plan_target", {"target_date": DATE}, {"plans.plan", "plans.event"}),
    (
        "accounts:reminders",
        {
            "frequency": choice(["off", "weekly", "daily"]),
            "weekday": choice(range(7)),
            "hour": choice(range(24)),
            "time_zone": st.sampled_from(["UTC", "Europe/Berlin", "Asia/Kolkata", "America/St_Johns"]),
        },
        {"accounts.remindersettings"},
    ),
]


@pytest.mark.parametrize(("name", "fields", "tables"), SETTINGS_FORMS, ids=[f[0] for f in SETTINGS_FORMS])
@given(data=st.data(), htmx=st.booleans())
@FUZZ
def test_settings_forms_never_fail_and_refusals_change_nothing(owner, items, name, fields, tables, data, htmx):
    posted = data.draw(form(**fields), label="posted")
    client = signed_in(owner)
    before = db_state()
    response = client.post(reverse(name), posted, **(HTMX if htmx else {}))
    changed = changed_tables(before, db_state())
    assert response.status_code < 500
    if response.status_code >= 400:
        assert response.status_code == 422, response.status_code
        assert shows_a_message(response.content.decode())
        assert changed == []
    else:
        assert response.status_code == 302
        assert set(changed) <= tables
        for table in changed:
            assert_valid_rows(table)


@given(token=st.one_of(TEXT, st.sampled_from(NASTY)), method=st.sampled_from(["get", "post"]))
@FUZZ
def test_made_up_calendar_and_unsubscribe_tokens_are_refused(owner, items, token, method):
    assume("/" not in token and "?" not in token and "#" not in token)
    before = db_state()
    for path, refused in (
        (f"/plan/calendar/{token}.ics", {404, 405}),
        (f"/account/reminders/unsubscribe/{token}/", {400, 404}),
    ):
        response = getattr(Client(), method)(path)
        assert response.status_code in refused, (path, response.status_code)
    assert changed_tables(before, db_state()) == []


START_FIELDS = {"confirm": st.sampled_from(["switch", "stay"])}


@given(data=st.data(), htmx=st.booleans(), slug=st.one_of(st.sampled_from(["ux", "strategic", "technical"]), TEXT))
@FUZZ
def test_starting_a_plan_with_hostile_input(owner, items, data, htmx, slug):
    assume("/" not in slug)
    posted = data.draw(form(**START_FIELDS), label="posted")
    client = signed_in(owner)
    before = db_state()
    try:
        url = reverse("plans:start", args=[slug])
    except Exception:  # not a slug at all: the raw path must still be a 404
        url = "/plan/start/" + slug + "/"
    response = client.post(url, posted, **(HTMX if htmx else {}))
    changed = changed_tables(before, db_state())
    assert response.status_code in (200, 302, 404)
    if response.status_code == 302:
        assert all(table.startswith("plans.") for table in changed), changed
        assert Plan.objects.filter(user=owner, status="active").count() == 1
    else:  # the "switch track?" question, or no such track
        assert changed == []


ITEM_URLS = [
    "plans:course",
    "plans:course_status",
    "plans:course_edit",
    "plans:case",
    "plans:case_status",
    "plans:case_edit",
    "plans:case_delete",
    "plans:step",
    "plans:step_done",
    "plans:step_edit",
    "plans:step_delete",
    "plans:skill",
    "plans:skill_rating",
    "plans:skill_edit",
    "plans:milestone",
    "plans:milestone_reached",
    "plans:milestone_edit",
    "plans:checklist_done",
    "plans:archived_detail",
    "plans:activate",
    "careers:assessment_result",
    "sharing:link_revoke",
]


@given(
    name=st.sampled_from(ITEM_URLS),
    pk=st.one_of(st.integers(min_value=0, max_value=2**80), st.sampled_from([2**31, 2**63 - 1, 2**63, 2**64])),
    method=st.sampled_from(["get", "post"]),
    htmx=st.booleans(),
)
@FUZZ
def test_unknown_and_huge_ids_are_404(owner, items, name, pk, method, htmx):
    assume(pk not in items.values())
    client = signed_in(owner)
    before = db_state()
    response = getattr(client, method)(reverse(name, args=[pk]), {"status": "completed"}, **(HTMX if htmx else {}))
    assert response.status_code in (404, 405)
    assert changed_tables(before, db_state()) == []


@pytest.mark.parametrize(
    "path",
    [
        "/plan/courses/-1/status/",
        "/plan/courses/1.5/status/",
        "/plan/courses/1e3/status/",
        "/plan/courses/%00/status/",
        "/plan/courses/%D9%A3/status/",  # an Arabic-Indic digit: not an <int:>
        "/plan/portfolio/0x1/delete/",
        "/plan/-5/activate/",
        "/plan/archived/-1/",
        "/plan/start/%3Cscript%3E/",
        "/plan/networking/suggested/..%2F..%2Fadmin/",
        "/assessment/step/-1/",
        "/assessment/results/-1/",
    ],
)
def test_ids_that_are_not_whole_numbers_are_404(owner, items, path):
    client = signed_in(owner)
    before = db_state()
    assert client.post(path, {"status": "completed"}).status_code == 404
    assert client.get(path).status_code == 404
    assert changed_tables(before, db_state()) == []


@given(slug=st.one_of(TEXT, st.sampled_from(NASTY)), htmx=st.booleans())
@FUZZ
def test_unknown_suggestions_are_404(owner, items, slug, htmx):
    assume(slug not in set(SuggestedStep.objects.values_list("slug", flat=True)))  # PostgreSQL refuses NUL in a query
    # A "#" or "?" would end the path (the test client sends "0#" as "0"), and the slash-less path redirects.
    assume("#" not in slug and "?" not in slug)
    client = signed_in(owner)
    before = db_state()
    # Encoded as a browser sends it: a raw "#" or "?" would end the path (and APPEND_SLASH answer 301).
    url = "/plan/networking/suggested/" + quote(slug, safe="") + "/"
    response = client.post(url, **(HTMX if htmx else {}))
    assert response.status_code == 404
    assert changed_tables(before, db_state()) == []


# --- Sharing: the public page's form, plan links, and addresses that are not ----------


@pytest.fixture
def sharing_cases(owner, stranger, items) -> dict[str, int]:
    """Cases a post may name: the owner's Published one (allowed), their idea and a stranger's (refused)."""
    published = PortfolioCase.objects.create(user=owner, title="Published", status="published")
    theirs = PortfolioCase.objects.create(user=stranger, title="Theirs", status="published")
    return {"published": published.pk, "idea": items["case"], "theirs": theirs.pk}


SLUGS = st.one_of(
    st.sampled_from(["ana-lee", "ANA-Lee", "", "admin", "www", "a", "ana--lee", "-ana", "x" * 41]),
    st.from_regex(r"[a-z0-9]{3,12}(-[a-z0-9]{1,5})?", fullmatch=True),
)
TICK = st.sampled_from(["on", "", "true", "false"])


@given(data=st.data(), htmx=st.booleans())
@FUZZ
def test_the_public_page_form_never_fails_and_refusals_change_nothing(owner, sharing_cases, data, htmx):
    fields = {
        "display_name": st.text(min_size=1, max_size=80),
        "headline": st.text(max_size=160),
        "slug": SLUGS,
        "cases": st.sampled_from([str(pk) for pk in sharing_cases.values()]),
        "published": TICK,
        "indexable": TICK,
    }
    posted = data.draw(form(**fields), label="posted")
    client = signed_in(owner)
    before = db_state()
    response = client.post(reverse("sharing:profile"), posted, **(HTMX if htmx else {}))
    changed = changed_tables(before, db_state())
    assert response.status_code < 500
    if response.status_code >= 400:
        assert response.status_code == 422, response.status_code
        assert shows_a_message(response.content.decode())
        assert changed == []
    else:
        assert response.status_code == 302
        assert set(changed) <= {"sharing.publicprofile", "sharing.publicprofile_cases"}
        assert_valid_rows("sharing.publicprofile")
        page = PublicProfile.objects.get(user=owner)
        assert set(page.cases.values_list("pk", flat=True)) <= {sharing_cases["published"]}


@given(data=st.data(), htmx=st.booleans())
@FUZZ
def test_making_a_plan_link_never_fails_and_refusals_change_nothing(owner, items, data, htmx):
    posted = data.draw(form(label=st.text(min_size=1, max_size=60), include_notes=TICK), label="posted")
    client = signed_in(owner)
    before = db_state()
    response = client.post(reverse("sharing:link_create"), posted, **(HTMX if htmx else {}))
    changed = changed_tables(before, db_state())
    assert response.status_code < 500
    if response.status_code >= 400:
        assert response.status_code == 422, response.status_code
        assert shows_a_message(response.content.decode())
        assert changed == []
    else:
        assert response.status_code == 302
        assert set(changed) <= {"sharing.sharelink", "sessions.session"}
        assert_valid_rows("sharing.sharelink")


TOKENS = st.one_of(
    st.from_regex(r"[A-Za-z0-9_-]{16,64}", fullmatch=True),  # the right shape, but no one's
    st.sampled_from(NASTY),
    TEXT,
)


@given(token=TOKENS, prefix=st.sampled_from(["/shared-plan/", "/p/t/", "/p/"]), signed=st.booleans())
@FUZZ
def test_addresses_that_are_not_someones_are_404(owner, items, token, prefix, signed):
    page = PublicProfile.objects.get_or_create(
        user=owner, defaults={"display_name": "Ana", "slug": "ana-lee", "published": True}
    )[0]
    _link, secret = ShareLink.create(owner, label="For Ana", include_notes=True)
    assume(token not in (secret, page.token) and token.lower() != page.slug)
    client = signed_in(owner) if signed else Client()
    before = db_state()
    response = client.get(prefix + quote(token, safe="") + "/")
    assert response.status_code == 404
    assert changed_tables(before, db_state()) == []


# --- The assessment -------------------------------------------------------------


@given(data=st.data(), htmx=st.booleans(), anonymous=st.booleans())
@FUZZ
def test_assessment_steps_with_hostile_answers(owner, data, htmx, anonymous):
    questions = list(Question.objects.filter(active=True).prefetch_related("options"))
    number = data.draw(st.integers(min_value=1, max_value=len(questions)), label="step")
    question = questions[number - 1]
    options = [o.slug for o in question.options.all()]
    posted = data.draw(form(answer=st.sampled_from(options)), label="posted")
    client = Client() if anonymous else signed_in(owner)
    client.post(reverse("careers:assessment_step", args=[1]), {"answer": questions[0].options.all()[0].slug})
    answers = client.session.get(ANSWERS_KEY, {})
    before = db_state()
    response = client.post(reverse("careers:assessment_step", args=[number]), posted, **(HTMX if htmx else {}))
    changed = changed_tables(before, db_state())
    assert response.status_code < 500
    if response.status_code >= 400:
        assert response.status_code in (400, 422)
        assert "assessment-error" in response.content.decode()
        assert client.session.get(ANSWERS_KEY, {}) == answers
        assert changed == []
    else:
        sent = posted["answer"][-1] if isinstance(posted["answer"], list) else posted["answer"]  # the last one counts
        assert sent in options
        assert client.session.get(ANSWERS_KEY, {}).get(question.slug) == sent or number == len(questions)
        assert set(changed) <= {"careers.assessmentresult", "careers.assessmentsettings"}


@given(posted=form(answer=TEXT), htmx=st.booleans())
@FUZZ
def test_restarting_the_assessment_takes_no_input(posted, htmx):
    before = db_state()
    response = Client().post(reverse("careers:assessment_start"), posted, **(HTMX if htmx else {}))
    assert response.status_code == 302
    assert changed_tables(before, db_state()) == []


# --- Account forms ------------------------------------------------------------------

EMAIL = st.one_of(st.emails(), st.sampled_from(["owner@example.com", "OWNER@example.com", "new@example.com"]))
NEW_PASSWORD = st.sampled_from([PASSWORD, "another-Long-passw0rd", "short"])

# (URL name, signed in?, fields, the tables an accepted form may change)
ACCOUNT_FORMS = [
    ("accounts:delete", True, {"password": st.sampled_from(["wrong", PASSWORD.upper()])}, set()),
    ("account_login", False, {"login": EMAIL, "password": st.just("wrong"), "remember": BOOL}, set()),
    (
        "account_signup",
        False,
        {"email": EMAIL, "password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
        {"auth.user", "account.emailaddress"},
    ),
    (
        "account_change_password",
        True,
        {"oldpassword": st.just("wrong"), "password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
        set(),
    ),
    (
        "account_email",
        True,
        {
            "email": EMAIL,
            "action_add": st.just(""),
            "action_remove": st.just(""),
            "action_primary": st.just(""),
            "action_send": st.just(""),
        },
        {"account.emailaddress", "auth.user"},
    ),
    ("account_reset_password", False, {"email": EMAIL}, set()),
]


@pytest.mark.parametrize(("name", "signed", "fields", "tables"), ACCOUNT_FORMS, ids=[f[0] for f in ACCOUNT_FORMS])
@given(data=st.data(), htmx=st.booleans())
@FUZZ
def test_account_forms_never_fail_and_refusals_change_nothing(owner, name, signed, fields, tables, data, htmx):
    cache.clear()  # rate limits would otherwise answer 429 before the form is even read
    posted = data.draw(form(**fields), label="posted")
    client = signed_in(owner) if signed else Client()
    before = db_state()
    response = client.post(reverse(name), posted, **(HTMX if htmx else {}))
    changed = changed_tables(before, db_state())
    assert response.status_code < 500
    if response.status_code == 302:
        assert set(changed) <= tables, (posted, changed)
    else:
        assert response.status_code in (200, 400, 429)
        assert changed == []
        if response.status_code == 200:
            messages = [message for errors in response.context["form"].errors.values() for message in errors]
            assert messages, "a refused form is shown again with its message"
            html = response.content.decode()
            assert any(escape(message) in html for message in messages), messages
    assert get_user(owner) is not None


def get_user(user):
    return type(user)._base_manager.filter(pk=user.pk).first()


def test_a_body_too_large_is_refused(owner, items):
    client = signed_in(owner)
    before = db_state()
    response = client.post(reverse("plans:case_add"), {"title": "x", "status": "idea", "problem": "x" * 3_000_000})
    assert response.status_code == 400
    assert changed_tables(before, db_state()) == []


def test_too_many_fields_are_refused(owner, items):
    client = signed_in(owner)
    before = db_state()
    response = client.post(reverse("plans:case_add"), {f"f{i}": "x" for i in range(1200)} | {"title": "x"})
    assert response.status_code == 400
    assert changed_tables(before, db_state()) == []


# --- What users write is shown escaped ------------------------------------------------

XSS = '<script>alert("x")</script>"><svg onload=alert(1)>'
ESCAPED = "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&quot;&gt;&lt;svg onload=alert(1)&gt;"


def assert_escaped(html: str, where: str) -> None:
    assert "<script>alert" not in html and "<svg onload" not in html, f"unescaped user text in {where}"
    assert ESCAPED in html, f"the user's text is missing from {where}"


def test_user_text_is_escaped_on_every_page_that_shows_it(owner, items):
    client = signed_in(owner)
    case_data = {"title": XSS, "status": "drafting", "problem": XSS, "action": XSS, "outcome": XSS, "link": ""}
    step_data = {"who": XSS, "kind": "mentor", "date": "", "follow_up_on": "", "notes": XSS}
    pages = {
        "the page after adding a case (with its message)": client.post(
            reverse("plans:case_add"), case_data, follow=True
        ),
        "the htmx answer to adding a case": client.post(reverse("plans:case_add"), case_data, **HTMX),
        "the htmx answer to adding a networking step": client.post(reverse("plans:networking_add"), step_data, **HTMX),
        "the htmx answer to editing a course note": client.post(
            reverse("plans:course_edit", args=[items["course"]]),
            {"note": XSS, "target_date": "", "certificate_url": ""},
            **HTMX,
        ),
        "the htmx answer to editing a skill note": client.post(
            reverse("plans:skill_edit", args=[items["skill"]]), {"note": XSS}, **HTMX
        ),
        "a refused edit showing the input again": client.post(
            reverse("plans:case_edit", args=[items["case"]]), {**case_data, "link": "javascript:alert(1)"}, **HTMX
        ),
    }
    case = PortfolioCase.objects.filter(title=XSS).last()
    step = NetworkingStep.objects.filter(who=XSS).last()
    for kind, pk in {"case": case.pk, "step": step.pk, "course": items["course"], "skill": items["skill"]}.items():
        pages[f"the {kind} fragment"] = client.get(reverse(f"plans:{kind}", args=[pk]), **HTMX)
        pages[f"the {kind} edit form (htmx)"] = client.get(reverse(f"plans:{kind}_edit", args=[pk]), **HTMX)
        pages[f"the {kind} edit form (page)"] = client.get(reverse(f"plans:{kind}_edit", args=[pk]))
    pages["the htmx answer to a status change"] = client.post(
        reverse("plans:case_status", args=[case.pk]), {"status": "idea"}, **HTMX
    )
    NetworkingStep.objects.filter(pk=step.pk).update(follow_up_on=timezone.localdate())
    pages["the overview (a follow-up due)"] = client.get(reverse("plans:plan"))
    for name in ("portfolio", "networking", "courses", "skills"):
        pages[f"the {name} page"] = client.get(reverse(f"plans:{name}"))
    plan = Plan.objects.get(user=owner, status="active")
    client.post(reverse("plans:start", args=["ux"]), {"confirm": "switch"})
    pages["the archived plan page"] = client.get(reverse("plans:archived_detail", args=[plan.pk]))

    for where, response in pages.items():
        assert response.status_code in (200, 422), (where, response.status_code)
        assert_escaped(response.content.decode(), where)


def test_the_data_export_is_json_a_browser_will_not_render(owner, items):
    PortfolioCase.objects.filter(pk=items["case"]).update(title=XSS)
    response = signed_in(owner).get(reverse("accounts:export"))
    assert response["Content-Type"] == "application/json"
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"
    exported = json.loads(response.content)
    assert XSS in [case["title"] for case in exported["data"]["plans.portfoliocase"]]


# --- Links: http and https only --------------------------------------------------------

BAD_LINKS = [
    "javascript:alert(document.cookie)",
    "JavaScript:alert(1)",
    "  javascript:alert(1)",
    "java\tscript:alert(1)",
    "javascript://example.com/%0Aalert(1)",
    "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
    "vbscript:msgbox(1)",
    "file:///etc/passwd",
    "ftp://example.com/case.pdf",
    "mailto:me@example.com",
    "https://",
    "https://exa mple.com",
]
LINK_FIELDS = [("plans:case_edit", "case", "link"), ("plans:course_edit", "course", "certificate_url")]


@pytest.mark.parametrize("link", BAD_LINKS)
@pytest.mark.parametrize(("name", "item", "field_name"), LINK_FIELDS, ids=["case", "course"])
def test_links_other_than_http_and_https_are_refused(owner, items, name, item, field_name, link):
    data = {"title": "Checkout redesign", "status": "idea", "problem": "", "action": "", "outcome": ""}
    data = data if item == "case" else {"note": "", "target_date": ""}
    client = signed_in(owner)
    before = db_state()
    response = client.post(reverse(name, args=[items[item]]), {**data, field_name: link}, **HTMX)
    assert response.status_code == 422
    assert "Enter a web address starting with https://" in response.content.decode()
    assert changed_tables(before, db_state()) == []


@pytest.mark.parametrize("link", BAD_LINKS[:8])
def test_adding_a_case_with_a_bad_link_adds_nothing(owner, items, link):
    client = signed_in(owner)
    blank = {"problem": "", "action": "", "outcome": ""}
    response = client.post(reverse("plans:case_add"), {"title": "New", "status": "idea", "link": link, **blank})
    assert response.status_code == 422
    assert not PortfolioCase.objects.filter(title="New").exists()


@pytest.mark.parametrize("model", [PortfolioCase, CourseProgress])
def test_the_models_refuse_other_schemes_too(owner, items, model):
    # The admin and any future form get the same rule from the model field.
    row = model.objects.filter(user=owner).first()
    setattr(row, "link" if model is PortfolioCase else "certificate_url", "javascript:alert(1)")
    with pytest.raises(ValidationError, match="Enter a web address"):
        row.full_clean()


def test_links_shown_on_the_plan_are_all_web_links(owner, items):
    client = signed_in(owner)
    case = {"title": "A", "status": "idea", "problem": "", "action": "", "outcome": "", "link": "example.com/a"}
    client.post(reverse("plans:case_edit", args=[items["case"]]), case)
    client.post(
        reverse("plans:course_edit", args=[items["course"]]),
        {"note": "", "target_date": "", "certificate_url": "http://example.org/c"},
    )
    html = (
        client.get(reverse("plans:portfolio")).content.decode() + client.get(reverse("plans:courses")).content.decode()
    )
    user_links = re.findall(r'<a href="([^"]*)" rel="noopener noreferrer nofollow"', html)
    assert sorted(user_links) == ["http://example.org/c", "https://example.com/a"]


# --- Edit forms refuse incomplete or junk posts ----------------------------------------

EDIT_FORMS = [
    ("plans:course_edit", "completed_course", ["completed_on", "target_date", "note", "certificate_url"]),
    ("plans:skill_edit", "skill", ["note"]),
    ("plans:milestone_edit", "reached_milestone", ["target_date", "reached_on"]),
    ("plans:case_edit", "case", ["title", "status", "problem", "action", "outcome", "link"]),
    ("plans:step_edit", "step", ["who", "kind", "date", "follow_up_on", "notes"]),
]
HOSTILE = [
    "\x00",
    "bell\x07",
    "x" * 5000,
    "<script>alert(1)</script>",
    "2999-01-01",
    "1969-12-31",
    "javascript:alert(1)",
]


@pytest.mark.parametrize(("name", "item", "fields"), EDIT_FORMS, ids=[f[0] for f in EDIT_FORMS])
@pytest.mark.parametrize("htmx", [False, True], ids=["plain", "htmx"])
def test_an_edit_form_posted_incomplete_or_with_junk_changes_nothing(owner, items, name, item, fields, htmx):
    """(a) nothing, (b) each field alone with each hostile value: the form again, with errors; the export unchanged."""
    url = reverse(name, args=[items[item]])
    client = signed_in(owner)
    before = export(owner)["data"]
    posts = [{}, {"junk": "x"}] + [{field: value} for field in fields for value in HOSTILE]
    for posted in posts:
        response = client.post(url, posted, **(HTMX if htmx else {}))
        if set(posted) == set(fields) and response.status_code in (200, 302):
            # A one-field form posted whole with valid text (script included) is a real edit: stored whole.
            assert export(owner)["data"] != before
            before = export(owner)["data"]
            assert posted[fields[0]] in json.dumps(before, ensure_ascii=False, default=str), posted
            continue
        assert response.status_code == 422, (posted, response.status_code)
        html = response.content.decode()
        assert "invalid-feedback" in html and "<form" in html, posted
        assert export(owner)["data"] == before, posted
