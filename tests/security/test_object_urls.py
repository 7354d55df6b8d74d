"""Every URL of the project, found by walking the URL resolver, is checked for who may use it.

A URL that takes a parameter either names an object that belongs to someone
(REGISTRY: the owner succeeds, any other signed-in user gets 404, an anonymous
visitor is sent to log in) or is on the short PUBLIC list with the reason why
its parameter is not anyone's data. A URL added later that is on neither list
fails `test_every_parameterised_url_is_checked` with its name.

Every URL that accepts a POST is a change: GET on it answers 405 (unless it is
a FORM_PAGE, whose GET shows the form and changes nothing), and a POST without
a CSRF token answers 403 and changes nothing.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from accounts.data import rows_owned_by
from accounts.models import CalendarFeed
from accounts.reminders import unsubscribe_token
from careers.models import AssessmentResult, Track, assessment_questions
from plans.models import NetworkingStep, Plan, PortfolioCase, SuggestedStep
from sharing.models import PublicProfile, ShareLink
from tests.conftest import PASSWORD, make_user
from tests.security.db_state import changed_tables, db_state

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}


# --- The project's URLs, from the resolver ------------------------------------


@dataclass(frozen=True)
class Route:
    name: str  # "plans:course_status"; "" when the pattern has no name
    route: str  # the full pattern, e.g. "plan/courses/<int:pk>/status/"
    params: tuple[str, ...]
    module: str  # the urlconf module that declares it


def walk(patterns=None, prefix: str = "", namespace: str = "", module: str = "", params=()) -> Iterator[Route]:
    for entry in get_resolver().url_patterns if patterns is None else patterns:
        found = (*params, *entry.pattern.regex.groupindex)
        if isinstance(entry, URLResolver):
            inner = ":".join(n for n in (namespace, entry.namespace) if n)
            conf = entry.urlconf_module
            name = conf.__name__ if hasattr(conf, "__name__") else module
            yield from walk(entry.url_patterns, prefix + str(entry.pattern), inner, name, found)
        elif isinstance(entry, URLPattern):
            name = f"{namespace}:{entry.name}" if namespace and entry.name else entry.name or ""
            yield Route(name, prefix + str(entry.pattern), found, module or "pmplanner.urls")


ALL_ROUTES = list(walk())

# Django's admin is not walked here: every admin view is wrapped in
# admin_site.admin_view, which sends anyone but active staff to the admin login
# (test_admin_refuses_non_staff below proves it for each admin URL); its object
# ids are content and accounts that only staff manage.
ADMIN_NAMESPACE = "admin"
# allauth's own views take no object ids: their parameters are one-time secret
# keys (email confirmation, password reset) that allauth itself checks. Their
# CSRF protection is still checked below (test_allauth_forms_refuse_post_without_csrf).
ALLAUTH_MODULE = "allauth."


def is_admin(route: Route) -> bool:
    return route.name.split(":")[0] == ADMIN_NAMESPACE or route.route.startswith("admin/")


def is_allauth(route: Route) -> bool:
    return route.module.startswith(ALLAUTH_MODULE)


PROJECT_ROUTES = [r for r in ALL_ROUTES if not is_admin(r) and not is_allauth(r)]
PARAMETERISED = [r for r in PROJECT_ROUTES if r.params]


def fill(route: str, values: dict[str, str]) -> str:
    """The path of an unnamed pattern: each parameter replaced by its value."""
    path = re.sub(r"<(?:\w+:)?(\w+)>", lambda m: values[m.group(1)], route)
    path = re.sub(r"\(\?P<(\w+)>[^)]*\)", lambda m: values[m.group(1)], path)
    return "/" + path.replace("^", "").replace("$", "")


# --- What each parameterised URL needs --------------------------------------


@dataclass(frozen=True)
class Call:
    method: str  # "get" or "post"
    data: dict = field(default_factory=dict)
    ok: tuple[int, ...] = (200, 302)  # the owner's normal success


@dataclass(frozen=True)
class Target:
    kwargs: dict
    calls: tuple[Call, ...]
    # "login": anonymous visitors are sent to log in. "404": the view serves
    # anonymous visitors too (their own session's object), so another's is 404.
    anonymous: str = "login"


Factory = Callable[[object], Target]


def active_plan(user) -> Plan:
    return Plan.objects.filter(user=user, status=Plan.Status.ACTIVE).first() or Plan.start(
        user, Track.objects.get(slug="technical")
    )


def archived_plan(user) -> Plan:
    archived = Plan.start(user, Track.objects.get(slug="ux"))
    Plan.start(user, Track.objects.get(slug="technical"))
    archived.refresh_from_db()
    return archived


ITEM_OF_KIND: dict[str, Callable[[Plan], int]] = {
    "checklist": lambda plan: plan.checklist_rows()[0].pk,
    "course": lambda plan: plan.course_rows()[0].pk,
    "skill": lambda plan: plan.skill_rows()[0].pk,
    "milestone": lambda plan: plan.milestone_rows()[0].pk,
    "case": lambda plan: PortfolioCase.objects.create(user=plan.user, title="My case").pk,
    "step": lambda plan: NetworkingStep.objects.create(user=plan.user, who="A mentor").pk,
}


def item(kind: str, *calls: Call) -> Factory:
    def factory(user) -> Target:
        return Target({"pk": ITEM_OF_KIND[kind](active_plan(user))}, calls)

    return factory


def assessment_result(user) -> Target:
    questions = assessment_questions()
    chosen = {q.slug: q.options.all()[0].slug for q in questions}
    result = AssessmentResult.record(questions, chosen, user=user)
    return Target({"pk": result.pk}, (Call("get", ok=(200,)),), anonymous="404")


def plan_target(*calls: Call) -> Factory:
    return lambda user: Target({"pk": archived_plan(user).pk}, calls)


SHOW = Call("get", ok=(302,))  # an item alone is an htmx fragment; a plain GET goes to it on its section page
EDIT_FORM = Call("get", ok=(200,))
DELETE = Call("post", ok=(302,))


def change(**data) -> Call:
    return Call("post", data, ok=(302,))


REGISTRY: dict[str, Factory] = {
    "careers:assessment_result": assessment_result,
    "plans:archived_detail": plan_target(Call("get", ok=(200,))),
    "plans:activate": plan_target(change()),
    "plans:checklist_done": item("checklist", change(done="true")),
    "plans:course": item("course", SHOW),
    "plans:course_status": item("course", change(status="in_progress")),
    "plans:course_edit": item("course", EDIT_FORM, change(note="Mine", target_date="", certificate_url="")),
    "plans:case": item("case", SHOW),
    "plans:case_status": item("case", change(status="drafting")),
    "plans:case_edit": item(
        "case", EDIT_FORM, change(title="Mine", status="idea", problem="", action="", outcome="", link="")
    ),
    "plans:case_delete": item("case", DELETE),
    "plans:step": item("step", SHOW),
    "plans:step_done": item("step", change(done="true")),
    "plans:step_edit": item("step", EDIT_FORM, change(who="Mine", kind="event", date="", follow_up_on="", notes="")),
    "plans:step_delete": item("step", DELETE),
    "plans:skill": item("skill", SHOW),
    "plans:skill_rating": item("skill", change(rating="3")),
    "plans:skill_edit": item("skill", EDIT_FORM, change(note="Mine")),
    "plans:milestone": item("milestone", SHOW),
    "plans:milestone_reached": item("milestone", change(reached="true")),
    "plans:milestone_edit": item("milestone", EDIT_FORM, change(target_date="2031-01-31")),
    "sharing:link_revoke": lambda user: Target(
        {"pk": ShareLink.create(user, label="For Ana", include_notes=False)[0].pk}, (change(),)
    ),
}


def public_page(user, **fields) -> PublicProfile:
    return PublicProfile.objects.create(user=user, display_name="Ana", published=True, **fields)


# Parameterised URLs whose parameter names public content or a step of the
# caller's own session, never someone's stored data. Keep this list short.
PUBLIC: dict[str, tuple[str, Factory]] = {
    "careers:track": (
        "a career track's public page; the slug names content, not anyone's data",
        lambda user: Target({"slug": "technical"}, (Call("get", ok=(200,)),)),
    ),
    "careers:assessment_step": (
        "a step number of the assessment kept in the caller's own session; no stored object",
        lambda user: Target({"number": 1}, (Call("get", ok=(200,)), Call("post", {"answer": "agree"}))),
    ),
    "plans:start": (
        "a public track's slug; the plan it starts or re-activates is always the caller's own",
        lambda user: Target({"slug": "strategic"}, (Call("post", {"confirm": "switch"}, ok=(302,)),)),
    ),
    "plans:networking_add_suggested": (
        "a public suggestion's slug; the step is added to the caller's own active plan",
        lambda user: Target({"slug": SuggestedStep.objects.first().slug}, (Call("post", ok=(302,)),)),
    ),
    "sharing:csv": (
        "a section's key; the file holds the caller's own active plan",
        lambda user: Target({"section": "courses"}, (Call("get", ok=(200,)),)),
    ),
    # Token URLs: they work signed out, for whoever holds the address (tests/sharing/ checks
    # unpublished, revoked, tampered and someone else's addresses: 404).
    "sharing:portfolio": (
        "a portfolio page its owner published under this name, for anyone; read-only",
        lambda user: Target({"slug": public_page(user, slug=f"page-{user.pk}").slug}, (Call("get", ok=(200,)),)),
    ),
    "sharing:portfolio_by_token": (
        "a portfolio page its owner published at this random address, for anyone; read-only",
        lambda user: Target({"token": public_page(user).token}, (Call("get", ok=(200,)),)),
    ),
    "sharing:shared_plan": (
        "a plan link's secret: whoever holds it reads that plan, until its owner revokes it; read-only",
        lambda user: Target(
            {"token": ShareLink.create(user, label="For Ana", include_notes=True)[1]}, (Call("get", ok=(200,)),)
        ),
    ),
    # Token URLs that work signed out: the token is the key. Their checks (another
    # user's token, a reset or tampered one) are in tests/plans/test_calendar.py
    # and tests/accounts/test_reminders.py.
    "plans:calendar_feed": (
        "a random per-user calendar token, not an id: calendar apps have no session; reset, the old one is 404",
        lambda user: Target(
            {"token": CalendarFeed.objects.get_or_create(user=user)[0].token}, (Call("get", ok=(200,)),)
        ),
    ),
    "accounts:unsubscribe": (
        "a signed token (django.core.signing) from a reminder email; it can only turn the named user's reminders off",
        lambda user: Target({"token": unsubscribe_token(user)}, (Call("get", ok=(200,)), Call("post", ok=(200,)))),
    ),
}

# URLs that accept POST and whose GET shows the very form they submit. Their
# GET changes nothing (checked); every other URL that accepts POST refuses GET.
FORM_PAGES = {
    "plans:course_edit": "the edit form of a course, for browsers without JavaScript",
    "plans:case_edit": "the edit form of a portfolio case",
    "plans:step_edit": "the edit form of a networking step",
    "plans:case_add": "the form to add a portfolio case",
    "plans:networking_add": "the form to log a networking step",
    "plans:skill_edit": "the edit form of a skill note",
    "plans:milestone_edit": "the edit form of a milestone",
    "careers:assessment_step": "an assessment question; POST answers it",
    "accounts:delete": "the confirm-with-your-password page",
    "plans:plan_target": "the plan's target date form, for browsers without JavaScript",
    "accounts:unsubscribe": "asks before turning reminders off (mail scanners follow links); POST turns them off",
}

# URLs that take a POST without a CSRF token, and why that is safe.
CSRF_EXEMPT = {
    "accounts:unsubscribe": "RFC 8058 one-click unsubscribe: mail apps POST without a session or token; the signed "
    "token in the URL is the key, and the POST can only turn reminders off",
}


def target_for(name: str, user) -> Target:
    if name in REGISTRY:
        return REGISTRY[name](user)
    if name in PUBLIC:
        return PUBLIC[name][1](user)
    return Target({}, ())


# --- Users ------------------------------------------------------------------


@pytest.fixture
def stranger_with_data(stranger):
    """A stranger with plans of the same shape as the owner's, so a 404 is about ownership."""
    archived_plan(stranger)
    PortfolioCase.objects.create(user=stranger, title="Stranger's case")
    active_plan(stranger)
    return stranger


