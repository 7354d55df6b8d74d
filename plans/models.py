"""A person's journey into product management: what they do whatever the
track, and the plan they follow for one track.

What belongs to the person (`JourneyItem`): progress on courses, the first
steps and habits, portfolio cases and the networking log. Every plan they
start, switch to or reactivate shows these rows with their state, so changing
direction never loses, duplicates or resets them. What belongs to one track's
plan (`PlanItem`): skill ratings and the career ladder's milestones.

Rows for career content are created when a plan starts and when staff add
content (`plans.journey`), so pages never check for missing rows. Rows
PROTECT the content they point at: staff retire content instead of deleting it.
"""

from __future__ import annotations

import functools

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.validators import MaxValueValidator, URLValidator
from django.db import models, transaction
from django.db.models import Case, Count, OuterRef, Q, Subquery, Sum, Value, When
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.html import format_html
from django.utils.text import format_lazy
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from careers.models import Course, FirstStep, Habit, Role, Skill, SlugManager, Track

from .countdown import Countdown, countdown
from .progress import SECTIONS, Counts, Progress, followup_state, plan_progress

# Only links a browser opens as a web page: no javascript:, data: or ftp: URLs.
web_url_validator = URLValidator(
    schemes=["http", "https"], message=_("Enter a web address starting with https:// (or http://).")
)


# --- Content that staff edit ------------------------------------------------


class NetworkingKind(models.TextChoices):
    COFFEE_CHAT = "coffee_chat", _("Coffee chat")
    EVENT = "event", pgettext_lazy("networking step", "Event")
    ONLINE_COMMUNITY = "online_community", _("Online community")
    REFERRAL = "referral", _("Referral")
    MENTOR = "mentor", _("Mentor")


class SuggestedStep(models.Model):
    """A networking step the plan suggests; people add it to their own log."""

    slug = models.SlugField(max_length=80, unique=True)
    order = models.PositiveSmallIntegerField(default=0)
    kind = models.CharField(max_length=20, choices=NetworkingKind.choices)
    title = models.CharField(max_length=200)
    detail = models.CharField(max_length=300, blank=True)

    objects = SlugManager()

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("suggested networking step")

    def __str__(self) -> str:
        return self.title

    def natural_key(self) -> tuple[str]:
        return (self.slug,)


class Target(models.Model):
    """A number the plan aims for, such as three portfolio cases."""

    class Key(models.TextChoices):
        PORTFOLIO_CASES = "portfolio-cases", _("Published portfolio cases")
        NETWORKING_STEPS = "networking-steps", _("Networking steps done")

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
    def value_of(cls, key: Key) -> Coalesce:
        """The target as a subquery, so it is read in the same query as the counts."""
        value = Subquery(cls.objects.filter(slug=key).values("value")[:1])
        return Coalesce(value, Value(cls.DEFAULTS[key]))


# --- The plan ---------------------------------------------------------------


def _count(rows: models.QuerySet, owner: str, value=None) -> Coalesce:
    """A correlated subquery counting (or summing) one owner's rows."""
    value = value or Count("pk")
    return Coalesce(Subquery(rows.order_by().values(owner).annotate(n=value).values("n")[:1]), 0)


@functools.cache
def _count_annotations() -> dict:
    """Every number `progress.Counts` needs, and the targets, as subqueries of a
    plan's own query. Built once: Django copies expressions when it resolves a
    query, so the same ones serve every request (building them took longer than
    running them)."""
    plan, user, track = OuterRef("pk"), OuterRef("user"), OuterRef("track")
    checklist = ChecklistItem.objects.filter(user=user).counted()
    courses = CourseProgress.objects.filter(user=user).for_track(track).counted()
    skills = SkillRating.objects.filter(plan=plan).counted()
    milestones = MilestoneProgress.objects.filter(plan=plan).counted()
    cases = PortfolioCase.objects.filter(user=user, status=PortfolioCase.Status.PUBLISHED)
    steps = NetworkingStep.objects.filter(user=user, done=True)
    return {
        "checklist_done": _count(checklist.filter(done=True), "user"),
        "checklist_total": _count(checklist, "user"),
        "courses_done": _count(courses.filter(status=CourseProgress.Status.COMPLETED), "user"),
        "courses_total": _count(courses, "user"),
        "cases_published": _count(cases, "user"),
        "networking_done": _count(steps, "user"),
        "skill_points": _count(skills, "plan", Sum("rating")),
        "skills_total": _count(skills, "plan"),
        "milestones_reached": _count(milestones.filter(reached=True), "plan"),
        "milestones_total": _count(milestones, "plan"),
        "portfolio_target": Target.value_of(Target.Key.PORTFOLIO_CASES),
        "networking_target": Target.value_of(Target.Key.NETWORKING_STEPS),
    }


