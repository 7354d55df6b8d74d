"""Read-only plan links for mentors: made and shown once, stored as a hash, the
owner's current plan read-only, notes only when included, revoked at once."""

from __future__ import annotations

import datetime
import hashlib
import re
from urllib.parse import urlsplit

import pytest
from django.contrib.sessions.models import Session
from django.test import Client
from django.urls import resolve, reverse
from django.utils import timezone
from django.utils.html import escape

from careers.models import Track
from plans.models import NetworkingStep, Plan, PortfolioCase
from sharing.models import ShareLink
from tests.security.db_state import changed_tables, db_state

from .helpers import add_items, item_count

pytestmark = pytest.mark.django_db

LINK = re.compile(r"http://testserver/shared-plan/([A-Za-z0-9_-]{43})/")
NOTES = ["Owner's course note", "Owner's skill note", "Owner's networking note", "Owner's case problem"]


@pytest.fixture
def plan_with_notes(plan, owner) -> Plan:
    course = plan.course_rows()[0]
    course.note, course.certificate_url = NOTES[0], "https://example.com/certificate"
    course.save()
    course.set_status("completed")
    skill = plan.skill_rows()[0]
    skill.rating, skill.note = 3, NOTES[1]
    skill.save()
    NetworkingStep.objects.create(user=owner, who="Priya at Acme", notes=NOTES[2], done=True)
    PortfolioCase.objects.create(
        user=owner, track=plan.track, title="Checkout redesign", problem=NOTES[3], link="https://example.com/case"
    )
    return plan


def make_link(client: Client, label: str = "For Ana", notes: bool = False) -> str:
    """Make a link through the sharing page, as a person does; its full address, read from the page once."""
    data = {"label": label, **({"include_notes": "on"} if notes else {})}
    response = client.post(reverse("sharing:link_create"), data)
    assert response.status_code == 302
    assert response.url == reverse("sharing:manage")
    html = client.get(response.url).content.decode()
    (token,) = LINK.findall(html)
    return token


def shared(token: str, client: Client | None = None):
    return (client or Client()).get(f"/shared-plan/{token}/")


def shared_html(token: str, client: Client | None = None) -> str:
    response = shared(token, client)
    assert response.status_code == 200
    return response.content.decode()


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


# --- Making a link ----------------------------------------------------------------


def test_a_new_link_is_shown_once_and_only_its_hash_is_stored(owner_client, plan):
    token = make_link(owner_client)
    link = ShareLink.objects.get()
    assert link.label == "For Ana" and link.include_notes is False and link.last_opened is None
    assert link.token_hash == hashlib.sha256(token.encode()).hexdigest()
    # Nowhere in the database: not in any table, nor in the session once the page showed it.
    assert token not in repr(db_state())
    assert all(token not in repr(s.get_decoded()) for s in Session.objects.all())
    html = owner_client.get(reverse("sharing:manage")).content.decode()
    assert token not in html
    assert "For Ana" in html and "not opened yet" in html


def test_several_links_at_once_each_opens_the_plan(owner_client, plan):
    tokens = [make_link(owner_client, label) for label in ("For Ana", "For Ben", "For Chen")]
    assert len(set(tokens)) == 3
    for token in tokens:
        assert "Product management plan: The Technical Product Manager" in shared_html(token)


def test_a_link_label_is_required_and_one_line(owner_client, plan):
    before = db_state()
    for data in ({}, {"label": ""}, {"label": "For\nAna"}, {"label": "x" * 61}, {"label": "bell\x07"}):
        response = owner_client.post(reverse("sharing:link_create"), data)
        assert response.status_code == 422, data
        assert "invalid-feedback" in response.content.decode()
    assert changed_tables(before, db_state()) == []


def test_at_most_twenty_links(owner, owner_client, plan):
    for i in range(ShareLink.MAX_PER_USER):
        ShareLink.create(owner, label=f"Mentor {i}", include_notes=False)
    response = owner_client.post(reverse("sharing:link_create"), {"label": "One more"})
    assert response.status_code == 422
    assert "Revoke one you no longer need first." in response.content.decode()
    assert ShareLink.objects.count() == ShareLink.MAX_PER_USER


# --- What the link shows ------------------------------------------------------------


def test_shows_the_current_plan_its_progress_and_every_item_with_its_state(owner, plan_with_notes):
    _link, token = ShareLink.create(owner, label="For Ana", include_notes=False)
    html = shared_html(token)
    plan = Plan.objects.with_counts().get(pk=plan_with_notes.pk)
    assert f'<span class="overall-number">{plan.progress.overall_percent}%</span>' in html
    for key in ("checklist", "courses", "portfolio", "networking", "skills", "milestones"):
        assert f'id="{key}-heading"' in html
        assert plan.progress.section(key).text in html
    for row in [*plan.course_rows(), *plan.skill_rows(), *plan.milestone_rows(), *plan.checklist_rows()]:
        assert row.title in html
    assert "Priya at Acme" in html and "Checkout redesign" in html
    course = plan.course_rows()[0]
    assert re.search(rf"{re.escape(course.title)}</a></h3>\s*<span class=\"shared-state\">Completed</span>", html)
    assert '<span class="shared-state">3 Confident</span>' in html


