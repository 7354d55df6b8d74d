"""Every course carries its facts (level, duration, weekly effort, cost, language, link, provider) or says
"unknown"; the catalogue filters by track, level and cost and shows what is known, "unknown" otherwise."""

from __future__ import annotations

import json

import pytest
from django.conf import settings
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from careers.models import CostModel, Course, CourseLevel

pytestmark = pytest.mark.django_db

FACTS = ("provider", "url", "description", "level", "duration", "weekly_effort", "cost_model", "language")
IBM = "ibm-product-manager-professional-certificate"


def fixture_courses() -> list[dict]:
    """The courses' fields, with the English of the fields stored per language under their own names."""
    data = json.loads((settings.BASE_DIR / "fixtures" / "careers.json").read_text(encoding="utf-8"))
    return [
        {name.removesuffix("_en"): value for name, value in o["fields"].items()}
        for o in data
        if o["model"] == "careers.course"
    ]


class TestFixtures:
    def test_every_course_states_each_fact_or_that_it_is_unknown(self):
        courses = fixture_courses()
        assert len(courses) == 8
        for course in courses:
            assert set(FACTS) <= set(course), course["slug"]  # stated, not left to a default
            assert course["provider"] and course["url"].startswith("https://www.coursera.org/")
            assert course["level"] in CourseLevel.values and course["cost_model"] in CostModel.values
            # Where the facts come from, and when they were checked.
            assert "2026-11-30" in course["facts_source"], course["slug"]

    def test_no_fact_is_claimed_without_a_source_that_gives_it(self):
        # The stored corpus holds none of the provider pages: the only known facts are the source
        # article's, for the IBM certificate (its level, duration and description).
        for course in fixture_courses():
            known = {
                name
                for name in ("level", "duration", "weekly_effort", "cost_model", "language", "description")
                if course[name] not in {"", "unknown"}
            }
            if course["slug"] == IBM:
                assert known == {"level", "duration", "description"}
                assert "source article" in course["facts_source"]
            else:
                assert known == set(), course["slug"]
                assert "every fact unknown" in course["facts_source"], course["slug"]

    def test_providers_are_written_out(self):
        providers = {c["slug"]: c["provider"] for c in fixture_courses()}
        assert providers["ux-user-experience-research-and-design"] == "University of Michigan"
        assert providers["technical-product-development-for-technical-managers-specialization"] == (
            "University of Colorado Boulder"
        )
        assert providers["strategic-product-analytics-and-ai"] == "University of Virginia"

    def test_the_ibm_certificate_keeps_the_articles_facts(self):
        ibm = Course.objects.get(slug=IBM)
        assert (ibm.level, ibm.duration) == (CourseLevel.BEGINNER, "Less than 3 months")
        assert dict(ibm.facts) == {
            "Level": "Beginner",
            "Duration": "Less than 3 months",
            "Weekly effort": "unknown",
            "Cost": "unknown",
            "Language": "unknown",
        }


def course_row(html: str, title: str) -> str:
    """The catalogue's list item of one course."""
    start = html.index(f">{title}</a>")
    return html[start : html.index("</li>", start)]


class TestCatalogue:
    def test_it_shows_every_fact_and_unknown_where_nobody_checked(self, client):
        html = client.get(reverse("careers:courses")).content.decode()
        ibm = course_row(html, "IBM Product Manager Professional Certificate")
        assert "<dt>Duration</dt><dd>Less than 3 months</dd>" in ibm
        assert "<dt>Level</dt><dd>Beginner</dd>" in ibm
        assert '<dt>Weekly effort</dt><dd class="is-unknown">unknown</dd>' in ibm
        ux = course_row(html, "UX Design Professional Certificate")
        for label in ("Level", "Duration", "Weekly effort", "Cost", "Language"):
            assert f'<dt>{label}</dt><dd class="is-unknown">unknown</dd>' in ux, label
        assert "by Google" in ux

    def test_a_fact_staff_fill_in_shows_at_once(self, client):
        client.get(reverse("careers:courses"))  # cached
        course = Course.objects.get(slug="ux-ux-design-professional-certificate")
        course.weekly_effort, course.cost_model, course.language = "10 hours a week", CostModel.SUBSCRIPTION, "English"
        course.save()
        row = course_row(client.get(reverse("careers:courses")).content.decode(), course.title)
        assert "<dd>10 hours a week</dd>" in row and "<dd>Subscription</dd>" in row and "<dd>English</dd>" in row

    def test_it_filters_by_level(self, client):
        html = client.get(reverse("careers:courses"), {"level": "beginner"}).content.decode()
        assert "IBM Product Manager Professional Certificate" in html
        assert "UX Design Professional Certificate" not in html
        assertContains(client.get(reverse("careers:courses")), '<option value="beginner">Beginner</option>')

    def test_it_filters_by_cost_and_says_when_nothing_matches(self, client):
        Course.objects.filter(slug="strategic-product-analytics-and-ai").update(cost_model=CostModel.FREE)
        html = client.get(reverse("careers:courses"), {"cost": "free"}).content.decode()
        assert "Product Analytics and AI" in html and "IBM Product Manager" not in html
        none = client.get(reverse("careers:courses"), {"cost": "paid", "track": "ux"})
        assert none.status_code == 200
        assertContains(none, "No course matches these filters")
        assertContains(none, f'href="{reverse("careers:courses")}?track=ux"')

    def test_filters_combine(self, client):
        Course.objects.filter(slug="ux-ux-design-professional-certificate").update(level=CourseLevel.BEGINNER)
        html = client.get(reverse("careers:courses"), {"track": "ux", "level": "beginner"}).content.decode()
        assert "UX Design Professional Certificate" in html
        assert "IBM Product Manager" not in html  # general, not UX
        assert '<option value="ux" selected>' in html and '<option value="beginner" selected>' in html

    def test_unknown_is_not_a_filter(self, client):
        html = client.get(reverse("careers:courses")).content.decode()
        assert 'value="unknown"' not in html

    @pytest.mark.parametrize(
        ("name", "value", "message"),
        [
            ("level", "expert", "There is no level called “expert”."),
            ("level", "unknown", "There is no level called “unknown”."),
            ("cost", "<script>", "There is no cost called “&lt;script&gt;”."),
            ("cost", "x" * 300, "There is no cost called"),
            ("track", "astronaut", "There is no track called “astronaut”."),
        ],
    )
    def test_a_filter_value_the_page_never_offers_is_a_clear_404(self, client, name, value, message):
        response = client.get(reverse("careers:courses"), {name: value})
        assert response.status_code == 404
        assertContains(response, message, status_code=404)
        assertNotContains(response, "<script>", status_code=404)

    def test_the_track_page_marks_only_the_general_course_as_for_every_track(self, client):
        html = client.get(reverse("careers:track", args=["technical"])).content.decode()
        assert html.count("For every track</span>") == 1
        assert "For every track</span>" in course_row(html, "IBM Product Manager Professional Certificate")
