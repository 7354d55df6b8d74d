"""A snapshot of the database, to prove that a refused request changed nothing."""

from __future__ import annotations

from collections.abc import Iterable

from django.apps import apps

# Sessions change with every login and every message shown; they hold no user data of their own.
IGNORED = {"sessions.session"}

# The tables a user's requests can write to: accounts, plans, what they share and
# assessment results (the rest is career content that only staff edit in the admin).
USER_TABLES = (
    "auth.user",
    "auth.user_groups",
    "account.emailaddress",
    "account.emailconfirmation",
    "careers.assessmentresult",
    "careers.assessmentsettings",
    "plans.plan",
    "plans.courseprogress",
    "plans.skillrating",
    "plans.milestoneprogress",
    "plans.checklistitem",
    "plans.portfoliocase",
    "plans.networkingstep",
    "sharing.publicprofile",
    "sharing.publicprofile_cases",
    "sharing.sharelink",
)


def db_state(tables: Iterable[str] | None = None) -> dict[str, list[dict]]:
    """Every row of the given tables (default: all but sessions), ordered by primary key."""
    models = {m._meta.label_lower: m for m in apps.get_models(include_auto_created=True)}
    labels = [label for label in models if label not in IGNORED] if tables is None else tables
    return {label: list(models[label]._base_manager.order_by("pk").values()) for label in labels}


def changed_tables(before: dict[str, list[dict]], after: dict[str, list[dict]]) -> list[str]:
    return sorted(label for label in before if before[label] != after[label])
