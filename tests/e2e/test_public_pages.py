"""Public pages in a real browser: they render, pass axe, and obey the CSP."""

from playwright.sync_api import expect

from tests.e2e.conftest import assert_accessible, axe_violations

PUBLIC_PATHS = [
    "/",
    "/tracks/technical/",
    "/tracks/ux/",
    "/tracks/strategic/",
    "/courses/",
    "/guide/",
    "/accounts/login/",
    "/accounts/signup/",
    "/accounts/password/reset/",
]


def test_public_pages_are_accessible_and_csp_clean(live_server, page, csp_errors):
    # One browser session for all of them: each live-server test reloads the career content.
    for path in PUBLIC_PATHS:
        response = page.goto(live_server.url + path)
        assert response.status == 200, path
        assert "script-src 'self'" in response.headers["content-security-policy"], path
        assert_accessible(page)
    assert csp_errors == []


def test_home_to_track_by_visible_links(live_server, page):
    page.goto(live_server.url + "/")
    page.get_by_role("link", name="Explore UX PM track").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("The User Experience PM")
    expect(page.get_by_role("heading", name="Recommended courses")).to_be_visible()


def test_course_catalogue_filter(live_server, page):
    page.goto(live_server.url + "/courses/")
    page.get_by_label("Track", exact=True).select_option(label="Strategic PM")
    page.get_by_role("button", name="Filter").click()
    expect(page.get_by_text("Product Analytics and AI")).to_be_visible()
    expect(page.get_by_text("UX Design Professional Certificate")).to_have_count(0)
    # Every fact shows, "unknown" where nobody has checked it.
    course = page.get_by_role("listitem").filter(has_text="Product Analytics and AI")
    expect(course).to_contain_text("Weekly effort")
    expect(course.get_by_text("unknown")).to_have_count(5)
    page.get_by_label("Track", exact=True).select_option(label="All tracks")
    page.get_by_label("Level", exact=True).select_option(label="Beginner")
    page.get_by_role("button", name="Filter").click()
    expect(page.get_by_role("link", name="IBM Product Manager Professional Certificate")).to_be_visible()
    expect(page.get_by_text("Product Analytics and AI")).to_have_count(0)


def test_accessibility_checker_reports_a_real_violation(live_server, page):
    # Guards the guard: an image without alt text and a low-contrast line must be caught.
    page.goto(live_server.url + "/")
    page.evaluate(
        """() => {
            const img = document.createElement('img'); img.src = '/static/img/favicon.svg';
            document.querySelector('main').appendChild(img);
        }"""
    )
    assert any(v.startswith("image-alt") for v in axe_violations(page))