def test_follows_the_person_to_their_new_track(owner, plan):
    _link, token = ShareLink.create(owner, label="For Ana", include_notes=False)
    Plan.start(owner, Track.objects.get(slug="ux"))
    html = shared_html(token)
    assert "Product management plan: The User Experience PM" in html
    Plan.objects.filter(user=owner).update(status=Plan.Status.ARCHIVED)
    assert "There is no active plan to show right now." in shared_html(token)


def test_notes_only_when_the_link_includes_them(owner, plan_with_notes):
    _without, plain = ShareLink.create(owner, label="For Ana", include_notes=False)
    _with, noted = ShareLink.create(owner, label="For Ben", include_notes=True)
    notes = [escape(note) for note in NOTES] + ["https://example.com/certificate", "https://example.com/case"]
    html = shared_html(plain)
    for note in notes:
        assert note not in html, note
    assert "(without their notes)" in html
    html = shared_html(noted)
    for note in notes:
        assert note in html, note


def test_shows_nothing_about_the_account(private_owner):
    Plan.start(private_owner, Track.objects.get(slug="technical"))
    _link, token = ShareLink.create(private_owner, label="For a secret mentor", include_notes=True)
    for client in (Client(), signed_in(private_owner)):
        html = shared_html(token, client)
        for private in (private_owner.email, private_owner.username, "For a secret mentor", "Signed in as"):
            assert private not in html, private


# Pages a shared plan may link to: read-only pages anyone may open.
READ_ONLY_PAGES = {
    "home",
    "careers:guide",
    "careers:courses",
    "careers:assessment",
    "account_login",
    "account_signup",
    "plans:plan",
}
URL_ATTRIBUTE = re.compile(r'\s(href|src|action|formaction|hx-[a-z-]+)="([^"]*)"')


def internal_urls(html: str) -> list[tuple[str, str]]:
    found = []
    for attribute, url in URL_ATTRIBUTE.findall(html):
        parts = urlsplit(url)
        if parts.scheme in ("http", "https") and parts.netloc != "testserver":
            continue  # a course's or a case's own site
        if not parts.path and not parts.query:
            continue  # a place on this page, such as the skip link's #main
        found.append((attribute, parts.path))
    return found


@pytest.mark.parametrize("viewer", ["anonymous", "owner", "stranger"])
def test_has_no_form_no_control_and_no_write_url(owner, stranger, plan_with_notes, viewer):
    _link, token = ShareLink.create(owner, label="For Ana", include_notes=True)
    client = {"anonymous": Client(), "owner": signed_in(owner), "stranger": signed_in(stranger)}[viewer]
    response = shared(token, client)
    html = response.content.decode()
    for control in ("<form", "<input", "<select", "<textarea", "csrf", "hx-headers", "hx-post"):
        assert control not in html.lower(), control
    main = html[html.index("<main") : html.index("</main>")]
    assert "<button" not in main  # the only button on the page opens the site's menu on a phone
    assert "csrftoken" not in response.cookies
    assert re.findall(r"\shx-[a-z-]+=", html) == []
    for attribute, path in internal_urls(html):
        if path.startswith("/static/"):
            continue
        name = resolve(path.removeprefix("/zh-hans")).view_name  # the same page in Chinese is as read-only
        assert name in READ_ONLY_PAGES or (name == "sharing:shared_plan" and token in path), (attribute, path)


def test_is_private_to_search_engines_and_sends_no_referrer(owner, plan):
    _link, token = ShareLink.create(owner, label="For Ana", include_notes=False)
    response = shared(token)
    assert '<meta name="robots" content="noindex, nofollow">' in response.content.decode()
    assert response["X-Robots-Tag"] == "noindex"
    assert response["Referrer-Policy"] == "no-referrer"
    assert "no-store" in response["Cache-Control"]
    assert Client().post(f"/shared-plan/{token}/").status_code == 405


# --- Revoked, tampered, someone else's ------------------------------------------------


def test_a_revoked_link_is_404_at_once(owner, owner_client, plan):
    token = make_link(owner_client)
    assert shared(token).status_code == 200
    link = ShareLink.objects.get()
    response = owner_client.post(reverse("sharing:link_revoke", args=[link.pk]))
    assert response.status_code == 302
    assert not ShareLink.objects.exists()
    assert shared(token).status_code == 404
    assert shared(token, owner_client).status_code == 404


