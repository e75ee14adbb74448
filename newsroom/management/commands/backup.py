from django.conf import settings
from django.core.management.base import BaseCommand

from newsroom import backups


class Command(BaseCommand):
    help = (
        "Back up the database and the media folder into one timestamped .tar.gz "
        "(SQLite: online backup API; PostgreSQL: pg_dump; --portable: dumpdata JSON)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--output-dir",
            default=settings.BACKUP_DIR,
            help="Where to write the archive (default: BACKUP_DIR, %(default)s).",
        )
        parser.add_argument(
            "--portable",
            action="store_true",
            help="Store the data as Django JSON (restores into any database engine).",
        )

    def handle(self, *args, output_dir, portable, **options):
        archive = backups.create(output_dir, portable=portable)
        manifest = backups.read_manifest(archive)
        self.stdout.write(
            f"{archive} ({manifest['format']}, {archive.stat().st_size // 1024} KB): "
            f"{backups.describe_rows(manifest)}"
        )
