"""Backups of the whole site: the database and the media in one timestamped .tar.gz, and back
again. Media is read and written through the storage API: a folder on disk or an S3 bucket.

The database goes in as one of three formats, named in the archive's manifest.json:
- "sqlite": a consistent copy made with SQLite's online backup API (safe while the site runs);
- "pg_dump": PostgreSQL's custom format, when `pg_dump` is installed;
- "json": Django's dumpdata, the portable fallback (`--portable`), loadable into any engine.
"""

import json
import os
import posixpath
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.files import File
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from articles.models import Article
from newsroom.infra import retire
from newsroom.wordpress.models import ids_from_old_dump

MANIFEST = "manifest.json"
DUMP_NAMES = {"sqlite": "db.sqlite3", "pg_dump": "db.dump", "json": "data.json"}
# Not worth keeping: rebuilt by migrate (content types, permissions) or short-lived (sessions).
JSON_EXCLUDE = ["contenttypes", "auth.permission", "sessions"]


def create(directory, portable=False) -> Path:
    """Write newsroom-YYYYmmdd-HHMMSS.tar.gz into `directory`; returns its path."""
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M%S")
    archive = directory / f"newsroom-{stamp}.tar.gz"
    with tempfile.TemporaryDirectory() as tmp:
        fmt = _dump_database(Path(tmp), portable)
        manifest = {
            "format": fmt,
            "created": timezone.now().isoformat(),
            "vendor": connection.vendor,
            "rows": _row_counts(),
        }
        (Path(tmp) / MANIFEST).write_text(json.dumps(manifest, indent=2))
        partial = archive.with_suffix(".partial")
        with tarfile.open(partial, "w:gz") as tar:
            tar.add(Path(tmp) / MANIFEST, arcname=MANIFEST)
            tar.add(Path(tmp) / DUMP_NAMES[fmt], arcname=DUMP_NAMES[fmt])
            _add_media(tar)
        partial.rename(archive)  # a finished archive or none: never half of one
    return archive


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


def restore(archive) -> dict:
    """Load `archive` into the configured database and media storage; returns its manifest."""
    with tempfile.TemporaryDirectory() as tmp:
        with tarfile.open(archive) as tar:
            tar.extractall(tmp, filter="data")  # refuses absolute paths, "..", devices
        manifest = json.loads((Path(tmp) / MANIFEST).read_text())
        dump = Path(tmp) / DUMP_NAMES[manifest["format"]]
        if manifest["format"] == "sqlite":
            _restore_sqlite(dump)
            call_command("migrate", interactive=False, verbosity=0)  # an older backup
        elif manifest["format"] == "pg_dump":
            if connection.vendor != "postgresql":
                raise ValueError("This backup holds a PostgreSQL dump: restore it into PostgreSQL, "
                                 "or make a --portable backup.")  # fmt: skip
            _postgres("pg_restore", "--clean", "--if-exists", "--no-owner", str(dump))
            call_command("migrate", interactive=False, verbosity=0)
        else:
            call_command("migrate", interactive=False, verbosity=0)
            call_command("flush", interactive=False, verbosity=0)
            _upgrade_json(dump)
            call_command("loaddata", str(dump), verbosity=0)
        _restore_media(Path(tmp) / "media")
    retire.retire_everything()  # the whole database was replaced: no cached page is current
    return manifest


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
