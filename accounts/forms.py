from __future__ import annotations

from allauth.account import forms as allauth_forms
from allauth.core import ratelimit
from django import forms
from django.http import HttpRequest

from .models import Profile, Theme


class DeleteAccountForm(forms.Form):
    password = forms.CharField(
        label="Your password",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        help_text="To make sure it is you, enter the password you log in with.",
    )

    def __init__(self, request: HttpRequest, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.request = request
        self.user = request.user

    def clean_password(self) -> str:
        password = self.cleaned_data["password"]
        # The same limit as allauth's own re-authentication, so this form cannot be used to guess passwords.
        if not ratelimit.consume(self.request, action="reauthenticate", user=self.user):
            raise forms.ValidationError("Too many attempts. Wait a minute, then try again.", code="rate_limited")
        if not self.user.check_password(password):
            raise forms.ValidationError(
                "That password is not correct. Your account has not been deleted.", code="wrong_password"
            )
        return password


class ProfileForm(forms.ModelForm):
    class Meta:
        model = Profile
        fields = ["display_name"]
        labels = {"display_name": "Your name (optional)"}
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


class LoginForm(allauth_forms.LoginForm):
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        _in_our_words(self, {"login": "Email", "password": "Password", "remember": "Remember me"})


class SignupForm(_RulesOnce, allauth_forms.SignupForm):
    display_name = forms.CharField(
        label="Your name (optional)",
        max_length=Profile._meta.get_field("display_name").max_length,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
        help_text="What should we call you? You can change it later.",
    )
    field_order = ["display_name", "email", "password1", "password2"]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        _in_our_words(self, {"email": "Email", "password1": "Password", "password2": "Password (again)"})

    def custom_signup(self, request: HttpRequest, user) -> None:
        name = self.cleaned_data.get("display_name", "")
        if name:
            Profile.objects.update_or_create(user=user, defaults={"display_name": name})


class ChangePasswordForm(_RulesOnce, allauth_forms.ChangePasswordForm):
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        _in_our_words(
            self, {"oldpassword": "Current password", "password1": "New password", "password2": "New password (again)"}
        )


class SetPasswordForm(_RulesOnce, allauth_forms.SetPasswordForm):
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        _in_our_words(self, {"password1": "Password", "password2": "Password (again)"})


class ResetPasswordForm(allauth_forms.ResetPasswordForm):
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        _in_our_words(self, {"email": "Email"})


class ResetPasswordKeyForm(_RulesOnce, allauth_forms.ResetPasswordKeyForm):
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        _in_our_words(self, {"password1": "New password", "password2": "New password (again)"})


class AddEmailForm(allauth_forms.AddEmailForm):
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        _in_our_words(self, {"email": "New email address"})


class ReauthenticateForm(allauth_forms.ReauthenticateForm):
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        _in_our_words(self, {"password": "Your password"})
