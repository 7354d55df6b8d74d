"""The migration that moves what a person does from their plans to them keeps
everything, for people with several plans (plans 0003-0005).

Django's MigrationExecutor takes the database back to the migrations before,
the test writes rows as they stood then, and migrates forward again.
"""

from __future__ import annotations

import datetime

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("plans", "0002_one_step_per_suggestion"), ("careers", "0003_content_version")]
AFTER = [("plans", "0005_rows_belong_to_people_constraints"), ("careers", "0004_retire_content_and_course_tracks")]


def content(apps) -> dict:
    """A little career content, as the tables stood before: each course has one track."""
    Track = apps.get_model("careers", "Track")
    Course = apps.get_model("careers", "Course")
    tracks = {
        slug: Track.objects.create(slug=f"m-{slug}", name=slug, short_name=slug, summary="s") for slug in ("tech", "ux")
    }
    return {
        "tracks": tracks,
        "general": Course.objects.create(slug="m-general", title="General", provider="P", url="https://p.test"),
        "tech_course": Course.objects.create(
            slug="m-tech-c", track=tracks["tech"], title="Tech", provider="P", url="https://p.test"
        ),
        "ux_course": Course.objects.create(
            slug="m-ux-c", track=tracks["ux"], title="UX", provider="P", url="https://p.test"
        ),
        "step": apps.get_model("careers", "FirstStep").objects.create(slug="m-fs", title="Choose your path"),
        "habit": apps.get_model("careers", "Habit").objects.create(slug="m-h", text="Learn from users"),
        "skill": apps.get_model("careers", "Skill").objects.create(slug="m-sk", track=tracks["tech"], name="SQL"),
        "suggestion": apps.get_model("plans", "SuggestedStep").objects.create(
            slug="m-mentor", kind="mentor", title="Find a mentor"
        ),
    }


def two_plans(apps, c: dict, email: str, *, seed: int) -> dict:
    """A person with an archived UX plan and an active technical plan, both used."""
    User = apps.get_model("auth", "User")
    Plan = apps.get_model("plans", "Plan")
    user = User.objects.create(username=email, email=email)
    ux = Plan.objects.create(user=user, track=c["tracks"]["ux"], status="archived")
    tech = Plan.objects.create(user=user, track=c["tracks"]["tech"], status="active")
    CourseProgress = apps.get_model("plans", "CourseProgress")
    # The same general course in both plans: completed (later) in one, in progress with a note in the other.
    CourseProgress.objects.create(
        plan=ux, course=c["general"], status="completed", completed_on=datetime.date(2025, 3, seed)
    )
    CourseProgress.objects.create(
        plan=tech, course=c["general"], status="completed", completed_on=datetime.date(2025, 2, seed), note="notes"
    )
    CourseProgress.objects.create(plan=ux, course=c["ux_course"], status="in_progress")
    CourseProgress.objects.create(plan=tech, course=c["tech_course"], status="not_started", certificate_url="")
    Checklist = apps.get_model("plans", "ChecklistItem")
    Checklist.objects.create(plan=ux, first_step=c["step"], done=True)
    Checklist.objects.create(plan=tech, first_step=c["step"], done=False)
    Checklist.objects.create(plan=ux, habit=c["habit"], done=False)
    Checklist.objects.create(plan=tech, habit=c["habit"], done=False)
    Case = apps.get_model("plans", "PortfolioCase")
    Case.objects.create(plan=ux, title=f"UX case {seed}", status="published")
    Case.objects.create(plan=tech, title=f"Tech case {seed}", status="idea")
    Step = apps.get_model("plans", "NetworkingStep")
    Step.objects.create(plan=ux, who="Mentor (UX)", suggestion=c["suggestion"], done=True)
    Step.objects.create(plan=tech, who="Mentor (tech)", suggestion=c["suggestion"])
    Step.objects.create(plan=tech, who=f"Contact {seed}")
    apps.get_model("plans", "SkillRating").objects.create(plan=tech, skill=c["skill"], rating=3, note="ok")
    return {"user": user.pk, "ux": ux.pk, "tech": tech.pk}


class Migrator:
    """Moves the test database between migrations and gives their models."""

    def __init__(self) -> None:
        self.executor = MigrationExecutor(connection)

    def go(self, targets: list[tuple[str, str]]):
        self.executor.loader.build_graph()
        self.executor.migrate(targets)
        self.executor.loader.build_graph()
        return self.executor.loader.project_state(targets).apps


@pytest.fixture
def migrator(transactional_db):
    yield Migrator()
    call_command("migrate", verbosity=0)  # the latest schema again, for the tests that follow


