"""Career content for the public pages, and the cache that spares rebuilding it.

Content only changes when staff edit it, and every edit changes the content
version. A page puts the version in its context (`page_context`) and wraps its
content in `{% cache content_ttl <name> content_version … using="fragments" %}`
(the cache whose keys carry the release, so a deploy never serves the previous
templates' fragments); everything the fragment shows is handed over lazily
(querysets, `blocks()`), so a page whose fragments are cached runs one content
query: the version's (read together with the track list on the pages that need
it to 404). Whatever depends on the visitor (sign-in state, plan buttons, CSRF,
messages) stays outside the fragments.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from django.db.models import Prefetch, QuerySet
from django.utils.functional import SimpleLazyObject

from . import content_version
from .models import ContentBlock, Course, Industry, Role, Skill, Track

GENERAL = "general"


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
    """Tracks with what their cards on the home page list (offered skills only)."""
    return Track.objects.prefetch_related("responsibilities", Prefetch("skills", Skill.objects.offered()))


def track_skills(track: Track) -> QuerySet[Skill]:
    return Skill.objects.offered().filter(track=track)


def track_roles(track: Track) -> QuerySet[Role]:
    return Role.objects.offered().filter(track=track)


def industries_by_track() -> QuerySet[Industry]:
    """Industries with their track, in track order, to `{% regroup %}` by track."""
    return Industry.objects.select_related("track").order_by("track__order", "track__pk", "order", "pk")


def track_courses(track: Track) -> list[Course]:
    """The courses offered for the track: its own, then the general ones every track recommends."""
    courses = Course.objects.offered().prefetch_related("tracks").order_by("order", "pk")
    mine = [c for c in courses if any(t.pk == track.pk for t in c.tracks.all())]
    return mine + [c for c in courses if not c.tracks.all()]


@dataclass(frozen=True)
class CourseGroup:
    """A heading of the catalogue and its courses (a track, or None for every track)."""

    grouper: Track | None
    list: list[Course]


def catalogue(selected: str, tracks: list[Track]) -> list[CourseGroup]:
    """Offered courses grouped by track, general ones first: all (""), the general
    ones ("general") or one track's (its slug). A course in two tracks is listed
    under each."""
    courses = list(Course.objects.offered().prefetch_related("tracks").order_by("order", "pk"))
    groups = [CourseGroup(None, [c for c in courses if not c.tracks.all()])]
    for track in tracks:
        groups.append(CourseGroup(track, [c for c in courses if any(t.pk == track.pk for t in c.tracks.all())]))
    if selected == GENERAL:
        groups = groups[:1]
    elif selected:
        groups = [g for g in groups if g.grouper and g.grouper.slug == selected]
    return [g for g in groups if g.list]
