"""Queries that gather career content for pages, in a fixed number of queries."""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet

from .models import ContentBlock, Course, Track


def blocks() -> dict[str, ContentBlock]:
    """Site copy by slug, so templates can say `blocks.intro.body`."""
    return ContentBlock.objects.in_bulk(field_name="slug")


def tracks_with_content() -> QuerySet[Track]:
    return Track.objects.prefetch_related(
        "responsibilities", "skills", "roles", "industries", "backgrounds", Prefetch("courses", Course.objects.all())
    )


def general_courses() -> QuerySet[Course]:
    return Course.objects.filter(track__isnull=True)
