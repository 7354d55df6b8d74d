"""Load (or reload in place) every career-content fixture in fixtures/."""

from __future__ import annotations

import json
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import transaction

from careers.models import LoadedContent, RetirableContent
from plans.journey import create_missing_rows


class Command(BaseCommand):
    help = (
        "Load all career content fixtures (fixtures/*.json, in name order). Safe to run again: rows are updated in "
        "place. Content an earlier load brought in and the fixtures no longer have is retired when people's "
        "progress points at it, and deleted otherwise; content staff added in the admin is left alone."
    )

    def handle(self, *args, **options):
        paths = sorted((Path(settings.BASE_DIR) / "fixtures").glob("*.json"))
        with transaction.atomic():
            call_command("loaddata", *[str(p) for p in paths], verbosity=options["verbosity"])
            for line in self.drop_what_the_fixtures_dropped(paths):
                self.stdout.write(line)
            created = create_missing_rows()
        if created and options["verbosity"]:
            self.stdout.write(f"Added {created} rows for new content to people's active plans.")

    def drop_what_the_fixtures_dropped(self, paths: list[Path]) -> list[str]:
        retirable = {m._meta.label_lower: m for m in apps.get_models() if issubclass(m, RetirableContent)}
        loaded = set()
        for path in paths:
            for obj in json.loads(path.read_text(encoding="utf-8")):
                if obj["model"] in retirable:
                    loaded.add((obj["model"], obj["fields"]["slug"]))
        lines = []
        for record in LoadedContent.objects.order_by("model", "slug"):
            if (record.model, record.slug) in loaded or record.model not in retirable:
                continue
            content = retirable[record.model].objects.filter(slug=record.slug).first()
            name = retirable[record.model]._meta.verbose_name
            if content is None:
                pass
            elif content.in_use():
                if not content.retired:
                    content.retired = True
                    content.save(update_fields=["retired"])
                    lines.append(f"Retired {name} “{content}”: the fixtures dropped it and people's plans have it.")
            else:
                content.delete()
                lines.append(f"Deleted {name} “{content}”: the fixtures dropped it and nobody's plan has it.")
        LoadedContent.objects.all().delete()
        LoadedContent.objects.bulk_create([LoadedContent(model=m, slug=s) for m, s in sorted(loaded)])
        return lines
