"""How a plan's progress is counted, and what to do next.

Plain functions over plain data (counts, or any objects with the attributes
named below), so the rules are unit-tested without the database. The counts
come from one query (`Plan.objects.with_counts()`).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

SKILL_MAX = 4
DUE_SOON_DAYS = 7


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
    portfolio_target: int = 3
    networking_target: int = 5


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
    def complete(self) -> bool:
        return bool(self.total) and self.done >= self.total

    @property
    def text(self) -> str:
        if not self.total:
            return "Nothing to track yet"
        if self.done > self.total:
            return f"{self.done} {self.unit} (target {self.total})"
        return f"{self.done} of {self.total} {self.unit}"


# The plan's sections, in page order: key (also the URL path), label, unit.
SECTIONS = [
    ("checklist", "First steps and habits", "done"),
    ("courses", "Courses", "completed"),
    ("portfolio", "Portfolio", "cases published"),
    ("networking", "Networking", "steps done"),
    ("skills", "Skills", "rating points"),
    ("milestones", "Milestones", "reached"),
]
LABELS = {key: label for key, label, _unit in SECTIONS}


@dataclass(frozen=True)
class Progress:
    sections: list[Section]

    @property
    def overall_percent(self) -> int:
        """Every section with something to track weighs the same."""
        counted = [s for s in self.sections if s.total]
        if not counted:
            return 0
        return int(sum(s.fraction for s in counted) / len(counted) * 100)

    def section(self, key: str) -> Section:
        return next(s for s in self.sections if s.key == key)


def plan_progress(counts: Counts) -> Progress:
    done_and_total = {
        "checklist": (counts.checklist_done, counts.checklist_total),
        "courses": (counts.courses_done, counts.courses_total),
        "portfolio": (counts.cases_published, counts.portfolio_target),
        "networking": (counts.networking_done, counts.networking_target),
        "skills": (counts.skill_points, counts.skills_total * SKILL_MAX),
        "milestones": (counts.milestones_reached, counts.milestones_total),
    }
    return Progress([Section(key, label, *done_and_total[key], unit) for key, label, unit in SECTIONS])


# --- Networking follow-ups --------------------------------------------------


def followup_state(step, today: datetime.date) -> str:
    """'overdue', 'due' (within a week), 'later', or '' when nothing is pending."""
    if step.done or step.follow_up_on is None:
        return ""
    if step.follow_up_on < today:
        return "overdue"
    if step.follow_up_on <= today + datetime.timedelta(days=DUE_SOON_DAYS):
        return "due"
    return "later"


def due_by(today: datetime.date) -> datetime.date:
    """The last follow-up date that counts as due soon."""
    return today + datetime.timedelta(days=DUE_SOON_DAYS)


# --- What to do next ----------------------------------------------------------


@dataclass(frozen=True)
class Action:
    """One thing to do next: a sentence and where to do it."""

    text: str
    url: str


def portfolio_actions(*, published: int, target: int, add_url: str, section_url: str) -> list[Action]:
    """The article's first step: build a portfolio of product cases."""
    if published >= target:
        return [Action("Keep your cases current, and add one when you finish a project.", add_url)]
    left = target - published
    return [
        Action(
            f"Publish {left} more case{'s' if left != 1 else ''}: the problem, what you did, the outcome.", section_url
        ),
        Action("Write up a new case.", add_url),
    ]


def networking_actions(*, done: int, target: int, add_url: str, ideas_url: str) -> list[Action]:
    if done >= target:
        return [Action("Keep in touch: log your next conversation.", add_url)]
    return [
        Action("Log a networking step: a coffee chat, an event or a mentor.", add_url),
        Action("Pick an idea to try.", ideas_url),
    ]


def skills_actions(*, points: int, total: int, section_url: str) -> list[Action]:
    if not total:
        return []
    if points == 0:
        return [
            Action(f"Rate yourself on the {total} key skill{'s' if total != 1 else ''} of your track.", section_url)
        ]
    if points >= total * SKILL_MAX:
        return [Action("You rated yourself expert in every key skill.", section_url)]
    return [Action("Practise your weakest skill, then update your rating.", section_url)]
