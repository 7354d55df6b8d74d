from __future__ import annotations

from django.conf import settings
from django.db import models


class Theme(models.TextChoices):
    SYSTEM = "system", "System"
    LIGHT = "light", "Light"
    DARK = "dark", "Dark"


class Profile(models.Model):
    """What a person chose about how the site addresses and shows itself to them.

    Created on demand: an account without one reads as the defaults (`Profile.of`)."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profile")
    display_name = models.CharField(
        "Your name",
        max_length=60,
        blank=True,
        help_text="Shown at the top of every page. Leave it empty to show the start of your email address.",
    )
    theme = models.CharField("Appearance", max_length=6, choices=Theme.choices, default=Theme.SYSTEM)

    class Meta:
        verbose_name = "profile"

    def __str__(self) -> str:
        return self.name

    @classmethod
    def of(cls, user) -> Profile:
        """The user's profile, or an unsaved one with the defaults. Reads no row when the
        user was loaded with `select_related("profile")` (accounts.backends does)."""
        try:
            return user.profile
        except cls.DoesNotExist:
            return cls(user=user)

    @property
    def name(self) -> str:
        """What the site calls the person: their chosen name, else their email's local part.
        Never the username, which allauth made up and nobody chose."""
        return self.display_name or self.user.email.partition("@")[0] or "Your account"


def display_name(user) -> str:
    """ACCOUNT_USER_DISPLAY: how allauth names the user in its messages."""
    return Profile.of(user).name
