"""What staff learn about their users, as aggregates only: each figure is one
GROUP BY query (or a few rows of dates for the medians), whatever the number
of users; nothing about any one person leaves this module.

`build()` gathers every section for the page and its CSV download.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable

from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import TruncWeek
from django.utils import timezone
from django.utils.translation import gettext, gettext_lazy, pgettext

from careers.models import AssessmentResult, Course, Track
from plans.models import CourseProgress, NetworkingStep, Plan, PortfolioCase
from pmplanner.dates import short_date

from .figures import Figure, Row, Table, count, median_days, protect, share

WEEKS = 12
NO_TRACK = gettext_lazy("No track")


def build(activity: QuerySet | None = None, today: datetime.date | None = None) -> list[Table]:
    """Every section of the insights page, in page order. `activity` is a queryset of
    rows with `user` and `created` (what people did, when): with it, the page shows
    weekly active users; without it, that section is left out."""
    tracks = list(Track.objects.order_by("order", "pk"))
    tables = [
        people_per_track(tracks),
        assessment_outcomes(tracks),
        *course_progress(),
        plans_with_portfolio_and_network(),
    ]
    if activity is not None:
        tables.append(weekly_active_users(activity, today or timezone.localdate()))
    return tables


def people_per_track(tracks: list[Track]) -> Table:
    active = dict(Plan.objects.active().order_by().values_list("track").annotate(n=Count("pk")))
    figures = protect([active.get(t.pk, 0) for t in tracks])
    return Table(
        key="people-per-track",
        label=gettext("Tracks"),
        title=gettext("People per track"),
        note=gettext("People with an active plan, by its track."),
        row_heading=gettext("Track"),
        columns=(gettext("People"),),
        rows=tuple(Row(t.short_name, (f,), t.slug) for t, f in zip(tracks, figures, strict=True)),
    )


def assessment_outcomes(tracks: list[Track]) -> Table:
    """Each person's latest result (anonymous visitors' results each count once): best fit and close call
    by the track that led, and no clear preference."""
    verdict = AssessmentResult.Verdict
    v2 = AssessmentResult.objects.filter(method=AssessmentResult.Method.V2).exclude(verdict="")
    latest = v2.filter(user=OuterRef("user")).order_by("-created", "-pk").values("pk")[:1]
    counted = v2.filter(Q(user__isnull=True) | Q(pk=Subquery(latest)))
    found: dict[tuple[str, str], int] = defaultdict(int)
    for outcome, slug, n in counted.order_by().values_list("verdict", "recommended_slug").annotate(n=Count("pk")):
        found[outcome, "" if outcome == verdict.NO_PREFERENCE else slug] += n
    names = {t.slug: t.short_name for t in tracks}
    # Tracks in their order, then any a result named that no longer exists.
    slugs = [*names, *sorted({slug for _o, slug in found if slug and slug not in names})]
    groups = [
        *((outcome, slug) for outcome in (verdict.BEST_FIT, verdict.CLOSE_CALL) for slug in slugs),
        (verdict.NO_PREFERENCE, ""),
    ]
    figures = protect([found[group] for group in groups])
    return Table(
        key="assessment-outcomes",
        label=gettext("Assessment"),
        title=gettext("Assessment outcomes"),
        note=gettext(
            "Each signed-in person’s latest result, and each result of a visitor who never signed up, scored "  # noqa: RUF001
            "by the current method. A close call counts under the track that led. Results scored by the earlier "
            "method are not counted."
        ),
        row_heading=gettext("Outcome"),
        columns=(gettext("People"),),
        rows=tuple(
            Row(
                gettext("%(outcome)s: %(track)s") % {"outcome": outcome.label, "track": names.get(slug, slug)}
                if slug
                else outcome.label,
                (figure,),
                slug,
            )
            for (outcome, slug), figure in zip(groups, figures, strict=True)
        ),
    )


def course_progress() -> tuple[Table, Table]:
    """The funnel per course (people by status) and the median days from start to completion."""
    statuses = tuple(CourseProgress.Status)
    by_status: dict[int, dict[str, int]] = defaultdict(dict)
    for course, status, n in CourseProgress.objects.order_by().values_list("course", "status").annotate(n=Count("pk")):
        by_status[course][status] = n
    # Offered courses, and retired ones that people still have.
    courses = [c for c in Course.objects.order_by("order", "pk") if not c.retired or c.pk in by_status]
    funnel = Table(
        key="course-funnel",
        label=gettext("Course progress"),
        title=gettext("Progress per course"),
        note=gettext("Everyone whose plan lists the course (an active or an archived plan), by how far they are."),
        row_heading=gettext("Course"),
        columns=tuple(s.label for s in statuses),
        rows=tuple(Row(_title(c), tuple(protect([by_status[c.pk].get(s, 0) for s in statuses]))) for c in courses),
        column_tones=("tone-muted", "tone-progress", "tone-done"),
    )
    days: dict[int, list[int]] = defaultdict(list)
    finished = CourseProgress.objects.filter(
        status=CourseProgress.Status.COMPLETED, started_on__isnull=False, completed_on__isnull=False
    )
    for course, started, completed in finished.values_list("course", "started_on", "completed_on"):
        if completed >= started:  # a completion dated before the start was back-dated: the start is unknown
            days[course].append((completed - started).days)
    medians = Table(
        key="days-to-complete",
        label=gettext("Days to complete"),
        title=gettext("Days from start to completion"),
        note=gettext(
            "The median, per course, over the people who marked it in progress and later completed it (the day "
            "they marked it in progress to the completion date they gave). Courses completed without being marked "
            "in progress first are not counted: when they started is unknown."
        ),
        row_heading=gettext("Course"),
        columns=(gettext("Median"),),
        rows=tuple(Row(_title(c), (median_days(days[c.pk]),)) for c in courses),
    )
    return funnel, medians


def _title(course: Course) -> str:
    return gettext("%(title)s (retired)") % {"title": course.title} if course.retired else course.title


def plans_with_portfolio_and_network() -> Table:
    cases = PortfolioCase.objects.filter(user=OuterRef("user"))
    steps = NetworkingStep.objects.filter(user=OuterRef("user"))
    totals = (
        Plan.objects.active()
        .annotate(has_case=Exists(cases), has_step=Exists(steps))
        .aggregate(
            plans=Count("pk"),
            case=Count("pk", filter=Q(has_case=True)),
            step=Count("pk", filter=Q(has_step=True)),
            both=Count("pk", filter=Q(has_case=True, has_step=True)),
        )
    )
    whole = totals["plans"]
    return Table(
        key="portfolio-and-network",
        label=gettext("Portfolio and network"),
        title=gettext("Active plans with a portfolio and a network"),
        note=gettext(
            "Share of active plans whose owner has written at least one portfolio case (in any state) and "
            "logged at least one networking step (done or not)."
        ),
        row_heading=gettext("Active plans with"),
        columns=(pgettext("a proportion", "Share"),),
        rows=(
            Row(gettext("At least one portfolio case"), (share(totals["case"], whole),)),
            Row(gettext("At least one networking step"), (share(totals["step"], whole),)),
            Row(pgettext("a portfolio case and a networking step", "Both"), (share(totals["both"], whole),)),
        ),
        scale=100,
    )


def weekly_active_users(activity: QuerySet, today: datetime.date, weeks: int = WEEKS) -> Table:
    """Distinct people active in each of the last `weeks` weeks (Monday to Sunday, this one included), from any
    queryset of rows with `user` and `created`."""
    monday = today - datetime.timedelta(days=today.weekday())
    first = monday - datetime.timedelta(weeks=weeks - 1)
    since = timezone.make_aware(datetime.datetime.combine(first, datetime.time.min))
    per_week = (
        activity.filter(created__gte=since, user__isnull=False)
        .annotate(week=TruncWeek("created"))
        .order_by()
        .values_list("week")
        .annotate(n=Count("user", distinct=True))
    )
    counted = {_as_date(week): n for week, n in per_week}
    mondays = [first + datetime.timedelta(weeks=i) for i in range(weeks)]
    return Table(
        key="weekly-active-users",
        label=gettext("Weekly active"),
        title=gettext("Weekly active users"),
        note=gettext(
            "People who did anything in the planner, per week (Monday to Sunday), over the last %(weeks)s weeks."
        )
        % {"weeks": weeks},
        row_heading=gettext("Week starting"),
        columns=(gettext("People"),),
        rows=tuple(Row(short_date(day), (count(counted.get(day, 0)),)) for day in mondays),
    )


def _as_date(week: datetime.datetime | datetime.date) -> datetime.date:
    if isinstance(week, datetime.datetime):
        return timezone.localtime(week).date() if timezone.is_aware(week) else week.date()
    return week


def figures_of(tables: Iterable[Table]) -> list[Figure]:
    return [cell for table in tables for row in table.rows for cell in row.cells]
