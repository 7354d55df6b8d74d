"""PM Planner's account forms: allauth's, with input limits, and deleting an account.

Every form here refuses an over-long password or email address while its
fields are validated, before anything hashes, checks, validates or stores the
value: a megabyte "password" would otherwise be hashed on every login attempt
(and compared character by character with the email by Django's similarity
validator), and an email longer than the database's column would fail to save.
`ACCOUNT_FORMS` in the settings puts these in place of allauth's own.
"""

from __future__ import annotations

from allauth.account import forms as allauth_forms
from allauth.account.models import EmailAddress
from allauth.core import ratelimit
from django import forms
from django.core.validators import MaxLengthValidator
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext, gettext_lazy, ngettext_lazy, pgettext_lazy

from pmplanner.forms import CompletePostMixin, SafeTextMixin

from .models import Profile, ReminderSettings, Theme, time_zone_names

# Django 5.2 changed its password-length message to this msgid, which its own
# zh_Hans catalogue does not have yet: marked here so that ours translates it.
DJANGO_PASSWORD_TOO_SHORT = ngettext_lazy(
    "This password is too short. It must contain at least %d character.",
    "This password is too short. It must contain at least %d characters.",
    "min_length",
)

PASSWORD_MAX_LENGTH = 256
# The longest address SMTP carries (RFC 5321), and the length of the email columns.
EMAIL_MAX_LENGTH = 254


def _limit(field: forms.CharField, limit: int, message: str) -> None:
    field.max_length = limit
    others = [v for v in field.validators if not isinstance(v, MaxLengthValidator)]
    field.validators = [*others, MaxLengthValidator(limit, message=message)]


