"""A user's learning plan for one career track, and the progress rows in it.

Progress rows point at the career content (Course, Skill, Role, FirstStep,
Habit) by foreign key, so a staff edit such as a renamed skill shows up in
every plan at once. Rows for content added later are created when a plan is
started or viewed after a content change (`Plan.sync_content`); nobody's progress is ever copied or
rebuilt, so none can be lost.
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.core.validators import MaxValueValidator, URLValidator
from django.db import connections, models, transaction
from django.db.models import Count, OuterRef, Q, Subquery, Sum
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone

from careers import content_version
from careers.models import Course, FirstStep, Habit, Role, Skill, SlugManager, Track

from .progress import Counts, Progress, plan_progress

# Only links a browser opens as a web page: no javascript:, data: or ftp: URLs.
web_url_validator = URLValidator(
    schemes=["http", "https"], message="Enter a web address starting with https:// (or http://)."
)


# --- Content that staff edit ------------------------------------------------


class NetworkingKind(models.TextChoices):
    COFFEE_CHAT = "coffee_chat", "Coffee chat"
    EVENT = "event", "Event"
    ONLINE_COMMUNITY = "online_community", "Online community"
    REFERRAL = "referral", "Referral"
    MENTOR = "mentor", "Mentor"


class SuggestedStep(models.Model):
    """A networking step the plan suggests; users add it to their own log."""

    slug = models.SlugField(max_length=80, unique=True)
    order = models.PositiveSmallIntegerField(default=0)
    kind = models.CharField(max_length=20, choices=NetworkingKind.choices)
    title = models.CharField(max_length=200)
    detail = models.CharField(max_length=300, blank=True)

    objects = SlugManager()

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = "suggested networking step"

    def __str__(self) -> str:
        return self.title

    def natural_key(self) -> tuple[str]:
        return (self.slug,)

    @classmethod
    def for_content(cls, version: str) -> list[SuggestedStep]:
        """Every suggestion, cached until the content version changes."""
        return content_version.cached("suggested-steps", version, lambda: list(cls.objects.all()))


class Target(models.Model):
    """A number the plan aims for, such as three portfolio cases."""

    class Key(models.TextChoices):
        PORTFOLIO_CASES = "portfolio-cases", "Published portfolio cases"
        NETWORKING_STEPS = "networking-steps", "Networking steps done"

    DEFAULTS = {Key.PORTFOLIO_CASES: 3, Key.NETWORKING_STEPS: 5}

    slug = models.SlugField(max_length=40, unique=True, choices=Key.choices)
    value = models.PositiveSmallIntegerField(validators=[MaxValueValidator(100)])
    help_text = models.CharField(max_length=200, blank=True)

    objects = SlugManager()

    class Meta:
        ordering = ["slug"]
        constraints = [models.CheckConstraint(condition=Q(value__gte=1), name="target_at_least_one")]

    def __str__(self) -> str:
        return f"{self.get_slug_display()}: {self.value}"

    def natural_key(self) -> tuple[str]:
        return (self.slug,)

    @classmethod
    def values(cls) -> dict[str, int]:
        """Every target by slug, falling back to the defaults for missing rows."""
        return {**{str(k): v for k, v in cls.DEFAULTS.items()}, **dict(cls.objects.values_list("slug", "value"))}

    @classmethod
    def for_content(cls, version: str) -> dict[str, int]:
        """`values()`, cached until the content version changes."""
        return content_version.cached("targets", version, cls.values)


# --- The plan ---------------------------------------------------------------


def _count(rows: models.QuerySet, aggregate=None) -> Coalesce:
    """A correlated subquery counting (or summing) one plan's rows."""
    value = aggregate or Count("pk")
    return Coalesce(Subquery(rows.order_by().values("plan").annotate(n=value).values("n")[:1]), 0)


def _is_not_null(field: str) -> models.ExpressionWrapper:
    """Sorts rows with the field empty first, the same on SQLite and PostgreSQL,
    and on nothing else: `F(field).asc(nulls_first=True)` would also sort by the
    value (habits by id ahead of their staff-set order)."""
    return models.ExpressionWrapper(Q(**{f"{field}__isnull": False}), output_field=models.BooleanField())