def signed_in(user, **kwargs) -> Client:
    client = Client(**kwargs)
    client.force_login(user)
    return client


def request(client: Client, call: Call, url: str, **headers):
    return getattr(client, call.method)(url, call.data, **headers)


# --- The lists stay complete and honest --------------------------------------


def test_every_parameterised_url_is_checked():
    unchecked = sorted(r.name or r.route for r in PARAMETERISED if r.name not in REGISTRY and r.name not in PUBLIC)
    assert not unchecked, (
        f"These URLs take a parameter but have no access check: {', '.join(unchecked)}. Add each to REGISTRY in "
        "tests/security/test_object_urls.py (a function creating an object owned by `owner`), or to PUBLIC with "
        "the reason its parameter names no one's data."
    )


def test_the_lists_name_only_urls_that_exist():
    names = {r.name for r in PROJECT_ROUTES}
    stale = sorted((set(REGISTRY) | set(PUBLIC) | set(FORM_PAGES) | set(CSRF_EXEMPT)) - names)
    assert not stale, f"Listed in tests/security/test_object_urls.py but no longer a URL: {', '.join(stale)}"
    assert not set(REGISTRY) & set(PUBLIC), "A URL cannot be both someone's object and public."


def test_the_walk_finds_urls_of_every_app():
    # Guards the walker itself: an include it failed to enter would hide its URLs from every check here.
    names = {r.name for r in ALL_ROUTES}
    assert {"home", "careers:assessment_result", "plans:course_status", "accounts:delete"} <= names
    assert {"account_login", "admin:index"} <= names
    assert len(PARAMETERISED) >= len(REGISTRY) + len(PUBLIC)


