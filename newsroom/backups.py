"""Backups of the whole site: the database and the media in one timestamped .tar.gz, and back
again. Media is read and written through the storage API: a folder on disk or an S3 bucket.

The database goes in as one of three formats, named in the archive's manifest.json:
- "sqlite": a consistent copy made with SQLite's online backup API (safe while the site runs);
- "pg_dump": PostgreSQL's custom format, when `pg_dump` is installed;
- "json": Django's dumpdata, the portable fallback (`--portable`), loadable into any engine.

With an age public key (BACKUP_AGE_RECIPIENT) the archive is encrypted to it with age (pyrage)
and named .tar.gz.age: it holds commenters' emails. `restore` decrypts and reads the whole
archive (age's authentication, gzip's checksum, the manifest and the dump) before it touches
the database. `rotate` deletes old archives by the time in their names.
"""

import gzip
import json
import os
import posixpath
import re
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
import time
import zlib
from datetime import datetime
from pathlib import Path

import pyrage
from django.apps import apps
from django.conf import settings
from django.core.files import File
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.db import connection, transaction
from django.utils import timezone

from articles.models import Article
from newsroom.infra import retire
from newsroom.wordpress.models import ids_from_old_dump

MANIFEST = "manifest.json"
DUMP_NAMES = {"sqlite": "db.sqlite3", "pg_dump": "db.dump", "json": "data.json"}
# Not worth keeping: rebuilt by migrate (content types, permissions) or short-lived (sessions).
JSON_EXCLUDE = ["contenttypes", "auth.permission", "sessions"]
ENCRYPTED = ".age"
AGE_HEADER = b"age-encryption.org/v1"
STAMP = "%Y%m%d-%H%M%S"
# Where a backup is made, beside the archives; left behind only by a backup that was killed.
WORKING_PREFIX = ".newsroom-"
LEFTOVER_SECONDS = 6 * 3600
# The only files `rotate` ever deletes: the names `create` gives, with the local time in them.
ARCHIVE_NAME = re.compile(r"newsroom-(\d{8}-\d{6})\.tar\.gz(?:\.age)?")


class BackupError(Exception):
    """An archive that cannot be made or read: the message is one line, for the operator."""


def create(directory, portable=False, recipient="") -> tuple[Path, dict]:
    """Write newsroom-YYYYmmdd-HHMMSS.tar.gz into `directory` (.tar.gz.age, encrypted to the
    age public key `recipient`, when given); returns its path and manifest."""
    directory = Path(directory)
    recipients = [_recipient(recipient)] if recipient else []
    directory.mkdir(parents=True, exist_ok=True)
    stamp = timezone.localtime().strftime(STAMP)
    archive = directory / f"newsroom-{stamp}.tar.gz{ENCRYPTED if recipients else ''}"
    # Worked on beside the archives (the media may be large; mkdtemp makes it 0700); the
    # archive is renamed into place when complete: a finished archive or none, never half.
    _remove_leftovers(directory)
    with tempfile.TemporaryDirectory(dir=directory, prefix=WORKING_PREFIX) as tmp:
        tmp = Path(tmp)
        fmt = _dump_database(tmp, portable)
        manifest = {
            "format": fmt,
            "created": timezone.now().isoformat(),
            "vendor": connection.vendor,
            "rows": _row_counts(),
        }
        (tmp / MANIFEST).write_text(json.dumps(manifest, indent=2))
        plain = tmp / "archive.tar.gz"
        with tarfile.open(plain, "w:gz") as tar:
            tar.add(tmp / MANIFEST, arcname=MANIFEST)
            tar.add(tmp / DUMP_NAMES[fmt], arcname=DUMP_NAMES[fmt])
            _add_media(tar)
        if recipients:
            pyrage.encrypt_file(str(plain), str(tmp / "archive.age"), recipients)
            plain = tmp / "archive.age"
        plain.rename(archive)
    return archive, manifest


def _remove_leftovers(directory):
    """Working folders of a backup that was killed (they hold the database unencrypted),
    unless one may still be at work (younger than LEFTOVER_SECONDS)."""
    for folder in directory.glob(WORKING_PREFIX + "*"):
        if folder.is_dir() and time.time() - folder.stat().st_mtime > LEFTOVER_SECONDS:
            shutil.rmtree(folder, ignore_errors=True)


def _recipient(key):
    try:
        return pyrage.x25519.Recipient.from_str(key.strip())
    except pyrage.RecipientError as error:
        message = f"BACKUP_AGE_RECIPIENT is not an age public key (age1…): {error}."
        raise BackupError(message) from error


