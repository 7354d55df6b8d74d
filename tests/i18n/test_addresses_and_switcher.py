"""Pages per language: English at its usual addresses, Chinese under /zh-hans/, the
visitor's preferred language, the switcher, and what the profile remembers."""

from __future__ import annotations

import datetime

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse
from django.utils import formats, translation

from accounts.models import Profile
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db

ZH = {"HTTP_ACCEPT_LANGUAGE": "zh-CN,zh;q=0.9,en;q=0.8"}


def zh(name: str, *args) -> str:
    with translation.override("zh-hans"):
        return reverse(name, args=args)


class TestAddresses:
    def test_english_addresses_are_unchanged_and_chinese_ones_are_prefixed(self):
        assert reverse("careers:guide") == "/guide/"
        assert reverse("plans:plan") == "/plan/"
        assert zh("careers:guide") == "/zh-hans/guide/"
        assert zh("careers:track", "ux") == "/zh-hans/tracks/ux/"
        assert zh("home") == "/zh-hans/"

    def test_addresses_outside_the_languages_stay_as_they_are(self):
        for name in ("healthz", "admin:index", "set_language"):
            assert zh(name) == reverse(name)
        assert reverse("set_language") == "/i18n/setlang/"

    def test_a_chinese_page_is_chinese(self, client):
        response = client.get("/zh-hans/tracks/ux/")
        assert response.status_code == 200
        assert response["Content-Language"] == "zh-hans"
        html = response.content.decode()
        assert '<html lang="zh-hans"' in html
        assert "用户体验产品经理" in html  # the track's name, from its Chinese column

    def test_an_english_page_is_english_whatever_else(self, client):
        response = client.get("/tracks/ux/")
        html = response.content.decode()
        assert response["Content-Language"] == "en" and '<html lang="en"' in html
        assert "The User Experience PM" in html and "用户体验产品经理" not in html

    def test_unknown_language_prefix_is_a_404(self, client):
        assert client.get("/fr/guide/").status_code == 404
        assert client.get("/zh-hans/no-such-page/").status_code == 404