# --- Objects: the owner, a stranger, an anonymous visitor ---------------------

OWNED_NAMES = sorted(r.name for r in PARAMETERISED if r.name not in PUBLIC)


def calls_of(name: str, owner) -> tuple[Target, tuple[Call, ...]]:
    if name not in REGISTRY:
        pytest.fail(f"{name} takes an object id but has no entry in REGISTRY (tests/security/test_object_urls.py).")
    target = REGISTRY[name](owner)
    return target, target.calls


@pytest.mark.parametrize("name", OWNED_NAMES)
def test_owner_succeeds(owner, name):
    target, calls = calls_of(name, owner)
    url = reverse(name, kwargs=target.kwargs)
    for call in calls:
        response = request(signed_in(owner), call, url)
        assert response.status_code in call.ok, (call, response.status_code)
        if response.status_code == 302:
            assert not response.url.startswith(reverse("account_login")), response.url


@pytest.mark.parametrize("htmx", [False, True], ids=["plain", "htmx"])
@pytest.mark.parametrize("name", OWNED_NAMES)
def test_stranger_gets_404_and_nothing_changes(owner, stranger_with_data, name, htmx):
    target, calls = calls_of(name, owner)
    url = reverse(name, kwargs=target.kwargs)
    client = signed_in(stranger_with_data)
    for call in calls:
        before = db_state()
        response = request(client, call, url, **(HTMX if htmx else {}))
        assert response.status_code == 404, (call, response.status_code)
        assert changed_tables(before, db_state()) == []


