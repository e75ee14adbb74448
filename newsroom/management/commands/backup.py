from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from newsroom import backups


class Command(BaseCommand):
    help = (
        "Back up the database and the media folder into one timestamped .tar.gz "
        "(SQLite: online backup API; PostgreSQL: pg_dump; --portable: dumpdata JSON), "
        "encrypted to BACKUP_AGE_RECIPIENT when set (.tar.gz.age); --keep-daily and "
        "--keep-weekly then delete the older archives."
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
        parser.add_argument(
            "--keep-daily",
            type=_count,
            metavar="N",
            help="Then keep the newest archive of each of the last N days that have one.",
        )
        parser.add_argument(
            "--keep-weekly",
            type=_count,
            metavar="M",
            help="Then keep the newest archive of each of the last M ISO weeks that have one "
            "(with --keep-daily, an archive either rule keeps stays; the others are deleted).",
        )

    def handle(self, *args, output_dir, portable, keep_daily, keep_weekly, **options):
        recipient = settings.BACKUP_AGE_RECIPIENT
        try:
            archive, manifest = backups.create(output_dir, portable=portable, recipient=recipient)
        except backups.BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            f"{archive} ({manifest['format']}{', encrypted' if recipient else ''}, "
            f"{archive.stat().st_size // 1024} KB): {backups.describe_rows(manifest)}"
        )
        if not recipient:
            self.stderr.write(
                "Not encrypted: the archive holds commenters' emails. Set BACKUP_AGE_RECIPIENT "
                "to an age public key (age1…)."
            )
        if keep_daily is not None or keep_weekly is not None:
            deleted = backups.rotate(output_dir, keep_daily or 0, keep_weekly or 0, keep=[archive])
            for path in deleted:
                self.stdout.write(f"Deleted {path}")


def _count(value):
    number = int(value)
    if number < 0:
        raise ValueError(value)
    return number
