"""The account and log-in pages in Chinese, in a browser: zero axe violations, no sideways
scroll on a phone, and a failed request announced in Chinese (js/site.js reads its
messages from the page)."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.conftest import make_user
from tests.e2e.conftest import axe_violations
from tests.e2e.helpers import horizontal_overflow, sign_in_context, wider_than_viewport

SIGNED_OUT = ["/zh-hans/accounts/login/", "/zh-hans/accounts/signup/", "/zh-hans/accounts/password/reset/"]
SIGNED_IN = ["/zh-hans/account/", "/zh-hans/account/delete/", "/zh-hans/accounts/email/", "/zh-hans/accounts/logout/"]
PHONE = {"width": 390, "height": 844}


@pytest.fixture
def phone(browser, live_server):
    context = browser.new_context(base_url=live_server.url, viewport=PHONE, is_mobile=True, has_touch=True)
    yield context.new_page()
    context.close()


def test_chinese_account_pages_pass_axe_and_fit_a_phone(live_server, page, phone):
    user = make_user("owner@example.com")
    problems: dict[str, list[str]] = {}
    for browser_page in (page, phone):
        for url in SIGNED_OUT:
            browser_page.goto(live_server.url + url)
            problems[f"{url} ({browser_page.viewport_size['width']}px)"] = _problems(browser_page)
        sign_in_context(browser_page.context, live_server, user)
        for url in SIGNED_IN:
            browser_page.goto(live_server.url + url)
            problems[f"{url} ({browser_page.viewport_size['width']}px)"] = _problems(browser_page)
    found = {where: lines for where, lines in problems.items() if lines}
    assert not found, found


def _problems(page) -> list[str]:
    assert page.locator("html").get_attribute("lang") == "zh-hans"
    found = axe_violations(page)
    if overflow := horizontal_overflow(page):
        found.append(f"{overflow}px too wide: {wider_than_viewport(page)}")
    return found


def send(page) -> None:
    """An htmx request from the page, as any of the site's htmx controls makes one (the promise of a failed
    one is rejected: htmx has already raised the event that site.js shows)."""
    page.evaluate(
        "() => { htmx.ajax('POST', '/zh-hans/account/profile/', {source: document.body, swap: 'none'})"
        ".catch(() => null); }"
    )


def test_a_failed_request_is_announced_in_the_language_of_the_page(live_server, page):
    sign_in_context(page.context, live_server, make_user("owner@example.com"))
    page.goto(live_server.url + "/zh-hans/account/")
    failing = "**/account/profile/"
    page.route(failing, lambda route: route.fulfill(status=500, body="Server Error (500)"))
    send(page)
    expect(page.get_by_role("alert")).to_have_text("抱歉，我们这边出了点问题，你的修改没有保存。请再试一次。")
    page.unroute(failing)

    page.route(failing, lambda route: route.fulfill(status=409, body="Conflict"))
    send(page)
    expect(page.get_by_role("alert").last).to_have_text("这项修改没能保存（409）。请检查后再试一次。")
    page.unroute(failing)

    page.route(failing, lambda route: route.abort("connectionrefused"))
    send(page)
    expect(page.get_by_role("alert").last).to_have_text(
        "我们无法连接到服务器，所以你的修改没有保存。请检查网络连接后再试一次。"
    )
