from __future__ import annotations

from allauth.core import ratelimit
from django import forms
from django.http import HttpRequest


class DeleteAccountForm(forms.Form):
    password = forms.CharField(
        label="Your password",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        help_text="To make sure it is you, enter the password you sign in with.",
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
