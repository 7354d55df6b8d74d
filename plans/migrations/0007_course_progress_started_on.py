"""The day a course went under way, for the staff insights' days to completion.

Rows from before have no start date: when they started is not recorded
anywhere (the `updated` stamp moves with every edit), so it stays unknown and
they are left out of that figure rather than guessed."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("plans", "0006_history_and_targets"),
    ]

    operations = [
        migrations.AddField(
            model_name="courseprogress",
            name="started_on",
            field=models.DateField(blank=True, editable=False, null=True, verbose_name="start date"),
        ),
    ]
