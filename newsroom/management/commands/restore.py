"""Restore a backup made by `manage.py backup` into the configured database and media folder.
An encrypted archive (.tar.gz.age) needs --identity, the age identity file of its key. The
whole archive is decrypted and checked before the database is touched. Refuses a database
that already holds stories or comments unless --replace."""

import tempfile

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
        parser.add_argument(
            "--identity",
            metavar="FILE",
            help="The age identity file (AGE-SECRET-KEY-1…, as age-keygen writes it) that "
            "opens an encrypted archive.",
        )
        parser.add_argument("archive", metavar="ARCHIVE", help="What `manage.py backup` wrote.")

    def handle(self, *args, archive, replace, identity, **options):
        with tempfile.TemporaryDirectory() as folder:
            try:
                manifest = backups.unpack(archive, folder, identity)
            except backups.BackupError as error:
                raise CommandError(str(error)) from error
            if not replace and not backups.database_is_empty():
                raise CommandError(
                    "The database already holds stories or comments. Restore into an empty "
                    "database, or pass --replace to overwrite it."
                )
            try:
                backups.load(folder, manifest)
            except (OSError, ValueError, KeyError) as error:
                raise CommandError(f"Could not restore {archive}: {error}") from error
        self.stdout.write(
            f"Restored {archive} ({manifest['format']}, made {manifest['created']}): "
            f"{backups.describe_rows(manifest)}."
        )
