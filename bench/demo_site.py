"""The site as visitors get it, for `make lighthouse` and `make screenshots`.

A throw-away SQLite database (in a temporary folder, deleted afterwards) with
the career content and one signed-in person, Maya, who has taken the
assessment and started the technical track; `collectstatic`; then gunicorn on
127.0.0.1 with production settings (DEBUG off, whitenoise's hashed and
compressed static files). Only the HTTPS redirect and secure cookies are off,
since it speaks plain HTTP.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import shutil
import sys
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.load import Gunicorn  # noqa: E402

EMAIL = "maya@example.com"


@dataclass(frozen=True)
class DemoSite:
    url: str
    session_key: str  # Maya's signed-in session
    result_path: str  # Maya's assessment result
    track_path: str


def production_environment(database_url: str) -> dict[str, str]:
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "pmplanner.settings",
        "DEBUG": "0",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "0",
        "SECURE_COOKIES": "0",
        "DATABASE_URL": database_url,
        "LOG_LEVEL": "WARNING",
    }


def _seed() -> tuple[str, str]:
    """Maya: an assessment result pointing at the technical track, its plan started, a
    course done and one under way. Returns her session key and her result's path."""
    from allauth.account.models import EmailAddress
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, get_user_model
    from django.contrib.sessions.backends.db import SessionStore

    from accounts.models import Profile
    from careers.models import AssessmentResult, Track, assessment_questions
    from plans.models import Plan

    user = get_user_model().objects.create_user(username="maya", email=EMAIL, password=secrets.token_urlsafe(20))
    EmailAddress.objects.create(user=user, email=EMAIL, primary=True, verified=True)
    Profile.objects.create(user=user, display_name="Maya")
    questions = assessment_questions()
    # The first option of each question: a clear technical profile with this content.
    result = AssessmentResult.record(questions, {q.slug: q.options.all()[0].slug for q in questions}, user=user)
    plan = Plan.start(user, Track.objects.get(slug="technical"))
    courses = list(plan.course_rows())
    if courses:
        courses[0].set_status("completed")
    if len(courses) > 1:
        courses[1].set_status("in_progress")
    session = SessionStore()
    session.update(
        {
            SESSION_KEY: str(user.pk),
            BACKEND_SESSION_KEY: settings.AUTHENTICATION_BACKENDS[0],
            HASH_SESSION_KEY: user.get_session_auth_hash(),
        }
    )
    session.create()
    return session.session_key, result.get_absolute_url()


@contextlib.contextmanager
def demo_site(*, workers: int = 2) -> Iterator[DemoSite]:
    folder = Path(tempfile.mkdtemp(prefix="pmplanner-demo-"))
    env = production_environment(f"sqlite:///{folder / 'demo.sqlite3'}")
    os.environ.update(env)
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connections

    try:
        call_command("migrate", verbosity=0, interactive=False)
        call_command("load_content", verbosity=0)
        call_command("collectstatic", verbosity=0, interactive=False)
        session_key, result_path = _seed()
        connections.close_all()
        with Gunicorn(env, workers=workers, log=folder / "gunicorn.log") as server:
            yield DemoSite(server.url, session_key, result_path, "/tracks/technical/")
    finally:
        connections.close_all()
        shutil.rmtree(folder, ignore_errors=True)
