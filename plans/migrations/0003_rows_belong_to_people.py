"""Step 1 of 3 of moving what a person does whatever the track (courses, first
steps and habits, portfolio cases, networking) from their plans to them:
the new columns, still empty, and the old one-row-per-plan constraints gone."""

from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
        ("careers", "0004_retire_content_and_course_tracks"),
        ("plans", "0002_one_step_per_suggestion"),
    ]

    operations = [
        migrations.RemoveConstraint(model_name="courseprogress", name="one_progress_row_per_course"),
        migrations.RemoveConstraint(model_name="checklistitem", name="one_item_per_first_step"),
        migrations.RemoveConstraint(model_name="checklistitem", name="one_item_per_habit"),
        migrations.RemoveConstraint(model_name="networkingstep", name="one_step_per_suggestion"),
        *[
            migrations.AddField(
                model_name=model,
                name="user",
                field=models.ForeignKey(
                    null=True, on_delete=models.CASCADE, related_name="+", to=settings.AUTH_USER_MODEL
                ),
            )
            for model in ("courseprogress", "checklistitem", "portfoliocase", "networkingstep")
        ],
        # Nullable until step 3 removes it, so that step 2 can be undone.
        *[
            migrations.AlterField(
                model_name=model,
                name="plan",
                field=models.ForeignKey(null=True, on_delete=models.CASCADE, related_name=related, to="plans.plan"),
            )
            for model, related in (
                ("courseprogress", "courses"),
                ("checklistitem", "checklist"),
                ("portfoliocase", "cases"),
                ("networkingstep", "networking"),
            )
        ],
        migrations.AddField(
            model_name="portfoliocase",
            name="track",
            field=models.ForeignKey(
                blank=True, null=True, on_delete=models.PROTECT, related_name="+", to="careers.track"
            ),
        ),
    ]
