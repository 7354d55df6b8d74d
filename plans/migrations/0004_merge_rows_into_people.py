"""Step 2 of 3: every row of a person's plans moves to the person.

Nothing is lost. Where two of a person's plans both hold the same course, one
row survives with the more advanced status (completed, then in progress, then
not started) and the earliest completion date; its note and certificate link
are the winner's, or the other row's when the winner has none. A first step or
habit is done if it was done in any plan. Every portfolio case and networking
step is kept (a case remembers the track of the plan it was written in); a
suggested networking step logged in two plans keeps both entries, and only the
first stays linked to the suggestion (a person logs a suggestion once).
"""

from collections import defaultdict

from django.db import migrations

RANK = {"not_started": 0, "in_progress": 1, "completed": 2}


def _winner_first(row):
    # Most advanced status first, then the earliest completion date, then the oldest row.
    return (-RANK.get(row.status, 0), row.completed_on is None, row.completed_on, row.pk)


def merge_courses(CourseProgress):
    groups = defaultdict(list)
    for row in CourseProgress.objects.select_related("plan").order_by("pk"):
        groups[row.plan.user_id, row.course_id].append(row)
    for (user, _course), rows in groups.items():
        rows.sort(key=_winner_first)
        winner, others = rows[0], rows[1:]
        winner.user_id = user
        for other in others:
            winner.note = winner.note or other.note
            winner.certificate_url = winner.certificate_url or other.certificate_url
        winner.save(update_fields=["user", "note", "certificate_url"])
        CourseProgress.objects.filter(pk__in=[o.pk for o in others]).delete()


def merge_checklist(ChecklistItem):
    groups = defaultdict(list)
    for row in ChecklistItem.objects.select_related("plan").order_by("pk"):
        groups[row.plan.user_id, row.first_step_id, row.habit_id].append(row)
    for (user, _step, _habit), rows in groups.items():
        winner, others = rows[0], rows[1:]
        winner.user_id = user
        winner.done = any(r.done for r in rows)
        winner.save(update_fields=["user", "done"])
        ChecklistItem.objects.filter(pk__in=[o.pk for o in others]).delete()


def move_cases_and_steps(PortfolioCase, NetworkingStep):
    for case in PortfolioCase.objects.select_related("plan"):
        case.user_id, case.track_id = case.plan.user_id, case.plan.track_id
        case.save(update_fields=["user", "track"])
    logged = set()
    for step in NetworkingStep.objects.select_related("plan").order_by("created", "pk"):
        step.user_id = step.plan.user_id
        if step.suggestion_id:
            if (step.user_id, step.suggestion_id) in logged:
                step.suggestion_id = None
            logged.add((step.user_id, step.suggestion_id))
        step.save(update_fields=["user", "suggestion"])


def forwards(apps, schema_editor):
    merge_courses(apps.get_model("plans", "CourseProgress"))
    merge_checklist(apps.get_model("plans", "ChecklistItem"))
    move_cases_and_steps(apps.get_model("plans", "PortfolioCase"), apps.get_model("plans", "NetworkingStep"))


def backwards(apps, schema_editor):
    """Each person's rows go back to their active plan (else their latest)."""
    Plan = apps.get_model("plans", "Plan")
    home = {}
    for plan in Plan.objects.order_by("status", "-created"):  # "active" sorts before "archived"
        home.setdefault(plan.user_id, plan.pk)
    for name in ("CourseProgress", "ChecklistItem", "PortfolioCase", "NetworkingStep"):
        model = apps.get_model("plans", name)
        for row in model.objects.all():
            if row.user_id in home:
                row.plan_id = home[row.user_id]
                row.save(update_fields=["plan"])
            else:
                row.delete()


class Migration(migrations.Migration):
    dependencies = [
        ("plans", "0003_rows_belong_to_people"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
