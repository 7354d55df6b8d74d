"""Career content for the public pages, and the cache that spares rebuilding it.

Content only changes when staff edit it, and every edit changes the content
version. A page puts the version in its context (`page_context`) and wraps its
content in `{% cache content_ttl <name> content_version LANGUAGE_CODE … using="fragments" %}`
(the cache whose keys carry the release, so a deploy never serves the previous
templates' fragments, and the language, since a fragment is text in one
language); everything the fragment shows is handed over lazily (querysets,
`blocks()`), so a page whose fragments are cached runs one content query: the
version's (read together with the track list on the pages that need it to 404).
Whatever depends on the visitor (sign-in state, plan buttons, CSRF, messages)
stays outside the fragments.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from django.db.models import Prefetch, QuerySet, prefetch_related_objects
from django.utils.functional import SimpleLazyObject

from . import content_version
from .models import ContentBlock, CostModel, Course, CourseLevel, Industry, Role, Skill, Track

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
    """Tracks with what their cards on the home page list (offered skills only)."""
    return Track.objects.prefetch_related("responsibilities", Prefetch("skills", Skill.objects.offered()))


def track_skills(track: Track) -> QuerySet[Skill]:
    return Skill.objects.offered().filter(track=track)


def track_roles(track: Track) -> QuerySet[Role]:
    return Role.objects.offered().filter(track=track)


def industries_by_track() -> QuerySet[Industry]:
    """Industries with their track, in track order, to `{% regroup %}` by track."""
    return Industry.objects.select_related("track").order_by("track__order", "track__pk", "order", "pk")


def offered_courses() -> list[Course]:
    """Every offered course with its tracks, in the staff-set order (two queries)."""
    return list(Course.objects.offered().prefetch_related("tracks").order_by("order", "pk"))


def for_track(courses: list[Course], track: Track) -> list[Course]:
    """Of `courses`, the track's own, then the general ones every track recommends."""
    mine = [c for c in courses if any(t.pk == track.pk for t in c.tracks.all())]
    return mine + [c for c in courses if not c.tracks.all()]


def track_courses(track: Track) -> list[Course]:
    return for_track(offered_courses(), track)


@dataclass(frozen=True)
class CourseGroup:
    """A heading of the catalogue and its courses (a track, or None for every track)."""

    grouper: Track | None
    list: list[Course]


@dataclass(frozen=True)
class Filters:
    """What the catalogue is narrowed to; "" is everything. `track` is a slug or GENERAL."""

    track: str = ""
    level: str = ""
    cost: str = ""

    def admits(self, course: Course) -> bool:
        return (not self.level or course.level == self.level) and (not self.cost or course.cost_model == self.cost)


# What the catalogue offers to filter by: the facts a course can have, not "unknown".
LEVELS = [(value, label) for value, label in CourseLevel.choices if value != CourseLevel.UNKNOWN]
COSTS = [(value, label) for value, label in CostModel.choices if value != CostModel.UNKNOWN]


def catalogue(chosen: Filters, tracks: list[Track]) -> list[CourseGroup]:
    """Offered courses grouped by track, general ones first, narrowed to a track
    ("general": the ones every track recommends), a level and a cost model. A
    course in two tracks is listed under each."""
    courses = [c for c in offered_courses() if chosen.admits(c)]
    groups = [CourseGroup(None, [c for c in courses if not c.tracks.all()])]
    for track in tracks:
        groups.append(CourseGroup(track, [c for c in courses if any(t.pk == track.pk for t in c.tracks.all())]))
    if chosen.track == GENERAL:
        groups = groups[:1]
    elif chosen.track:
        groups = [g for g in groups if g.grouper and g.grouper.slug == chosen.track]
    return [g for g in groups if g.list]


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
    prefetch_related_objects(
        tracks,
        "responsibilities",
        Prefetch("skills", Skill.objects.offered()),
        Prefetch("roles", Role.objects.offered()),
    )
    courses = offered_courses()
    return {
        track.slug: {
            "responsibilities": list(track.responsibilities.all()),
            "skills": list(track.skills.all()),
            "roles": list(track.roles.all()),
            "courses": for_track(courses, track)[:FIRST_COURSES],
        }
        for track in tracks
    }
