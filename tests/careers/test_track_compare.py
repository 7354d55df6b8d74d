"""The tracks side by side (/tracks/): who each suits, the work, skills, ladder and first courses, with actions."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse
from pytest_django.asserts import assertContains, assertInHTML

from careers.content import track_courses
from careers.models import Responsibility, Track

pytestmark = pytest.mark.django_db

URL = reverse("careers:compare")


def test_every_track_has_a_column_with_what_to_compare(client):
    response = client.get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert re.findall(r'<section class="track-column track-([a-z]+)"', html) == ["technical", "ux", "strategic"]
    for track in Track.objects.all():
        assertContains(response, f'<a href="{track.get_absolute_url()}">{track.name}</a>')
        assertContains(response, f"<dd>{track.perfect_for}</dd>")
        for item in track.responsibilities.all():
            assertContains(response, f"<li>{item.text}</li>")
        for skill in track.skills.all():
            assertContains(response, f"<li>{skill.name}</li>")
        for role in track.roles.all():
            assertContains(response, f"<li>{role.title}</li>")
        for course in track_courses(track)[:3]:
            assertContains(response, f'<a href="{course.url}" rel="noopener">{course.title}</a>')
    for label in ("Who it suits", "What you\u2019ll do", "Key skills", "Career ladder", "First courses"):
        assert html.count(f"<dt>{label}</dt>") == 3


def test_visitors_are_asked_to_sign_up_to_start_a_track(client):
    response = client.get(URL)
    signup = f"{reverse('account_signup')}?next={URL}"
    for name in ("Technical PM", "UX PM", "Strategic PM"):
        assertInHTML(
            f'<a class="btn btn-primary" href="{signup}">Sign up to start {name}</a>', response.content.decode()
        )


def test_members_start_a_track_with_a_real_form(owner_client):
    response = owner_client.get(URL)
    for track in Track.objects.all():
        assertContains(response, f'<form method="post" action="{reverse("plans:start", args=[track.slug])}">')
        assertContains(response, f"Start {track.short_name}</button>")
    started = owner_client.post(reverse("plans:start", args=["ux"]))
    assert started.status_code == 302 and started.url == reverse("plans:plan")


def test_an_edit_to_the_content_shows_at_once(client, django_assert_max_num_queries):
    client.get(URL)
    with django_assert_max_num_queries(2):  # the columns come from the cache: tracks with the content version
        client.get(URL)
    item = Responsibility.objects.filter(track__slug="ux").first()
    item.text = "Run usability studies every sprint"
    item.save()  # a new content version
    assertContains(client.get(URL), "<li>Run usability studies every sprint</li>")


def test_the_page_refuses_changes(client):
    assert client.post(URL).status_code == 405
