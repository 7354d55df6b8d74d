"""Portfolio cases: add, edit, set status, delete; forms fetched on demand; inline validation."""

from __future__ import annotations

import pytest
from django.urls import reverse

from plans.models import PortfolioCase
from tests.helpers import squash

from .conftest import HX

ADD = reverse("plans:case_add")
GOOD = {
    "title": "Checkout redesign",
    "status": "drafting",
    "problem": "Carts were abandoned.",
    "action": "Ran interviews.",
    "outcome": "+12% conversion",
    "link": "https://portfolio.test/checkout",
}


@pytest.fixture
def case(owner, plan) -> PortfolioCase:
    return PortfolioCase.objects.create(user=owner, track=plan.track, title="Onboarding", status="idea")


class TestAdd:
    def test_the_section_page_has_no_form_until_asked(self, owner_client, plan):
        page = squash(owner_client.get(reverse("plans:portfolio")).content.decode())
        assert 'name="title"' not in page
        assert f'href="{ADD}" hx-get="{ADD}" hx-target="#portfolio-add-slot"' in page

    def test_htmx_get_fetches_the_form_for_the_add_slot(self, owner_client, plan):
        response = owner_client.get(ADD, **HX)
        html = response.content.decode()
        assert "<html" not in html and 'name="title"' in html
        assert 'hx-target="#portfolio-list" hx-swap="beforeend"' in html

    def test_plain_get_shows_a_page_with_the_form(self, owner_client, plan):
        page = owner_client.get(ADD).content.decode()
        assert "<html" in page and f'action="{ADD}"' in page

    def test_htmx_add_appends_the_case_clears_the_form_and_moves_the_bars(self, owner_client, owner, plan):
        response = owner_client.post(ADD, {**GOOD, "status": "published"}, **HX)
        assert response.status_code == 200
        html = response.content.decode()
        case = PortfolioCase.objects.get(user=owner)
        assert html.lstrip().startswith(f'<li id="case-{case.pk}"')
        assert "data-swap-focus" in html
        assert '<div id="portfolio-add-slot" class="add-slot" hx-swap-oob="true"></div>' in html
        assert "1 of 3 cases published" in html
        assert 'id="overall-progress"' in html
        assert case.title == "Checkout redesign" and case.link == "https://portfolio.test/checkout"
        assert case.track == plan.track  # remembers the track it was written on

    def test_plain_add_redirects_to_the_new_case(self, owner_client, owner, plan):
        response = owner_client.post(ADD, GOOD)
        case = PortfolioCase.objects.get(user=owner)
        assert response.url == reverse("plans:portfolio") + f"#case-{case.pk}"

    @pytest.mark.parametrize(
        ("data", "message"),
        [
            ({"title": ""}, "This field is required."),
            ({"title": "x" * 121}, "at most 120 characters"),
            ({"problem": "x" * 2001}, "at most 2000 characters"),
            ({"outcome": "tab\tand\nnewline are fine but not \x1b"}, "Remove the control characters"),
            ({"status": "viral"}, "Select a valid choice."),
            ({"link": "javascript:alert(document.cookie)"}, "Enter a web address"),
            ({"link": "mailto:me@example.com"}, "Enter a web address"),
        ],
    )
    def test_bad_input_re_renders_the_form_in_its_slot(self, owner_client, plan, data, message):
        response = owner_client.post(ADD, {**GOOD, **data}, **HX)
        assert response.status_code == 422
        assert response["HX-Retarget"] == "#portfolio-add-slot"
        assert response["HX-Reswap"] == "innerHTML"
        html = response.content.decode()
        assert message in html
        assert not PortfolioCase.objects.exists()

    def test_bad_input_without_htmx_shows_the_form_page(self, owner_client, plan):
        response = owner_client.post(ADD, {**GOOD, "title": ""})
        assert response.status_code == 422
        page = response.content.decode()
        assert "<html" in page and "This field is required." in page

    def test_adding_needs_an_active_plan(self, owner_client):
        assert owner_client.post(ADD, GOOD).status_code == 404
        assert owner_client.get(ADD).status_code == 404
        assert not PortfolioCase.objects.exists()


class TestChange:
    def test_status_is_set_explicitly(self, owner_client, case):
        url = reverse("plans:case_status", args=[case.pk])
        response = owner_client.post(url, {"status": "published"}, **HX)
        assert "1 of 3 cases published" in response.content.decode()
        owner_client.post(url, {"status": "published"}, **HX)
        case.refresh_from_db()
        assert case.status == "published"

    def test_unknown_status_is_rejected(self, owner_client, case):
        response = owner_client.post(reverse("plans:case_status", args=[case.pk]), {"status": "famous"}, **HX)
        assert response.status_code == 422
        case.refresh_from_db()
        assert case.status == "idea"

    def test_edit_form_has_delete(self, owner_client, case):
        html = owner_client.get(reverse("plans:case_edit", args=[case.pk]), **HX).content.decode()
        assert f'hx-post="{reverse("plans:case_delete", args=[case.pk])}"' in html
        assert 'value="Onboarding"' in html

    def test_edit_saves(self, owner_client, case):
        response = owner_client.post(reverse("plans:case_edit", args=[case.pk]), GOOD, **HX)
        assert response.status_code == 200
        assert "Checkout redesign" in response.content.decode()
        case.refresh_from_db()
        assert (case.title, case.status) == ("Checkout redesign", "drafting")

    def test_invalid_edit_keeps_the_saved_case(self, owner_client, case):
        response = owner_client.post(reverse("plans:case_edit", args=[case.pk]), {**GOOD, "link": "ftp://x.test"}, **HX)
        assert response.status_code == 422
        html = response.content.decode()
        assert 'value="Checkout redesign"' in html  # what the person typed stays in the form
        case.refresh_from_db()
        assert case.title == "Onboarding"

    def test_delete_with_htmx_returns_only_out_of_band_updates(self, owner_client, case):
        case.status = "published"
        case.save()
        response = owner_client.post(reverse("plans:case_delete", args=[case.pk]), **HX)
        assert response.status_code == 200
        html = response.content.decode()
        assert html.lstrip().startswith('<div id="progress-portfolio"')
        assert "0 of 3 cases published" in html
        assert '"plan-focus": {"target": "#portfolio-heading"}' in response["HX-Trigger-After-Swap"]
        assert not PortfolioCase.objects.filter(pk=case.pk).exists()

    def test_delete_without_htmx_redirects_to_the_section(self, owner_client, case):
        response = owner_client.post(reverse("plans:case_delete", args=[case.pk]))
        assert response.url == reverse("plans:portfolio")
        assert not PortfolioCase.objects.exists()