class PlanQuerySet(models.QuerySet):
    def with_counts(self) -> PlanQuerySet:
        """The plans with their progress counts and targets, in the same query."""
        return self.select_related("track").annotate(**_count_annotations())

    def active(self) -> PlanQuerySet:
        return self.filter(status=Plan.Status.ACTIVE)


class Plan(models.Model):
    class Status(models.TextChoices):
        ACTIVE = "active", _("Active")
        ARCHIVED = "archived", _("Archived")

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="plans")
    # PROTECT: deleting a track must never silently delete people's progress.
    track = models.ForeignKey(Track, on_delete=models.PROTECT, related_name="plans")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.ACTIVE)
    created = models.DateTimeField(default=timezone.now)
    archived_at = models.DateTimeField(null=True, blank=True)
    target_date = models.DateField(_("ready to apply by"), null=True, blank=True)

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
    def is_active(self) -> bool:
        return self.status == self.Status.ACTIVE

    @property
    def counts(self) -> Counts:
        """The counts annotated by `with_counts()`."""
        return Counts(**{name: getattr(self, name) for name in Counts.__dataclass_fields__})

    @property
    def progress(self) -> Progress:
        return plan_progress(self.counts)

    @classmethod
    def start(cls, user, track: Track) -> Plan:
        """Make the user's plan for `track` the active one, archiving any other.

        Starting a track again re-activates its earlier plan with its progress;
        everything that belongs to the person comes along to every plan."""
        from .journey import create_missing_rows

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
            create_missing_rows(Plan.objects.filter(pk=plan.pk))
        return plan

    # The rows each section of this plan shows, in the order it shows them.
    def checklist_rows(self) -> models.QuerySet[ChecklistItem]:
        return ChecklistItem.objects.filter(user=self.user_id).in_list_order()

    def course_rows(self) -> models.QuerySet[CourseProgress]:
        rows = CourseProgress.objects.filter(user=self.user_id).for_track(self.track_id)
        return rows.select_related("course").order_by("course__order", "course__pk")

    def case_rows(self) -> models.QuerySet[PortfolioCase]:
        return PortfolioCase.objects.filter(user=self.user_id).select_related("track")

    def networking_rows(self) -> models.QuerySet[NetworkingStep]:
        return NetworkingStep.objects.filter(user=self.user_id).in_log_order()

    def skill_rows(self) -> models.QuerySet[SkillRating]:
        return self.skills.select_related("skill").order_by("skill__order", "skill__pk")

    def milestone_rows(self) -> models.QuerySet[MilestoneProgress]:
        return self.milestones.select_related("role").order_by("role__order", "role__pk")


# --- Rows ---------------------------------------------------------------------


