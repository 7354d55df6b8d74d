"""What the two-server test runs: a fresh PostgreSQL database and gunicorn servers.

The database is `<name>_scale` on the server DATABASE_URL names (created
afresh and dropped afterwards, so the named database is never touched). Each
`Server` is one gunicorn master with its workers, in a process group of its
own, so it can be killed outright like a machine that dies.
"""

from __future__ import annotations

import http.client
import os
import secrets
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import dj_database_url

ROOT = Path(__file__).resolve().parents[2]


class ScaleError(Exception):
    """The test cannot run here (no PostgreSQL, no Redis, a server that will not start)."""


def fresh_database_url(database_url: str) -> str:
    config = dj_database_url.parse(database_url)
    if config["ENGINE"] != "django.db.backends.postgresql":
        raise ScaleError(f"DATABASE_URL must name a PostgreSQL server: {database_url!r}.")
    import psycopg
    from psycopg import sql

    name = f"{config['NAME']}_scale"
    with psycopg.connect(database_url, autocommit=True) as conn:
        conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    return urlunsplit(urlsplit(database_url)._replace(path=f"/{name}"))


def drop_database(database_url: str, scale_url: str) -> None:
    import psycopg
    from psycopg import sql

    name = dj_database_url.parse(scale_url)["NAME"]
    with psycopg.connect(database_url, autocommit=True) as conn:
        conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))


def production_environment(*, database_url: str, redis_url: str, release: str, key_window_s: int) -> dict[str, str]:
    """Production settings, except plain HTTP on loopback; one trusted proxy, so each
    visitor's X-Forwarded-For is its address; the per-account login window shortened."""
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "pmplanner.settings",
        "DEBUG": "0",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SITE_DOMAIN": "planner.example.com",
        "SECURE_SSL_REDIRECT": "0",
        "SECURE_COOKIES": "0",
        "DATABASE_URL": database_url,
        "REDIS_URL": redis_url,
        "RELEASE": release,
        "TRUSTED_PROXY_COUNT": "1",
        "RATE_LIMIT_LOGIN_FAILED": f"10/m/ip,5/{key_window_s}s/key",
        "LOG_LEVEL": "WARNING",
    }


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """gunicorn serving pmplanner.wsgi with production settings on one loopback port."""

    def __init__(self, name: str, env: dict[str, str], *, port: int, log_dir: Path, workers: int = 2) -> None:
        self.name, self.env, self.port, self.workers = name, env, port, workers
        self.url = f"http://127.0.0.1:{port}"
        self.log = log_dir / f"gunicorn-{name}.log"
        self.process: subprocess.Popen | None = None

    def start(self, timeout: float = 60) -> None:
        command = [
            sys.executable,
            "-m",
            "gunicorn",
            "pmplanner.wsgi",
            f"--bind=127.0.0.1:{self.port}",
            f"--workers={self.workers}",
            "--log-level=warning",
            f"--error-logfile={self.log}",
        ]
        # A process group of its own: kill() takes the master and its workers at once.
        self.process = subprocess.Popen(command, cwd=ROOT, env=self.env, start_new_session=True)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise ScaleError(f"gunicorn {self.name} exited ({self.process.returncode}):\n{self.log_tail()}")
            if self.healthy():
                return
            time.sleep(0.2)
        raise ScaleError(f"gunicorn {self.name} did not answer /healthz within {timeout:.0f} s:\n{self.log_tail()}")

    def healthy(self) -> bool:
        try:
            conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=2)
            conn.request("GET", "/healthz", headers={"Host": "127.0.0.1"})
            return conn.getresponse().status == 200
        except (OSError, http.client.HTTPException):
            return False

    @property
    def pid(self) -> int:
        assert self.process is not None
        return self.process.pid

    def kill(self) -> None:
        """SIGKILL to the master and its workers, as if the machine died."""
        os.killpg(self.pid, signal.SIGKILL)
        self.process.wait(timeout=30)

    def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        os.killpg(self.pid, signal.SIGTERM)  # gunicorn's graceful shutdown
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(self.pid, signal.SIGKILL)
            self.process.wait(timeout=30)

    def log_tail(self, chars: int = 3000) -> str:
        return self.log.read_text()[-chars:] if self.log.exists() else "(no log)"