class PlanQuerySet(models.QuerySet):
    def for_user(self, user) -> PlanQuerySet:
        """The user's plans, each knowing the current content version for free."""
        return self.filter(user=user).select_related("track").annotate(content_now=content_version.latest())

    def with_counts(self) -> PlanQuerySet:
        """Annotates every number progress.Counts needs, in the same query."""
        plan = OuterRef("pk")
        courses = CourseProgress.objects.filter(plan=plan).filter(
            Q(course__track=OuterRef("track")) | Q(course__track=None)
        )
        skills = SkillRating.objects.filter(plan=plan, skill__track=OuterRef("track"))
        milestones = MilestoneProgress.objects.filter(plan=plan, role__track=OuterRef("track"))
        checklist = ChecklistItem.objects.filter(plan=plan)
        return self.annotate(
            checklist_done=_count(checklist.filter(done=True)),
            checklist_total=_count(checklist),
            courses_done=_count(courses.filter(status=CourseProgress.Status.COMPLETED)),
            courses_total=_count(courses),
            cases_published=_count(PortfolioCase.objects.filter(plan=plan, status=PortfolioCase.Status.PUBLISHED)),
            networking_done=_count(NetworkingStep.objects.filter(plan=plan, done=True)),
            skill_points=_count(skills, Sum("rating")),
            skills_total=_count(skills),
            milestones_reached=_count(milestones.filter(reached=True)),
            milestones_total=_count(milestones),
        )


class Plan(models.Model):
    class Status(models.TextChoices):
        ACTIVE = "active", "Active"
        ARCHIVED = "archived", "Archived"

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="plans")
    # PROTECT: deleting a track must never silently delete people's progress.
    track = models.ForeignKey(Track, on_delete=models.PROTECT, related_name="plans")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.ACTIVE)
    created = models.DateTimeField(default=timezone.now)
    archived_at = models.DateTimeField(null=True, blank=True)

    objects = PlanQuerySet.as_manager()

    class Meta:
        ordering = ["-created", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["user"], condition=Q(status="active"), name="one_active_plan_per_user"),
            # One plan per track: starting a track again re-activates it with its progress.
            models.UniqueConstraint(fields=["user", "track"], name="one_plan_per_user_and_track"),
        ]

    def __str__(self) -> str:
        return f"{self.track} plan of {self.user}"

    def get_absolute_url(self) -> str:
        if self.is_active:
            return reverse("plans:plan")
        return reverse("plans:archived_detail", args=[self.pk])

    @property
    def counts(self) -> Counts:
        """Counts from `with_counts()` annotations, querying them if missing."""
        if hasattr(self, "courses_total"):
            return Counts(**{name: getattr(self, name) for name in Counts.__dataclass_fields__})
        columns, rows = _COUNTS.run(plan=self.pk)
        if not rows:
            raise Plan.DoesNotExist(f"No plan {self.pk}.")
        return Counts(**dict(zip(columns, rows[0], strict=True)))

    def progress(self, targets: dict[str, int] | None = None) -> Progress:
        return plan_progress(self.counts, Target.for_content(self.content_token()) if targets is None else targets)

    @property
    def is_active(self) -> bool:
        return self.status == self.Status.ACTIVE

    @classmethod
    def start(cls, user, track: Track) -> Plan:
        """Make the user's plan for `track` the active one, archiving any other.

        Re-starting a track re-activates its earlier plan with all its progress."""
        with transaction.atomic():
            # Lock the user row so two tabs starting different tracks queue up
            # instead of tripping over the one-active-plan constraint.
            get_user_model().objects.select_for_update().filter(pk=user.pk).first()
            cls.objects.filter(user=user, status=cls.Status.ACTIVE).exclude(track=track).update(
                status=cls.Status.ARCHIVED, archived_at=timezone.now()
            )
            plan, created = cls.objects.get_or_create(user=user, track=track)
            if not created and not plan.is_active:
                plan.status, plan.archived_at = cls.Status.ACTIVE, None
                plan.save(update_fields=["status", "archived_at"])
        plan.sync_content()
        return plan

    def content_token(self) -> str:
        """The current content version: annotated by `for_user()`, else queried."""
        if not getattr(self, "content_now", None):
            self.content_now = content_version.token()
        return self.content_now

    def sync_if_content_changed(self) -> None:
        """`sync_content` once per content version: viewing the plan then costs
        no query for it until staff change content. (The cache only saves
        repeats: syncing is idempotent, so a cache without the entry, in
        another process or after a restart, just checks once more.)"""
        if not cache.get(self._synced_key()):
            self.sync_content()

    def _synced_key(self) -> str:
        return f"plan-synced:{self.pk}:{self.content_token()}"

    def sync_content(self) -> int:
        """Create progress rows for content this plan does not track yet.

        One query finds what is missing; inserts run only when staff have added
        content since."""
        synced_key = self._synced_key()  # the version before the check: a change made meanwhile is seen next time
        _columns, missing = _MISSING_CONTENT.run(plan=self.pk, track=self.track_id)
        for kind, (model, field, _content) in _content_kinds().items():
            ids = [pk for k, pk in missing if k == kind]
            if ids:
                rows = [model(plan=self, **{f"{field}_id": pk}) for pk in ids]
                model.objects.bulk_create(rows, ignore_conflicts=True)
        cache.set(synced_key, True, content_version.CACHE_SECONDS)
        return len(missing)

    # Rows for the plan's current content. A course moved to another track
    # keeps its row (and progress) but drops out of this plan's view.
    def course_rows(self) -> models.QuerySet[CourseProgress]:
        return (
            self.courses.filter(Q(course__track=self.track_id) | Q(course__track=None))
            .select_related("course")
            # General courses first, then the track's, on every database (ordering
            # by the nullable track put them last on PostgreSQL, first on SQLite).
            .order_by(_is_not_null("course__track"), "course__order", "course__pk")
        )

    def skill_rows(self) -> models.QuerySet[SkillRating]:
        return self.skills.filter(skill__track=self.track_id).select_related("skill").order_by("skill__order", "pk")

    def milestone_rows(self) -> models.QuerySet[MilestoneProgress]:
        return self.milestones.filter(role__track=self.track_id).select_related("role").order_by("role__order", "pk")

    def checklist_rows(self) -> models.QuerySet[ChecklistItem]:
        # First steps, then habits, each in their staff-set order, on every
        # database: ordering by the nullable "habit" column put habits first on
        # PostgreSQL, which sorts NULLs last (SQLite sorts them first).
        return self.checklist.select_related("first_step", "habit").order_by(
            _is_not_null("habit"), "first_step__order", "habit__order", "pk"
        )


