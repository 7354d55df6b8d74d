"""Content pages keep their rendered content in the cache, keyed by the content version.

A warm page runs the version query and the visitor's own queries only; a staff
edit shows on the very next request; and nothing one visitor sees (sign-in
state, plan buttons, CSRF token, messages) reaches another through the cache.
Every test starts with an empty cache (tests/conftest.py).
"""

from __future__ import annotations

import re

import pytest
from django.core.cache import caches
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from careers.models import ContentBlock, ContentVersion, Course, Habit, Track
from plans.models import Plan

pytestmark = pytest.mark.django_db

UX_COURSE = "UX Design Professional Certificate"
STRATEGIC_COURSE = "Product Analytics and AI"
GENERAL_COURSE = "IBM Product Manager Professional Certificate"

# Queries a warm page runs: the content version (for the track and course
# pages, read together with the track list), plus the session and the user
# when signed in, plus the visitor's plans for the "Start this track" button.
WARM = {
    "home": (1, 3),
    "track": (1, 4),
    "guide": (1, 3),
    "courses": (1, 3),
    "courses of a track": (1, 3),
    "general courses": (1, 3),
}


def url_of(screen: str) -> str:
    return {
        "home": reverse("home"),
        "track": reverse("careers:track", args=["technical"]),
        "guide": reverse("careers:guide"),
        "courses": reverse("careers:courses"),
        "courses of a track": reverse("careers:courses") + "?track=ux",
        "general courses": reverse("careers:courses") + "?track=general",
    }[screen]


def html(client: Client, url: str, status: int = 200) -> str:
    response = client.get(url)
    assert response.status_code == status
    return response.content.decode()


def count_cold_queries(client: Client, url: str) -> int:
    caches["fragments"].clear()
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


class TestWarmPagesRunFewerQueries:
    @pytest.mark.parametrize("screen", WARM)
    def test_anonymous(self, client, screen, django_assert_num_queries):
        url = url_of(screen)
        cold = count_cold_queries(client, url)
        with django_assert_num_queries(WARM[screen][0]) as queries:
            client.get(url)
        assert len(queries) < cold
        # The one query reads the content version, never the content itself.
        assert "careers_contentversion" in queries.captured_queries[0]["sql"]

    @pytest.mark.parametrize("screen", WARM)
    def test_signed_in(self, owner_client, owner, screen, django_assert_num_queries):
        Plan.start(owner, Track.objects.get(slug="ux"))
        url = url_of(screen)
        cold = count_cold_queries(owner_client, url)
        with django_assert_num_queries(WARM[screen][1]) as queries:
            owner_client.get(url)
        assert len(queries) < cold

    def test_one_visitor_warms_the_page_for_everyone(self, client, owner, django_assert_num_queries):
        html(client, url_of("guide"))
        other = Client()
        other.force_login(owner)
        with django_assert_num_queries(WARM["guide"][1]):
            other.get(url_of("guide"))


class TestEditsShowOnTheNextRequest:
    def test_course_title(self, client):
        course = Course.objects.get(title=UX_COURSE)
        pages = [course.tracks.get().get_absolute_url(), url_of("courses"), url_of("courses of a track")]
        for url in pages:
            assert UX_COURSE in html(client, url)
        course.title = "Designing for people, renamed"
        course.save()
        for url in pages:
            page = html(client, url)
            assert "Designing for people, renamed" in page and UX_COURSE not in page, url

    @pytest.mark.parametrize(
        "slug, screens", [("begin", ["guide", "courses"]), ("disclaimer", ["guide", "courses", "general courses"])]
    )
    def test_content_block_on_every_page_that_shows_it(self, client, slug, screens):
        block = ContentBlock.objects.get(slug=slug)
        for screen in screens:
            assert block.body in html(client, url_of(screen))
        block.body = "Copy rewritten by staff."
        block.save()
        for screen in screens:
            assert "Copy rewritten by staff." in html(client, url_of(screen)), screen

    def test_track_name(self, client):
        track = Track.objects.get(slug="strategic")
        pages = [url_of("home"), track.get_absolute_url(), url_of("track"), url_of("guide"), url_of("courses")]
        for url in pages:
            html(client, url)
        track.name = "The Business-Minded PM"
        track.short_name = "Business PM"
        track.save()
        assert "The Business-Minded PM" in html(client, url_of("home"))
        own_page = html(client, track.get_absolute_url())
        assert "<h1>The Business-Minded PM</h1>" in own_page and "<title>The Business-Minded PM" in own_page
        assert "The Business-Minded PM" in html(client, url_of("track"))  # "Compare with" on another track
        assert "Business PM" in html(client, url_of("guide"))
        assert "The Business-Minded PM" in html(client, url_of("courses"))

    def test_deleted_course_disappears(self, client):
        course = Course.objects.get(title=STRATEGIC_COURSE)
        pages = [course.tracks.get().get_absolute_url(), url_of("courses"), url_of("courses") + "?track=strategic"]
        for url in pages:
            assert STRATEGIC_COURSE in html(client, url)
        course.delete()
        for url in pages:
            assert STRATEGIC_COURSE not in html(client, url), url

    def test_deleted_track_page_and_filter_become_404(self, client):
        track = Track.objects.get(slug="strategic")
        html(client, track.get_absolute_url())
        html(client, url_of("courses") + "?track=strategic")
        track.delete()
        html(client, track.get_absolute_url(), status=404)
        html(client, url_of("courses") + "?track=strategic", status=404)
        assert "The Strategic Product Manager" not in html(client, url_of("home"))

    def test_staff_edit_and_delete_through_the_admin(self, client, staff):
        habit = Habit.objects.order_by("order").first()
        for url in (url_of("guide"),):
            assert habit.text in html(client, url)
        admin = Client()
        admin.force_login(staff)
        change = reverse("admin:careers_habit_change", args=[habit.pk])
        response = admin.post(
            change, {"slug": habit.slug, "order": habit.order, "text_en": "Read one product teardown."}
        )
        assert response.status_code == 302
        for url in (url_of("guide"),):
            page = html(client, url)
            assert "Read one product teardown." in page and habit.text not in page, url
        response = admin.post(reverse("admin:careers_habit_delete", args=[habit.pk]), {"post": "yes"})
        assert response.status_code == 302
        for url in (url_of("guide"),):
            assert "Read one product teardown." not in html(client, url), url

    def test_without_a_stored_version_nothing_is_served_from_the_cache(self, client):
        ContentVersion.objects.all().delete()
        html(client, url_of("guide"))
        # An edit that sends no signal (a bulk update) still shows: every
        # request had a version of its own, so no cached fragment matched.
        ContentBlock.objects.filter(slug="intro").update(body="Written while no version was stored.")
        assert "Written while no version was stored." in html(client, url_of("guide"))


