from __future__ import annotations

from django import forms

from .models import Question


class AnswerForm(forms.Form):
    """One assessment step: pick one of the question's options."""

    answer = forms.ChoiceField(
        widget=forms.RadioSelect(attrs={"class": "form-check-input"}),
        error_messages={
            "required": "Choose an answer to continue.",
            "invalid_choice": "That is not one of this question's answers. Choose one of the answers listed.",
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
