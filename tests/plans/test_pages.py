"""The plan's overview and section pages: what each shows, full page or htmx
partial, pagination, escaping, and forms that work without JavaScript."""

from __future__ import annotations

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from careers.models import Course, Track
from plans.models import CourseProgress, NetworkingStep, Plan, PortfolioCase
from plans.views import PER_PAGE
from tests.helpers import squash

from .conftest import HX

OVERVIEW = reverse("plans:plan")
SECTION_NAMES = ["checklist", "courses", "portfolio", "networking", "skills", "milestones"]


def days(n: int) -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=n)


class TestOverview:
    def test_anonymous_is_sent_to_login(self, client, db):
        response = client.get(OVERVIEW)
        assert response.status_code == 302
        assert response.url.startswith(reverse("account_login"))

    def test_without_a_plan_offers_every_track(self, owner_client):
        page = owner_client.get(OVERVIEW).content.decode()
        assert "You have not started a learning plan yet" in page
        for slug in ("technical", "ux", "strategic"):
            assert f'action="{reverse("plans:start", args=[slug])}"' in page

    def test_shows_the_track_overall_progress_and_a_card_per_section(self, owner_client, plan):
        page = owner_client.get(OVERVIEW).content.decode()
        assert "My plan: The Technical Product Manager" in page
        assert '<span class="overall-number">0%</span> of your plan complete' in page
        for key in SECTION_NAMES:
            assert f'<progress id="progress-{key}-bar"' in page
            assert f'href="{reverse(f"plans:{key}")}"' in page
        for text in ("0 of 7 done", "0 of 3 completed", "0 of 3 cases published", "0 of 5 steps done"):
            assert text in page
        assert "0 of 12 rating points" in page and "0 of 3 reached" in page

    def test_has_no_item_lists_and_no_forms(self, owner_client, plan):
        page = owner_client.get(OVERVIEW).content.decode()
        main = page[page.index('id="plan-main"') : page.index("</main>")]
        assert "<form" not in main and "<input" not in main and "<textarea" not in main

    def test_next_actions_link_to_the_items_on_their_pages(self, owner_client, plan):
        page = owner_client.get(OVERVIEW).content.decode()
        first_step = plan.checklist_rows()[0]
        course = plan.course_rows()[0]
        assert f'href="{reverse("plans:checklist")}#{first_step.anchor}">{first_step.title}</a>' in page
        assert f'href="{reverse("plans:courses")}#{course.anchor}">Start {course.title}</a>' in page
        assert f'href="{reverse("plans:case_add")}">Write up a new case.</a>' in page

    def test_next_steps_panel_shows_follow_ups_the_course_and_the_next_role(self, owner_client, owner, plan):
        NetworkingStep.objects.create(user=owner, who="Dana", follow_up_on=days(-1))
        NetworkingStep.objects.create(user=owner, who="Eli", follow_up_on=days(3))
        NetworkingStep.objects.create(user=owner, who="Far off", follow_up_on=days(40))
        course = plan.course_rows()[1]
        course.set_status("in_progress")
        milestone = plan.milestone_rows()[0]
        milestone.target_date = days(100)
        milestone.save()
        page = owner_client.get(OVERVIEW).content.decode()
        panel = squash(page[page.index('id="next-steps"') :])
        panel = panel[: panel.index("</section>")]
        assert "Overdue</span>" in panel and "Dana" in panel
        assert "Due soon</span>" in panel and "Eli" in panel
        assert "Far off" not in panel
        assert f'Keep going with <a href="{reverse("plans:courses")}#{course.anchor}">' in panel
        assert f"target {days(100):%-d %b %Y}" in panel

    def test_htmx_gets_the_main_area_with_its_title(self, owner_client, plan):
        response = owner_client.get(OVERVIEW, **HX)
        html = response.content.decode()
        assert "<html" not in html
        assert html.lstrip().startswith("<title>My plan · PM Planner</title>")
        assert '<div id="plan-main"' in html
        assert response["Vary"].count("HX-Request") == 1

    def test_a_history_restore_gets_the_whole_page(self, owner_client, plan):
        response = owner_client.get(OVERVIEW, HTTP_HX_REQUEST="true", HTTP_HX_HISTORY_RESTORE_REQUEST="true")
        assert "<html" in response.content.decode()

    def test_links_to_every_plan(self, owner_client, owner, plan):
        Plan.start(owner, Track.objects.get(slug="ux"))
        page = owner_client.get(OVERVIEW).content.decode()
        assert f'href="{reverse("plans:archived")}">All my plans</a>' in page


