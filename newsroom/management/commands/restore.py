"""Restore a backup made by `manage.py backup` into the configured database and media folder.
Refuses a database that already holds stories or comments unless --replace."""

from django.core.management.base import BaseCommand, CommandError

from newsroom import backups


class Command(BaseCommand):
    help = __doc__

    def add_arguments(self, parser):
        parser.add_argument(
            "--replace",
            action="store_true",
            help="Overwrite a database that already holds data (its content is lost).",
        )
        parser.add_argument("archive", metavar="ARCHIVE", help="What `manage.py backup` wrote.")

    def handle(self, *args, archive, replace, **options):
        if not replace and not backups.database_is_empty():
            raise CommandError(
                "The database already holds stories or comments. Restore into an empty "
                "database, or pass --replace to overwrite it."
            )
        try:
            manifest = backups.restore(archive)
        except (OSError, ValueError, KeyError) as error:
            raise CommandError(f"Could not restore {archive}: {error}") from error
        self.stdout.write(
            f"Restored {archive} ({manifest['format']}, made {manifest['created']}): "
            f"{backups.describe_rows(manifest)}."
        )
