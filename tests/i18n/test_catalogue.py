"""The Chinese catalogue is complete and is the one the site runs on.

`locale/zh_Hans/LC_MESSAGES/django.po` holds a Chinese text for every string marked in the
code and the templates (extracted afresh from a copy of the sources, so a string marked
without `make messages` fails here), none fuzzy, every placeholder kept; the committed `.mo`
(what Django reads, so the site runs without gettext) says exactly what the `.po` says."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.utils import translation

CATALOGUE = Path(settings.BASE_DIR) / "locale" / "zh_Hans" / "LC_MESSAGES"
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|%[sd]|\{\w*\}")


def entries(catalogue) -> dict[tuple[str | None, str], object]:
    return {
        (entry.msgctxt, entry.msgid): entry.msgstr_plural or entry.msgstr
        for entry in catalogue
        if not entry.obsolete and entry.msgid
    }


@pytest.fixture(scope="module")
def po() -> polib.POFile:
    return polib.pofile(str(CATALOGUE / "django.po"))


@pytest.fixture(scope="module")
def extracted(tmp_path_factory) -> polib.POFile:
    """What `manage.py makemessages` finds in the sources today, merged into a copy of the committed `.po`."""
    copy = tmp_path_factory.mktemp("sources") / "site"
    skip = shutil.ignore_patterns(".*", "__pycache__", "node_modules", "staticfiles", "*.sqlite3*", "tests", "bench")
    shutil.copytree(settings.BASE_DIR, copy, ignore=skip)
    env = {**os.environ, "DEBUG": "1", "DATABASE_URL": ""}
    subprocess.run(
        [sys.executable, "manage.py", "makemessages", "-l", "zh_Hans", "--no-obsolete", "--no-location"],
        cwd=copy,
        env=env,
        check=True,
        capture_output=True,
    )
    return polib.pofile(str(copy / "locale" / "zh_Hans" / "LC_MESSAGES" / "django.po"))


def test_every_string_marked_in_the_sources_is_in_the_catalogue_and_translated(po, extracted):
    missing = [entry.msgid for entry in extracted if not entry.translated() or "fuzzy" in entry.flags]
    assert not missing, f"{len(missing)} marked strings have no Chinese (run `make messages` and translate):\n" + (
        "\n".join(missing[:50])
    )
    assert entries(extracted).keys() == entries(po).keys(), "the .po is out of date: run `make messages`"


def test_no_entry_is_untranslated_or_fuzzy_and_placeholders_are_kept(po):
    assert po.percent_translated() == 100 and not po.fuzzy_entries() and not po.untranslated_entries()
    assert "nplurals=1; plural=0;" in po.metadata["Plural-Forms"]
    for entry in po:
        texts = list(entry.msgstr_plural.values()) if entry.msgid_plural else [entry.msgstr]
        for text in texts:
            assert sorted(PLACEHOLDER.findall(text)) == sorted(PLACEHOLDER.findall(entry.msgid)), (entry.msgid, text)


def test_the_compiled_catalogue_matches_the_po(po):
    mo = polib.mofile(str(CATALOGUE / "django.mo"))
    assert entries(mo) == entries(po), "django.mo is stale: run `make messages`"


def test_django_reads_the_catalogue(po):
    entry = next(entry for entry in po if not entry.msgid_plural and not entry.msgctxt)
    with translation.override("zh-hans"):
        assert translation.gettext(entry.msgid) == entry.msgstr
    with translation.override("en"):
        assert translation.gettext(entry.msgid) == entry.msgid
