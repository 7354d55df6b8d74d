"""Forms for every change a person makes to their plan.

State forms take the target state (status=completed, rating=3, done=true),
never a toggle, so a double click or a retried request cannot flip it back.
Edit forms save only their own fields and refuse a post that lacks any of
them (see `pmplanner.forms`).
"""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from pmplanner.forms import CompletePostMixin, SafeTextMixin, check_near_date, check_past_date

from .models import (
    CourseProgress,
    MilestoneProgress,
    NetworkingStep,
    Plan,
    PortfolioCase,
    SkillLevel,
    SkillRating,
    web_url_validator,
)

BOOLEAN_CHOICES = [("true", _("Yes")), ("false", _("No"))]


class WebURLField(forms.URLField):
    """http(s) links only; a bare domain is taken to mean https."""

    default_validators = [web_url_validator]
    default_error_messages = {"invalid": web_url_validator.message}

    def __init__(self, **kwargs):
        super().__init__(assume_scheme="https", **kwargs)


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class PlanItemForm(CompletePostMixin, forms.ModelForm):
    """An item's edit (or add) form: ids unique per item, so several forms can
    be open on one page, and every text field says its maximum length."""

    def __init__(self, *args, **kwargs):
        instance = kwargs.get("instance")
        prefix = f"{self._meta.model._meta.model_name}{instance.pk if instance and instance.pk else 'new'}"
        kwargs.setdefault("auto_id", f"id_{prefix}_%s")
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if isinstance(field, forms.CharField) and field.max_length and not isinstance(field, forms.URLField):
                limit = gettext("Up to %(count)s characters.") % {"count": f"{field.max_length:,}"}
                field.help_text = f"{field.help_text} {limit}" if field.help_text else limit

    def clean_target_date(self):
        """Courses and milestones have a target date: within ten years of today."""
        return check_near_date(self.cleaned_data["target_date"], _("target date"))

    def keep_only_if(self, present: bool, name: str) -> None:
        """A field only some rows have (the date a finished item was finished):
        required when present, gone otherwise."""
        if present:
            self.fields[name].required = True
        else:
            del self.fields[name]

    def save(self, commit: bool = True):
        """Write only the fields this form edits. A plain save() writes every
        column back as loaded, so a status or rating set meanwhile (another tab,
        a click during the edit) would be silently undone."""
        if not commit or self.instance._state.adding:
            return super().save(commit)
        instance = super().save(commit=False)
        instance.save(update_fields=[*self.fields, "updated"])
        return instance


# --- State forms (one field, the target state) -------------------------------


class StateForm(SafeTextMixin, forms.Form):
    pass


class CourseStatusForm(StateForm):
    status = forms.ChoiceField(choices=CourseProgress.Status.choices)


class CaseStatusForm(StateForm):
    status = forms.ChoiceField(choices=PortfolioCase.Status.choices)


class RatingForm(StateForm):
    rating = forms.TypedChoiceField(choices=[(str(v), label) for v, label in SkillLevel.choices], coerce=int)


class DoneForm(StateForm):
    """done=true / done=false for checklist items and networking steps."""

    done = forms.TypedChoiceField(choices=BOOLEAN_CHOICES, coerce=lambda value: value == "true")


class ReachedForm(StateForm):
    reached = forms.TypedChoiceField(choices=BOOLEAN_CHOICES, coerce=lambda value: value == "true")


# --- Edit forms --------------------------------------------------------------


class CourseDetailsForm(PlanItemForm):
    class Meta:
        model = CourseProgress
        fields = ["completed_on", "target_date", "note", "certificate_url"]
        widgets = {
            "completed_on": DateInput(),
            "target_date": DateInput(),
            "note": forms.Textarea(attrs={"rows": 2}),
        }
        field_classes = {"certificate_url": WebURLField}
        labels = {"note": _("Note")}
        help_texts = {
            "certificate_url": _("A link to your certificate, starting with https://."),
            "target_date": _("When you want to finish it; reminders and your calendar show it."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.keep_only_if(self.instance.is_completed, "completed_on")

    def clean_completed_on(self):
        return check_past_date(self.cleaned_data["completed_on"], _("completion date"))


class SkillNoteForm(PlanItemForm):
    class Meta:
        model = SkillRating
        fields = ["note"]
        labels = {"note": _("Note")}
        help_texts = {"note": _("A short note: what you did, or what to practise next.")}


class MilestoneForm(PlanItemForm):
    class Meta:
        model = MilestoneProgress
        fields = ["target_date", "reached_on"]
        widgets = {"target_date": DateInput(), "reached_on": DateInput()}
        labels = {"target_date": _("Target date")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.keep_only_if(self.instance.reached, "reached_on")

    def clean_reached_on(self):
        return check_past_date(self.cleaned_data["reached_on"], _("date reached"))


class PlanTargetForm(CompletePostMixin, forms.ModelForm):
    """The plan's own target: the date the person wants to be ready to apply by."""

    class Meta:
        model = Plan
        fields = ["target_date"]
        widgets = {"target_date": DateInput()}
        help_texts = {"target_date": _("Leave it empty for no target date.")}

    def clean_target_date(self):
        return check_near_date(self.cleaned_data["target_date"], _("date"))

    def save(self, commit: bool = True):
        # Only its own column: the plan's status may change meanwhile (another tab switching track).
        self.instance.save(update_fields=["target_date"])
        return self.instance


class PortfolioCaseForm(PlanItemForm):
    class Meta:
        model = PortfolioCase
        fields = ["title", "status", "problem", "action", "outcome", "link"]
        widgets = {
            "problem": forms.Textarea(attrs={"rows": 3}),
            "action": forms.Textarea(attrs={"rows": 3}),
            "outcome": forms.Textarea(attrs={"rows": 3}),
        }
        field_classes = {"link": WebURLField}
        labels = {
            "title": _("Title"),
            "status": _("Status"),
            "problem": _("Problem"),
            "outcome": _("Outcome"),
            "link": _("Link"),
        }
        help_texts = {"link": _("Where the case is published, starting with https://.")}


class NetworkingStepForm(PlanItemForm):
    class Meta:
        model = NetworkingStep
        fields = ["who", "kind", "date", "follow_up_on", "notes"]
        widgets = {"date": DateInput(), "follow_up_on": DateInput(), "notes": forms.Textarea(attrs={"rows": 2})}
        labels = {"kind": _("Kind"), "date": _("Date"), "notes": _("Notes")}
        help_texts = {"who": _("A person, a company, an event or a community.")}

    def clean_date(self):
        return check_near_date(self.cleaned_data["date"], _("date"))

    def clean_follow_up_on(self):
        return check_near_date(self.cleaned_data["follow_up_on"], _("follow-up date"))

    def clean(self):
        cleaned = super().clean()
        date, follow_up = cleaned.get("date"), cleaned.get("follow_up_on")
        if date and follow_up and follow_up < date:
            self.add_error("follow_up_on", gettext("The follow-up date cannot be before the date of the step."))
        return cleaned
