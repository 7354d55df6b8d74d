"""Days left until a target date, in words: "12 days left", "due today", "overdue by 3 days".

Overdue is said in words (and marked), never by colour alone.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.utils.translation import gettext, ngettext


@dataclass(frozen=True)
class Countdown:
    target: datetime.date
    days: int  # negative once the date has passed

    @property
    def overdue(self) -> bool:
        return self.days < 0

    @property
    def text(self) -> str:
        if self.days == 0:
            return gettext("due today")
        if self.days > 0:
            return ngettext("%(days)s day left", "%(days)s days left", self.days) % {"days": self.days}
        late = -self.days
        return ngettext("overdue by %(days)s day", "overdue by %(days)s days", late) % {"days": late}


def countdown(target: datetime.date | None, today: datetime.date) -> Countdown | None:
    return Countdown(target, (target - today).days) if target else None