@pytest.mark.parametrize("name", OWNED_NAMES)
def test_anonymous_is_sent_to_login_and_nothing_changes(owner, name):
    target, calls = calls_of(name, owner)
    url = reverse(name, kwargs=target.kwargs)
    for call in calls:
        before = db_state()
        response = request(Client(), call, url)
        if target.anonymous == "404":
            assert response.status_code == 404, (call, response.status_code)
        else:
            assert response.status_code == 302, (call, response.status_code)
            assert response.url == f"{reverse('account_login')}?next={url}"
        assert changed_tables(before, db_state()) == []


def test_an_anonymous_result_is_seen_by_its_own_session_only(client, stranger):
    # Anonymous visitors can take the assessment, so results are tied to the session that made them.
    questions = assessment_questions()
    result = AssessmentResult.record(questions, {q.slug: q.options.all()[0].slug for q in questions})
    session = client.session
    session[AssessmentResult.SESSION_KEY] = result.pk
    session.save()
    url = reverse("careers:assessment_result", args=[result.pk])
    assert client.get(url).status_code == 200
    assert Client().get(url).status_code == 404
    assert signed_in(stranger).get(url).status_code == 404


def owned_rows(user) -> dict[str, list[dict]]:
    """Every row that belongs to the user (what deleting them would remove)."""
    return {
        model._meta.label_lower: [model._base_manager.filter(pk=obj.pk).values()[0] for obj in objs]
        for model, objs in rows_owned_by(user).items()
    }


@pytest.mark.parametrize("name", sorted(PUBLIC))
def test_public_urls_act_only_on_the_callers_own_data(owner, stranger_with_data, name):
    PortfolioCase.objects.create(user=owner, title="Owner's case")
    archived_plan(owner)
    before = owned_rows(owner)
    target = PUBLIC[name][1](stranger_with_data)
    for call in target.calls:
        response = request(signed_in(stranger_with_data), call, reverse(name, kwargs=target.kwargs))
        assert response.status_code in call.ok, (call, response.status_code)
    assert owned_rows(owner) == before


