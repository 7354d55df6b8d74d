"""The plan page: every section, the empty state, escaping, and a constant query count."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from careers.models import Course, Track
from plans.models import NetworkingStep, Plan, PortfolioCase

PLAN_URL = reverse("plans:plan")
# session, user, the user's plans (with the content version), the six kinds of rows.
PLAN_PAGE_QUERIES = 9
# Once per plan after staff add content: the check for content the plan lacks,
# the insert of its rows, and the suggested steps and targets (cached till the
# next change).
AFTER_CONTENT_CHANGE = PLAN_PAGE_QUERIES + 4


def fill(plan: Plan, n: int) -> None:
    """n courses (new staff content), portfolio cases and networking steps."""
    technical = Track.objects.get(slug="technical")
    Course.objects.bulk_create(
        Course(slug=f"extra-{i}", track=technical, title=f"Extra {i}", provider="P", url="https://p.test", order=50 + i)
        for i in range(n)
    )
    plan.sync_content()
    PortfolioCase.objects.bulk_create(PortfolioCase(plan=plan, title=f"Case {i}") for i in range(n))
    today = timezone.localdate()
    NetworkingStep.objects.bulk_create(
        NetworkingStep(plan=plan, who=f"Person {i}", follow_up_on=today + datetime.timedelta(days=i - 3))
        for i in range(n)
    )


class TestPage:
    def test_anonymous_is_sent_to_login(self, client, db):
        response = client.get(PLAN_URL)
        assert response.status_code == 302
        assert response.url.startswith(reverse("account_login"))

    def test_without_a_plan_offers_every_track(self, owner_client):
        page = owner_client.get(PLAN_URL).content.decode()
        assert "You have not started a learning plan yet" in page
        for slug in ("technical", "ux", "strategic"):
            assert f'action="{reverse("plans:start", args=[slug])}"' in page

    def test_shows_every_section_with_its_progress_bar(self, owner_client, plan):
        response = owner_client.get(PLAN_URL)
        assert response.status_code == 200
        page = response.content.decode()
        assert "My plan: The Technical Product Manager" in page
        for key in ("overall", "getting_started", "courses", "portfolio", "networking", "skills", "milestones"):
            assert f'<progress id="progress-{key}-bar"' in page
        assert "0 of 7 done" in page
        assert "0 of 3 completed" in page
        assert "0 of 3 cases published" in page
        assert "0 of 5 steps done" in page
        assert "0 of 12 rating points" in page
        assert "0 of 3 reached" in page
        assert 'id="plan-announcer"' in page and 'aria-live="polite"' in page

    def test_lists_the_tracks_content(self, owner_client, plan):
        page = owner_client.get(PLAN_URL).content.decode()
        for text in (
            "IBM Product Manager Professional Certificate",
            "Product Development for Technical Managers Specialization",
            "System architecture",
            "Director of Technical Products",
            "Build a portfolio of product cases.",
            "Develop leadership abilities.",
            "Ask a product manager for a 20-minute coffee chat",
        ):
            assert text in page

    def test_aims_for_the_portfolio_target(self, owner_client, plan):
        assert "Aim for three published cases" in owner_client.get(PLAN_URL).content.decode()

    def test_next_steps_panel(self, owner_client, plan):
        today = timezone.localdate()
        NetworkingStep.objects.create(plan=plan, who="Dana", follow_up_on=today - datetime.timedelta(days=1))
        page = owner_client.get(PLAN_URL).content.decode()
        panel = page[page.index('id="next-steps"') :]
        panel = panel[: panel.index("</section>")]
        assert 'Start <a href="#course-' in panel
        assert "Overdue" in panel and "Follow up with" in panel and "Dana" in panel
        assert "Write up a portfolio case" in panel

    def test_follow_ups_due_first_and_overdue_marked(self, owner_client, plan):
        today = timezone.localdate()
        NetworkingStep.objects.create(plan=plan, who="No follow-up")
        NetworkingStep.objects.create(plan=plan, who="Later", follow_up_on=today + datetime.timedelta(days=30))
        NetworkingStep.objects.create(plan=plan, who="Overdue one", follow_up_on=today - datetime.timedelta(days=2))
        page = owner_client.get(PLAN_URL).content.decode()
        section = page[page.index('id="networking-list"') :]
        assert section.index("Overdue one") < section.index("Later") < section.index("No follow-up")
        assert "followup-overdue" in section

    def test_user_text_is_escaped(self, owner_client, plan):
        PortfolioCase.objects.create(plan=plan, title="<script>alert(1)</script>", problem="<img src=x onerror=y>")
        page = owner_client.get(PLAN_URL).content.decode()
        assert "<script>alert(1)</script>" not in page
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
        assert "<img src=x" not in page

    def test_links_to_archived_plans(self, owner_client, owner, plan):
        Plan.start(owner, Track.objects.get(slug="ux"))
        page = owner_client.get(PLAN_URL).content.decode()
        assert "Archived plans (1)" in page

    def test_every_mutating_form_works_without_javascript(self, owner_client, plan):
        """Each hx-post sits in a real <form method="post"> with the same action."""
        page = owner_client.get(PLAN_URL).content.decode()
        assert page.count("hx-post=") > 20
        for chunk in page.split("<form ")[1:]:
            head = chunk[: chunk.index(">")]
            if "hx-post" in head:
                action = head.split('action="')[1].split('"')[0]
                assert f'hx-post="{action}"' in head
                assert 'method="post"' in head

    def test_staff_content_added_later_shows_up(self, owner_client, plan):
        Course.objects.create(
            slug="brand-new", track=plan.track, title="Brand new course", provider="N", url="https://n.test"
        )
        assert "Brand new course" in owner_client.get(PLAN_URL).content.decode()


class TestQueryCount:
    @pytest.mark.parametrize("items", [5, 200])
    def test_constant_number_of_queries(self, owner_client, plan, items, django_assert_num_queries):
        fill(plan, items)
        owner_client.get(PLAN_URL)
        with django_assert_num_queries(PLAN_PAGE_QUERIES):
            response = owner_client.get(PLAN_URL)
        assert response.content.decode().count('class="plan-item list-group-item') >= 3 * items

    @pytest.mark.parametrize("items", [5, 200])
    def test_first_view_after_a_content_change(self, owner_client, plan, items, django_assert_num_queries):
        fill(plan, items)
        owner_client.get(PLAN_URL)
        Course.objects.create(
            slug="new-course", track=plan.track, title="Brand new course", provider="P", url="https://p.test"
        )
        with django_assert_num_queries(AFTER_CONTENT_CHANGE):
            page = owner_client.get(PLAN_URL).content.decode()
        assert "Brand new course" in page
        with django_assert_num_queries(PLAN_PAGE_QUERIES):
            assert "Brand new course" in owner_client.get(PLAN_URL).content.decode()

    def test_htmx_status_change_is_small_and_cheap(self, owner_client, plan, django_assert_max_num_queries):
        fill(plan, 200)
        row = plan.course_rows()[0]
        with django_assert_max_num_queries(8):
            response = owner_client.post(
                reverse("plans:course_status", args=[row.pk]), {"status": "completed"}, HTTP_HX_REQUEST="true"
            )
        assert response.status_code == 200
        assert len(response.content) < 3 * 1024
