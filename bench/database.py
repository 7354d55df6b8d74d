"""A fresh database for each bench run, never the one DATABASE_URL names.

SQLite: bench/bench.sqlite3, deleted first. PostgreSQL: a database called
`<name>_bench` on the server DATABASE_URL points at, dropped and created
again, so pointing the bench at a real server never touches its data.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import dj_database_url

SQLITE_FILE = Path(__file__).resolve().parent / "bench.sqlite3"


class DatabaseError(Exception):
    pass


def fresh_database_url(database_url: str) -> str:
    """Create the bench's empty database and return its URL."""
    if not database_url:
        for suffix in ("", "-wal", "-shm", "-journal"):
            SQLITE_FILE.with_name(SQLITE_FILE.name + suffix).unlink(missing_ok=True)
        return f"sqlite:///{SQLITE_FILE}"
    config = dj_database_url.parse(database_url)
    if config["ENGINE"] != "django.db.backends.postgresql":
        raise DatabaseError(f"DATABASE_URL must name a PostgreSQL server, or be unset for SQLite: {database_url!r}.")
    import psycopg
    from psycopg import sql

    name = f"{config['NAME']}_bench"
    try:
        with psycopg.connect(database_url, autocommit=True) as conn:
            conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    except psycopg.Error as exc:
        raise DatabaseError(f"Could not create the bench database {name!r} on {config['HOST']}: {exc}") from exc
    parts = urlsplit(database_url)
    return urlunsplit(parts._replace(path=f"/{name}"))


def drop(database_url: str, bench_url: str) -> None:
    """Remove the PostgreSQL bench database (SQLite's file stays for a look afterwards)."""
    if not database_url:
        return
    import psycopg
    from psycopg import sql

    name = dj_database_url.parse(bench_url)["NAME"]
    with psycopg.connect(database_url, autocommit=True) as conn:
        conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))
