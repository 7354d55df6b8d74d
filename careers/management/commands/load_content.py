"""Load (or reload in place) every career-content fixture in fixtures/."""

from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Load all career content fixtures (fixtures/*.json, in name order). Safe to run again."

    def handle(self, *args, **options):
        paths = sorted((Path(settings.BASE_DIR) / "fixtures").glob("*.json"))
        call_command("loaddata", *[str(p) for p in paths], verbosity=options["verbosity"])
