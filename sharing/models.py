"""What a person shares with people who have no account: a public portfolio
page, and read-only links to their plan for mentors.

Both are off until the person acts: a profile starts unpublished, and a plan
link exists only once it is made. Both stop working the moment they are turned
off (unpublished, revoked), because every request reads the row: nothing about
them is cached.
"""

from __future__ import annotations

import datetime
import hashlib
import re
import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from plans.models import PortfolioCase

SLUG_MIN_LENGTH, SLUG_MAX_LENGTH = 3, 40
SLUG_PATTERN = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
# Addresses a person may not take: the site's own paths (were public pages ever
# moved to the top level, none could shadow one; a test keeps this list in step
# with the URLconf), and names that would pass for the site speaking.
RESERVED_SLUGS = frozenset(
    {
        "about",
        "account",
        "accounts",
        "admin",
        "administrator",
        "api",
        "app",
        "assessment",
        "assets",
        "auth",
        "blog",
        "careers",
        "contact",
        "courses",
        "design",
        "edit",
        "guide",
        "healthz",
        "help",
        "home",
        "i18n",
        "login",
        "logout",
        "media",
        "mentor",
        "new",
        "null",
        "official",
        "plan",
        "plans",
        "pm-planner",
        "pmplanner",
        "portfolio",
        "privacy",
        "root",
        "security",
        "settings",
        "share",
        "shared",
        "shared-plan",
        "sign-in",
        "sign-up",
        "signin",
        "signup",
        "staff",
        "static",
        "support",
        "system",
        "terms",
        "tracks",
        "undefined",
        "www",
        "zh-hans",
    }
)


def validate_public_slug(value: str) -> None:
    """The address a person picks for their page: /p/<slug>/."""
    if not SLUG_MIN_LENGTH <= len(value) <= SLUG_MAX_LENGTH:
        raise ValidationError(
            gettext("Use %(min)s to %(max)s characters (this one has %(length)s).")
            % {"min": SLUG_MIN_LENGTH, "max": SLUG_MAX_LENGTH, "length": len(value)},
            code="length",
        )
    if not SLUG_PATTERN.fullmatch(value):
        raise ValidationError(
            gettext("Use lower-case letters (a to z), digits and single hyphens between them, e.g. ana-lee."),
            code="invalid",
        )
    if value in RESERVED_SLUGS:
        raise ValidationError(
            gettext("“%(address)s” is reserved for the site. Choose another address.") % {"address": value},
            code="reserved",
        )


def new_page_token() -> str:
    # 96 random bits: the page's address when the person picks no name for it.
    return secrets.token_urlsafe(12)


class PublicProfile(models.Model):
    """A person's public portfolio page: a display name, a headline and the
    Published cases they choose, and nothing else about them."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="public_profile")
    display_name = models.CharField(
        _("display name"), max_length=80, help_text=_("The name at the top of your page. Up to 80 characters.")
    )
    headline = models.CharField(
        max_length=160,
        blank=True,
        help_text=_("One line under your name, e.g. “Teacher moving into product management”. Up to 160 characters."),
    )
    # Stored lower-case; NULL (no name picked) means the page lives at its random token.
    slug = models.CharField(
        _("address"), max_length=SLUG_MAX_LENGTH, unique=True, null=True, blank=True, validators=[validate_public_slug]
    )
    token = models.CharField(max_length=32, unique=True, default=new_page_token, editable=False)
    published = models.BooleanField(_("publish my page"), default=False)
    indexable = models.BooleanField(_("let search engines index this page"), default=False)
    cases = models.ManyToManyField(PortfolioCase, blank=True, related_name="+")
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("public portfolio page")

    def __str__(self) -> str:
        return self.display_name

    @property
    def url(self) -> str:
        """The page's one address: the picked name, else the random token."""
        if self.slug:
            return reverse("sharing:portfolio", args=[self.slug])
        return reverse("sharing:portfolio_by_token", args=[self.token])

    def shown_cases(self) -> models.QuerySet[PortfolioCase]:
        """The chosen cases that are the person's own and Published, oldest first."""
        return (
            self.cases.filter(user=self.user_id, status=PortfolioCase.Status.PUBLISHED)
            .select_related("track")
            .order_by("created", "pk")
        )


class ShareLink(models.Model):
    """A read-only link to the person's current plan, for one mentor.

    Only a hash of the link's secret is stored: the full link is shown once,
    when it is made, and a copy of the database cannot be turned back into it."""

    MAX_PER_USER = 20
    # "Last opened" is written at most once a minute, so reading stays cheap.
    OPENED_EVERY = datetime.timedelta(minutes=1)

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="share_links")
    label = models.CharField(
        max_length=60, help_text=_("Who the link is for, so you can tell your links apart. Up to 60 characters.")
    )
    include_notes = models.BooleanField(
        _("include my notes"),
        default=False,
        help_text=_("Your course, skill and networking notes, and the write-ups and links of your portfolio cases."),
    )
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    created = models.DateTimeField(default=timezone.now)
    last_opened = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created", "-pk"]
        verbose_name = _("plan link")

    def __str__(self) -> str:
        return self.label

    @staticmethod
    def hash(token: str) -> str:
        return hashlib.sha256(token.encode()).hexdigest()

    @classmethod
    def create(cls, user, *, label: str, include_notes: bool) -> tuple[ShareLink, str]:
        """A new link and its secret, which is not stored and cannot be shown again."""
        token = secrets.token_urlsafe(32)
        link = cls.objects.create(user=user, label=label, include_notes=include_notes, token_hash=cls.hash(token))
        return link, token

    @classmethod
    def find(cls, token: str) -> ShareLink | None:
        return cls.objects.filter(token_hash=cls.hash(token)).first()

    @staticmethod
    def url_for(token: str) -> str:
        return reverse("sharing:shared_plan", args=[token])

    def record_opening(self, now: datetime.datetime | None = None) -> None:
        now = now or timezone.now()
        if self.last_opened is None or now - self.last_opened >= self.OPENED_EVERY:
            ShareLink.objects.filter(pk=self.pk).update(last_opened=now)
            self.last_opened = now
