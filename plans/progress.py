"""How a plan's progress is counted, and what to do next.

Plain functions over plain data (counts, or any objects with the attributes
named below), so the rules are unit-tested without the database. The counts
come from one query (`Plan.objects.with_counts()`).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.utils.translation import gettext, gettext_lazy, ngettext, ngettext_lazy

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
    unit: str  # a key of UNITS

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
            return gettext("Nothing to track yet")
        of_total, over_target = UNITS[self.unit]
        numbers = {"done": self.done, "total": self.total}
        return (over_target if self.done > self.total else of_total) % numbers


# How each section counts, in words: "3 of 5 done" (plural by the total), and past
# its target "6 steps done (target 5)" (plural by the count).
UNITS = {
    "done": (
        ngettext_lazy("%(done)s of %(total)s done", "%(done)s of %(total)s done", "total"),
        ngettext_lazy("%(done)s done (target %(total)s)", "%(done)s done (target %(total)s)", "done"),
    ),
    "completed": (
        ngettext_lazy("%(done)s of %(total)s completed", "%(done)s of %(total)s completed", "total"),
        ngettext_lazy("%(done)s completed (target %(total)s)", "%(done)s completed (target %(total)s)", "done"),
    ),
    "cases published": (
        ngettext_lazy("%(done)s of %(total)s cases published", "%(done)s of %(total)s cases published", "total"),
        ngettext_lazy(
            "%(done)s case published (target %(total)s)", "%(done)s cases published (target %(total)s)", "done"
        ),
    ),
    "steps done": (
        ngettext_lazy("%(done)s of %(total)s steps done", "%(done)s of %(total)s steps done", "total"),
        ngettext_lazy("%(done)s step done (target %(total)s)", "%(done)s steps done (target %(total)s)", "done"),
    ),
    "rating points": (
        ngettext_lazy("%(done)s of %(total)s rating points", "%(done)s of %(total)s rating points", "total"),
        ngettext_lazy("%(done)s rating point (target %(total)s)", "%(done)s rating points (target %(total)s)", "done"),
    ),
    "reached": (
        ngettext_lazy("%(done)s of %(total)s reached", "%(done)s of %(total)s reached", "total"),
        ngettext_lazy("%(done)s reached (target %(total)s)", "%(done)s reached (target %(total)s)", "done"),
    ),
}


# The plan's sections, in page order: key (also the URL path), label, unit.
SECTIONS = [
    ("checklist", gettext_lazy("First steps and habits"), "done"),
    ("courses", gettext_lazy("Courses"), "completed"),
    ("portfolio", gettext_lazy("Portfolio"), "cases published"),
    ("networking", gettext_lazy("Networking"), "steps done"),
    ("skills", gettext_lazy("Skills"), "rating points"),
    ("milestones", gettext_lazy("Milestones"), "reached"),
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
        return [Action(gettext("Keep your cases current, and add one when you finish a project."), add_url)]
    left = target - published
    publish = ngettext(
        "Publish %(count)s more case: the problem, what you did, the outcome.",
        "Publish %(count)s more cases: the problem, what you did, the outcome.",
        left,
    ) % {"count": left}
    return [Action(publish, section_url), Action(gettext("Write up a new case."), add_url)]


def networking_actions(*, done: int, target: int, add_url: str, ideas_url: str) -> list[Action]:
    if done >= target:
        return [Action(gettext("Keep in touch: log your next conversation."), add_url)]
    return [
        Action(gettext("Log a networking step: a coffee chat, an event or a mentor."), add_url),
        Action(gettext("Pick an idea to try."), ideas_url),
    ]


def skills_actions(*, points: int, total: int, section_url: str) -> list[Action]:
    if not total:
        return []
    if points == 0:
        rate = ngettext(
            "Rate yourself on the %(count)s key skill of your track.",
            "Rate yourself on the %(count)s key skills of your track.",
            total,
        ) % {"count": total}
        return [Action(rate, section_url)]
    if points >= total * SKILL_MAX:
        return [Action(gettext("You rated yourself expert in every key skill."), section_url)]
    return [Action(gettext("Practise your weakest skill, then update your rating."), section_url)]
