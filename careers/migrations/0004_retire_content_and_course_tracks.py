"""Content that people's progress points at can be retired (never deleted), and
a course can belong to several tracks: its one track becomes its set of tracks
(none still means "recommended for every track")."""

from django.db import migrations, models

RETIRED_HELP = (
    "Retired content disappears from the catalogue, track pages and new plans; "
    "people who have it in their plan keep it, labelled “no longer offered”."
)


def copy_track_to_tracks(apps, schema_editor):
    Course = apps.get_model("careers", "Course")
    Link = Course.tracks.through
    Link.objects.bulk_create(
        [Link(course_id=pk, track_id=track) for pk, track in Course.objects.filter(track__isnull=False).values_list("pk", "track_id")]
    )


def copy_tracks_to_track(apps, schema_editor):
    Course = apps.get_model("careers", "Course")
    for course in Course.objects.prefetch_related("tracks"):
        first = next(iter(course.tracks.all()), None)
        Course.objects.filter(pk=course.pk).update(track=first)


class Migration(migrations.Migration):
    dependencies = [
        ("careers", "0003_content_version"),
    ]

    operations = [
        *[
            migrations.AddField(
                model_name=model, name="retired", field=models.BooleanField(default=False, help_text=RETIRED_HELP)
            )
            for model in ("course", "firststep", "habit", "role", "skill")
        ],
        migrations.AddField(
            model_name="course",
            name="tracks",
            field=models.ManyToManyField(
                blank=True,
                help_text="Leave empty for a course recommended for every track.",
                related_name="courses",
                to="careers.track",
            ),
        ),
        migrations.AlterField(
            model_name="course",
            name="track",
            field=models.ForeignKey(
                "careers.track", on_delete=models.CASCADE, related_name="+", null=True, blank=True
            ),
        ),
        migrations.RunPython(copy_track_to_tracks, copy_tracks_to_track),
        migrations.RemoveField(model_name="course", name="track"),
    ]