class Row(models.Model):
    """What every row of a plan section knows about itself: where it is on the
    page and the URLs that change it, so templates never build them."""

    url_name = ""  # "course" -> plans:course, plans:course_edit, id="course-12"
    state_action = ""  # "status" -> plans:course_status, and the name of the field it posts
    state_legend = _("Status of")  # what the row's state buttons set, before its title
    deletable = False
    editable = True
    content_fields: tuple[str, ...] = ()  # the career content it shows, to select_related

    updated = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True

    @cached_property
    def anchor(self) -> str:
        return f"{self.url_name}-{self.pk}"

    @cached_property
    def row_url(self) -> str:
        return reverse(f"plans:{self.url_name}", args=[self.pk])

    @cached_property
    def state_url(self) -> str:
        return reverse(f"plans:{self.url_name}_{self.state_action}", args=[self.pk])

    @cached_property
    def edit_url(self) -> str:
        return reverse(f"plans:{self.url_name}_edit", args=[self.pk]) if self.editable else ""

    @cached_property
    def delete_url(self) -> str:
        return reverse(f"plans:{self.url_name}_delete", args=[self.pk]) if self.deletable else ""

    # A row whose state is one on/off field: its name, its button's label, and the state when off.
    flag_field, flag_label, flag_off_label = "", "", ""

    @property
    def is_done(self) -> bool:
        """Finished: completed, published, ticked, reached (a skill never is)."""
        return bool(self.flag_field and getattr(self, self.flag_field))

    @property
    def state_choices(self) -> list[Choice]:
        return self._flag(getattr(self, self.flag_field), self.flag_label)

    def _flag(self, on: bool, label: str) -> list[Choice]:
        """A single on/off button, pressed when on; pressing it sets the other state."""
        return self._choices([("false" if on else "true", label)], "false" if on else None)

    def _choices(self, pairs, current) -> list[Choice]:
        """One Choice per (value, label), the current one pressed."""
        return [
            Choice(value, label, value == current, name=self.state_action, dom_id=f"{self.anchor}-{number}")
            for number, (value, label) in enumerate(pairs, start=1)
        ]

    @property
    def state_label(self) -> str:
        """The row's state in words, for read-only views: a lazy translation, so the
        history can keep it in English (plans.history) and pages show it in theirs."""
        choices = self.state_choices
        if len(choices) == 1:  # a single on/off button: its label when pressed
            return choices[0].label if choices[0].pressed else self.flag_off_label
        return next(c.label for c in choices if c.pressed)

    @property
    def content(self):
        """The career content the row is about (none for a person's own cases and steps)."""
        return next((getattr(self, name) for name in self.content_fields if getattr(self, f"{name}_id")), None)

    @property
    def title(self) -> str:
        return self.content.title

    @property
    def retired(self) -> bool:
        """Content that staff no longer offer; the row stays with its state."""
        return bool(self.content and self.content.retired)


class Choice:
    """One button of a row's state control: the value it sets, its label, and
    whether it is the row's current state."""

    __slots__ = ("attrs", "label", "pressed", "value")

    def __init__(self, value, label: str, pressed: bool, *, name: str = "", dom_id: str = "") -> None:
        self.value, self.label, self.pressed = value, label, pressed
        # The button's attributes, escaped: <button class="btn btn-state" {{ choice.attrs }}>
        self.attrs = format_html(
            'name="{}" value="{}" id="{}" aria-pressed="{}"', name, value, dom_id, "true" if pressed else "false"
        )


class JourneyItem(Row):
    """Belongs to the person, whatever track they follow."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")

    class Meta:
        abstract = True


class PlanItem(Row):
    """Belongs to one track's plan."""

    class Meta:
        abstract = True


class CourseProgressQuerySet(models.QuerySet):
    def for_track(self, track) -> CourseProgressQuerySet:
        """Courses of the track (an id or OuterRef), and the general ones every track lists."""
        return self.filter(Q(course__tracks=track) | Q(course__tracks=None))

    def counted(self) -> CourseProgressQuerySet:
        """A retired course counts only once completed: it can add to progress, never block it."""
        return self.filter(Q(course__retired=False) | Q(status=CourseProgress.Status.COMPLETED))


