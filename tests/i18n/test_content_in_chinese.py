"""The career content in Chinese: what the fixtures carry, the fallback to English,
the check that lists what has no Chinese, and caches kept apart per language."""

from __future__ import annotations

import json

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.utils import translation
from modeltranslation.translator import translator

from careers import content_version
from careers.models import AnswerOption, ContentBlock, Course, Habit, Role, Track
from careers.translation import untranslated
from plans.models import SuggestedStep

pytestmark = pytest.mark.django_db

FIXTURES = settings.BASE_DIR / "fixtures"
LADDER = "担任产品经理后,您可以晋升为高级产品经理、产品主管甚至产品总监。"


def test_the_shipped_content_has_chinese_for_every_text():
    assert untranslated("zh-hans") == []


def test_the_check_says_so(capsys):
    call_command("check_translations")
    assert "Every text has its zh-hans translation." in capsys.readouterr().out


def test_the_check_lists_what_staff_left_without_chinese():
    Habit.objects.filter(slug=Habit.objects.first().slug).update(text_zh_hans="")
    habit = Habit.objects.first()
    SuggestedStep.objects.filter(pk=SuggestedStep.objects.first().pk).update(detail_zh_hans=None)
    gaps = untranslated("zh-hans")
    assert [(g.model, g.key, g.field) for g in gaps] == [
        ("careers.habit", habit.slug, "text"),
        ("plans.suggestedstep", SuggestedStep.objects.first().slug, "detail"),
    ]
    with pytest.raises(CommandError, match="2 texts have no zh-hans translation"):
        call_command("check_translations")


def test_every_registered_field_is_in_the_fixtures_in_both_languages():
    rows = [row for path in sorted(FIXTURES.glob("*.json")) for row in json.loads(path.read_text("utf-8"))]
    registered = {
        m._meta.label_lower: translator.get_options_for_model(m).fields for m in translator.get_registered_models()
    }
    for row in rows:
        for name in registered.get(row["model"], ()):
            assert name not in row["fields"], (row["model"], name)  # only the per-language columns
            english, chinese = row["fields"].get(f"{name}_en") or "", row["fields"].get(f"{name}_zh_hans") or ""
            assert bool(english.strip()) <= bool(chinese.strip()), (row["model"], row["fields"].get("slug"), name)


def test_chinese_pages_read_the_chinese_columns():
    with translation.override("zh-hans"):
        track = Track.objects.get(slug="technical")
        assert track.name == "技术产品经理"
        assert AnswerOption.objects.get(question__slug="q-work-environment", slug="not-sure").label == "还不确定"


def test_the_articles_own_chinese_is_the_ladders_text():
    with translation.override("zh-hans"):
        assert LADDER in ContentBlock.objects.get(slug="leadership_ladder").body


def test_course_titles_and_providers_stay_as_named():
    course = Course.objects.get(slug="ibm-product-manager-professional-certificate")
    with translation.override("zh-hans"):
        assert course.title == "IBM Product Manager Professional Certificate" and course.provider == "IBM"
        assert course.duration == "不到 3 个月"


def test_a_text_without_chinese_shows_in_english_never_empty(client):
    role = Role.objects.filter(track__isnull=True).first()
    Role.objects.filter(pk=role.pk).update(title_zh_hans="")
    Role.objects.filter(pk=Role.objects.filter(track__isnull=True).last().pk).update(title_zh_hans=None)
    with translation.override("zh-hans"):
        assert Role.objects.get(pk=role.pk).title == role.title_en
        titles = [r.title for r in Role.objects.filter(track__isnull=True)]
    assert all(titles)
    content_version.bump()
    assert role.title_en in client.get("/zh-hans/guide/").content.decode()


def test_cached_fragments_are_kept_per_language(client):
    assert "The Technical Product Manager" in client.get("/tracks/technical/").content.decode()
    chinese = client.get("/zh-hans/tracks/technical/").content.decode()
    assert "技术产品经理" in chinese and "The Technical Product Manager" not in chinese
    assert "The Technical Product Manager" in client.get("/tracks/technical/").content.decode()
    for path in ("/", "/guide/", "/courses/", "/tracks/"):
        english, chinese = client.get(path).content.decode(), client.get("/zh-hans" + path).content.decode()
        assert "技术产品经理" not in english and "技术产品经理" in chinese, path


def test_every_cached_fragment_is_keyed_by_language():
    for path in (settings.BASE_DIR / "templates").rglob("*.html"):
        for line in path.read_text("utf-8").splitlines():
            if "{% cache " in line:
                assert " LANGUAGE_CODE" in line, f"{path.name}: {line.strip()}"


def test_content_loaded_for_a_version_is_kept_per_language():
    version = content_version.token()
    with translation.override("en"):
        assert content_version.cached("names", version, lambda: [t.name for t in Track.objects.all()])[0] == (
            "The Technical Product Manager"
        )
    with translation.override("zh-hans"):
        assert content_version.cached("names", version, lambda: [t.name for t in Track.objects.all()])[0] == (
            "技术产品经理"
        )


def test_load_content_again_keeps_both_languages():
    call_command("load_content", verbosity=0)
    assert Track.objects.get(slug="ux").name_zh_hans == "用户体验产品经理"
    assert untranslated("zh-hans") == []
