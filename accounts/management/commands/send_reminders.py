"""Send the reminder emails that are due, in a loop (beside gunicorn) or once (from cron).

In the manner of healthchecks' `sendreports`: each pass claims every person
whose `next_reminder_at` has passed, one at a time, sends their digest when
there is something in it, and moves their next reminder on
(`accounts.reminders.send_due`). Several senders may run at once.
"""

from __future__ import annotations

import logging
import time

from django.core.management.base import BaseCommand
from django.db import close_old_connections

from accounts.reminders import send_due

logger = logging.getLogger(__name__)


class Command(BaseCommand):
    help = "Send the reminder emails that are due: every --interval seconds, or one pass with --once."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--once", action="store_true", help="Run one pass and exit (for cron, and tests).")
        parser.add_argument("--interval", type=int, default=60, help="Seconds between passes (default 60).")

    def handle(self, *args, once: bool, interval: int, **options) -> None:
        self.verbosity = options["verbosity"]
        if interval < 1:
            self.stderr.write("--interval must be at least 1 second.")
            raise SystemExit(2)
        while True:
            finished = self.run_pass()
            if once:
                if not finished:
                    raise SystemExit(1)  # cron mails the log
                return
            time.sleep(interval)
            # A long-running process: drop a connection the database closed or that outlived CONN_MAX_AGE.
            close_old_connections()

    def run_pass(self) -> bool:
        try:
            done = send_due()
        except Exception:
            # A database outage, say: log it and try again on the next pass; the loop never stops.
            logger.exception("A reminder pass failed; the next one runs as usual.")
            return False
        if done.sent or done.failed or self.verbosity > 1:
            self.stdout.write(
                f"Reminders: {done.sent} sent, {done.nothing_due} with nothing due, "
                f"{done.failed} failed (tried again next pass), {done.lost} taken by another sender."
            )
        return True