class CourseProgress(JourneyItem):
    class Status(models.TextChoices):
        NOT_STARTED = "not_started", _("Not started")
        IN_PROGRESS = "in_progress", _("In progress")
        COMPLETED = "completed", _("Completed")

    url_name, state_action, content_fields = "course", "status", ("course",)

    course = models.ForeignKey(Course, on_delete=models.PROTECT, related_name="progress")
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.NOT_STARTED)
    # The day the person said they were under way; staff insights measure the days from it to completion.
    started_on = models.DateField(_("start date"), null=True, blank=True, editable=False)
    completed_on = models.DateField(_("completion date"), null=True, blank=True)
    note = models.CharField(max_length=500, blank=True)
    certificate_url = models.URLField(_("certificate link"), max_length=300, blank=True, validators=[web_url_validator])
    target_date = models.DateField(_("target date"), null=True, blank=True)

    objects = CourseProgressQuerySet.as_manager()

    class Meta:
        verbose_name = _("course progress")
        verbose_name_plural = _("course progress")
        constraints = [
            models.UniqueConstraint(fields=["user", "course"], name="one_progress_row_per_user_and_course"),
            models.CheckConstraint(
                condition=Q(status__in=["not_started", "in_progress", "completed"]), name="course_status_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.course.title}: {self.get_status_display()}"

    @property
    def is_completed(self) -> bool:
        return self.status == self.Status.COMPLETED

    is_done = is_completed

    @property
    def countdown(self) -> Countdown | None:
        """Days left until the target date, while the course is not completed."""
        return None if self.is_completed else countdown(self.target_date, timezone.localdate())

    @property
    def state_choices(self) -> list[Choice]:
        return self._choices(self.Status.choices, self.status)

    def set_status(self, status: str) -> None:
        """Completing stamps today's date unless one is set; leaving completed clears it.

        Going under way stamps the start date unless one is set; back to "not
        started" clears it. Completing a course never marked under way leaves
        the start unknown: today would be a guess."""
        self.status = status
        today = timezone.localdate()
        if status == self.Status.COMPLETED:
            self.completed_on = self.completed_on or today
        else:
            self.completed_on = None
        if status == self.Status.IN_PROGRESS:
            self.started_on = self.started_on or today
        elif status == self.Status.NOT_STARTED:
            self.started_on = None
        self.save(update_fields=["status", "started_on", "completed_on", "updated"])


class ChecklistQuerySet(models.QuerySet):
    def in_list_order(self) -> ChecklistQuerySet:
        """First steps, then habits, each in their staff-set order, on every database."""
        habit_last = Case(When(habit__isnull=True, then=Value(0)), default=Value(1))
        return self.select_related("first_step", "habit").order_by(
            habit_last, "first_step__order", "habit__order", "pk"
        )

    def counted(self) -> ChecklistQuerySet:
        return self.filter(Q(first_step__retired=False) | Q(habit__retired=False) | Q(done=True))


class ChecklistItem(JourneyItem):
    """One of the article's first steps or habits, ticked off by the person."""

    url_name, state_action, editable, state_legend = "checklist", "done", False, _("Mark as done:")
    flag_field, flag_label, flag_off_label = "done", _("Done"), _("Not done")
    content_fields = ("first_step", "habit")

    first_step = models.ForeignKey(FirstStep, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    habit = models.ForeignKey(Habit, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    done = models.BooleanField(default=False)

    objects = ChecklistQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "first_step"], name="one_item_per_user_and_first_step"),
            models.UniqueConstraint(fields=["user", "habit"], name="one_item_per_user_and_habit"),
            models.CheckConstraint(
                condition=Q(first_step__isnull=True, habit__isnull=False)
                | Q(first_step__isnull=False, habit__isnull=True),
                name="checklist_item_is_step_or_habit",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_done(self) -> bool:
        return self.done

    @property
    def is_habit(self) -> bool:
        return self.habit_id is not None

    @property
    def state_choices(self) -> list[Choice]:
        return self._flag(self.done, self.flag_label)


class PortfolioCase(JourneyItem):
    class Status(models.TextChoices):
        IDEA = "idea", _("Idea")
        DRAFTING = "drafting", _("Drafting")
        PUBLISHED = "published", _("Published")

    url_name, state_action, deletable = "case", "status", True

    # The track the person followed when they wrote it (shown with the case).
    track = models.ForeignKey(Track, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    title = models.CharField(max_length=120)
    problem = models.TextField(max_length=2000, blank=True)
    action = models.TextField(_("what I did"), max_length=2000, blank=True)
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

    @property
    def is_done(self) -> bool:
        return self.status == self.Status.PUBLISHED

    @property
    def state_choices(self) -> list[Choice]:
        return self._choices(self.Status.choices, self.status)


class NetworkingQuerySet(models.QuerySet):
    def in_log_order(self) -> NetworkingQuerySet:
        """Pending follow-ups first, soonest (most overdue) at the top; then the
        other open steps; finished steps last; otherwise in the order logged."""
        group = Case(
            When(done=True, then=Value(2)),
            When(follow_up_on__isnull=True, then=Value(1)),
            default=Value(0),
        )
        return self.order_by(group, "follow_up_on", "created", "pk")


class NetworkingStep(JourneyItem):
    url_name, state_action, deletable, state_legend = "step", "done", True, _("Mark as done:")
    flag_field, flag_label, flag_off_label = "done", _("Done"), _("Not done")

    who = models.CharField(_("who or where"), max_length=200)
    kind = models.CharField(max_length=20, choices=NetworkingKind.choices, default=NetworkingKind.COFFEE_CHAT)
    date = models.DateField(null=True, blank=True)
    follow_up_on = models.DateField(_("follow-up date"), null=True, blank=True)
    notes = models.TextField(max_length=1000, blank=True)
    done = models.BooleanField(default=False)
    suggestion = models.ForeignKey(SuggestedStep, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    created = models.DateTimeField(default=timezone.now)

    objects = NetworkingQuerySet.as_manager()

    class Meta:
        ordering = ["created", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=[k.value for k in NetworkingKind]), name="networking_kind_valid"
            ),
            # A suggestion goes into the log once, however often "Add" is pressed.
            models.UniqueConstraint(fields=["user", "suggestion"], name="one_step_per_user_and_suggestion"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.who}"

    @property
    def title(self) -> str:
        return self.who

    @property
    def followup_state(self) -> str:
        return followup_state(self, timezone.localdate())


class SkillLevel(models.IntegerChoices):
    NOT_YET = 0, _("Not yet")
    BEGINNER = 1, _("Beginner")
    DEVELOPING = 2, _("Developing")
    CONFIDENT = 3, _("Confident")
    EXPERT = 4, _("Expert")


class SkillQuerySet(models.QuerySet):
    def counted(self) -> SkillQuerySet:
        return self.filter(skill__retired=False)


class SkillRating(PlanItem):
    url_name, state_action, content_fields = "skill", "rating", ("skill",)
    state_legend = _("Your rating for")

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="skills")
    skill = models.ForeignKey(Skill, on_delete=models.PROTECT, related_name="ratings")
    rating = models.PositiveSmallIntegerField(default=SkillLevel.NOT_YET, choices=SkillLevel.choices)
    note = models.CharField(max_length=200, blank=True)

    objects = SkillQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["plan", "skill"], name="one_rating_per_skill"),
            models.CheckConstraint(condition=Q(rating__lte=SkillLevel.EXPERT), name="rating_at_most_four"),
        ]

    def __str__(self) -> str:
        return f"{self.skill.name}: {self.rating}"

    @staticmethod
    def level_choices() -> list[tuple[int, str]]:
        """(rating, its label as the row's buttons show it: "2 Developing")."""
        return [(level.value, format_lazy("{} {}", level.value, level.label)) for level in SkillLevel]

    @property
    def state_choices(self) -> list[Choice]:
        return self._choices(self.level_choices(), self.rating)


class MilestoneQuerySet(models.QuerySet):
    def counted(self) -> MilestoneQuerySet:
        return self.filter(Q(role__retired=False) | Q(reached=True))


class MilestoneProgress(PlanItem):
    url_name, state_action, content_fields = "milestone", "reached", ("role",)
    state_legend = _("Mark as reached:")
    flag_field, flag_label, flag_off_label = "reached", _("Reached"), _("Not reached")

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="milestones")
    role = models.ForeignKey(Role, on_delete=models.PROTECT, related_name="milestones")
    reached = models.BooleanField(default=False)
    reached_on = models.DateField(_("date reached"), null=True, blank=True)
    target_date = models.DateField(null=True, blank=True)

    objects = MilestoneQuerySet.as_manager()

    class Meta:
        verbose_name = _("milestone")
        constraints = [models.UniqueConstraint(fields=["plan", "role"], name="one_milestone_per_role")]

    def __str__(self) -> str:
        return self.role.title

    def set_reached(self, reached: bool) -> None:
        self.reached = reached
        self.reached_on = (self.reached_on or timezone.localdate()) if reached else None
        self.save(update_fields=["reached", "reached_on", "updated"])


