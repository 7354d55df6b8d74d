"""The forms of the sharing page: the public portfolio page, and a new plan link.

Both refuse control characters and a post that lacks any of their fields
(`pmplanner.forms`); a refused post changes nothing.
"""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from plans.models import PortfolioCase
from pmplanner.forms import CompletePostMixin

from .models import PublicProfile, ShareLink, validate_public_slug


def one_line(value: str) -> str:
    if "\n" in value or "\r" in value:
        raise ValidationError(gettext("Keep this to one line."), code="one_line")
    return value


class CaseChoices(forms.ModelMultipleChoiceField):
    def label_from_instance(self, case: PortfolioCase) -> str:
        if not case.track:
            return case.title
        # Translators: a portfolio case and the track it was written on; Chinese uses full-width brackets.
        return gettext("%(title)s (%(track)s)") % {"title": case.title, "track": case.track.short_name}


class PublicProfileForm(CompletePostMixin, forms.ModelForm):
    cases = CaseChoices(
        queryset=PortfolioCase.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label=_("Cases to show"),
        help_text=_(
            "Only cases marked Published in your plan can be shown. A case you move back to Drafting leaves "
            "the page at once."
        ),
    )

    class Meta:
        model = PublicProfile
        fields = ["display_name", "headline", "slug", "cases", "published", "indexable"]
        labels = {"headline": _("Headline")}
        help_texts = {
            "published": _("Anyone with the address can see the page. Untick to take it down at once."),
            "indexable": _("Off: the page asks search engines to leave it out of their results."),
        }

    def __init__(self, *args, user, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        published = PortfolioCase.objects.filter(user=user, status=PortfolioCase.Status.PUBLISHED)
        self.fields["cases"].queryset = published.select_related("track").order_by("created", "pk")
        slug = self.fields["slug"]
        slug.label = _("Address (optional)")
        slug.help_text = _(
            "Your page is at /p/ followed by this name, e.g. /p/ana-lee/: 3 to 40 lower-case letters, digits and "
            "hyphens. Leave it empty for a random address that is hard to guess."
        )

    def clean_display_name(self) -> str:
        return one_line(self.cleaned_data["display_name"])

    def clean_headline(self) -> str:
        return one_line(self.cleaned_data["headline"])

    def clean_slug(self) -> str | None:
        value = (self.cleaned_data["slug"] or "").strip().lower()
        if not value:
            return None
        validate_public_slug(value)
        if PublicProfile.objects.filter(slug=value).exclude(user=self.user).exists():
            raise ValidationError(gettext("That address is taken. Choose another."), code="taken")
        return value

    def save(self, commit: bool = True) -> PublicProfile:
        self.instance.user = self.user
        return super().save(commit)


class ShareLinkForm(CompletePostMixin, forms.ModelForm):
    class Meta:
        model = ShareLink
        fields = ["label", "include_notes"]
        labels = {"label": _("Who is it for?")}
        help_texts = {"label": _("E.g. “Ana, my mentor”, so you can tell your links apart. Up to 60 characters.")}

    def __init__(self, *args, user, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_label(self) -> str:
        return one_line(self.cleaned_data["label"])

    def clean(self):
        cleaned = super().clean()
        if ShareLink.objects.filter(user=self.user).count() >= ShareLink.MAX_PER_USER:
            raise ValidationError(
                gettext("You have %(count)s links, the most you can have at once. Revoke one you no longer need first.")
                % {"count": ShareLink.MAX_PER_USER},
                code="too_many",
            )
        return cleaned
