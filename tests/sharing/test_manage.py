"""The sharing page: reached from the account, the plan and the portfolio; the
public page's form, which offers only the person's Published cases."""

from __future__ import annotations

import pytest
from django.urls import reverse

from accounts.data import export
from sharing.models import PublicProfile, ShareLink
from tests.security.db_state import changed_tables, db_state

pytestmark = pytest.mark.django_db

MANAGE = reverse("sharing:manage")
PROFILE = reverse("sharing:profile")


def profile_data(**changes) -> dict:
    return {"display_name": "Ana Lee", "headline": "Teacher moving into PM", "slug": "ana-lee", **changes}


def test_anonymous_visitors_are_sent_to_log_in(client):
    for url in (MANAGE, PROFILE, reverse("sharing:link_create")):
        response = client.get(url) if url == MANAGE else client.post(url, profile_data(label="x"))
        assert response.status_code == 302
        assert response.url.startswith(reverse("account_login"))
    assert not PublicProfile.objects.exists() and not ShareLink.objects.exists()


def test_reached_from_the_account_page_the_overview_and_the_portfolio(owner_client, plan):
    assert f'href="{MANAGE}"' in owner_client.get(reverse("accounts:overview")).content.decode()
    assert f'<a href="{MANAGE}">Share my plan</a>' in owner_client.get(reverse("plans:plan")).content.decode()
    portfolio = owner_client.get(reverse("plans:portfolio")).content.decode()
    assert f'href="{MANAGE}#portfolio-heading">Share your published cases on a public page</a>' in portfolio


def test_the_page_before_anything_is_shared(owner_client, plan):
    html = owner_client.get(MANAGE).content.decode()
    assert "Not published: nobody can see it." in html
    assert "You have no plan links." in html
    assert "You have no Published cases yet" in html
    for key in ("checklist", "courses", "portfolio", "networking", "skills", "milestones"):
        assert f'href="{reverse("sharing:csv", args=[key])}" download>' in html


def test_no_csv_links_without_an_active_plan(owner_client):
    html = owner_client.get(MANAGE).content.decode()
    assert "/share/download/" not in html
    assert f'href="{reverse("accounts:export")}" download>' in html


def test_saving_the_page_keeps_it_unpublished_until_ticked(owner, owner_client, cases):
    response = owner_client.post(PROFILE, profile_data(cases=[cases["shown"].pk]))
    assert response.status_code == 302
    page = PublicProfile.objects.get(user=owner)
    assert (page.display_name, page.headline, page.slug) == ("Ana Lee", "Teacher moving into PM", "ana-lee")
    assert page.published is False and page.indexable is False
    assert list(page.cases.all()) == [cases["shown"]]
    owner_client.post(PROFILE, profile_data(cases=[cases["shown"].pk], published="on", indexable="on"))
    page.refresh_from_db()
    assert page.published and page.indexable
    html = owner_client.get(MANAGE).content.decode()
    assert 'Published at <a href="/p/ana-lee/">http://testserver/p/ana-lee/</a>' in html


def test_the_form_offers_only_the_persons_published_cases(owner_client, cases, stranger_plan):
    html = owner_client.get(MANAGE).content.decode()
    assert "Checkout redesign (Technical PM)" in html and "Published but not chosen" in html
    for absent in ("Half-written pricing case", "Idea about onboarding", "Stranger"):
        assert absent not in html


@pytest.mark.parametrize("which", ["drafting", "idea", "stranger"])
def test_a_case_that_is_not_a_published_one_of_ones_own_is_refused(owner, owner_client, cases, stranger, which):
    from plans.models import PortfolioCase

    case = cases.get(which) or PortfolioCase.objects.create(user=stranger, title="Theirs", status="published")
    before = db_state()
    response = owner_client.post(PROFILE, profile_data(cases=[case.pk], published="on"))
    assert response.status_code == 422
    assert "Select a valid choice" in response.content.decode()
    assert changed_tables(before, db_state()) == []


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"display_name": ""}, "This field is required."),
        ({"display_name": "Ana\nLee"}, "Keep this to one line."),
        ({"headline": "One\r\nTwo"}, "Keep this to one line."),
        ({"headline": "x" * 161}, "Ensure this value has at most 160 characters"),
        ({"slug": "admin"}, "is reserved for the site"),
        ({"slug": "a"}, "Use 3 to 40 characters"),
        ({"display_name": "Ana\x07"}, "Remove the control characters"),
        ({"headline": "Nul\x00"}, "Null characters are not allowed."),
    ],
)
def test_bad_input_is_refused_with_a_message_and_changes_nothing(owner, owner_client, cases, changes, message):
    PublicProfile.objects.create(user=owner, display_name="Before", slug="before", published=True)
    before = export(owner)["data"]
    response = owner_client.post(PROFILE, profile_data(**changes, published="on"))
    assert response.status_code == 422
    assert message in response.content.decode()
    assert export(owner)["data"] == before


def test_a_post_missing_a_field_changes_nothing(owner, owner_client):
    PublicProfile.objects.create(user=owner, display_name="Before", headline="Kept", slug="before", published=True)
    before = export(owner)["data"]
    for missing in ("display_name", "headline", "slug"):
        data = profile_data(published="on")
        del data[missing]
        response = owner_client.post(PROFILE, data)
        assert response.status_code == 422, missing
        assert "This field was missing from the form. Nothing was saved." in response.content.decode()
    assert export(owner)["data"] == before


def test_the_page_and_links_are_in_the_data_export_and_go_with_the_account(owner, owner_client, cases):
    page = PublicProfile.objects.create(user=owner, display_name="Ana", slug="ana-lee", published=True)
    page.cases.add(cases["shown"])
    ShareLink.create(owner, label="For Ana", include_notes=False)
    data = export(owner)["data"]
    assert data["sharing.publicprofile"][0]["display_name"] == "Ana"
    assert data["sharing.sharelink"][0]["label"] == "For Ana"
    owner.delete()
    assert not PublicProfile.objects.exists() and not ShareLink.objects.exists()


def test_a_stranger_cannot_revoke_your_link(owner, stranger_client, plan):
    link, _token = ShareLink.create(owner, label="For Ana", include_notes=False)
    assert stranger_client.post(reverse("sharing:link_revoke", args=[link.pk])).status_code == 404
    assert ShareLink.objects.filter(pk=link.pk).exists()
