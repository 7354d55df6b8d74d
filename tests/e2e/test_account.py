"""The account page in a real browser: accessible, keyboard-usable, and deletion works end to end."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from tests.conftest import PASSWORD, make_user
from tests.e2e.conftest import assert_accessible
from tests.e2e.helpers import account_link


@pytest.fixture
def signed_in(live_server, page):
    user = make_user("owner@example.com")
    page.goto(live_server.url + "/accounts/login/")
    page.get_by_label("Email").fill(user.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(account_link(page, user.email)).to_be_visible()
    return user


def test_account_page_is_accessible_and_csp_clean(live_server, page, csp_errors, signed_in):
    account_link(page, signed_in.email).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your account")
    expect(page.get_by_text(signed_in.email, exact=False).first).to_be_visible()
    assert_accessible(page)
    assert csp_errors == []


def test_download_my_data_gives_a_json_file(live_server, page, signed_in):
    page.goto(live_server.url + "/account/")
    with page.expect_download() as info:
        page.get_by_role("link", name="Download my data").click()
    download = info.value
    assert download.suggested_filename.startswith("pm-planner-data-")
    assert signed_in.email in Path(download.path()).read_text(encoding="utf-8")


def test_wrong_password_shows_an_accessible_error(live_server, page, csp_errors, signed_in):
    page.goto(live_server.url + "/account/")
    page.get_by_role("link", name="Delete my account").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Delete your account")
    page.get_by_label("Your password").fill("not-my-password")
    page.get_by_role("button", name="Delete my account permanently").click()
    expect(page.get_by_text("That password is not correct")).to_be_visible()
    assert_accessible(page)
    assert csp_errors == []
    assert get_user_model().objects.filter(pk=signed_in.pk).exists()


def test_delete_account_by_keyboard(live_server, page, signed_in):
    page.goto(live_server.url + "/account/delete/")
    page.get_by_label("Your password").focus()
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")
    expect(page.get_by_text("Your account and all your data have been deleted.")).to_be_visible()
    expect(page.get_by_role("link", name="Log in")).to_be_visible()
    assert not get_user_model().objects.filter(pk=signed_in.pk).exists()
