"""When the next reminder is due: a plain function of the person's settings and the time now.

Reminders go out on the hour the person picked, in their time zone, every day
or on one weekday. Clocks that change (daylight saving time) move the UTC time
of that hour, never the local one. An hour that does not exist that day (the
one skipped when clocks go forward) is read with the offset before the change,
so a 02:00 reminder comes at 03:00 that day; an hour that happens twice (when
clocks go back) comes the first time.
"""

from __future__ import annotations

import datetime
from zoneinfo import ZoneInfo

OFF, WEEKLY, DAILY = "off", "weekly", "daily"


def next_reminder(
    after: datetime.datetime, *, frequency: str, hour: int, weekday: int, zone: ZoneInfo
) -> datetime.datetime | None:
    """The first reminder time strictly after `after` (aware), in UTC; None when reminders are off."""
    if frequency == OFF:
        return None
    day = after.astimezone(zone).date()
    for offset in range(8):  # today and the seven days after hold every weekday
        candidate = day + datetime.timedelta(days=offset)
        if frequency == WEEKLY and candidate.weekday() != weekday:
            continue
        at = datetime.datetime.combine(candidate, datetime.time(hour), tzinfo=zone).astimezone(datetime.UTC)
        if at > after:
            return at
    raise AssertionError("unreachable: every frequency has a time within eight days")
