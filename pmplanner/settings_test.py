"""Test overrides on top of the one settings module.

Tests run with development-style security settings (no HTTPS redirect) and
plain static storage, because Django's live server cannot serve hashed names
that were never collected. Production settings are tested separately by
running `check --deploy` in a subprocess with a production environment.
"""

import os
import tempfile
from pathlib import Path

os.environ.setdefault("DEBUG", "1")
os.environ.setdefault("SECRET_KEY", "test-only-secret-key-not-for-production")

from .settings import *  # noqa: F403

STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}  # noqa: F405
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"

if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    # A file rather than Django's in-memory test database: the live server's
    # threads then get connections of their own, as app servers do, so
    # concurrent requests meet SQLite's real locking (tests/security/test_concurrency.py).
    # One file per process, so parallel workers and parallel runs never share
    # one; in shared memory where there is some, so it costs no disk writes.
    _TEST_DB_DIR = Path("/dev/shm") if os.access("/dev/shm", os.W_OK) else Path(tempfile.gettempdir())  # noqa: S108
    DATABASES["default"]["TEST"] = {"NAME": str(_TEST_DB_DIR / f"pmplanner-test-{os.getpid()}.sqlite3")}  # noqa: F405