class TestVisitorsOwnPartsUnderAWarmCache:
    def test_home_shows_each_visitor_their_own_state(self, client, owner, stranger):
        owner_client, stranger_client = Client(), Client()
        owner_client.force_login(owner)
        stranger_client.force_login(stranger)

        page = html(owner_client, url_of("home"))
        assert 'Your account: </span><span class="account-name">owner<' in page
        assert "Go to my plan" in page and "no account needed" not in page
        page = html(stranger_client, url_of("home"))
        assert ">stranger<" in page and ">owner<" not in page
        page = html(client, url_of("home"))
        assert "no account needed" in page and "Log in" in page
        assert "Your account" not in page and "Go to my plan" not in page

    def test_track_page_plan_button_is_the_visitors(self, client, owner, stranger):
        technical = Track.objects.get(slug="technical")
        Plan.start(owner, technical)
        owner_client, stranger_client = Client(), Client()
        owner_client.force_login(owner)
        stranger_client.force_login(stranger)
        url = technical.get_absolute_url()

        assert "This is your active plan." in html(owner_client, url)
        page = html(stranger_client, url)
        assert "Start this track" in page and "This is your active plan." not in page
        page = html(client, url)
        assert "Sign up to start this track" in page and "Start this track</button>" not in page
        assert "This is your active plan." in html(owner_client, url)

    def test_csrf_token_on_a_warm_track_page_is_the_visitors_own(self, owner, stranger):
        technical = Track.objects.get(slug="technical")
        warmer = Client()
        warmer.force_login(stranger)
        html(warmer, technical.get_absolute_url())

        visitor = Client(enforce_csrf_checks=True)
        visitor.force_login(owner)
        page = html(visitor, technical.get_absolute_url())
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
        response = visitor.post(reverse("plans:start", args=["technical"]), {"csrfmiddlewaretoken": token})
        assert response.status_code == 302
        assert Plan.objects.get(user=owner).track == technical

    def test_messages_show_once_on_a_warm_page(self, owner_client):
        html(Client(), url_of("home"))
        response = owner_client.post(reverse("account_logout"), follow=True)
        assert response.redirect_chain[-1][0] == url_of("home")
        assert "You have logged out." in response.content.decode()
        assert "You have logged out." not in html(owner_client, url_of("home"))


class TestCourseFilters:
    def test_each_filter_shows_its_own_courses_and_selection(self, client):
        variants = ["courses", "courses of a track", "general courses"]
        for screen in variants:  # warm every variant first
            html(client, url_of(screen))
        everything = html(client, url_of("courses"))
        assert UX_COURSE in everything and STRATEGIC_COURSE in everything and GENERAL_COURSE in everything
        assert '<option value="" selected>All tracks</option>' in everything and '"ux" selected' not in everything
        ux = html(client, url_of("courses of a track"))
        assert UX_COURSE in ux and STRATEGIC_COURSE not in ux and GENERAL_COURSE not in ux
        assert '<option value="ux" selected>' in ux
        general = html(client, url_of("general courses"))
        assert GENERAL_COURSE in general and UX_COURSE not in general and STRATEGIC_COURSE not in general
        assert '<option value="general" selected>' in general

    def test_unknown_filter_stays_404_after_warming(self, client):
        html(client, url_of("courses"))
        page = html(client, url_of("courses") + "?track=astronaut", status=404)
        assert "There is no track called “astronaut”" in page and UX_COURSE not in page
        # …and the 404 caches nothing that the real page would show.
        assert UX_COURSE in html(client, url_of("courses"))

    def test_unknown_track_page_stays_404_after_warming(self, client):
        for track in Track.objects.all():
            html(client, track.get_absolute_url())
        html(client, reverse("careers:track", args=["astronaut"]), status=404)
