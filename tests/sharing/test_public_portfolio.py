"""The public portfolio page: only chosen Published cases, nothing else about the
person, off by default and 404 the moment it is unpublished."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import reverse

from careers.models import Track
from plans.models import NetworkingStep, Plan, PortfolioCase
from sharing.models import PublicProfile

pytestmark = pytest.mark.django_db

XSS = '<script>alert("x")</script>'


def page(url: str, client: Client | None = None):
    return (client or Client()).get(url)


def html_of(url: str, client: Client | None = None) -> str:
    response = page(url, client)
    assert response.status_code == 200
    return response.content.decode()


def test_shows_the_chosen_published_cases_with_their_track(profile, cases):
    html = html_of("/p/ana-lee/")
    assert "<h1>Ana Lee</h1>" in html
    assert "Teacher moving into product management" in html
    shown = cases["shown"]
    for text in (shown.title, shown.problem, shown.action, shown.outcome, "Written on the Technical PM track"):
        assert text in html
    assert f'<a href="{shown.link}" rel="noopener noreferrer nofollow ugc">Read the full case' in html


def test_a_private_case_never_appears(profile, cases, stranger_plan, stranger):
    # A case of someone else's, slipped into the page's list behind the form's back, stays off it too.
    strangers = PortfolioCase.objects.get(user=stranger)
    profile.cases.add(strangers)
    html = html_of("/p/ana-lee/")
    for key in ("not_chosen", "drafting", "idea"):
        assert cases[key].title not in html, key
    assert strangers.title not in html
    assert html.count('class="portfolio-case"') == 1


def test_a_case_moved_back_to_drafting_leaves_the_page_at_once(profile, cases):
    PortfolioCase.objects.filter(pk=cases["shown"].pk).update(status="drafting")
    html = html_of("/p/ana-lee/")
    assert cases["shown"].title not in html
    assert "No cases to show yet." in html


def test_shows_nothing_else_about_the_person(private_owner):
    plan = Plan.start(private_owner, Track.objects.get(slug="technical"))
    case = PortfolioCase.objects.create(user=private_owner, title="Shown case", status="published")
    NetworkingStep.objects.create(user=private_owner, who="Priya at Acme", notes="Salary talk")
    PublicProfile.objects.create(user=private_owner, display_name="Wei", slug="wei-pm", published=True).cases.add(case)
    for client in (Client(), signed_in(private_owner)):  # whoever looks, the owner included
        html = html_of("/p/wei-pm/", client)
        assert "Shown case" in html
        for private in (private_owner.email, private_owner.username, "Priya at Acme", "Salary talk", "<progress"):
            assert private not in html, private
        assert plan.track.name not in html  # the case names its track by the short name; the plan is not shown
        assert "Log out" not in html and "Signed in as" not in html


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_is_private_until_published(owner, cases):
    PublicProfile.objects.create(user=owner, display_name="Ana Lee", slug="ana-lee")
    assert page("/p/ana-lee/").status_code == 404
    assert PublicProfile._meta.get_field("published").default is False


def test_unpublishing_answers_404_at_once(owner_client, profile):
    assert page("/p/ana-lee/").status_code == 200
    posted = {"display_name": "Ana Lee", "headline": "", "slug": "ana-lee", "cases": [profile.cases.first().pk]}
    response = owner_client.post(reverse("sharing:profile"), posted)  # "publish my page" left unticked
    assert response.status_code == 302
    assert page("/p/ana-lee/").status_code == 404
    owner_client.post(reverse("sharing:profile"), {**posted, "published": "on"})
    assert page("/p/ana-lee/").status_code == 200


def test_asks_search_engines_to_stay_away_unless_allowed(profile):
    response = page("/p/ana-lee/")
    assert '<meta name="robots" content="noindex">' in response.content.decode()
    assert response["X-Robots-Tag"] == "noindex"
    PublicProfile.objects.filter(pk=profile.pk).update(indexable=True)
    response = page("/p/ana-lee/")
    assert 'name="robots"' not in response.content.decode()
    assert "X-Robots-Tag" not in response


def test_a_pasted_link_previews_with_open_graph(profile):
    html = html_of("/p/ana-lee/")
    assert '<meta property="og:title" content="Ana Lee: product portfolio">' in html
    assert '<meta property="og:description" content="Teacher moving into product management">' in html
    assert '<meta property="og:url" content="http://testserver/p/ana-lee/">' in html
    assert '<link rel="canonical" href="http://testserver/p/ana-lee/">' in html
    assert "<title>Ana Lee: product portfolio · PM Planner</title>" in html
    PublicProfile.objects.filter(pk=profile.pk).update(headline="")
    assert '<meta property="og:description" content="Product management cases by Ana Lee.">' in html_of("/p/ana-lee/")


def test_a_page_without_a_picked_address_lives_at_its_random_token(profile):
    PublicProfile.objects.filter(pk=profile.pk).update(slug=None)
    profile.refresh_from_db()
    assert re.fullmatch(r"[A-Za-z0-9_-]{16}", profile.token)
    assert profile.url == f"/p/t/{profile.token}/"
    assert "Ana Lee" in html_of(profile.url)
    assert page(f"/p/t/{profile.token[:-1]}x/").status_code == 404
    assert page(f"/p/t/{profile.token.swapcase()}/").status_code == 404
    assert page("/p/ana-lee/").status_code == 404  # the old name no longer leads there


def test_a_picked_address_replaces_the_token_address(profile):
    assert page(f"/p/t/{profile.token}/").status_code == 404
    assert page("/p/ana-lee/").status_code == 200
    assert page("/p/ANA-Lee/").status_code == 200  # addresses are not case-sensitive


def test_unpublished_token_address_is_404(profile):
    PublicProfile.objects.filter(pk=profile.pk).update(slug=None, published=False)
    assert page(f"/p/t/{profile.token}/").status_code == 404


def test_public_pages_hold_no_csrf_token_and_no_form(profile, owner, stranger):
    for client in (Client(), signed_in(owner), signed_in(stranger)):
        response = page("/p/ana-lee/", client)
        html = response.content.decode().lower()
        assert "csrf" not in html and "<form" not in html and "hx-headers" not in html
        assert "csrftoken" not in response.cookies


def test_never_cached_and_no_referrer(profile):
    response = page("/p/ana-lee/")
    assert "no-store" in response["Cache-Control"]
    assert response["Referrer-Policy"] == "no-referrer"


def test_read_only(profile):
    assert Client().head("/p/ana-lee/").status_code == 200
    assert Client().post("/p/ana-lee/").status_code == 405


def test_what_the_person_wrote_is_shown_escaped(owner, cases):
    PortfolioCase.objects.filter(pk=cases["shown"].pk).update(title=XSS, problem=XSS, outcome=XSS)
    profile = PublicProfile.objects.create(user=owner, display_name=XSS, headline=XSS, slug="xss-test", published=True)
    profile.cases.add(cases["shown"])
    html = html_of("/p/xss-test/")
    assert "<script>alert" not in html
    assert html.count("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;") >= 6  # title, meta tags, headline, case


@pytest.mark.parametrize("count", [1, 40])
def test_the_page_runs_two_queries_however_many_cases(owner, plan, count, django_assert_num_queries):
    cases = PortfolioCase.objects.bulk_create(
        PortfolioCase(user=owner, track=plan.track, title=f"Case {i}", status="published") for i in range(count)
    )
    profile = PublicProfile.objects.create(user=owner, display_name="Ana", slug="ana", published=True)
    profile.cases.set(cases)
    with django_assert_num_queries(2):  # the page, its cases (with their tracks)
        html = html_of("/p/ana/")
    assert html.count('class="portfolio-case"') == count