class InputLimits(SafeTextMixin):
    """Caps every password and email field of the form it is mixed into, and
    refuses control characters in any of its fields (pmplanner.forms)."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if isinstance(field.widget, forms.PasswordInput):
                # No maxlength attribute: a browser would cut a pasted password short without a word.
                _limit(
                    field,
                    PASSWORD_MAX_LENGTH,
                    gettext("A password can have at most %(limit)s characters.") % {"limit": PASSWORD_MAX_LENGTH},
                )
            elif isinstance(field, forms.EmailField):
                _limit(
                    field,
                    EMAIL_MAX_LENGTH,
                    gettext("An email address has at most %(limit)s characters.") % {"limit": EMAIL_MAX_LENGTH},
                )
                field.widget.attrs["maxlength"] = str(EMAIL_MAX_LENGTH)


class DeleteAccountForm(InputLimits, forms.Form):
    password = forms.CharField(
        label=gettext_lazy("Your password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        help_text=gettext_lazy("To make sure it is you, enter the password you log in with."),
    )

    def __init__(self, request: HttpRequest, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.request = request
        self.user = request.user

    def clean_password(self) -> str:
        password = self.cleaned_data["password"]
        # The same limit as allauth's own re-authentication, so this form cannot be used to guess passwords.
        if not ratelimit.consume(self.request, action="reauthenticate", user=self.user):
            raise forms.ValidationError(
                gettext("Too many attempts. Wait a minute, then try again."), code="rate_limited"
            )
        if not self.user.check_password(password):
            raise forms.ValidationError(
                gettext("That password is not correct. Your account has not been deleted."), code="wrong_password"
            )
        return password


class ProfileForm(SafeTextMixin, forms.ModelForm):
    class Meta:
        model = Profile
        fields = ["display_name"]
        labels = {"display_name": gettext_lazy("Your name (optional)")}
        widgets = {"display_name": forms.TextInput(attrs={"autocomplete": "name"})}


class ThemeForm(forms.Form):
    theme = forms.ChoiceField(choices=Theme.choices)


# --- allauth's forms in the site's voice (ACCOUNT_FORMS) ----------------------
# Labels in sentence case, no placeholders that repeat them, and the password
# rules shown once: as the new password's help text, or, once that field has
# errors, only as the errors that name the rules it broke.


def _in_our_words(form: forms.Form, labels: dict[str, str]) -> None:
    for name, field in form.fields.items():
        field.widget.attrs.pop("placeholder", None)
        if name in labels:
            field.label = labels[name]


class _RulesOnce:
    rules_field = "password1"

    def full_clean(self) -> None:
        super().full_clean()
        if self.rules_field in self.errors:
            # The bound field copied the help text when the form was cleaned.
            self.fields[self.rules_field].help_text = self[self.rules_field].help_text = ""


class LoginForm(InputLimits, allauth_forms.LoginForm):
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        _in_our_words(
            self, {"login": gettext("Email"), "password": gettext("Password"), "remember": gettext("Remember me")}
        )


class SignupForm(InputLimits, _RulesOnce, allauth_forms.SignupForm):
    display_name = forms.CharField(
        label=gettext_lazy("Your name (optional)"),
        max_length=Profile._meta.get_field("display_name").max_length,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
        help_text=gettext_lazy("What should we call you? You can change it later."),
    )
    field_order = ["display_name", "email", "password1", "password2"]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        _in_our_words(
            self,
            {"email": gettext("Email"), "password1": gettext("Password"), "password2": gettext("Password (again)")},
        )

    def custom_signup(self, request: HttpRequest, user) -> None:
        name = self.cleaned_data.get("display_name", "")
        if name:
            Profile.objects.update_or_create(user=user, defaults={"display_name": name})


class ChangePasswordForm(InputLimits, _RulesOnce, allauth_forms.ChangePasswordForm):
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        _in_our_words(
            self,
            {
                "oldpassword": gettext("Current password"),
                "password1": gettext("New password"),
                "password2": gettext("New password (again)"),
            },
        )


class SetPasswordForm(InputLimits, _RulesOnce, allauth_forms.SetPasswordForm):
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        _in_our_words(self, {"password1": gettext("Password"), "password2": gettext("Password (again)")})


class ResetPasswordForm(InputLimits, allauth_forms.ResetPasswordForm):
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        _in_our_words(self, {"email": gettext("Email")})


class ResetPasswordKeyForm(InputLimits, _RulesOnce, allauth_forms.ResetPasswordKeyForm):
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        _in_our_words(self, {"password1": gettext("New password"), "password2": gettext("New password (again)")})


class AddEmailForm(InputLimits, allauth_forms.AddEmailForm):
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        _in_our_words(self, {"email": gettext("New email address")})


class ReauthenticateForm(InputLimits, allauth_forms.ReauthenticateForm):
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        _in_our_words(self, {"password": gettext("Your password")})


class ReminderForm(CompletePostMixin, forms.ModelForm):
    """Reminders by email: off, weekly or daily, at an hour of the person's day."""

    hour = forms.TypedChoiceField(
        label=pgettext_lazy("time of day", "At"),
        choices=[(str(hour), f"{hour:02d}:00") for hour in range(24)],
        coerce=int,
    )
    time_zone = forms.ChoiceField(
        label=gettext_lazy("Your time zone"),
        help_text=gettext_lazy(
            "Reminders come at this hour of your day; your plan's weeks start on Monday in this time zone."
        ),
    )

    class Meta:
        model = ReminderSettings
        fields = ["frequency", "weekday", "hour", "time_zone"]
        widgets = {"frequency": forms.RadioSelect}
        labels = {
            "frequency": gettext_lazy("Email me a reminder"),
            "weekday": pgettext_lazy("day of the week", "On (for weekly reminders)"),
        }

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["time_zone"].choices = [(name, name.replace("_", " ")) for name in time_zone_names()]

    def clean(self):
        cleaned = super().clean()
        user = self.instance.user
        wanted = cleaned.get("frequency") not in (None, ReminderSettings.Frequency.OFF)
        if wanted and not EmailAddress.objects.filter(user=user, email__iexact=user.email, verified=True).exists():
            self.add_error(
                "frequency",
                gettext("Confirm your email address first (see Change email): reminders only go to a confirmed one."),
            )
        return cleaned

    def save(self, commit: bool = True) -> ReminderSettings:
        reminders = super().save(commit=False)
        reminders.next_reminder_at = reminders.next_after(timezone.now())
        reminders.save()
        return reminders
