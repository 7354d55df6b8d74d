"""The career content's fields that people read, in every language (django-modeltranslation).

Each field gets a column per language (`name_en`, `name_zh_hans`); reading
`track.name` gives the active language's text, or the English one where the
Chinese is empty, so a page never shows an empty field. English is required,
as the field itself was. Course titles and providers stay as the providers name
them; slugs, links, levels and costs (choices, translated with the site's
strings) and where a course's facts come from (staff only) have one value.
`manage.py check_translations` lists what has no Chinese yet.
"""

from dataclasses import dataclass

from modeltranslation.translator import TranslationOptions, register, translator
from modeltranslation.utils import build_localized_fieldname

from . import models


@register(models.Track)
class TrackTranslation(TranslationOptions):
    fields = ("name", "short_name", "perfect_for", "summary")


@register(models.Responsibility)
class ResponsibilityTranslation(TranslationOptions):
    fields = ("text",)


@register(models.Skill)
class SkillTranslation(TranslationOptions):
    fields = ("name", "description")


@register(models.Role)
class RoleTranslation(TranslationOptions):
    fields = ("title", "description")


@register(models.Course)
class CourseTranslation(TranslationOptions):
    fields = ("description", "duration", "weekly_effort", "language")


@register(models.Industry)
class IndustryTranslation(TranslationOptions):
    fields = ("name",)


@register(models.Background)
class BackgroundTranslation(TranslationOptions):
    fields = ("name", "advice")


@register(models.WorkEnvironment)
class WorkEnvironmentTranslation(TranslationOptions):
    fields = ("name", "description")


@register(models.FirstStep)
class FirstStepTranslation(TranslationOptions):
    fields = ("title", "detail")


@register(models.Habit)
class HabitTranslation(TranslationOptions):
    fields = ("text",)


@register(models.EntryRoute)
class EntryRouteTranslation(TranslationOptions):
    fields = ("title", "detail")


@register(models.ContentBlock)
class ContentBlockTranslation(TranslationOptions):
    fields = ("title", "body")


@register(models.Question)
class QuestionTranslation(TranslationOptions):
    fields = ("text", "help_text")


@register(models.AnswerOption)
class AnswerOptionTranslation(TranslationOptions):
    fields = ("label", "phrase")


@dataclass(frozen=True)
class Gap:
    """A text shown to people that has English and no translation in `language`."""

    model: str  # "careers.track"
    key: str  # the row's natural key: "technical", or "q-industry/not-sure" for an answer
    field: str
    english: str
    language: str

    def __str__(self) -> str:
        return f"{self.model} {self.key} .{self.field} has no {self.language}: {self.english!r}"


def untranslated(language: str = "zh-hans") -> list[Gap]:
    """Every registered text with English and nothing in `language` (it shows in English there)."""
    gaps = []
    for model in sorted(translator.get_registered_models(), key=lambda m: m._meta.label_lower):
        fields = translator.get_options_for_model(model).fields
        for row in model._default_manager.order_by("pk"):
            for name in fields:
                english = getattr(row, build_localized_fieldname(name, "en")) or ""
                translated = getattr(row, build_localized_fieldname(name, language)) or ""
                if english.strip() and not translated.strip():
                    key = "/".join(row.natural_key())
                    gaps.append(Gap(model._meta.label_lower, key, name, english, language))
    return gaps
