"""`manage.py flush_reads`: write the read counts gathered in the shared cache to the database
now. Beacons do it themselves every READS_FLUSH_SECONDS; on a quiet site run this from cron
so the last reads of the evening are not left waiting for the next reader."""

import time

from django.core.management.base import BaseCommand, CommandError

from articles import read_batches


class Command(BaseCommand):
    help = "Write the read counts gathered in the shared cache to the database now."

    def add_arguments(self, parser):
        parser.add_argument(
            "--wait",
            type=int,
            default=read_batches.FLUSH_LOCK_SECONDS + 5,
            help="Seconds to wait for a flush already running, or left by a killed worker.",
        )

    def handle(self, *args, wait, **options):
        deadline = time.monotonic() + wait
        while (written := read_batches.flush()) is None:
            if time.monotonic() > deadline:
                raise CommandError("Another flush is still running.")
            time.sleep(0.5)
        self.stdout.write(f"{written} reads written.")
