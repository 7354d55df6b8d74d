"""Days left until a target date, in words: "12 days left", "due today", "overdue by 3 days".

Overdue is said in words (and marked), never by colour alone.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass


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
            return "due today"
        if self.days > 0:
            return f"{self.days} day{'s' if self.days != 1 else ''} left"
        return f"overdue by {-self.days} day{'s' if self.days != -1 else ''}"


def countdown(target: datetime.date | None, today: datetime.date) -> Countdown | None:
    return Countdown(target, (target - today).days) if target else None
