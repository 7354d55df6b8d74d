"""The suite runs on the database DATABASE_URL names: `make test-postgres` really tests PostgreSQL."""

import os

from django.db import connection


def test_suite_runs_on_the_database_that_database_url_names():
    url = os.environ.get("DATABASE_URL", "")
    expected = "postgresql" if url.startswith(("postgres://", "postgresql://", "pgsql://")) else "sqlite"
    assert connection.vendor == expected
