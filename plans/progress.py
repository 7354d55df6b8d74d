"""How a plan's progress is counted, and what to do next.

Plain functions over plain data (counts, or any objects with the attributes
named below), so the rules are unit-tested without the database. The plan page
counts the rows it has already loaded; an HTMX change counts in one query
(`Plan.counts`); both end up in `plan_progress`.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

SKILL_MAX = 4
DUE_SOON_DAYS = 7
MAX_FOLLOWUPS_SHOWN = 3


@dataclass(frozen=True)
class Counts:
    """Everything the progress bars need, counted from a plan."""

    checklist_done: int = 0
    checklist_total: int = 0
    courses_done: int = 0
    courses_total: int = 0
    cases_published: int = 0
    networking_done: int = 0
    skill_points: int = 0
    skills_total: int = 0
    milestones_reached: int = 0
    milestones_total: int = 0


@dataclass(frozen=True)
class Section:
    key: str
    label: str
    done: int
    total: int
    unit: str

    @property
    def fraction(self) -> float:
        return min(self.done, self.total) / self.total if self.total else 0.0

    @property
    def percent(self) -> int:
        # Rounded down: 100% only when the section really is complete.
        return int(self.fraction * 100)

    @property
    def bar_value(self) -> int:
        return min(self.done, self.total)

    @property
    def bar_max(self) -> int:
        # <progress max="0"> is invalid; an empty section shows an empty bar.
        return self.total or 1

    @property
    def text(self) -> str:
        if not self.total:
            return "Nothing to track yet"
        if self.done > self.total:
            return f"{self.done} {self.unit} (target {self.total})"
        return f"{self.done} of {self.total} {self.unit}"


@dataclass(frozen=True)
class Progress:
    getting_started: Section
    courses: Section
    portfolio: Section
    networking: Section
    skills: Section
    milestones: Section

    @property
    def sections(self) -> list[Section]:
        return [
            self.getting_started,
            self.courses,
            self.portfolio,
            self.networking,
            self.skills,
            self.milestones,
        ]

    @property
    def overall_percent(self) -> int:
        """Every section with something to track weighs the same."""
        counted = [s for s in self.sections if s.total]
        if not counted:
            return 0
        return int(sum(s.fraction for s in counted) / len(counted) * 100)

    @property
    def overall(self) -> Section:
        return Section("overall", "Overall", self.overall_percent, 100, "per cent")

    def section(self, key: str) -> Section:
        return getattr(self, key)


def plan_progress(counts: Counts, targets: dict[str, int]) -> Progress:
    return Progress(
        getting_started=Section(
            "getting_started", "First steps and habits", counts.checklist_done, counts.checklist_total, "done"
        ),
        courses=Section("courses", "Courses", counts.courses_done, counts.courses_total, "completed"),
        portfolio=Section(
            "portfolio", "Portfolio", counts.cases_published, targets.get("portfolio-cases", 0), "cases published"
        ),
        networking=Section(
            "networking", "Networking", counts.networking_done, targets.get("networking-steps", 0), "steps done"
        ),
        skills=Section("skills", "Skills", counts.skill_points, counts.skills_total * SKILL_MAX, "rating points"),
        milestones=Section("milestones", "Milestones", counts.milestones_reached, counts.milestones_total, "reached"),
    )


def count_rows(
    *,
    checklist: Iterable[Any],
    courses: Iterable[Any],
    cases: Iterable[Any],
    networking: Iterable[Any],
    skills: Iterable[Any],
    milestones: Iterable[Any],
) -> Counts:
    """Counts from rows already in memory: objects with `done`, `status`,
    `rating` or `reached` attributes, as the plan models have."""
    checklist, courses, skills, milestones = list(checklist), list(courses), list(skills), list(milestones)
    return Counts(
        checklist_done=sum(1 for item in checklist if item.done),
        checklist_total=len(checklist),
        courses_done=sum(1 for c in courses if c.status == "completed"),
        courses_total=len(courses),
        cases_published=sum(1 for c in cases if c.status == "published"),
        networking_done=sum(1 for s in networking if s.done),
        skill_points=sum(min(max(s.rating, 0), SKILL_MAX) for s in skills),
        skills_total=len(skills),
        milestones_reached=sum(1 for m in milestones if m.reached),
        milestones_total=len(milestones),
    )


# --- Networking follow-ups --------------------------------------------------


def followup_state(step: Any, today: datetime.date) -> str:
    """'overdue', 'due' (within a week), 'later', or '' when nothing is pending."""
    if step.done or step.follow_up_on is None:
        return ""
    if step.follow_up_on < today:
        return "overdue"
    if step.follow_up_on <= today + datetime.timedelta(days=DUE_SOON_DAYS):
        return "due"
    return "later"


def order_networking(steps: Iterable[Any], today: datetime.date) -> list[Any]:
    """Pending follow-ups first, soonest (most overdue) at the top; then the
    other open steps; finished steps last. Otherwise the log keeps its order."""

    def key(step: Any) -> tuple:
        if followup_state(step, today):
            return (0, step.follow_up_on)
        return (2 if step.done else 1, datetime.date.min)

    return sorted(steps, key=key)


# --- Next steps -------------------------------------------------------------


@dataclass(frozen=True)
class Action:
    text: str
    anchor: str


@dataclass(frozen=True)
class NextSteps:
    course: Any = None
    followups: list[Any] = field(default_factory=list)
    action: Action | None = None

    @property
    def is_empty(self) -> bool:
        return self.course is None and not self.followups and self.action is None


def next_course(courses: Sequence[Any]) -> Any:
    """The course to work on: one already in progress, else the first not started."""
    for wanted in ("in_progress", "not_started"):
        for course in courses:
            if course.status == wanted:
                return course
    return None


def next_action(
    *,
    cases: Sequence[Any],
    portfolio_target: int,
    networking_done: int,
    networking_target: int,
    suggestions: Sequence[Any],
    logged_suggestion_ids: set[Any],
    skills: Sequence[Any],
    milestones: Sequence[Any],
) -> Action | None:
    """The single most useful thing to do next, following the article's first
    steps: build a portfolio, network, then grow skills towards the next role."""
    published = sum(1 for c in cases if c.status == "published")
    if published < portfolio_target:
        for status, verb in (("drafting", "Finish and publish"), ("idea", "Start drafting")):
            case = next((c for c in cases if c.status == status), None)
            if case is not None:
                return Action(f"{verb} your case “{case.title}”.", f"case-{case.pk}")
        return Action("Write up a portfolio case: the problem, what you did and the outcome.", "portfolio")
    if networking_done < networking_target:
        suggestion = next((s for s in suggestions if s.pk not in logged_suggestion_ids), None)
        if suggestion is not None:
            return Action(f"Try this: {suggestion.title}", "networking")
        return Action("Log your next networking step: a coffee chat, an event or a mentor.", "networking")
    weakest = min(skills, key=lambda s: s.rating, default=None)
    if weakest is not None and weakest.rating < SKILL_MAX - 1:
        return Action(f"Build your {weakest.skill.name} skills, then update your rating.", f"skill-{weakest.pk}")
    milestone = next((m for m in milestones if not m.reached), None)
    if milestone is not None:
        return Action(f"Work towards your next role: {milestone.role.title}.", f"milestone-{milestone.pk}")
    return None


def followups_due(steps: Iterable[Any], today: datetime.date) -> list[Any]:
    due = [s for s in steps if followup_state(s, today) in {"overdue", "due"}]
    return sorted(due, key=lambda s: s.follow_up_on)[:MAX_FOLLOWUPS_SHOWN]
