"""Everything PM Planner holds about one user: the rows that deleting them removes.

Export and deletion share one definition of "their data": the rows Django's
deletion collector would remove with the user. Any model that belongs to a
user through a CASCADE foreign key (plans, items, notes, assessment results,
email addresses, ...) is covered without being listed here.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.admin.utils import NestedObjects
from django.core import serializers
from django.db import models, router
from django.utils import timezone
from django.utils.translation import gettext

# Secrets that must not leave the server, even to their owner.
HIDDEN_FIELDS: dict[str, set[str]] = {
    settings.AUTH_USER_MODEL.lower(): {"password"},
    "account.emailconfirmation": {"key"},
    # Whoever holds it reads the calendar: a secret like the confirmation key (the account page shows it).
    "accounts.calendarfeed": {"token"},
}


def rows_owned_by(user: models.Model) -> dict[type[models.Model], list[models.Model]]:
    """Every row that user.delete() would delete, the user included, by model."""
    collector = NestedObjects(using=router.db_for_write(user._meta.model, instance=user))
    collector.collect([user])
    return {model: sorted(objs, key=lambda obj: obj.pk) for model, objs in collector.model_objs.items()}


def export(user: models.Model) -> dict[str, Any]:
    """A JSON-ready document of the user's rows, grouped by model label."""
    rows = rows_owned_by(user)
    data = {}
    for model in sorted(rows, key=lambda m: m._meta.label_lower):
        label = model._meta.label_lower
        hidden = HIDDEN_FIELDS.get(label, set())
        fields = [
            field.name
            for field in (*model._meta.concrete_fields, *model._meta.many_to_many)
            if not field.primary_key and field.name not in hidden
        ]
        records = serializers.serialize("python", rows[model], fields=fields, use_natural_foreign_keys=True)
        data[label] = [{"id": record["pk"], **record["fields"]} for record in records]
    return {
        "service": "PM Planner",
        "exported_at": timezone.now(),
        "email": user.email,
        "data": data,
    }


def deletion_summary(user: models.Model) -> list[str]:
    """What deleting the account removes besides the account itself, e.g. "12 plan items"."""
    lines = []
    for model, objs in sorted(rows_owned_by(user).items(), key=lambda item: item[0]._meta.label_lower):
        # The account row itself, and Django's hidden many-to-many link tables, need no line.
        if model is user._meta.model or model._meta.auto_created:
            continue
        name = model._meta.verbose_name if len(objs) == 1 else model._meta.verbose_name_plural
        # Translators: a line of the list of what deleting an account removes, e.g. "12 plan items".
        lines.append(gettext("%(count)s %(name)s") % {"count": len(objs), "name": name})
    return lines
