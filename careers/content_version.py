"""The content version: a token that changes whenever career content changes.

`track(Model)` makes every save or delete of that model's rows (the admin,
`load_content`, the shell) change the token; `token()` reads it, `latest()`
is the same as a subquery, to annotate onto another query for free.
"""

from __future__ import annotations

import uuid

from django.db.models import Subquery
from django.db.models.signals import post_delete, post_save

from .models import ContentVersion

ROW = 1


def token() -> str:
    """The current token, or a fresh one that matches no cache if none was set yet."""
    current = ContentVersion.objects.filter(pk=ROW).values_list("token", flat=True).first()
    return current or new_token()


def latest() -> Subquery:
    return Subquery(ContentVersion.objects.filter(pk=ROW).values("token")[:1])


def new_token() -> str:
    return uuid.uuid4().hex


def bump(**_signal_kwargs) -> str:
    value = new_token()
    ContentVersion.objects.update_or_create(pk=ROW, defaults={"token": value})
    return value


def track(*models) -> None:
    for model in models:
        uid = f"content_version_{model._meta.label_lower}"
        post_save.connect(bump, sender=model, dispatch_uid=f"{uid}_save", weak=False)
        post_delete.connect(bump, sender=model, dispatch_uid=f"{uid}_delete", weak=False)
