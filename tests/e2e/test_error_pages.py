"""Error pages in a real browser: accessible and CSP-clean, like every other page."""

import pytest
from django.test import Client

from tests.e2e.conftest import assert_accessible

pytestmark = pytest.mark.urls("tests.security.test_error_pages")


def test_error_pages_are_accessible_and_csp_clean(live_server, page, csp_errors):
    for path, status in [
        ("/no-such-page/", 404),
        ("/test-errors/400/", 400),
        ("/test-errors/403/", 403),
        ("/test-errors/500/", 500),
    ]:
        response = page.goto(live_server.url + path)
        assert response.status == status, path
        assert_accessible(page)
    assert csp_errors == []


def test_too_many_attempts_page_is_accessible(live_server, page, csp_errors, settings):
    # Use up the sign-up limit from this address (the live server shares the test's cache).
    limit = int(settings.ACCOUNT_RATE_LIMITS["signup"].split("/")[0])
    client = Client()
    for _ in range(limit):
        client.post("/accounts/signup/", {"email": ""})
    page.goto(live_server.url + "/accounts/signup/")
    page.get_by_label("Email").fill("late@example.com")
    with page.expect_response(lambda r: r.request.method == "POST") as answer:
        page.locator("main form [type=submit]").click()
    assert answer.value.status == 429
    assert page.get_by_role("heading", level=1).inner_text() == "Too many attempts"
    assert_accessible(page)
    assert csp_errors == []
