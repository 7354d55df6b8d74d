"""Course facts: level and cost as choices ("unknown" until someone checks the
provider's page), weekly effort and language as text (empty: unknown), and
where the facts come from.

A level typed as free text before becomes the matching choice (case and
spacing ignored; "all levels" counts as mixed); anything else, and an empty
level, becomes "unknown"."""

from django.db import migrations, models

LEVELS = {
    "beginner": "beginner",
    "intermediate": "intermediate",
    "advanced": "advanced",
    "mixed": "mixed",
    "mixed levels": "mixed",
    "all levels": "mixed",
}
LABELS = {"beginner": "Beginner", "intermediate": "Intermediate", "advanced": "Advanced", "mixed": "Mixed levels"}


def levels_as_choices(apps, schema_editor):
    Course = apps.get_model("careers", "Course")
    for course in Course.objects.all():
        course.level = LEVELS.get(" ".join(course.level.lower().split()), "unknown")
        course.save(update_fields=["level"])


def levels_as_text(apps, schema_editor):
    Course = apps.get_model("careers", "Course")
    for course in Course.objects.all():
        course.level = LABELS.get(course.level, "")
        course.save(update_fields=["level"])


class Migration(migrations.Migration):
    dependencies = [
        ("careers", "0007_one_perfect_for_per_track"),
    ]

    operations = [
        migrations.RunPython(levels_as_choices, levels_as_text),
        migrations.AlterField(
            model_name="course",
            name="level",
            field=models.CharField(
                choices=[
                    ("beginner", "Beginner"),
                    ("intermediate", "Intermediate"),
                    ("advanced", "Advanced"),
                    ("mixed", "Mixed levels"),
                    ("unknown", "Unknown"),
                ],
                default="unknown",
                max_length=20,
            ),
        ),
        migrations.AddField(
            model_name="course",
            name="cost_model",
            field=models.CharField(
                choices=[
                    ("free", "Free"),
                    ("subscription", "Subscription"),
                    ("paid", "Paid"),
                    ("financial_aid", "Financial aid available"),
                    ("unknown", "Unknown"),
                ],
                default="unknown",
                max_length=20,
                verbose_name="cost",
            ),
        ),
        migrations.AddField(
            model_name="course",
            name="language",
            field=models.CharField(
                blank=True, help_text="The language it is taught in, e.g. “English”. Empty: unknown.", max_length=40
            ),
        ),
        migrations.AddField(
            model_name="course",
            name="weekly_effort",
            field=models.CharField(
                blank=True,
                help_text="Hours a week the provider suggests, e.g. “10 hours a week”. Empty: unknown.",
                max_length=60,
            ),
        ),
        migrations.AddField(
            model_name="course",
            name="facts_source",
            field=models.CharField(
                blank=True,
                help_text="The page the facts were taken from and the day they were checked, and what could not be "
                "checked, e.g. “Provider\u2019s course page, checked 2026-11-30”.",
                max_length=300,
                verbose_name="where the facts come from",
            ),
        ),
        migrations.AlterField(
            model_name="course",
            name="description",
            field=models.TextField(blank=True, help_text="What the provider's page says the course teaches."),
        ),
        migrations.AlterField(
            model_name="course",
            name="duration",
            field=models.CharField(
                blank=True, help_text="As the provider states it, e.g. “3 months”. Empty: unknown.", max_length=60
            ),
        ),
        migrations.AlterField(
            model_name="course",
            name="provider",
            field=models.CharField(help_text="Who teaches it, written out: “University of Michigan”.", max_length=100),
        ),
        migrations.AlterField(
            model_name="course",
            name="url",
            field=models.URLField(help_text="The provider's public course page.", max_length=300, verbose_name="link"),
        ),
        migrations.AddConstraint(
            model_name="course",
            constraint=models.CheckConstraint(
                condition=models.Q(("level__in", ["beginner", "intermediate", "advanced", "mixed", "unknown"])),
                name="course_level_valid",
            ),
        ),
        migrations.AddConstraint(
            model_name="course",
            constraint=models.CheckConstraint(
                condition=models.Q(("cost_model__in", ["free", "subscription", "paid", "financial_aid", "unknown"])),
                name="course_cost_model_valid",
            ),
        ),
    ]