@pytest.fixture
def migrated(migrator):
    old = migrator.go(BEFORE)
    c = content(old)
    people = [two_plans(old, c, f"p{n}@example.com", seed=n) for n in (1, 2)]
    # The second person's plans disagree the other way: not completed anywhere, and a
    # course completed in the archived plan only.
    CourseProgress = old.get_model("plans", "CourseProgress")
    second = people[1]
    CourseProgress.objects.filter(plan=second["ux"], course=c["general"]).update(
        status="in_progress", completed_on=None
    )
    CourseProgress.objects.filter(plan=second["tech"], course=c["general"]).update(
        status="not_started", completed_on=None
    )
    CourseProgress.objects.create(plan_id=second["ux"], course=c["tech_course"], status="completed")
    return migrator.go(AFTER), people


def test_everything_two_people_did_in_two_plans_each_survives(migrated):
    apps, people = migrated
    check_course_states(apps, people)
    check_first_steps_and_habits(apps, people)
    check_cases_and_steps(apps, people)
    check_ratings_and_plans(apps, people)
    check_course_tracks(apps)


def check_course_states(apps, people) -> None:
    """One row per course; the more advanced status and the earliest completion date win."""
    CourseProgress = apps.get_model("plans", "CourseProgress")
    first, second = (
        {r.course.slug: r for r in CourseProgress.objects.filter(user=p["user"]).select_related("course")}
        for p in people
    )
    assert set(first) == set(second) == {"m-general", "m-tech-c", "m-ux-c"}
    assert (first["m-general"].status, first["m-general"].completed_on) == ("completed", datetime.date(2025, 2, 1))
    assert first["m-general"].note == "notes"
    assert (first["m-ux-c"].status, first["m-tech-c"].status) == ("in_progress", "not_started")
    # The second person's general course: in progress in one plan, not started in the other.
    assert second["m-general"].status == "in_progress" and second["m-general"].completed_on is None
    assert second["m-tech-c"].status == "completed"  # completed in the archived plan, untouched in the active one


def check_first_steps_and_habits(apps, people) -> None:
    """One row each, done if it was done in any plan."""
    Checklist = apps.get_model("plans", "ChecklistItem")
    for person in people:
        rows = list(Checklist.objects.filter(user=person["user"]))
        assert len(rows) == 2
        assert {(r.first_step_id is not None, r.done) for r in rows} == {(True, True), (False, False)}


def check_cases_and_steps(apps, people) -> None:
    Case = apps.get_model("plans", "PortfolioCase")
    Step = apps.get_model("plans", "NetworkingStep")
    for n, person in enumerate(people, start=1):
        cases = {c.title: c.track.slug for c in Case.objects.filter(user=person["user"]).select_related("track")}
        assert cases == {f"UX case {n}": "m-ux", f"Tech case {n}": "m-tech"}  # each remembers its plan's track
        steps = {s.who: s.suggestion_id is not None for s in Step.objects.filter(user=person["user"])}
        assert set(steps) == {"Mentor (UX)", "Mentor (tech)", f"Contact {n}"}
        assert sum(steps.values()) == 1  # one entry per suggestion stays linked to it


def check_ratings_and_plans(apps, people) -> None:
    Plan = apps.get_model("plans", "Plan")
    Rating = apps.get_model("plans", "SkillRating")
    for person in people:
        assert Plan.objects.get(pk=person["ux"]).status == "archived"
        assert Plan.objects.get(pk=person["tech"]).status == "active"
        assert list(Rating.objects.filter(plan=person["tech"]).values_list("rating", "note")) == [(3, "ok")]


def check_course_tracks(apps) -> None:
    Course = apps.get_model("careers", "Course")
    courses = Course.objects.filter(slug__startswith="m-")
    assert {c.slug: [t.slug for t in c.tracks.all()] for c in courses} == {
        "m-general": [],
        "m-tech-c": ["m-tech"],
        "m-ux-c": ["m-ux"],
    }


def test_it_can_be_undone(migrator):
    new = migrator.go(AFTER)
    user = new.get_model("auth", "User").objects.create(username="u", email="u@example.com")
    Track = new.get_model("careers", "Track")
    plan = new.get_model("plans", "Plan").objects.create(user=user, track=Track.objects.get(slug="technical"))
    new.get_model("plans", "PortfolioCase").objects.create(user=user, title="Mine")
    back = migrator.go(BEFORE)
    assert back.get_model("plans", "PortfolioCase").objects.get(title="Mine").plan_id == plan.pk
