"""Public career pages render the content, for anonymous and signed-in users."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_home_sells_in_one_sentence_and_shows_each_track_once(client):
    response = client.get(reverse("home"))
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count("<h1") == 1 and "Find the product management path that fits you" in html
    # One primary action: take the assessment.
    assert html.count("btn-primary btn-lg") == 1 and ">Take the assessment</a>" in html
    assert "How it works" in html and html.count("<li>\n        <h3>") == 3
    for track in ("The Technical Product Manager", "The User Experience PM", "The Strategic Product Manager"):
        assert html.count(f">{track}</a>") == 1, track  # in its card, and no table repeating it
    assert "<table" not in html
    assert "Career content adapted from an article by Coursera" in html


def test_signed_in_home_leads_to_the_plan(owner_client):
    html = owner_client.get(reverse("home")).content.decode()
    assert f'class="btn btn-primary btn-lg" href="{reverse("plans:plan")}">Go to my plan</a>' in html
    assert html.count("btn-primary btn-lg") == 1


def test_what_home_no_longer_shows_is_on_the_guide(client):
    # Every fact of the source article stays in the product: the tracks table,
    # the introduction and the "why product management" copy moved to the guide.
    from django.utils.html import escape

    from careers.models import ContentBlock, Track

    guide = client.get(reverse("careers:guide")).content.decode()
    for slug in ("intro", "about", "begin", "tracks_intro", "career_map", "why_pm", "choosing_path", "closing"):
        assert escape(ContentBlock.objects.get(slug=slug).body) in guide, slug
    for track in Track.objects.all():
        assert escape(track.perfect_for) in guide and escape(track.name) in guide


def test_home_runs_a_fixed_number_of_queries(client, django_assert_num_queries):
    # With nothing cached: the content version, the site copy, the tracks with
    # their responsibilities and skills. Once cached, the version alone
    # (tests/careers/test_page_cache.py).
    with django_assert_num_queries(5):
        client.get(reverse("home"))


@pytest.mark.parametrize("slug", ["technical", "ux", "strategic"])
def test_track_page_has_everything(client, slug):
    from careers.models import Track

    track = Track.objects.get(slug=slug)
    response = client.get(track.get_absolute_url())
    assert response.status_code == 200
    html = response.content.decode()
    assert track.perfect_for in html
    for related in (track.responsibilities.all(), track.skills.all(), track.industries.all()):
        for item in related:
            assert str(item) in html
    for role in track.roles.all():
        assert role.title in html
    for course in track.courses.all():
        assert course.title in html and course.provider in html
    assert "IBM Product Manager Professional Certificate" in html


def test_unknown_track_is_404(client):
    assert client.get(reverse("careers:track", args=["astronaut"])).status_code == 404


def test_course_catalogue_lists_all_and_filters_by_track(client):
    everything = client.get(reverse("careers:courses")).content.decode()
    assert "Product Analytics and AI" in everything and "UX Design Professional Certificate" in everything
    ux_only = client.get(reverse("careers:courses"), {"track": "ux"}).content.decode()
    assert "UX Design Professional Certificate" in ux_only
    assert "Product Analytics and AI" not in ux_only
    general = client.get(reverse("careers:courses"), {"track": "general"}).content.decode()
    assert "IBM Product Manager Professional Certificate" in general and "UX Design" not in general


@pytest.mark.parametrize("bad", ["nope", "<script>", "x" * 500, "ux' OR 1=1"])
def test_course_filter_with_unknown_track_is_a_clear_404(client, bad):
    response = client.get(reverse("careers:courses"), {"track": bad})
    assert response.status_code == 404
    assert "There is no track called" in response.content.decode()
    assert "<script>" not in response.content.decode()


def test_guide_has_backgrounds_environments_ladder_and_advice(client):
    html = client.get(reverse("careers:guide")).content.decode()
    for text in [
        "Technical PM path leverages your engineering knowledge",
        "Start with fundamentals and choose based on interests",
        "Wear multiple hats",
        "Complex stakeholders",
        "Consumer products",
        "Enterprise products",
        "Chief Product Officer (CPO)",
        "VP of Product",
        "Internships",
        "Continuous learning",
        "Are you comfortable with ambiguity?",
        "Stay current with market trends.",
        "Network with product managers.",
    ]:
        assert text in html, text


def test_navigation_shows_signed_in_user(owner_client, owner):
    html = owner_client.get(reverse("home")).content.decode()
    assert '<span class="visually-hidden">Your account: </span><span class="account-name">owner</span>' in html
    assert "Log out" in html and "My plan" in html


def test_staff_edit_shows_on_the_site(client):
    from careers.models import ContentBlock

    block = ContentBlock.objects.get(slug="career_map")
    block.body = "A sentence written by staff."
    block.save()
    assert "A sentence written by staff." in client.get(reverse("home")).content.decode()
