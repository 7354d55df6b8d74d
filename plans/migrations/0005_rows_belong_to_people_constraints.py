"""Step 3 of 3: the rows no longer point at a plan; one row per person and
course, first step, habit or suggestion; and every link to career content
PROTECTs it (staff retire content instead of deleting it)."""

from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
        ("careers", "0004_retire_content_and_course_tracks"),
        ("plans", "0004_merge_rows_into_people"),
    ]

    operations = [
        *[
            migrations.RemoveField(model_name=model, name="plan")
            for model in ("courseprogress", "checklistitem", "portfoliocase", "networkingstep")
        ],
        *[
            migrations.AlterField(
                model_name=model,
                name="user",
                field=models.ForeignKey(on_delete=models.CASCADE, related_name="+", to=settings.AUTH_USER_MODEL),
            )
            for model in ("courseprogress", "checklistitem", "portfoliocase", "networkingstep")
        ],
        migrations.AlterField(
            model_name="courseprogress",
            name="course",
            field=models.ForeignKey(on_delete=models.PROTECT, related_name="progress", to="careers.course"),
        ),
        migrations.AlterField(
            model_name="checklistitem",
            name="first_step",
            field=models.ForeignKey(
                blank=True, null=True, on_delete=models.PROTECT, related_name="+", to="careers.firststep"
            ),
        ),
        migrations.AlterField(
            model_name="checklistitem",
            name="habit",
            field=models.ForeignKey(
                blank=True, null=True, on_delete=models.PROTECT, related_name="+", to="careers.habit"
            ),
        ),
        migrations.AlterField(
            model_name="skillrating",
            name="skill",
            field=models.ForeignKey(on_delete=models.PROTECT, related_name="ratings", to="careers.skill"),
        ),
        migrations.AlterField(
            model_name="milestoneprogress",
            name="role",
            field=models.ForeignKey(on_delete=models.PROTECT, related_name="milestones", to="careers.role"),
        ),
        migrations.AlterField(
            model_name="skillrating",
            name="rating",
            field=models.PositiveSmallIntegerField(
                choices=[(0, "Not yet"), (1, "Beginner"), (2, "Developing"), (3, "Confident"), (4, "Expert")],
                default=0,
            ),
        ),
        migrations.AddConstraint(
            model_name="courseprogress",
            constraint=models.UniqueConstraint(fields=("user", "course"), name="one_progress_row_per_user_and_course"),
        ),
        migrations.AddConstraint(
            model_name="checklistitem",
            constraint=models.UniqueConstraint(fields=("user", "first_step"), name="one_item_per_user_and_first_step"),
        ),
        migrations.AddConstraint(
            model_name="checklistitem",
            constraint=models.UniqueConstraint(fields=("user", "habit"), name="one_item_per_user_and_habit"),
        ),
        migrations.AddConstraint(
            model_name="networkingstep",
            constraint=models.UniqueConstraint(fields=("user", "suggestion"), name="one_step_per_user_and_suggestion"),
        ),
    ]
