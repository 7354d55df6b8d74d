"""Career content for the public pages, and the cache that spares rebuilding it.

Content only changes when staff edit it, and every edit changes the content
version. A page puts the version in its context (`page_context`) and wraps its
content in `{% cache content_ttl <name> content_version … %}`; everything the
fragment shows is handed over lazily (querysets, `blocks()`), so a page whose
fragments are cached runs one content query: the version's (read together with
the track list on the pages that need it to 404). Whatever depends on the
visitor (sign-in state, plan buttons, CSRF, messages) stays outside the
fragments.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from django.db.models import F, Q, QuerySet, prefetch_related_objects
from django.utils.functional import SimpleLazyObject

from . import content_version
from .models import ContentBlock, Course, Industry, Track

GENERAL = "general"
FIRST_COURSES = 3  # courses a track lists in the side-by-side comparison


def page_context(version: str | None = None, **context) -> dict:
    """A content page's context, with the content version to key its fragments by."""
    # Keys change with every edit: entries only expire to free what old versions
    # hold, which also bounds how long a deploy's template changes wait.
    ttl = content_version.CACHE_SECONDS
    return {"content_version": version or content_version.token(), "content_ttl": ttl, **context}


def tracks_and_version() -> tuple[list[Track], str]:
    """Every track (without its related content) and the content version, from one
    query: enough to 404 an unknown slug, title a page and key its fragments."""
    tracks = list(Track.objects.annotate(content_version=content_version.latest()))
    return tracks, (tracks[0].content_version if tracks else None) or content_version.token()


def blocks() -> Mapping[str, ContentBlock]:
    """Site copy by slug, so templates can say `blocks.intro.body`; loaded on first use."""
    return SimpleLazyObject(lambda: ContentBlock.objects.in_bulk(field_name="slug"))


def track_cards() -> QuerySet[Track]:
    """Tracks with what their cards on the home page list."""
    return Track.objects.prefetch_related("responsibilities", "skills")


def industries_by_track() -> QuerySet[Industry]:
    """Industries with their track, in track order, to `{% regroup %}` by track."""
    return Industry.objects.select_related("track").order_by("track__order", "track__pk", "order", "pk")


def track_courses(track: Track) -> QuerySet[Course]:
    """The track's own courses, then the general ones every track recommends."""
    mine_or_general = Q(track=track) | Q(track__isnull=True)
    return Course.objects.filter(mine_or_general).order_by(F("track").asc(nulls_last=True), "order", "pk")


def catalogue(selected: str) -> QuerySet[Course]:
    """Courses in track order, general ones first: all (""), the general ones
    ("general") or one track's (its slug)."""
    courses = Course.objects.select_related("track").order_by(F("track__order").asc(nulls_first=True), "order", "pk")
    if selected == GENERAL:
        return courses.filter(track__isnull=True)
    if selected:
        return courses.filter(track__slug=selected)
    return courses


@dataclass(frozen=True)
class Column:
    """One track in the side-by-side comparison. What it lists is read on first
    use, for every column at once, so a page whose columns are cached never reads it."""

    track: Track
    details: Mapping[str, Mapping[str, list]]

    @property
    def responsibilities(self) -> list:
        return self.details[self.track.slug]["responsibilities"]

    @property
    def skills(self) -> list:
        return self.details[self.track.slug]["skills"]

    @property
    def roles(self) -> list:
        return self.details[self.track.slug]["roles"]

    @property
    def courses(self) -> list:
        return self.details[self.track.slug]["courses"]


def comparison(tracks: Sequence[Track], order: Sequence[str] = ()) -> list[Column]:
    """The tracks side by side: those named in `order` (slugs) first, in that order, then the rest."""
    rank = {slug: i for i, slug in enumerate(order)}
    details = SimpleLazyObject(lambda: _comparison_details(list(tracks)))
    return [Column(track, details) for track in sorted(tracks, key=lambda t: rank.get(t.slug, len(rank)))]


def _comparison_details(tracks: list[Track]) -> dict[str, dict[str, list]]:
    prefetch_related_objects(tracks, "responsibilities", "skills", "roles")
    return {
        track.slug: {
            "responsibilities": list(track.responsibilities.all()),
            "skills": list(track.skills.all()),
            "roles": list(track.roles.all()),
            "courses": list(track_courses(track)[:FIRST_COURSES]),
        }
        for track in tracks
    }
