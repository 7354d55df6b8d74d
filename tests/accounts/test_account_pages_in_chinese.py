"""The account pages, allauth's pages, error pages and account emails in Chinese: no
English UI text left, and the failure messages site.js shows come from the page, in
its language."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from types import SimpleNamespace

import pytest
from django.contrib.sites.models import Site
from django.core import mail
from django.template.loader import render_to_string
from django.test import Client
from django.utils import translation

from accounts import reminders
from accounts.models import ReminderSettings

pytestmark = pytest.mark.django_db

LATIN = re.compile(r"[A-Za-z]{2,}")
CJK = re.compile(r"[\u4e00-\u9fff]")
# Names, not UI text: the site's name, the switcher's link to English, the test user.
NAMES = {"PM Planner", "English", "owner", "owner@example.com"}


class _Visible(HTMLParser):
    """The text a person reads or hears: text nodes and the labelling attributes.
    A <select>'s options are left out (the time zones are IANA names)."""

    ATTRIBUTES = {"aria-label", "title", "alt", "placeholder"}

    def __init__(self) -> None:
        super().__init__()
        self.skip = 0
        self.texts: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style", "select"):
            self.skip += 1
        self.texts += [value for name, value in attrs if name in self.ATTRIBUTES and value]

    def handle_endtag(self, tag):
        if tag in ("script", "style", "select"):
            self.skip -= 1

    def handle_data(self, data):
        if not self.skip and data.strip():
            self.texts.append(data.strip())


def english_left(html: str) -> list[str]:
    """Texts with Latin words and no Chinese in them, the page's title less the site's name."""
    parser = _Visible()
    parser.feed(html)
    texts = [text.removesuffix(" · PM Planner") for text in parser.texts]
    return [text for text in texts if text not in NAMES and LATIN.search(text) and not CJK.search(text)]


@pytest.mark.parametrize(
    "url",
    [
        "/zh-hans/accounts/login/",
        "/zh-hans/accounts/signup/",
        "/zh-hans/accounts/password/reset/",
        "/zh-hans/accounts/password/reset/done/",
        "/zh-hans/accounts/password/reset/key/1-not-a-key/",
        "/zh-hans/accounts/confirm-email/not-a-key/",
        "/zh-hans/no-such-page/",
    ],
)
def test_signed_out_pages_have_no_english_left(url):
    response = Client().get(url)
    assert CJK.search(response.content.decode())
    assert english_left(response.content.decode()) == []


@pytest.mark.parametrize(
    "url",
    [
        "/zh-hans/account/",
        "/zh-hans/account/delete/",
        "/zh-hans/accounts/email/",
        "/zh-hans/accounts/password/change/",
        "/zh-hans/accounts/logout/",
        "/zh-hans/accounts/reauthenticate/",
    ],
)
def test_signed_in_pages_have_no_english_left(owner_client, url):
    response = owner_client.get(url)
    assert response.status_code == 200
    assert english_left(response.content.decode()) == []


def test_form_errors_and_messages_are_in_chinese(owner_client):
    signup = Client().post(
        "/zh-hans/accounts/signup/", {"email": "a@example.com", "password1": "x1", "password2": "x1"}
    )
    assert english_left(signup.content.decode()) == []
    assert "这个密码太短了。密码至少要包含 8 个字符。" in signup.content.decode()  # Django 5.2's own catalogue lacks it

    wrong = owner_client.post("/zh-hans/account/delete/", {"password": "not it"})
    assert "密码不正确。你的账户没有被删除。" in wrong.content.decode()

    saved = owner_client.post(
        "/zh-hans/account/reminders/",
        {"frequency": "weekly", "weekday": "0", "hour": "8", "time_zone": "UTC"},
        follow=True,
    )
    html = saved.content.decode()
    assert english_left(html) == []
    # The next reminder's day in Chinese: "…下一封提醒会在12月7日星期一 08:00（UTC）发出。"
    assert re.search(r"下一封提醒会在\d+月\d+日星期一 08:00（UTC）发出。", html)


def test_the_unsubscribe_pages_are_in_chinese(owner):
    ReminderSettings.objects.create(user=owner, frequency="daily")
    client = Client()
    url = "/zh-hans/account/reminders/unsubscribe/" + reminders.unsubscribe_token(owner) + "/"
    for response in (client.get(url), client.post(url), client.get("/zh-hans/account/reminders/unsubscribe/x/")):
        assert english_left(response.content.decode()) == []
        assert CJK.search(response.content.decode())


@pytest.mark.parametrize("name", ["400.html", "403.html", "403_csrf.html", "429.html", "500.html"])
def test_error_pages_are_in_chinese(name):
    with translation.override("zh-hans"):
        html = render_to_string(name)
    assert english_left(html) == []


def test_the_request_failure_messages_come_from_the_page_in_its_language():
    """js/site.js has no text of its own: it reads these attributes of <body>."""
    english = Client().get("/").content.decode()
    chinese = Client().get("/zh-hans/").content.decode()
    assert 'data-msg-server="Sorry, something went wrong on our side and your change was not saved.' in english
    assert 'data-msg-client="That change could not be saved ({status}).' in english
    assert 'data-msg-network="We could not reach the server, so your change was not saved.' in english
    assert 'data-msg-server="抱歉，我们这边出了点问题，你的修改没有保存。请再试一次。"' in chinese
    assert 'data-msg-client="这项修改没能保存（{status}）。请检查后再试一次。"' in chinese
    assert 'data-msg-network="我们无法连接到服务器，所以你的修改没有保存。请检查网络连接后再试一次。"' in chinese


def test_account_emails_from_a_chinese_page_are_in_chinese(owner):
    client = Client()
    client.post("/zh-hans/accounts/password/reset/", {"email": owner.email})
    client.post("/zh-hans/accounts/password/reset/", {"email": "nobody@example.com"})
    assert [message.subject for message in mail.outbox] == [
        "PM Planner：重置你的密码",
        "PM Planner：没有账户使用这个邮箱地址",
    ]
    domain = Site.objects.get_current().domain
    for message in mail.outbox:
        assert CJK.search(message.body)
        # Only the links and the site's domain are not Chinese.
        left = [line for line in message.body.splitlines() if LATIN.search(line) and not CJK.search(line)]
        assert [line for line in left if not line.startswith("http://") and line != domain] == []


def test_the_reminder_email_is_in_chinese():
    item = SimpleNamespace(text="准备作品集案例", url="http://localhost/zh-hans/plan/")
    digest = SimpleNamespace(subject="PM Planner：1 件事", followups=[item], targets=[item], stalled=[item])
    links = {"plan_url": "http://localhost/zh-hans/plan/", "settings_url": "http://s/", "unsubscribe_url": "http://u/"}
    with translation.override("zh-hans"):
        text = render_to_string("accounts/email/digest.txt", {"digest": digest, **links})
        html = render_to_string("accounts/email/digest.html", {"digest": digest, **links})
    for body in (text, html):
        left = [line for line in body.splitlines() if LATIN.search(line) and not CJK.search(line)]
        assert [line for line in left if "http" not in line and "<" not in line] == []
    assert "跟进事项" in text and "未来两周内的目标日期" in text and "四周没有变化的课程" in text
    assert '<a href="http://s/">更改提醒时间</a>或<a href="http://u/">停止提醒</a>。' in html
