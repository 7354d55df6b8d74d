"""The newcomer's journey entirely in Chinese, by the Chinese labels a person sees.

English home page → the language switcher → the assessment → its result → sign up → the
plan → a course completed, on a desktop and on a 390 px phone. On every page: the page is
in Chinese (no English word of the interface left: the words that are allowed are the ones
of the career content kept as named, such as course titles and providers, listed below),
axe finds nothing and nothing scrolls sideways.

The labels are looked up in the catalogue (`zh()`), and each must differ from its English,
so the test follows whatever the translators wrote and still fails on an untranslated one."""

from __future__ import annotations

import re

import pytest
from django.utils import translation
from modeltranslation.translator import translator
from modeltranslation.utils import build_localized_fieldname
from playwright.sync_api import Page, expect

from careers.models import AnswerOption, Course, Track
from plans.models import CourseProgress
from tests.e2e.conftest import axe_violations
from tests.e2e.helpers import TECHNICAL_ANSWERS, horizontal_overflow, wider_than_viewport

EMAIL = "xiaoming@example.com"
PASSWORD = "Zhongwen-Mima-2026"

# Latin words a Chinese page may show that are not the interface's: the product's name, the
# switcher's "English", the person's email address, and CSV (a file format's name).
ALLOWED = {"PM", "Planner", "English", "xiaoming", "example", "com", "CSV"}
LATIN_WORD = re.compile(r"[A-Za-z][A-Za-z'\u2019-]+")


def zh(message: str, context: str | None = None) -> str:
    """The Chinese of an interface string, which must have one."""
    with translation.override("zh-hans"):
        text = translation.pgettext(context, message) if context else translation.gettext(message)
    assert text != message, f"no Chinese for {message!r}"
    return text


def content_words() -> set[str]:
    """Latin words that belong to the career content: course titles and providers (kept as named)
    and those inside the Chinese texts themselves (names such as SQL, Figma or Coursera)."""
    words: set[str] = set()
    for course in Course.objects.all():
        words |= set(LATIN_WORD.findall(f"{course.title} {course.provider}"))
    for model in translator.get_registered_models():
        for name in translator.get_options_for_model(model).fields:
            column = build_localized_fieldname(name, "zh_hans")
            for text in model._default_manager.values_list(column, flat=True):
                words |= set(LATIN_WORD.findall(text or ""))
    return words


def english_left(page: Page, allowed: set[str]) -> list[str]:
    text = page.locator("body").inner_text()
    return sorted({word for word in LATIN_WORD.findall(text) if word not in allowed})


def answer_in_chinese(english: str) -> str:
    option = AnswerOption.objects.filter(label_en=english).first()
    return option.label_zh_hans


@pytest.mark.parametrize("viewport", [{"width": 1280, "height": 800}, {"width": 390, "height": 844}], ids=str)
def test_a_newcomer_goes_from_the_switcher_to_a_plan_in_chinese(live_server, browser, viewport):
    context = browser.new_context(viewport=viewport, locale="en-GB")
    page = context.new_page()
    allowed = ALLOWED | content_words()
    problems: dict[str, list[str]] = {}

    def check(label: str) -> None:
        expect(page.locator("html")).to_have_attribute("lang", "zh-hans")
        found = [f"English: {' '.join(words)}" for words in [english_left(page, allowed)] if words]
        found += axe_violations(page)
        if horizontal_overflow(page):
            found.append(f"scrolls sideways: {wider_than_viewport(page)}")
        if found:
            problems[f"{label} ({page.url})"] = found

    page.goto(live_server.url + "/")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    if viewport["width"] < 992:
        page.get_by_role("button", name="Toggle navigation").click()
    page.get_by_role("banner").get_by_role("button", name="简体中文").click()
    expect(page).to_have_url(re.compile(r"/zh-hans/$"))
    check("home")

    # The assessment, with the answers in Chinese; its result names a track in Chinese.
    page.get_by_role("link", name=zh("Take the assessment")).first.click()
    check("assessment intro")
    page.get_by_role("button", name=zh("Start the assessment")).click()
    for number, answer in enumerate(TECHNICAL_ANSWERS, start=1):
        step = zh("Step %(number)s of %(total)s") % {"number": number, "total": len(TECHNICAL_ANSWERS)}
        expect(page.get_by_role("heading", level=2)).to_contain_text(step)
        page.get_by_role("radio", name=answer_in_chinese(answer), exact=True).check()
        if number == 1:
            check("assessment step")
        last = number == len(TECHNICAL_ANSWERS)
        page.get_by_role("button", name=zh("See my result") if last else zh("Next")).click()
    technical = Track.objects.get(slug="technical")
    expect(page.get_by_role("heading", level=1)).to_contain_text(technical.short_name_zh_hans)
    check("assessment result")

    # Sign up from the result, in Chinese: the form, its labels and its button.
    page.get_by_role("link", name=re.compile(re.escape(zh("Sign up to start this track")))).click()
    check("sign up")
    page.get_by_role("textbox", name=re.compile(zh("Email"))).fill(EMAIL)
    page.get_by_role("textbox", name=re.compile(rf"^{zh('Password')}\W*$")).fill(PASSWORD)
    page.get_by_role("textbox", name=re.compile(re.escape(zh("Password (again)")))).fill(PASSWORD)
    page.get_by_role("button", name=zh("Sign up")).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(technical.short_name_zh_hans)
    assert "/zh-hans/" in page.url

    # Start the track: the plan's overview, then its courses, and a course completed.
    page.get_by_role("button", name=re.compile(re.escape(zh("Start this track")))).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(technical.name_zh_hans)
    check("plan overview")
    page.get_by_role("navigation", name=zh("Plan sections")).get_by_role("link", name=zh("Courses")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(zh("Courses"))
    check("courses")
    course = page.locator("#courses-list > li.item").first
    course.get_by_role("button", name=zh("Completed")).click()
    expect(course.get_by_role("button", name=zh("Completed"))).to_have_attribute("aria-pressed", "true")
    expect(page.locator("#progress-courses .progress-text")).to_contain_text("1")
    assert CourseProgress.objects.filter(user__email=EMAIL, status=CourseProgress.Status.COMPLETED).count() == 1
    check("courses, one completed")

    context.close()
    report = "\n".join(f"{where}:\n  " + "\n  ".join(lines) for where, lines in problems.items())
    assert not problems, f"pages not fully Chinese, accessible and fitting:\n{report}"
