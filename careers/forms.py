from __future__ import annotations

from django import forms
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from . import content
from .models import Question, Track


class AnswerForm(forms.Form):
    """One assessment step: pick one of the question's options."""

    answer = forms.ChoiceField(
        widget=forms.RadioSelect(attrs={"class": "form-check-input"}),
        error_messages={
            "required": _("Choose an answer to continue."),
            "invalid_choice": _("That is not one of this question's answers. Choose one of the answers listed."),
        },
    )

    def __init__(self, question: Question, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.question = question
        field = self.fields["answer"]
        field.label = question.text
        field.choices = [(option.slug, option.label) for option in question.options.all()]
        if self.is_bound and self.has_error("answer"):
            field.widget.attrs["aria-invalid"] = "true"

    @property
    def tampered(self) -> bool:
        """True when the answer was not one the page offered: no browser sends that."""
        return self.has_error("answer", code="invalid_choice")


class CatalogueFilterForm(forms.Form):
    """The course catalogue's filters, read from the query string. Every value
    comes from the page's own menus, so anything else is a link to nothing (404)."""

    track = forms.ChoiceField(label=_("Track"), required=False)
    level = forms.ChoiceField(
        label=pgettext_lazy("course", "Level"), required=False, choices=[("", _("Any level")), *content.LEVELS]
    )
    cost = forms.ChoiceField(label=_("Cost"), required=False, choices=[("", _("Any cost")), *content.COSTS])

    def __init__(self, tracks: list[Track], *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["track"].choices = [
            ("", _("All tracks")),
            *((t.slug, t.short_name) for t in tracks),
            (content.GENERAL, _("General (every track)")),
        ]
        for field in self.fields.values():
            field.widget.attrs["class"] = "form-select"

    @property
    def chosen(self) -> content.Filters:
        return content.Filters(**self.cleaned_data)

    @property
    def problem(self) -> str:
        """What is wrong with an invalid filter, in words."""
        name = next(iter(self.errors))
        value = self.data.get(name)
        problems = {
            "track": gettext("There is no track called “%(value)s”."),
            "level": gettext("There is no level called “%(value)s”."),
            "cost": gettext("There is no cost called “%(value)s”."),
        }
        return problems[name] % {"value": value}