# --- History ------------------------------------------------------------------

# Where a change happened: the plan itself (started, made active again, its
# target date) or one of its sections.
EVENT_SECTIONS = [("plan", _("Your plan")), *[(key, label) for key, label, _unit in SECTIONS]]


class Event(models.Model):
    """One change a person made to their journey, readable after its item is gone.

    Written by `plans.history.record` in the change's own transaction. Each
    event keeps the active plan's overall percent after the change, so the
    overview draws progress over time from the events alone, without
    replaying them."""

    class Action(models.TextChoices):
        STATUS = "status", _("Status")
        DONE = "done", _("Done")
        RATING = "rating", _("Rating")
        REACHED = "reached", _("Reached")
        ADDED = "added", _("Added")
        EDITED = "edited", _("Edited")
        DELETED = "deleted", _("Deleted")
        STARTED = "started", pgettext_lazy("history: a plan was", "Started")
        REACTIVATED = "reactivated", _("Made active again")

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="events")
    # The plan that was active (its percent is `overall_percent`); none when no plan was.
    plan = models.ForeignKey(Plan, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    section = models.CharField(max_length=20, choices=EVENT_SECTIONS)
    item_kind = models.CharField(max_length=20, blank=True)  # a Row's url_name; blank for the plan
    item_id = models.PositiveBigIntegerField(null=True, blank=True)  # no foreign key: the item may be deleted
    item_title = models.CharField(max_length=200)
    action = models.CharField(max_length=20, choices=Action.choices)
    from_value = models.CharField(pgettext_lazy("a change", "from"), max_length=200, blank=True)
    to_value = models.CharField(pgettext_lazy("a change", "to"), max_length=200, blank=True)
    overall_percent = models.PositiveSmallIntegerField(null=True, blank=True, validators=[MaxValueValidator(100)])
    created = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created", "-pk"]
        indexes = [
            models.Index(fields=["user", "created"], name="event_user_created"),
            models.Index(fields=["user", "section", "created"], name="event_user_section_created"),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(overall_percent__lte=100), name="event_percent_at_most_100"),
        ]

    def __str__(self) -> str:
        return f"{self.get_action_display()}: {self.item_title}"

    @property
    def change_text(self) -> str:
        """What happened, in words: "Not started → In progress", "Edited: note", "Deleted".

        The values are kept in English (plans.history) and read in the page's language."""
        from .history import fields_in_words, in_words

        if self.action in {self.Action.STATUS, self.Action.DONE, self.Action.RATING, self.Action.REACHED}:
            return f"{in_words(self.from_value)} → {in_words(self.to_value)}"
        if self.action == self.Action.EDITED:
            return gettext("Edited: %(fields)s") % {"fields": fields_in_words(self.to_value)}
        if self.action in {self.Action.STARTED, self.Action.REACTIVATED} and self.from_value:
            return gettext("%(action)s (switched from %(track)s)") % {
                "action": self.get_action_display(),
                "track": self.from_value,
            }
        return str(self.get_action_display())

    @property
    def url(self) -> str:
        """Where the item is shown (nothing for a deleted one)."""
        if self.section == "plan":
            return reverse("plans:plan")
        if self.action == self.Action.DELETED:
            return ""
        return f"{reverse(f'plans:{self.section}')}#{self.item_kind}-{self.item_id}"
