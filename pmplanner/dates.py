"""Dates in words, in the language of the page.

Short dates use the language's DATE_FORMAT ("30 Nov 2026", "2026年11月30日"). A
date written out in full, or with its time, has a format of its own in each
language: the format string itself is translated (the catalogue's "j F Y" is
"Y年n月j日" in Chinese), so English keeps the site's long form.
"""

from __future__ import annotations

import datetime

from django.utils.formats import date_format
from django.utils.translation import gettext


def short_date(day: datetime.date) -> str:
    """ "30 Nov 2026" in English, "2026年11月30日" in Chinese."""
    return date_format(day, "DATE_FORMAT")


def long_date(day: datetime.date) -> str:
    """ "30 November 2026" in English, "2026年11月30日" in Chinese."""
    # Translators: Django date format characters for a date with the month's full name.
    return date_format(day, gettext("j F Y"))
