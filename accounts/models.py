"""What a person chooses for themselves: how the site addresses and shows itself to them,
email reminders, and a private calendar link."""

from __future__ import annotations

import datetime
import secrets
import zoneinfo

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from . import schedule


class Theme(models.TextChoices):
    SYSTEM = "system", pgettext_lazy("theme", "System")
    LIGHT = "light", pgettext_lazy("theme", "Light")
    DARK = "dark", pgettext_lazy("theme", "Dark")


class Profile(models.Model):
    """What a person chose about how the site addresses and shows itself to them.

    Created on demand: an account without one reads as the defaults (`Profile.of`)."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profile")
    display_name = models.CharField(
        _("Your name"),
        max_length=60,
        blank=True,
        help_text=_("Shown at the top of every page. Leave it empty to show the start of your email address."),
    )
    theme = models.CharField(_("Appearance"), max_length=6, choices=Theme.choices, default=Theme.SYSTEM)
    # The site's language for this person: pages after login, and their emails (accounts/language.py).
    language = models.CharField(
        _("Language"),
        max_length=7,
        choices=settings.LANGUAGES,
        blank=True,
        help_text=_("Empty: English, the site's default (nothing is stored until they use another language)."),
    )

    class Meta:
        verbose_name = _("profile")

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
        return self.display_name or self.user.email.partition("@")[0] or gettext("Your account")


def display_name(user) -> str:
    """ACCOUNT_USER_DISPLAY: how allauth names the user in its messages."""
    return Profile.of(user).name


def default_time_zone() -> str:
    return settings.TIME_ZONE


def time_zone_names() -> list[str]:
    """Every IANA zone people live in ("Europe/Berlin"), plus UTC; not the legacy aliases."""
    areas = ("Africa/", "America/", "Antarctica/", "Asia/", "Atlantic/", "Australia/", "Europe/", "Indian/", "Pacific/")
    return sorted({"UTC", *(name for name in zoneinfo.available_timezones() if name.startswith(areas))})


class ReminderSettings(models.Model):
    """A person's email reminders: off by default; daily or weekly at an hour of their day."""

    class Frequency(models.TextChoices):
        OFF = schedule.OFF, pgettext_lazy("reminders", "Off")
        WEEKLY = schedule.WEEKLY, _("Weekly")
        DAILY = schedule.DAILY, _("Daily")

    class Weekday(models.IntegerChoices):
        MONDAY = 0, _("Monday")
        TUESDAY = 1, _("Tuesday")
        WEDNESDAY = 2, _("Wednesday")
        THURSDAY = 3, _("Thursday")
        FRIDAY = 4, _("Friday")
        SATURDAY = 5, _("Saturday")
        SUNDAY = 6, _("Sunday")

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reminder_settings")
    frequency = models.CharField(max_length=10, choices=Frequency.choices, default=Frequency.OFF)
    hour = models.PositiveSmallIntegerField(default=8, validators=[MaxValueValidator(23)])
    weekday = models.PositiveSmallIntegerField(choices=Weekday.choices, default=Weekday.MONDAY)
    # Also the time zone of the weeks in the plan's charts.
    time_zone = models.CharField(max_length=64, default=default_time_zone)
    # When the sender next claims this person (`manage.py send_reminders`); none while reminders are off.
    next_reminder_at = models.DateTimeField(null=True, blank=True, db_index=True)
    last_sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("reminder settings")
        verbose_name_plural = _("reminder settings")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(frequency__in=["off", "weekly", "daily"]), name="reminder_frequency_valid"
            ),
            models.CheckConstraint(condition=models.Q(hour__lte=23), name="reminder_hour_valid"),
            models.CheckConstraint(condition=models.Q(weekday__lte=6), name="reminder_weekday_valid"),
        ]

    def __str__(self) -> str:
        return f"Reminders for {self.user}: {self.get_frequency_display()}"

    @property
    def zone(self) -> zoneinfo.ZoneInfo:
        try:
            return zoneinfo.ZoneInfo(self.time_zone)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            return zoneinfo.ZoneInfo(settings.TIME_ZONE)

    @classmethod
    def zone_of(cls, user) -> zoneinfo.ZoneInfo:
        """The person's time zone (the site's until they pick one). Reads the
        relation, so select it with the user to save the query."""
        found = getattr(user, "reminder_settings", None)
        return found.zone if found else zoneinfo.ZoneInfo(settings.TIME_ZONE)

    def next_after(self, moment: datetime.datetime) -> datetime.datetime | None:
        return schedule.next_reminder(
            moment, frequency=self.frequency, hour=self.hour, weekday=self.weekday, zone=self.zone
        )


def new_calendar_token() -> str:
    return secrets.token_urlsafe(32)


class CalendarFeed(models.Model):
    """A private iCal address: whoever has the token reads the person's dates, so it is a secret."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_feed")
    token = models.CharField(max_length=64, unique=True, default=new_calendar_token)
    issued = models.DateTimeField(auto_now=True)  # when this token was made

    class Meta:
        verbose_name = _("calendar link")

    def __str__(self) -> str:
        return f"Calendar link of {self.user}"