# Stand for a plan's and a track's id in statements compiled once; never real ids.
ANY_PLAN, ANY_TRACK = -424242, -434343


class Statement:
    """A queryset's SQL, compiled once per process and database, then run for
    any plan: the queries every plan view and change needs take several times
    longer to resolve and compile in the ORM than to run."""

    def __init__(self, build: Callable[[], models.QuerySet]) -> None:
        self.build = build  # a queryset that filters on ANY_PLAN / ANY_TRACK
        self.compiled: dict[str, tuple[str, tuple]] = {}

    def run(self, *, plan: int, track: int | None = None, alias: str = "default") -> tuple[list[str], list[tuple]]:
        if alias not in self.compiled:
            self.compiled[alias] = self.build().query.get_compiler(alias).as_sql()
        sql, params = self.compiled[alias]
        values = {ANY_PLAN: plan, ANY_TRACK: track}
        with connections[alias].cursor() as cursor:
            cursor.execute(sql, [values.get(param, param) for param in params])
            return [column[0] for column in cursor.description], cursor.fetchall()


def _content_kinds() -> dict[str, tuple[type[models.Model], str, models.QuerySet]]:
    """Per kind of content a plan tracks: its row model, the row's field, and the
    content a plan of track ANY_TRACK tracks."""
    return {
        "course": (CourseProgress, "course", Course.objects.filter(Q(track=ANY_TRACK) | Q(track=None))),
        "skill": (SkillRating, "skill", Skill.objects.filter(track=ANY_TRACK)),
        "role": (MilestoneProgress, "role", Role.objects.filter(track=ANY_TRACK)),
        "first_step": (ChecklistItem, "first_step", FirstStep.objects.all()),
        "habit": (ChecklistItem, "habit", Habit.objects.all()),
    }


def _missing_content() -> models.QuerySet:
    """(kind, id) of every piece of content plan ANY_PLAN has no row for, in one query."""
    missing = [
        content.exclude(pk__in=model.objects.filter(plan=ANY_PLAN, **{f"{field}__isnull": False}).values(field))
        .annotate(kind=models.Value(kind, output_field=models.CharField()))
        .values_list("kind", "pk")
        .order_by()
        for kind, (model, field, content) in _content_kinds().items()
    ]
    return missing[0].union(*missing[1:], all=True)


_COUNTS = Statement(lambda: Plan.objects.with_counts().filter(pk=ANY_PLAN).values(*Counts.__dataclass_fields__))
_MISSING_CONTENT = Statement(_missing_content)


class PlanItem(models.Model):
    """Something that belongs to one plan; `updated` orders and audits changes."""

    updated = models.DateTimeField(auto_now=True)

    # What the plan page may show with an item besides its fields (set by
    # plans.views._mark). Defaults here, so templates never look up a missing
    # attribute, which Django answers slowly (an exception and a dir() each).
    edit_form = None
    error = ""
    just_added = False

    class Meta:
        abstract = True


