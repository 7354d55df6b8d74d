"""Assessment v2: results record the method that scored them and a verdict; settings gain the
thresholds of the new verdicts. Existing results stay v1 (the default) and get the verdict
they showed: "No track stands out yet" (no points), a near tie, or a best fit."""

import django.core.validators
import django.db.models.deletion
from django.db import migrations, models


def verdicts_of_v1_results(apps, schema_editor):
    Result = apps.get_model("careers", "AssessmentResult")
    v1 = Result.objects.filter(method="v1", verdict="")
    v1.filter(scores__0__points=0).update(verdict="no_preference")
    v1.filter(verdict="", near_tie=True).update(verdict="close_call")
    v1.filter(verdict="").update(verdict="best_fit")


class Migration(migrations.Migration):

    dependencies = [
        ('careers', '0005_loaded_content'),
    ]

    operations = [
        migrations.AddField(
            model_name='assessmentresult',
            name='clarity',
            field=models.SmallIntegerField(blank=True, help_text='How many points the leading track is ahead of the next (v2).', null=True),
        ),
        migrations.AddField(
            model_name='assessmentresult',
            name='clear_lead',
            field=models.PositiveSmallIntegerField(blank=True, help_text='The settings of the day (v2).', null=True),
        ),
        migrations.AddField(
            model_name='assessmentresult',
            name='contributions',
            field=models.JSONField(blank=True, default=dict, help_text='The answers that moved the result, by the track they pulled towards, and those that counted for nothing (v2).'),
        ),
        migrations.AddField(
            model_name='assessmentresult',
            name='method',
            field=models.CharField(choices=[('v1', 'Earlier method: share of each track’s points'), ('v2', 'Preference profile: −100 to +100')], default='v1', help_text='How the result was scored. A result keeps the method it was scored with.', max_length=2),
        ),
        migrations.AddField(
            model_name='assessmentresult',
            name='min_lean',
            field=models.PositiveSmallIntegerField(blank=True, help_text='The settings of the day (v2).', null=True),
        ),
        migrations.AddField(
            model_name='assessmentresult',
            name='previous',
            field=models.ForeignKey(blank=True, help_text='The result this attempt retook, to show what changed.', null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='careers.assessmentresult'),
        ),
        migrations.AddField(
            model_name='assessmentresult',
            name='verdict',
            field=models.CharField(blank=True, choices=[('best_fit', 'Best fit'), ('close_call', 'Close call'), ('no_preference', 'No clear preference yet')], max_length=20),
        ),
        migrations.AddField(
            model_name='assessmentsettings',
            name='clear_lead',
            field=models.PositiveSmallIntegerField(default=15, help_text='How many points the leading track must be ahead of the next one to be called the best fit. Closer than that, the result is a close call between them.', validators=[django.core.validators.MinValueValidator(1), django.core.validators.MaxValueValidator(100)], verbose_name='clear lead'),
        ),
        migrations.AddField(
            model_name='assessmentsettings',
            name='min_lean',
            field=models.PositiveSmallIntegerField(default=20, help_text='Scores run up to +100. The leading track needs at least this score to be recommended at all; below it the result says “no clear preference yet”. At least 1, so answering every question the same way can never produce a recommendation.', validators=[django.core.validators.MinValueValidator(1), django.core.validators.MaxValueValidator(100)], verbose_name='lean needed'),
        ),
        migrations.AlterField(
            model_name='assessmentresult',
            name='reasons',
            field=models.JSONField(default=list, help_text='The answers that counted most for the recommendation (v1).'),
        ),
        migrations.AlterField(
            model_name='assessmentresult',
            name='recommended_name',
            field=models.CharField(blank=True, max_length=100),
        ),
        migrations.AlterField(
            model_name='assessmentresult',
            name='recommended_slug',
            field=models.SlugField(blank=True, max_length=80),
        ),
        migrations.AlterField(
            model_name='assessmentresult',
            name='scores',
            field=models.JSONField(default=list, help_text='The tracks ranked, with their scores.'),
        ),
        migrations.AlterField(
            model_name='assessmentsettings',
            name='near_tie_margin',
            field=models.PositiveSmallIntegerField(default=5, help_text='Earlier scoring method (v1) only, kept for the record: tracks within this many percentage points of the top score counted as a near tie.', validators=[django.core.validators.MaxValueValidator(50)]),
        ),
        migrations.RunPython(verdicts_of_v1_results, migrations.RunPython.noop),
    ]
