"""Starting a plan from a track page or the assessment, switching, archiving, re-activating."""

from __future__ import annotations

import pytest
from django.urls import reverse

from careers.models import Track
from plans.models import CourseProgress, Plan, SkillRating
from tests.helpers import counted

START_UX = reverse("plans:start", args=["ux"])
START_TECH = reverse("plans:start", args=["technical"])


def active_plan(user) -> Plan:
    return Plan.objects.get(user=user, status=Plan.Status.ACTIVE)


class TestStart:
    def test_anonymous_is_sent_to_login(self, client, db):
        response = client.post(START_UX)
        assert response.status_code == 302
        assert response.url.startswith(reverse("account_login"))
        assert not Plan.objects.exists()

    def test_rejects_get(self, owner_client):
        assert owner_client.get(START_UX).status_code == 405
        assert not Plan.objects.exists()

    def test_unknown_track_is_404(self, owner_client):
        assert owner_client.post(reverse("plans:start", args=["astronaut"])).status_code == 404

    def test_starts_a_plan_and_goes_to_it(self, owner_client, owner):
        response = owner_client.post(START_UX, follow=True)
        assert response.redirect_chain == [(reverse("plans:plan"), 302)]
        assert active_plan(owner).track.slug == "ux"
        assert "Your UX PM plan is ready" in response.content.decode()

    def test_double_submit_keeps_one_plan(self, owner_client, owner):
        owner_client.post(START_UX)
        owner_client.post(START_UX)
        assert Plan.objects.filter(user=owner).count() == 1

    def test_switching_asks_for_confirmation_first(self, owner_client, owner, plan):
        response = owner_client.post(START_UX)
        assert response.status_code == 200
        page = response.content.decode()
        assert "Switch to the UX PM track?" in page
        assert "archive your Technical PM plan with all its progress" in page
        assert 'name="confirm" value="switch"' in page
        assert active_plan(owner).track.slug == "technical"

    def test_confirmed_switch_archives_and_starts(self, owner_client, owner, plan):
        response = owner_client.post(START_UX, {"confirm": "switch"}, follow=True)
        assert active_plan(owner).track.slug == "ux"
        plan.refresh_from_db()
        assert plan.status == Plan.Status.ARCHIVED
        page = response.content.decode()
        assert "Your Technical PM plan is archived" in page
        assert "your courses, portfolio, network and habits came with you" in page

    def test_confirm_page_mentions_earlier_progress_when_resuming(self, owner_client, owner, plan):
        owner_client.post(START_UX, {"confirm": "switch"})
        page = owner_client.post(START_TECH).content.decode()
        assert "with the progress you made on it before" in page


class TestArchived:
    @pytest.fixture
    def archived(self, owner, plan):
        # Model API, not a client: the client fixtures share one client and one login.
        plan.course_rows()[0].set_status(CourseProgress.Status.COMPLETED)
        Plan.start(owner, Track.objects.get(slug="ux"))
        plan.refresh_from_db()
        return plan

    def test_list_shows_every_plan_with_progress(self, owner_client, archived):
        page = owner_client.get(reverse("plans:archived")).content.decode()
        assert "The Technical Product Manager" in page
        assert "The User Experience PM" in page
        assert "Make active again" in page
        assert f'value="{counted(archived).progress.overall_percent}"' in page

    def test_archived_plan_is_read_only(self, owner_client, archived):
        response = owner_client.get(reverse("plans:archived_detail", args=[archived.pk]))
        page = response.content.decode()
        assert "Archived plan: The Technical Product Manager" in page
        assert "Completed" in page
        assert "hx-post" not in page
        assert "Make this my active plan" in page

    def test_rows_of_an_archived_plan_cannot_be_changed(self, owner_client, archived):
        row = archived.skill_rows()[0]
        response = owner_client.post(reverse("plans:skill_rating", args=[row.pk]), {"rating": "4"})
        assert response.status_code == 404
        assert SkillRating.objects.get(pk=row.pk).rating == 0

    def test_activate_brings_it_back_with_its_progress(self, owner_client, owner, archived):
        response = owner_client.post(reverse("plans:activate", args=[archived.pk]), follow=True)
        assert active_plan(owner).pk == archived.pk
        assert "1 of 3 completed" in response.content.decode()
        assert "active again, with all its progress" in response.content.decode()
        assert Plan.objects.get(user=owner, track__slug="ux").status == Plan.Status.ARCHIVED

    def test_active_plan_detail_redirects_to_my_plan(self, owner_client, plan):
        response = owner_client.get(reverse("plans:archived_detail", args=[plan.pk]))
        assert response.url == reverse("plans:plan")

    def test_activate_rejects_get(self, owner_client, archived):
        assert owner_client.get(reverse("plans:activate", args=[archived.pk])).status_code == 405

    def test_stranger_gets_404(self, stranger_client, archived):
        assert stranger_client.get(reverse("plans:archived_detail", args=[archived.pk])).status_code == 404
        assert stranger_client.post(reverse("plans:activate", args=[archived.pk])).status_code == 404
        archived.refresh_from_db()
        assert archived.status == Plan.Status.ARCHIVED

    def test_anonymous_is_sent_to_login(self, client, archived):
        for url in (reverse("plans:archived"), reverse("plans:archived_detail", args=[archived.pk])):
            assert client.get(url).url.startswith(reverse("account_login"))


class TestTrackPage:
    def url(self, slug="technical"):
        return Track.objects.get(slug=slug).get_absolute_url()

    def test_anonymous_gets_sign_up_link_back_to_the_track(self, client, db):
        page = client.get(self.url()).content.decode()
        assert '/accounts/signup/?next=/tracks/technical/"' in page
        assert reverse("plans:start", args=["technical"]) not in page

    def test_signed_in_without_plan_gets_start_form(self, owner_client):
        page = owner_client.get(self.url()).content.decode()
        assert f'<form method="post" action="{START_TECH}">' in page
        assert "Start this track" in page

    def test_active_track_links_to_the_plan(self, owner_client, plan):
        page = owner_client.get(self.url()).content.decode()
        assert "Go to my plan" in page
        assert START_TECH not in page

    def test_other_track_offers_a_confirmed_switch(self, owner_client, plan):
        page = owner_client.get(self.url("ux")).content.decode()
        assert "Switch to this track" in page
        assert "Switching archives it with all its progress" in page

    def test_earlier_plan_offers_resume(self, owner_client, owner, plan):
        plan.status = Plan.Status.ARCHIVED
        plan.save()
        assert "Resume this track" in owner_client.get(self.url()).content.decode()