# --- Changes: POST only, and never without a CSRF token -----------------------

ALL_PROJECT_NAMES = sorted(r.name for r in PROJECT_ROUTES)

# A successful POST to each change URL without parameters (those with
# parameters have theirs in REGISTRY or PUBLIC).
POSTS: dict[str, Call] = {
    "careers:assessment_start": Call("post", ok=(302,)),
    "plans:case_add": change(title="A new case", status="idea", problem="", action="", outcome="", link=""),
    "plans:networking_add": change(who="A meetup", kind="event", date="", follow_up_on="", notes=""),
    "accounts:delete": change(password=PASSWORD),
    "accounts:profile": change(display_name="Maya"),
    "accounts:theme": change(theme="dark"),
    "set_language": change(language="zh-hans", next="/"),
    "sharing:profile": change(display_name="Ana Lee", headline="", slug="", published="on"),
    "sharing:link_create": change(label="For Ana"),
    "plans:plan_target": change(target_date="2027-01-31"),
    "accounts:reminders": change(frequency="weekly", weekday="0", hour="8", time_zone="Europe/Berlin"),
    "accounts:calendar_new": Call("post", ok=(302,)),
    "accounts:calendar_off": Call("post", ok=(302,)),
}


def csrf_token(client: Client) -> str:
    return str(client.get(reverse("home")).context["csrf_token"])


@pytest.mark.parametrize("name", ALL_PROJECT_NAMES)
def test_changes_refuse_get_and_post_without_csrf(owner, name):
    active_plan(owner)
    target = target_for(name, owner)
    url = reverse(name, kwargs=target.kwargs)
    post = next((c for c in target.calls if c.method == "post"), POSTS.get(name))

    client = signed_in(owner, enforce_csrf_checks=True)
    before = db_state()
    get = client.get(url)
    no_token = client.post(url, post.data if post else {})
    assert changed_tables(before, db_state()) == [], "a GET, or a POST without a CSRF token, changed the database"

    # With the token htmx sends (the X-CSRFToken header from <body hx-headers>) the same POST goes through.
    with_token = client.post(url, post.data if post else {}, HTTP_X_CSRFTOKEN=csrf_token(client))
    if with_token.status_code == 405:
        assert get.status_code != 405, f"{name} answers neither GET nor POST"
        return
    assert post is not None, f"{name} accepts POST: add a successful POST for it to POSTS (or its REGISTRY entry)"
    assert with_token.status_code in post.ok, (with_token.status_code, post)
    assert no_token.status_code == (post.ok[0] if name in CSRF_EXEMPT else 403)
    if name in FORM_PAGES:
        assert get.status_code == 200
    else:
        assert get.status_code == 405, f"{name} changes data on POST, so GET must answer 405 (or be in FORM_PAGES)"


ALLAUTH_ROUTES = [r for r in ALL_ROUTES if is_allauth(r)]


@pytest.mark.parametrize("route", ALLAUTH_ROUTES, ids=lambda r: r.name)
def test_allauth_forms_refuse_post_without_csrf(owner, route):
    url = reverse(route.name, kwargs=dict.fromkeys(route.params, "1-x"))
    client = signed_in(owner, enforce_csrf_checks=True)
    before = db_state()
    response = client.post(url, {"email": "owner@example.com"})
    assert response.status_code == 403
    assert changed_tables(before, db_state()) == []


# --- The admin: staff only ----------------------------------------------------

ADMIN_ROUTES = [r for r in ALL_ROUTES if is_admin(r) and r.name not in {"admin:login", "admin:logout"}]
ADMIN_VALUES = {"object_id": "1", "content_type_id": "1", "id": "1", "app_label": "careers", "url": "no-such-page/"}


@pytest.mark.parametrize("route", ADMIN_ROUTES, ids=lambda r: r.name or r.route)
def test_admin_refuses_non_staff(owner, route):
    # admin:login is the page they are sent to; admin:logout only logs out.
    url = fill(route.route, ADMIN_VALUES)
    for client in (Client(), signed_in(owner)):
        response = client.get(url)
        assert response.status_code == 302, (url, response.status_code)
        assert response.url.startswith(reverse("admin:login")), response.url


def test_staff_reach_the_admin(client):
    client.force_login(make_user("editor@example.com", staff=True))
    assert client.get(reverse("admin:index")).status_code == 200
