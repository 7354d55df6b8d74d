"""A snapshot of the database, to prove that a refused request changed nothing."""

from __future__ import annotations

from django.apps import apps

# Sessions change with every login and every message shown; they hold no user data of their own.
IGNORED = {"sessions.session"}


def db_state() -> dict[str, list[dict]]:
    """Every row of every table (but sessions), ordered by primary key."""
    return {
        model._meta.label_lower: list(model._base_manager.order_by("pk").values())
        for model in apps.get_models()
        if model._meta.label_lower not in IGNORED
    }


def changed_tables(before: dict[str, list[dict]], after: dict[str, list[dict]]) -> list[str]:
    return sorted(label for label in before if before[label] != after[label])
