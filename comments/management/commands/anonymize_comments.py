from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from comments import privacy


class Command(BaseCommand):
    help = "Clear the IP address and browser of comments older than a number of days."

    def add_arguments(self, parser):
        parser.add_argument(
            "--days",
            type=int,
            help="Age in days (default: the COMMENTS_ANONYMIZE_AFTER_DAYS setting).",
        )

    def handle(self, *args, days, **options):
        if days is None:
            days = settings.COMMENTS_ANONYMIZE_AFTER_DAYS
        if days < 0:
            raise CommandError("--days must be 0 or more.")
        cleared = privacy.anonymize_older_than(days)
        self.stdout.write(
            f"Cleared the IP address and browser of {cleared} comment(s) older than {days} day(s)."
        )