class CourseProgress(PlanItem):
    class Status(models.TextChoices):
        NOT_STARTED = "not_started", "Not started"
        IN_PROGRESS = "in_progress", "In progress"
        COMPLETED = "completed", "Completed"

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="courses")
    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="progress")
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.NOT_STARTED)
    completed_on = models.DateField("completion date", null=True, blank=True)
    note = models.CharField(max_length=500, blank=True)
    certificate_url = models.URLField("certificate link", max_length=300, blank=True, validators=[web_url_validator])

    class Meta:
        verbose_name = "course progress"
        verbose_name_plural = "course progress"
        constraints = [
            models.UniqueConstraint(fields=["plan", "course"], name="one_progress_row_per_course"),
            models.CheckConstraint(
                condition=Q(status__in=["not_started", "in_progress", "completed"]), name="course_status_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.course.title}: {self.get_status_display()}"

    @property
    def is_completed(self) -> bool:
        return self.status == self.Status.COMPLETED

    def set_status(self, status: str) -> None:
        """Completing stamps today's date unless one is set; leaving completed clears it."""
        self.status = status
        if status == self.Status.COMPLETED:
            self.completed_on = self.completed_on or timezone.localdate()
        else:
            self.completed_on = None
        self.save(update_fields=["status", "completed_on", "updated"])


class SkillRating(PlanItem):
    LEVELS = {0: "Not yet", 1: "Beginner", 2: "Developing", 3: "Confident", 4: "Expert"}
    MAX = 4

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="skills")
    skill = models.ForeignKey(Skill, on_delete=models.CASCADE, related_name="ratings")
    rating = models.PositiveSmallIntegerField(default=0, choices=LEVELS.items(), validators=[MaxValueValidator(MAX)])
    note = models.CharField(max_length=200, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["plan", "skill"], name="one_rating_per_skill"),
            models.CheckConstraint(condition=Q(rating__lte=4), name="rating_at_most_four"),
        ]

    def __str__(self) -> str:
        return f"{self.skill.name}: {self.rating}"

    @property
    def rating_choices(self) -> list[tuple[int, str]]:
        return [(value, f"{value} {label}") for value, label in self.LEVELS.items()]


class MilestoneProgress(PlanItem):
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="milestones")
    role = models.ForeignKey(Role, on_delete=models.CASCADE, related_name="milestones")
    reached = models.BooleanField(default=False)
    reached_on = models.DateField("date reached", null=True, blank=True)
    target_date = models.DateField(null=True, blank=True)

    class Meta:
        verbose_name = "milestone"
        constraints = [models.UniqueConstraint(fields=["plan", "role"], name="one_milestone_per_role")]

    def __str__(self) -> str:
        return self.role.title

    def set_reached(self, reached: bool) -> None:
        self.reached = reached
        self.reached_on = (self.reached_on or timezone.localdate()) if reached else None
        self.save(update_fields=["reached", "reached_on", "updated"])


class ChecklistItem(PlanItem):
    """One of the article's first steps or habits, ticked off by the user."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="checklist")
    first_step = models.ForeignKey(FirstStep, on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    habit = models.ForeignKey(Habit, on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    done = models.BooleanField(default=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["plan", "first_step"], name="one_item_per_first_step"),
            models.UniqueConstraint(fields=["plan", "habit"], name="one_item_per_habit"),
            models.CheckConstraint(
                condition=Q(first_step__isnull=True, habit__isnull=False)
                | Q(first_step__isnull=False, habit__isnull=True),
                name="checklist_item_is_step_or_habit",
            ),
        ]

    def __str__(self) -> str:
        return self.text

    @property
    def is_habit(self) -> bool:
        return self.habit_id is not None

    @property
    def text(self) -> str:
        return self.habit.text if self.habit_id else self.first_step.title


class PortfolioCase(PlanItem):
    class Status(models.TextChoices):
        IDEA = "idea", "Idea"
        DRAFTING = "drafting", "Drafting"
        PUBLISHED = "published", "Published"

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="cases")
    title = models.CharField(max_length=120)
    problem = models.TextField(max_length=2000, blank=True)
    action = models.TextField("what I did", max_length=2000, blank=True)
    outcome = models.TextField(max_length=2000, blank=True)
    link = models.URLField(max_length=300, blank=True, validators=[web_url_validator])
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.IDEA)
    created = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(status__in=["idea", "drafting", "published"]), name="case_status_valid")
        ]

    def __str__(self) -> str:
        return self.title


class NetworkingStep(PlanItem):
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="networking")
    who = models.CharField("who or where", max_length=200)
    kind = models.CharField(max_length=20, choices=NetworkingKind.choices, default=NetworkingKind.COFFEE_CHAT)
    date = models.DateField(null=True, blank=True)
    follow_up_on = models.DateField("follow-up date", null=True, blank=True)
    notes = models.TextField(max_length=1000, blank=True)
    done = models.BooleanField(default=False)
    suggestion = models.ForeignKey(SuggestedStep, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    created = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=[k.value for k in NetworkingKind]), name="networking_kind_valid"
            ),
            # A suggestion goes into the log once, however often "Add" is pressed.
            models.UniqueConstraint(fields=["plan", "suggestion"], name="one_step_per_suggestion"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.who}"
