"""The plans' suggested networking steps and targets, in every language (see careers/translation.py)."""

from modeltranslation.translator import TranslationOptions, register

from . import models


@register(models.SuggestedStep)
class SuggestedStepTranslation(TranslationOptions):
    fields = ("title", "detail")


@register(models.Target)
class TargetTranslation(TranslationOptions):
    fields = ("help_text",)