def test_revoking_one_link_leaves_the_others(owner, owner_client, plan):
    first, second = make_link(owner_client, "For Ana"), make_link(owner_client, "For Ben")
    owner_client.post(reverse("sharing:link_revoke", args=[ShareLink.objects.get(label="For Ana").pk]))
    assert shared(first).status_code == 404
    assert shared(second).status_code == 200


def tampered(token: str) -> list[str]:
    flip = "A" if token[0] != "A" else "B"
    return [
        flip + token[1:],
        token[:-1] + ("x" if token[-1] != "x" else "y"),
        token[:-1],
        token + "A",
        token.swapcase(),
        token[::-1],
        "A" * 43,
        hashlib.sha256(token.encode()).hexdigest()[:43],  # the stored hash is not a key either
    ]


def test_a_tampered_link_is_404(owner, plan):
    _link, token = ShareLink.create(owner, label="For Ana", include_notes=False)
    for other in tampered(token):
        assert other != token
        assert shared(other).status_code == 404, other
    for path in (f"/shared-plan/{token}/x/", "/shared-plan/../", "/shared-plan/%00/"):
        assert Client().get(path).status_code == 404, path


def test_another_users_token_never_shows_your_plan(owner, stranger, plan_with_notes, stranger_plan):
    _mine, mine = ShareLink.create(owner, label="For Ana", include_notes=True)
    _theirs, theirs = ShareLink.create(stranger, label="For Ben", include_notes=True)
    for client in (Client(), signed_in(owner), signed_in(stranger)):
        html = shared_html(theirs, client)
        assert "The User Experience PM" in html and "Stranger&#x27;s contact" in html
        for text in ("The Technical Product Manager", "Priya at Acme", *map(escape, NOTES)):
            assert text not in html, text
        html = shared_html(mine, client)
        assert "The Technical Product Manager" in html and "Priya at Acme" in html
        assert "Stranger" not in html


# --- Last opened -----------------------------------------------------------------------


def test_last_opened_is_written_at_most_once_a_minute(owner, plan):
    link, token = ShareLink.create(owner, label="For Ana", include_notes=False)
    shared(token)
    link.refresh_from_db()
    first = link.last_opened
    assert first is not None and timezone.now() - first < datetime.timedelta(seconds=30)
    shared(token)
    link.refresh_from_db()
    assert link.last_opened == first
    earlier = timezone.now() - datetime.timedelta(minutes=2)
    ShareLink.objects.filter(pk=link.pk).update(last_opened=earlier)
    shared(token)
    link.refresh_from_db()
    assert link.last_opened > earlier + datetime.timedelta(minutes=1)


def test_the_owner_looking_at_their_own_link_does_not_count(owner, plan):
    link, token = ShareLink.create(owner, label="For Ana", include_notes=False)
    shared(token, signed_in(owner))
    link.refresh_from_db()
    assert link.last_opened is None


def test_the_sharing_page_says_when_each_link_was_made_and_last_opened(owner, owner_client, plan):
    link, _token = ShareLink.create(owner, label="For Ana", include_notes=True)
    ShareLink.objects.filter(pk=link.pk).update(created=datetime.datetime(2026, 3, 4, 9, 5, tzinfo=datetime.UTC))
    html = owner_client.get(reverse("sharing:manage")).content.decode()
    assert "With your notes · made 4 Mar 2026, 09:05 · not opened yet" in html
    ShareLink.objects.filter(pk=link.pk).update(last_opened=datetime.datetime(2026, 3, 5, 18, 30, tzinfo=datetime.UTC))
    html = owner_client.get(reverse("sharing:manage")).content.decode()
    assert "made 4 Mar 2026, 09:05 · last opened 5 Mar 2026, 18:30" in html


# --- Cost -------------------------------------------------------------------------------

# The link, the active plan with its counts, then one query per section.
SHARED_PLAN_QUERIES = 8


@pytest.mark.parametrize("extra", [0, 170], ids=["small plan", "500-item plan"])
def test_the_shared_plan_runs_the_same_queries_at_any_size(owner, plan, extra, django_assert_num_queries):
    add_items(plan, extra)
    assert (extra == 0 and item_count(plan) < 30) or item_count(plan) >= 500
    _link, token = ShareLink.create(owner, label="For Ana", include_notes=True)
    with django_assert_num_queries(SHARED_PLAN_QUERIES + 1):  # the first opening writes "last opened"
        shared_html(token)
    with django_assert_num_queries(SHARED_PLAN_QUERIES):
        html = shared_html(token)
    assert html.count('<li class="shared-item') == item_count(plan)