def rotate(directory, keep_daily=0, keep_weekly=0, keep=()) -> list[Path]:
    """Delete the archives of `directory` that no rule keeps; returns the deleted paths.

    As restic's and borg's --keep-daily/--keep-weekly: the newest archive of each of the last
    `keep_daily` days that have one, and of each of the last `keep_weekly` ISO weeks that have
    one (each rule counts on its own), and `keep`. Days and weeks are read from the names (the
    site's local time), so a gap in backups never costs the archives made before it.
    """
    found = sorted(_archives(Path(directory)), reverse=True)  # newest first
    kept = {Path(path).name for path in keep}
    for count, period in ((keep_daily, datetime.date), (keep_weekly, _iso_week)):
        periods = set()
        for when, path in found:
            if period(when) not in periods:
                if len(periods) == count:
                    break
                periods.add(period(when))
                kept.add(path.name)
    doomed = [path for _, path in found if path.name not in kept]
    for path in doomed:
        path.unlink()
    return doomed


def _iso_week(when):
    return when.isocalendar()[:2]


def _archives(directory):
    for path in directory.iterdir():
        match = ARCHIVE_NAME.fullmatch(path.name)
        if match and path.is_file():
            try:
                yield datetime.strptime(match[1], STAMP), path
            except ValueError:  # not a time (month 13): not one of ours
                continue


def _add_media(tar):
    """Every file of the media storage under media/ (the folder itself even when empty)."""
    folder = tarfile.TarInfo("media")
    folder.type, folder.mode, folder.mtime = tarfile.DIRTYPE, 0o755, int(timezone.now().timestamp())
    tar.addfile(folder)
    for name in media_names(default_storage):
        info = tarfile.TarInfo(f"media/{name}")
        info.size = default_storage.size(name)
        info.mtime = int(default_storage.get_modified_time(name).timestamp())
        with default_storage.open(name, "rb") as file:
            tar.addfile(info, file)


def media_names(storage, folder=""):
    """The names of every file in `storage` (a missing media folder holds none)."""
    try:
        folders, files = storage.listdir(folder)
    except FileNotFoundError:
        return
    for name in sorted(files):
        yield posixpath.join(folder, name)
    for sub in sorted(folders):
        yield from media_names(storage, posixpath.join(folder, sub))


def _restore_media(folder: Path):
    """Write the archive's media into the storage under the same names (replacing any)."""
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        name = path.relative_to(folder).as_posix()
        if default_storage.exists(name):
            default_storage.delete(name)
        with path.open("rb") as file:
            default_storage.save(name, File(file, name=path.name))


def _dump_database(tmp, portable):
    target = tmp / DUMP_NAMES["json"]
    if not portable and connection.vendor == "sqlite":
        connection.ensure_connection()
        target = tmp / DUMP_NAMES["sqlite"]
        copy = sqlite3.connect(target)
        try:
            connection.connection.backup(copy)
        finally:
            copy.close()
        return "sqlite"
    if not portable and connection.vendor == "postgresql" and shutil.which("pg_dump"):
        target = tmp / DUMP_NAMES["pg_dump"]
        _postgres("pg_dump", "--format=custom", "--no-owner", f"--file={target}")
        return "pg_dump"
    call_command(
        "dumpdata",
        natural_foreign=True,
        natural_primary=True,
        exclude=JSON_EXCLUDE,
        output=str(target),
        verbosity=0,
    )
    return "json"


def read_manifest(archive) -> dict:
    """The manifest of an unencrypted archive."""
    with tarfile.open(archive) as tar:
        return json.load(tar.extractfile(MANIFEST))


def _row_counts() -> dict:
    """Rows per model of the site's own apps (stories, comments…), for the manifest: the apps
    whose package is in the checkout, at the path its name gives (not in the virtualenv)."""
    own = [
        c
        for c in apps.get_app_configs()
        if Path(c.path) == settings.BASE_DIR.joinpath(*c.name.split("."))
    ]
    return {model._meta.label: model.objects.count() for c in own for model in c.get_models()}


def describe_rows(manifest) -> str:
    """'36 × articles.Article, 120 × comments.Comment, …' from an archive's manifest."""
    return ", ".join(f"{n} × {label}" for label, n in manifest.get("rows", {}).items() if n)


def database_is_empty() -> bool:
    """No stories (and so no comments, which belong to stories)."""
    try:
        return not Article.objects.exists()
    except Exception:  # no tables yet
        return True