class TestSectionPages:
    @pytest.mark.parametrize("name", SECTION_NAMES)
    def test_each_section_is_a_page_with_the_tabs_and_overall_progress(self, owner_client, plan, name):
        response = owner_client.get(reverse(f"plans:{name}"))
        assert response.status_code == 200
        page = response.content.decode()
        assert '<nav aria-label="Plan sections"' in page
        assert f'<a href="{reverse(f"plans:{name}")}" aria-current="page">' in page
        assert '<div id="overall-progress"' in page
        assert f'<div id="progress-{name}"' in page
        assert 'id="plan-announcer"' in page

    @pytest.mark.parametrize("name", SECTION_NAMES)
    def test_htmx_gets_the_sections_main_area(self, owner_client, plan, name):
        response = owner_client.get(reverse(f"plans:{name}"), **HX)
        html = response.content.decode()
        assert "<html" not in html and '<div id="plan-main"' in html
        assert response["Vary"].count("HX-Request") == 1

    @pytest.mark.parametrize("name", SECTION_NAMES)
    def test_without_an_active_plan_goes_to_the_overview(self, owner_client, name):
        response = owner_client.get(reverse(f"plans:{name}"))
        assert response.url == OVERVIEW

    def test_lists_the_tracks_content_on_its_pages(self, owner_client, plan):
        expected = {
            "courses": ["IBM Product Manager Professional Certificate", "Product Development for Technical Managers"],
            "skills": ["System architecture"],
            "milestones": ["Director of Technical Products"],
            "checklist": ["Build a portfolio of product cases.", "Develop leadership abilities."],
            "networking": ["Ask a product manager for a 20-minute coffee chat"],
        }
        for name, texts in expected.items():
            page = owner_client.get(reverse(f"plans:{name}")).content.decode()
            for text in texts:
                assert text in page, (name, text)

    def test_user_text_is_escaped(self, owner_client, owner, plan):
        PortfolioCase.objects.create(user=owner, title="<script>alert(1)</script>", problem="<img src=x onerror=y>")
        page = owner_client.get(reverse("plans:portfolio")).content.decode()
        assert "<script>alert(1)</script>" not in page
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
        assert "<img src=x" not in page

    def test_follow_ups_due_first_and_overdue_marked_in_words(self, owner_client, owner, plan):
        NetworkingStep.objects.create(user=owner, who="No follow-up")
        NetworkingStep.objects.create(user=owner, who="Later", follow_up_on=days(30))
        NetworkingStep.objects.create(user=owner, who="Overdue one", follow_up_on=days(-2))
        NetworkingStep.objects.create(user=owner, who="Finished", follow_up_on=days(-5), done=True)
        page = owner_client.get(reverse("plans:networking")).content.decode()
        listed = page[page.index('id="networking-list"') :]
        titles = re.findall(r'<h3 class="list-row-title item-title">([^<]+)</h3>', listed)
        assert titles[:4] == ["Overdue one", "Later", "No follow-up", "Finished"]
        assert "Follow-up overdue" in listed

    def test_every_form_works_without_javascript(self, owner_client, owner, plan):
        """Each hx-post sits in a real <form method="post"> with the same action."""
        PortfolioCase.objects.create(user=owner, title="A case")
        for name in SECTION_NAMES:
            page = owner_client.get(reverse(f"plans:{name}")).content.decode()
            for chunk in page.split("<form ")[1:]:
                head = chunk[: chunk.index(">")]
                if "hx-post" in head:
                    action = head.split('action="')[1].split('"')[0]
                    assert f'hx-post="{action}"' in head
                    assert 'method="post"' in head
                    assert "csrfmiddlewaretoken" in chunk[: chunk.index("</form>")]

    def test_edit_and_add_links_are_plain_links_too(self, owner_client, plan):
        page = owner_client.get(reverse("plans:courses")).content.decode()
        row = plan.course_rows()[0]
        assert f'href="{row.edit_url}" hx-get="{row.edit_url}"' in page
        assert 'name="note"' not in page  # no edit form until asked for

    def test_a_long_section_is_paginated(self, owner_client, owner, plan):
        NetworkingStep.objects.bulk_create(NetworkingStep(user=owner, who=f"Person {i:03}") for i in range(60))
        page = owner_client.get(reverse("plans:networking")).content.decode()
        assert page.count('<li id="step-') == PER_PAGE == 25
        assert "Page 1 of 3" in page and 'href="?page=2" rel="next"' in page
        last = owner_client.get(reverse("plans:networking") + "?page=3").content.decode()
        assert last.count('<li id="step-') == 10
        junk = owner_client.get(reverse("plans:networking") + "?page=x' OR 1=1")
        assert junk.status_code == 200 and "Page 1 of 3" in junk.content.decode()

    def test_content_staff_add_later_shows_up_at_once(self, owner_client, plan):
        course = Course.objects.create(slug="brand-new", title="Brand new course", provider="N", url="https://n.test")
        course.tracks.add(plan.track)
        assert "Brand new course" in owner_client.get(reverse("plans:courses")).content.decode()
        assert CourseProgress.objects.filter(user=plan.user, course=course).exists()


def test_required_fields_are_marked_outside_the_accessible_name(owner_client, plan):
    html = owner_client.get(reverse("plans:case_add"), **HX).content.decode()
    label = re.search(r'<label\s+for="id_portfoliocasenew_title"[^>]*>(.*?)</label>', html, re.S).group(1)
    assert '<span class="asteriskField" aria-hidden="true">*</span>' in label
    assert re.sub(r"<span[^>]*aria-hidden[^>]*>.*?</span>", "", label).strip() == "Title"
    assert re.search(r'<input[^>]*name="title"[^>]*required', html)