class TestPreferredLanguage:
    def test_a_browser_that_prefers_chinese_is_sent_to_the_chinese_page(self, client):
        response = client.get("/courses/?track=ux", **ZH)
        assert response.status_code == 302
        assert response["Location"] == "/zh-hans/courses/?track=ux"
        assert "Accept-Language" in response["Vary"] and "Cookie" in response["Vary"]

    def test_a_browser_that_prefers_english_stays(self, client):
        assert client.get("/courses/", HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.9").status_code == 200
        assert client.get("/courses/").status_code == 200  # no header at all

    def test_the_switchers_choice_wins_over_the_browser(self, client):
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
        assert client.get("/guide/", **ZH).status_code == 200
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = "zh-hans"
        assert client.get("/guide/")["Location"] == "/zh-hans/guide/"

    def test_an_address_with_its_language_is_never_redirected(self, client):
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
        assert client.get("/zh-hans/guide/").status_code == 200

    def test_posts_and_htmx_requests_are_answered_where_they_are_sent(self, client):
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = "zh-hans"
        assert client.get("/guide/", HTTP_HX_REQUEST="true").status_code == 200
        assert client.post(reverse("careers:assessment_start")).status_code == 302
        assert client.post(reverse("careers:assessment_start"))["Location"] == "/assessment/step/1/"

    def test_addresses_outside_the_languages_are_never_redirected(self, client, django_assert_num_queries):
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = "zh-hans"
        with django_assert_num_queries(0):
            assert client.get("/healthz", **ZH).status_code == 200
        assert client.get("/admin/", **ZH)["Location"].startswith("/admin/login/")


class TestSwitcher:
    def test_every_page_has_the_switcher_in_the_header_and_footer(self, client):
        html = client.get("/guide/").content.decode()
        assert html.count('action="/i18n/setlang/"') == 2
        assert '<input type="hidden" name="next" value="/guide/">' in html
        assert 'name="language" value="zh-hans" lang="zh-Hans">简体中文</button>' in html
        chinese = client.get("/zh-hans/guide/").content.decode()
        assert 'name="language" value="en" lang="en">English</button>' in chinese

    def test_choosing_chinese_goes_to_the_same_page_in_chinese_and_is_remembered(self, client):
        response = client.post(reverse("set_language"), {"language": "zh-hans", "next": "/tracks/ux/?x=1"})
        assert response.status_code == 302
        assert response["Location"] == "/zh-hans/tracks/ux/?x=1"
        cookie = response.cookies[settings.LANGUAGE_COOKIE_NAME]
        assert cookie.value == "zh-hans" and cookie["httponly"] and cookie["samesite"] == "Lax"
        assert cookie["max-age"] == 365 * 24 * 3600
        assert client.get("/tracks/ux/")["Location"] == "/zh-hans/tracks/ux/"

    def test_choosing_english_on_a_chinese_page(self, client):
        response = client.post(reverse("set_language"), {"language": "en", "next": "/zh-hans/tracks/ux/"})
        assert response["Location"] == "/tracks/ux/"
        assert client.get("/tracks/ux/", **ZH).status_code == 200  # the choice outranks the browser

    @pytest.mark.parametrize("language", ["", "fr", "zh", "ZH-HANS", "x" * 500])
    def test_an_unknown_language_is_a_400_and_sets_nothing(self, client, language):
        response = client.post(reverse("set_language"), {"language": language, "next": "/guide/"})
        assert response.status_code == 400
        assert settings.LANGUAGE_COOKIE_NAME not in response.cookies

    def test_next_elsewhere_is_not_followed(self, client):
        response = client.post(reverse("set_language"), {"language": "zh-hans", "next": "https://evil.example/"})
        assert response.status_code == 302 and "evil" not in response["Location"]

    def test_get_changes_nothing(self, client):
        assert client.get(reverse("set_language"), {"language": "zh-hans"}).status_code == 405

    def test_signed_in_the_choice_is_saved_on_the_profile(self, owner_client, owner):
        owner_client.post(reverse("set_language"), {"language": "zh-hans", "next": "/plan/"})
        assert Profile.objects.get(user=owner).language == "zh-hans"
        owner_client.post(reverse("set_language"), {"language": "en", "next": "/zh-hans/plan/"})
        assert Profile.objects.get(user=owner).language == "en"

    def test_public_pages_have_links_not_a_form(self, client, owner):
        from sharing.models import PublicProfile

        PublicProfile.objects.create(user=owner, display_name="Ana", slug="ana-lee", published=True)
        html = client.get("/p/ana-lee/").content.decode()
        assert "csrfmiddlewaretoken" not in html and "setlang" not in html
        assert '<a href="/zh-hans/p/ana-lee/" lang="zh-Hans" hreflang="zh-Hans">简体中文</a>' in html
        chinese = client.get("/zh-hans/p/ana-lee/").content.decode()
        assert '<a href="/p/ana-lee/" lang="en" hreflang="en">English</a>' in chinese


class TestProfileLanguage:
    def sign_up(self, client, url):
        data = {"email": "new@example.com", "password1": PASSWORD, "password2": PASSWORD}
        return client.post(url, data)

    def test_signing_up_in_chinese_keeps_chinese_for_the_person(self, client):
        assert self.sign_up(client, "/zh-hans/accounts/signup/").status_code == 302
        user = get_user_model().objects.get(email="new@example.com")
        assert Profile.objects.get(user=user).language == "zh-hans"

    def test_signing_up_in_english_stores_nothing(self, client):
        assert self.sign_up(client, "/accounts/signup/").status_code == 302
        assert not Profile.objects.exists()  # English is the default: no row until there is a choice

    def test_logging_in_brings_the_profiles_language_to_a_new_browser(self, owner):
        Profile.objects.create(user=owner, language="zh-hans")
        browser = Client()
        response = browser.post("/accounts/login/", {"login": owner.email, "password": PASSWORD})
        assert response.status_code == 302
        assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "zh-hans"
        assert browser.get(response["Location"])["Location"].startswith("/zh-hans/")


class TestAlternates:
    def test_a_page_names_itself_in_both_languages_and_a_default(self, client):
        html = client.get("/tracks/ux/").content.decode()
        assert '<link rel="alternate" hreflang="en" href="http://testserver/tracks/ux/">' in html
        assert '<link rel="alternate" hreflang="zh-Hans" href="http://testserver/zh-hans/tracks/ux/">' in html
        assert '<link rel="alternate" hreflang="x-default" href="http://testserver/tracks/ux/">' in html

    def test_a_missing_page_has_no_alternates_or_switcher(self, client):
        html = client.get("/zh-hans/no-such-page/").content.decode()
        assert 'rel="alternate"' not in html and "setlang" not in html


class TestDates:
    day = datetime.date(2026, 3, 5)

    def test_english_dates_read_day_month_year(self):
        with translation.override("en"):
            assert formats.date_format(self.day) == "5 Mar 2026"
            assert formats.date_format(self.day, "SHORT_DATE_FORMAT") == "05/03/2026"

    def test_chinese_dates_read_year_month_day(self):
        with translation.override("zh-hans"):
            assert formats.date_format(self.day) == "2026年3月5日"

    def test_forms_still_read_the_date_pickers_iso_dates(self):
        from django import forms

        for language in ("en", "zh-hans"):
            with translation.override(language):
                assert forms.DateField().clean("2026-03-05") == self.day
