"""List the career content that has no Chinese yet (it shows in English on Chinese pages)."""

from __future__ import annotations

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from careers.translation import untranslated


class Command(BaseCommand):
    help = (
        "List every text of the career content (and the plans' suggestions and targets) that has English and no "
        "translation, one per line; exit status 1 when there is any. Such a text shows in English on the "
        "language's pages until staff fill it in (admin: the text's language tab)."
    )

    def add_arguments(self, parser):
        others = [code for code, _name in settings.LANGUAGES if code != settings.LANGUAGE_CODE]
        parser.add_argument("--language", default=others[0], choices=others)

    def handle(self, *args, language: str, **options):
        gaps = untranslated(language)
        for gap in gaps:
            self.stdout.write(str(gap))
        if gaps:
            raise CommandError(f"{len(gaps)} texts have no {language} translation.")
        self.stdout.write(f"Every text has its {language} translation.")
