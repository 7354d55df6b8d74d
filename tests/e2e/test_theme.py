"""The light / dark / system switch in a real browser: it persists, it follows the device,
and a page never paints light when dark is chosen."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from accounts.models import Profile
from tests.conftest import make_user
from tests.e2e.helpers import sign_in_context

THEME = "document.documentElement.getAttribute('data-bs-theme')"
STORED = "localStorage.getItem('pmplanner-theme')"

# Runs in every new document before any of the page's own scripts (Playwright's init
# script, outside the CSP). It notes the theme on <html> when each stylesheet link and
# the <body> arrive from the parser. Mutation observers report at the next microtask
# checkpoint, and the parser runs one before each classic script: an element parsed
# before the theme script is therefore noted before that script has run.
PROBE = """
window.__themeAt = [['start', document.documentElement && document.documentElement.getAttribute('data-bs-theme')]];
new MutationObserver(records => {
  for (const record of records) for (const node of record.addedNodes) {
    const isSheet = node.nodeName === 'LINK' && node.rel === 'stylesheet';
    if (isSheet || node.nodeName === 'BODY') {
      window.__themeAt.push([isSheet ? node.getAttribute('href') : 'body',
                             document.documentElement.getAttribute('data-bs-theme')]);
    }
  }
}).observe(document, {childList: true, subtree: true});
"""


def switch(page, name: str):
    return (
        page.get_by_role("navigation", name="Main").get_by_role("group", name="Theme").get_by_role("button", name=name)
    )


def test_a_visitors_choice_persists_across_pages_and_reloads(live_server, page):
    page.emulate_media(color_scheme="light")
    posts = []
    page.on("request", lambda r: posts.append(r.url) if r.method == "POST" else None)
    page.goto(live_server.url + "/")
    assert page.evaluate(THEME) == "light"
    expect(switch(page, "System")).to_have_attribute("aria-pressed", "true")

    switch(page, "Dark").click()
    assert page.evaluate(THEME) == "dark"
    expect(switch(page, "Dark")).to_have_attribute("aria-pressed", "true")
    expect(switch(page, "System")).to_have_attribute("aria-pressed", "false")
    assert page.evaluate(STORED) == "dark"
    assert posts == []  # signed out, the browser keeps it: nothing is sent

    page.reload()
    assert page.evaluate(THEME) == "dark"
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Career guide").click()
    expect(page).to_have_url(re.compile("/guide/$"))
    assert page.evaluate(THEME) == "dark"
    expect(switch(page, "Dark")).to_have_attribute("aria-pressed", "true")

    # "System" follows the device, also when the device changes its mind.
    switch(page, "System").click()
    assert page.evaluate(THEME) == "light"
    page.emulate_media(color_scheme="dark")
    expect(page.locator("html")).to_have_attribute("data-bs-theme", "dark")
    page.reload()
    assert page.evaluate(THEME) == "dark" and page.evaluate(STORED) == "system"


@pytest.mark.parametrize("path", ["/", "/tracks/ux/", "/guide/", "/accounts/login/", "/no-such-page/"])
def test_dark_is_on_html_before_the_stylesheets_and_the_body(live_server, page, path):
    page.emulate_media(color_scheme="light")  # the device says light; the person chose dark
    page.goto(live_server.url + "/")
    switch(page, "Dark").click()
    page.add_init_script(PROBE)
    page.goto(live_server.url + path)
    seen = page.evaluate("window.__themeAt")
    assert seen[0] == ["start", None]  # nothing in the HTML itself: the head script set it
    sheets = [where for where, _ in seen[1:] if where != "body"]
    # Bootstrap and the site's sheet (the print sheet may follow); the body comes after them all.
    assert sheets[:2] == ["/static/vendor/bootstrap-5.3.8.min.css", "/static/css/site.css"], seen
    assert seen[-1][0] == "body", seen
    assert all(theme == "dark" for _, theme in seen[1:]), f"painted light first: {seen}"


def test_the_probe_sees_a_late_theme(live_server, page):
    # Guards the guard: with the theme script moved after the stylesheets it must fail.
    def late(route):
        response = route.fetch()
        html = response.text()
        script = re.search(r'<script src="[^"]*theme[^"]*"></script>', html).group(0)
        html = html.replace(script, "").replace("</head>", script + "</head>")
        route.fulfill(response=response, body=html)

    page.emulate_media(color_scheme="dark")
    page.route(live_server.url + "/", late)
    page.add_init_script(PROBE)
    page.goto(live_server.url + "/")
    seen = dict(page.evaluate("window.__themeAt"))
    assert page.evaluate(THEME) == "dark" and seen["body"] == "dark"
    assert None in [theme for where, theme in page.evaluate("window.__themeAt")[1:] if where != "body"]


def test_a_signed_in_choice_is_saved_on_the_account_and_follows_to_another_browser(live_server, page, browser):
    user = make_user("owner@example.com")
    sign_in_context(page.context, live_server, user)
    page.emulate_media(color_scheme="light")
    page.goto(live_server.url + "/account/")
    with page.expect_response(lambda r: r.url.endswith("/account/theme/")) as answer:
        switch(page, "Dark").click()
    assert answer.value.status == 204
    assert page.evaluate(THEME) == "dark"
    assert Profile.objects.get(user=user).theme == "dark"
    # The account page's own switch shows the same choice.
    expect(page.get_by_role("group", name="Appearance").get_by_role("button", name="Dark")).to_have_attribute(
        "aria-pressed", "true"
    )

    other = browser.new_context(color_scheme="light")
    try:
        sign_in_context(other, live_server, user)
        fresh = other.new_page()
        fresh.goto(live_server.url + "/courses/")
        assert fresh.evaluate(THEME) == "dark" and fresh.evaluate(STORED) == "dark"
    finally:
        other.close()


def test_the_switch_works_without_javascript(live_server, browser):
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(live_server.url + "/courses/?track=ux")
        switch(page, "Dark").click()
        expect(page).to_have_url(re.compile(r"/courses/\?track=ux$"))
        assert page.locator("html").get_attribute("data-bs-theme") == "dark"
        expect(switch(page, "Dark")).to_have_attribute("aria-pressed", "true")
    finally:
        context.close()
