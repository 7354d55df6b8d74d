"""The content version: a token that changes whenever career content changes.

`track(Model)` makes every save or delete of that model's rows (the admin,
`load_content`, the shell) change the token; `token()` reads it, `latest()`
is the same as a subquery, to annotate onto another query for free, and
`cached()` keeps what is loaded from content until the token changes (or the
release does), per language.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import TypeVar

from django.core.cache import caches
from django.db.models import Subquery
from django.db.models.signals import post_delete, post_save
from django.utils import translation

from .models import ContentVersion

ROW = 1
# Keys change with the content, so entries only need to expire to free memory.
CACHE_SECONDS = 24 * 60 * 60
T = TypeVar("T")


def token() -> str:
    """The current token, or a fresh one that matches no cache if none was set yet."""
    current = ContentVersion.objects.filter(pk=ROW).values_list("token", flat=True).first()
    return current or new_token()


def latest() -> Subquery:
    return Subquery(ContentVersion.objects.filter(pk=ROW).values("token")[:1])


def new_token() -> str:
    return uuid.uuid4().hex


def bump(**_signal_kwargs) -> str:
    """A new token. The signals call it; code that changes content with
    `bulk_create()` or `QuerySet.update()`, which send none, must call it too."""
    value = new_token()
    if not ContentVersion.objects.filter(pk=ROW).update(token=value):
        ContentVersion.objects.get_or_create(pk=ROW, defaults={"token": value})
    return value


def track(*models) -> None:
    for model in models:
        uid = f"content_version_{model._meta.label_lower}"
        post_save.connect(bump, sender=model, dispatch_uid=f"{uid}_save", weak=False)
        post_delete.connect(bump, sender=model, dispatch_uid=f"{uid}_delete", weak=False)


def cached(name: str, version: str, load: Callable[[], T]) -> T:
    """`load()`'s value for this content version in the active language, from the cache when there.

    Per language, since what is loaded may be text in it. In the "fragments" cache,
    whose keys carry the release: the value is pickled model instances, which the
    next release's models may not read."""
    key = f"content:{name}:{version}:{translation.get_language()}"
    return caches["fragments"].get_or_set(key, load, CACHE_SECONDS)
