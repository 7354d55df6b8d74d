"""allauth's adapter, where PM Planner differs from allauth's defaults."""

from __future__ import annotations

from allauth.account.adapter import DefaultAccountAdapter
from django.utils.translation import pgettext


class AccountAdapter(DefaultAccountAdapter):
    def format_email_subject(self, subject: str) -> str:
        """ "PM Planner: Reset your password", "PM Planner：重置你的密码": the prefix in the email's language."""
        return pgettext("email subject", "PM Planner: %(subject)s") % {"subject": subject}