def unpack(archive, folder, identity=None) -> dict:
    """Decrypt (with the age identity file `identity`) and extract `archive` into `folder`,
    reading every byte of it: BackupError unless it is whole. Touches no database."""
    archive, folder = Path(archive), Path(folder)
    try:
        with archive.open("rb") as file:
            encrypted = file.read(len(AGE_HEADER)) == AGE_HEADER
    except OSError as error:
        raise BackupError(f"Cannot read {archive}: {error.strerror or error}.") from error
    if encrypted:
        if not identity:
            raise BackupError(f"{archive} is encrypted: pass --identity FILE, the age identity "
                              "(secret key) of BACKUP_AGE_RECIPIENT.")  # fmt: skip
        _decrypt(archive, folder / "archive.tar.gz", _identities(identity))
    plain = folder / "archive.tar.gz" if encrypted else archive
    try:
        with gzip.open(plain) as stream:  # gzip's CRC and length: a whole archive
            while stream.read(1 << 20):
                pass
        with tarfile.open(plain) as tar:
            tar.extractall(folder, filter="data")  # refuses absolute paths, "..", devices
        manifest = json.loads((folder / MANIFEST).read_text())
        dump = folder / DUMP_NAMES[manifest["format"]]
        if manifest["format"] == "json":
            json.loads(dump.read_text())
        elif not dump.is_file():
            raise FileNotFoundError(dump.name)
    except (OSError, EOFError, zlib.error, tarfile.TarError, ValueError, KeyError) as error:
        raise BackupError(
            f"{archive} is damaged or incomplete ({type(error).__name__}: {error}); "
            "nothing was restored."
        ) from error
    (folder / "archive.tar.gz").unlink(missing_ok=True)
    return manifest


def _identities(identity_file):
    """The age secret keys in `identity_file` (as `age-keygen` writes it: # comments, then
    AGE-SECRET-KEY-1…)."""
    try:
        lines = Path(identity_file).read_text().splitlines()
        keys = [line.strip() for line in lines if line.strip() and not line.startswith("#")]
        identities = [pyrage.x25519.Identity.from_str(key) for key in keys]
    except (OSError, UnicodeDecodeError) as error:
        raise BackupError(f"Cannot read the identity file {identity_file}: {error}.") from error
    except pyrage.IdentityError as error:
        raise BackupError(f"{identity_file} is not an age identity file: {error}.") from error
    if not identities:
        raise BackupError(f"{identity_file} holds no age secret key (AGE-SECRET-KEY-1…).")
    return identities


def _decrypt(archive, target, identities):
    try:
        pyrage.decrypt_file(str(archive), str(target), identities)
    except (pyrage.DecryptError, OSError) as error:  # OSError: age's authentication failed
        if "no matching keys" in str(error).lower():
            message = f"{archive} was encrypted to another key than the identity given"
        else:
            message = f"{archive} is damaged or incomplete ({error})"
        raise BackupError(f"{message}; nothing was restored.") from error


def load(folder, manifest):
    """Replace the database and media with those `unpack` put in `folder`."""
    folder = Path(folder)
    dump = folder / DUMP_NAMES[manifest["format"]]
    if manifest["format"] == "sqlite":
        _restore_sqlite(dump)
        call_command("migrate", interactive=False, verbosity=0)  # an older backup
    elif manifest["format"] == "pg_dump":
        if connection.vendor != "postgresql":
            raise ValueError("This backup holds a PostgreSQL dump: restore it into PostgreSQL, "
                             "or make a --portable backup.")  # fmt: skip
        _postgres(  # all or nothing: a failure leaves the database as it was
            "pg_restore", "--clean", "--if-exists", "--no-owner", "--single-transaction", str(dump)
        )
        call_command("migrate", interactive=False, verbosity=0)
    else:
        call_command("migrate", interactive=False, verbosity=0)
        _upgrade_json(dump)
        with transaction.atomic():  # a load that fails leaves the rows that were there
            call_command("flush", interactive=False, verbosity=0)
            call_command("loaddata", str(dump), verbosity=0)
    _restore_media(folder / "media")
    retire.retire_everything()  # the whole database was replaced: no cached page is current


def _upgrade_json(dump):
    """Bring a portable dump made by an older version up to today's models (loaddata reads
    it with today's; the SQLite and PostgreSQL formats are brought up by `migrate`)."""
    objects = json.loads(dump.read_text())
    upgraded = ids_from_old_dump(objects)
    if upgraded != objects:
        dump.write_text(json.dumps(upgraded))


def _restore_sqlite(dump):
    if connection.vendor != "sqlite":
        raise ValueError("This backup holds an SQLite database: restore it into SQLite, "
                         "or make a --portable backup.")  # fmt: skip
    connection.ensure_connection()
    source = sqlite3.connect(dump)
    try:
        source.backup(connection.connection)  # replaces every page of the live database
    finally:
        source.close()
    connection.close()


def _postgres(program, *args):
    """Run pg_dump/pg_restore against the configured database (password via the env)."""
    db = connection.settings_dict
    command = [program, f"--dbname={db['NAME']}"]
    for flag, key in (("--host", "HOST"), ("--port", "PORT"), ("--username", "USER")):
        if db.get(key):
            command.append(f"{flag}={db[key]}")
    command += args
    env = {**os.environ, "PGPASSWORD": db.get("PASSWORD") or ""}
    subprocess.run(command, env=env, check=True, capture_output=True)
