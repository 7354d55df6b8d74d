"""One "who it suits" text per track.

The article says it twice, in its table ("most suitable for") and on its map
("perfect for"), and the two disagreed: "engineering team" against "engineering
teams". The map's wording is kept, as the track pages, cards and results showed
it; a track with no "perfect for" text takes its "most suitable for" text."""

from django.db import migrations, models


def keep_one_wording(apps, schema_editor):
    Track = apps.get_model("careers", "Track")
    for track in Track.objects.filter(perfect_for=""):
        track.perfect_for = track.most_suitable_for
        track.save(update_fields=["perfect_for"])


def both_wordings(apps, schema_editor):
    Track = apps.get_model("careers", "Track")
    Track.objects.update(most_suitable_for=models.F("perfect_for"))


class Migration(migrations.Migration):
    dependencies = [
        ("careers", "0006_assessment_v2"),
    ]

    operations = [
        migrations.RunPython(keep_one_wording, both_wordings),
        # A default, so that undoing this migration can add the column back to existing rows.
        migrations.AlterField(
            model_name="track", name="most_suitable_for", field=models.CharField(default="", max_length=200)
        ),
        migrations.RemoveField(model_name="track", name="most_suitable_for"),
        migrations.AlterField(
            model_name="track",
            name="perfect_for",
            field=models.CharField(
                help_text="Who the track suits, completing “Perfect for: …”, e.g. “Tech-savvy individuals who love "
                "working with engineering teams”.",
                max_length=200,
            ),
        ),
    ]
