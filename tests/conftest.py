"""Shared fixtures: users by role, the career content, and the browser setup."""

from __future__ import annotations

import os

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.cache import caches
from django.core.management import call_command
from django.utils import translation

# Playwright's sync API runs an event loop in the test thread; Django must be
# allowed to touch the database from it for live-server tests.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

PASSWORD = "a-Long-test-passw0rd!"
DB_FIXTURES = {"db", "transactional_db", "live_server", "django_db_reset_sequences", "django_db_serialized_rollback"}


def make_user(email: str, *, staff: bool = False):
    user = get_user_model().objects.create_user(
        username=email.split("@")[0], email=email, password=PASSWORD, is_staff=staff, is_superuser=staff
    )
    # allauth looks for a primary EmailAddress on login by email.
    from allauth.account.models import EmailAddress

    EmailAddress.objects.create(user=user, email=email, primary=True, verified=True)
    return user


# The career content as load_content left it, to put back after a live-server test's flush.
_CONTENT: dict = {}


def _content_models() -> list:
    from django.apps import apps

    from plans.models import SuggestedStep, Target

    careers = [m for m in apps.get_app_config("careers").get_models() if not _belongs_to_someone(m)]
    through = [f.remote_field.through for m in careers for f in m._meta.many_to_many]
    return [*careers, *through, SuggestedStep, Target]


def _belongs_to_someone(model) -> bool:
    return any(f.is_relation and f.related_model is get_user_model() for f in model._meta.fields)


def _restore_content() -> None:
    """Inserts the saved content rows with their ids: much faster than loading the
    fixtures again (natural keys cost a query per reference)."""
    from django.core.management.color import no_style
    from django.db import connection, transaction

    with transaction.atomic():
        for model, rows in _CONTENT.items():
            model._base_manager.bulk_create([model(**row) for row in rows])
    with connection.cursor() as cursor:
        for sql in connection.ops.sequence_reset_sql(no_style(), list(_CONTENT)):
            cursor.execute(sql)


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        call_command("load_content", verbosity=0)
        # Every column by name: a bare values() leaves out modeltranslation's columns (label_en, label_zh_hans).
        _CONTENT.update(
            {
                model: list(model._base_manager.values(*(field.attname for field in model._meta.concrete_fields)))
                for model in _content_models()
            }
        )


@pytest.fixture(autouse=True)
def career_content(request):
    """Every database test sees the real career content from fixtures/.

    Transactional (live-server) tests flush the tables afterwards, so the
    content is loaded again whenever it is missing."""
    marker = request.node.get_closest_marker("django_db")
    names = set(request.fixturenames)
    if not (names & DB_FIXTURES or marker):
        return
    transactional = bool(marker and marker.kwargs.get("transaction")) or bool(
        names & {"transactional_db", "live_server"}
    )
    request.getfixturevalue("transactional_db" if transactional else "db")
    from careers.models import Track

    if Track.objects.exists():
        return
    if _CONTENT:
        _restore_content()
    else:
        call_command("load_content", verbosity=0)
    _restore_editor_group()


def _restore_editor_group() -> None:
    """The "Content editor" group, which a data migration makes and a live-server test's flush removes."""
    import importlib

    from django.contrib.auth.models import Group, Permission

    migration = importlib.import_module("careers.migrations.0009_content_editor_group")
    group, _created = Group.objects.get_or_create(name=migration.GROUP)
    wanted = [Permission.objects.get(content_type__app_label=app, codename=code) for app, code in migration.wanted()]
    group.permissions.set(wanted)


@pytest.fixture(autouse=True)
def _english_between_tests():
    # A request to a Chinese page leaves Chinese active in the test's thread (Django
    # activates a request's language and leaves it): the next test starts in English.
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def _clear_cache():
    # allauth's rate limits and cached fragments live in the caches; each test starts with a clean slate.
    for cache in caches.all():
        cache.clear()


@pytest.fixture
def owner(db):
    return make_user("owner@example.com")


@pytest.fixture
def stranger(db):
    return make_user("stranger@example.com")


@pytest.fixture
def staff(db):
    return make_user("staff@example.com", staff=True)


@pytest.fixture
def owner_client(client, owner):
    client.force_login(owner)
    return client


@pytest.fixture
def stranger_client(client, stranger):
    client.force_login(stranger)
    return client


@pytest.fixture
def staff_client(client, staff):
    client.force_login(staff)
    return client


# --- Browser (Playwright driving Debian's Chromium) -------------------------

CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    executable = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
    if not os.path.exists(executable):
        pytest.fail(f"Browser tests need Chromium at {executable}: apt-get install chromium, or set CHROMIUM_PATH.")
    flags = [f for f in CHROMIUM_FLAGS if f != "--headless" or browser_type_launch_args.get("headless") is not False]
    return {
        **browser_type_launch_args,
        "executable_path": executable,
        "args": [*browser_type_launch_args.get("args", []), *flags],
    }


def pytest_collection_modifyitems(items):
    # Anything that drives a browser is a browser test, whatever its file.
    for item in items:
        if "page" in getattr(item, "fixturenames", ()) or "browser" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.browser)
