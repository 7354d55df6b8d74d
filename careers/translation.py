"""The career content's fields that people read, in every language (django-modeltranslation).

Each field gets a column per language (`name_en`, `name_zh_hans`); reading
`track.name` gives the active language's text, or the English one where the
Chinese is empty, so a page never shows an empty field. English is required,
as the field itself was. Course titles and providers stay as the providers name
them; slugs, links, levels and costs (choices, translated with the site's
strings) and where a course's facts come from (staff only) have one value.
`manage.py check_translations` lists what has no Chinese yet.
"""

from modeltranslation.translator import TranslationOptions, register

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
