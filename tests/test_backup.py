"""`manage.py backup` and `restore`: every story, comment and image comes back."""

import io
import json
import os
import secrets
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage, default_storage
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from newsroom import backups
from newsroom.infra.media import S3MediaStorage
from newsroom.wordpress.models import ImportedComment, ImportedStory
from tests.comments.factories import CommentFactory
from tests.conftest import S3_BACKEND, empty_folder, image_bytes, s3_client
from tests.factories import ArticleFactory

ROOT = Path(__file__).resolve().parents[1]
# The online backup reads committed data, so these tests commit (and put the groups back).
DB = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def newsroom(section):
    stories = ArticleFactory.create_batch(3, section=section)
    stories[0].image = ContentFile(image_bytes(size=(640, 360)), name="anh.jpg")
    stories[0].image_alt = "Ảnh"
    stories[0].save()
    comments = [CommentFactory(article=story, body=f"Ý kiến về {story.title}") for story in stories]
    comments.append(CommentFactory(article=stories[0], parent=comments[0], status="approved"))
    ImportedStory.objects.create(wp_id=4, article=stories[1])  # came from WordPress
    ImportedComment.objects.create(wp_id=13, comment=comments[1])
    return stories, comments


@pytest.fixture
def empty_database(tmp_path):
    """DATABASE_URL of an empty database of the engine under test (made and dropped here)."""
    db = connection.settings_dict
    if connection.vendor == "sqlite":
        yield f"sqlite:///{tmp_path / 'restored.sqlite3'}"
        return
    name = f"{db['NAME']}_restored"
    with connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')
        cursor.execute(f'CREATE DATABASE "{name}"')
    yield f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST']}:{db['PORT']}/{name}"
    connection.close()  # no session may stay open on the database to be dropped
    with connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def empty_store(tmp_path, settings):
    """Where `restore` puts the media, as ({environment}, storage): a new folder on disk, or a
    new folder in the bucket when media is on S3."""
    default, cache = settings.STORAGES["default"], {"SHARED_CACHE_DIR": str(tmp_path / "cache")}
    if default["BACKEND"] != S3_BACKEND:
        media = tmp_path / "restored-media"
        yield {**cache, "MEDIA_ROOT": str(media)}, FileSystemStorage(location=media)
        return
    folder = f"{default['OPTIONS']['location']}-restored"
    options = {**default["OPTIONS"], "location": folder}
    yield {**cache, "S3_LOCATION": folder}, S3MediaStorage(**options)
    empty_folder(s3_client(), default["OPTIONS"]["bucket_name"], f"{folder}/")


def restore_env(database_url, store):
    """The environment of a fresh process on the empty database and media store."""
    return {
        **{k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "REDIS_URL"}},
        "DJANGO_SETTINGS_MODULE": "newsroom.settings",
        "DEBUG": "0",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "localhost",
        "DATABASE_URL": database_url,
        **store[0],
    }


def restore_elsewhere(archive, database_url, store, *options):
    """Run `restore` (with `options`), then read the data back, in fresh processes on the
    empty database."""
    env = restore_env(database_url, store)
    manage = [sys.executable, "manage.py"]
    result = subprocess.run([*manage, "restore", *options, str(archive)], cwd=ROOT, env=env, **TEXT)
    if result.returncode:
        return result, None
    dump = subprocess.run([*manage, "shell", "-c", READ_BACK], cwd=ROOT, env=env, **TEXT)
    return result, json.loads(dump.stdout.splitlines()[-1])


TEXT = {"capture_output": True, "text": True}
READ_BACK = """
import io
import json
from django.contrib.auth.models import Group
from articles.models import Article
from comments.models import Comment
from newsroom.wordpress.models import ImportedComment, ImportedStory
print(json.dumps({
    "articles": sorted(Article.objects.values_list("slug", "title")),
    "comments": sorted(
        Comment.objects.values_list("id", "article_id", "parent_id", "body", "email")
    ),
    "groups": sorted(Group.objects.values_list("name", flat=True)),
    "from_wordpress": [
        *ImportedStory.objects.values_list("wp_id", "article__slug"),
        *ImportedComment.objects.values_list("wp_id", "comment_id"),
    ],
}))
"""


@DB
@pytest.mark.parametrize("portable", [False, True], ids=["sqlite-online-backup", "portable-json"])
def test_a_backup_restores_into_an_empty_database_with_everything(
    newsroom, tmp_path, empty_database, empty_store, portable
):
    stories, comments = newsroom
    image_name = stories[0].image.name

    call_command("backup", output_dir=tmp_path / "backups", portable=portable)
    (archive,) = (tmp_path / "backups").glob("newsroom-*.tar.gz")
    result, restored = restore_elsewhere(archive, empty_database, empty_store)

    assert result.returncode == 0, result.stderr
    assert "3 × articles.Article" in result.stdout and "4 × comments.Comment" in result.stdout
    assert restored["articles"] == sorted([s.slug, s.title] for s in stories)
    assert restored["comments"] == sorted(
        [c.pk, c.article_id, c.parent_id, c.body, c.email] for c in comments
    )
    assert restored["groups"] == ["Biên tập viên", "Moderators", "Phóng viên", "Tổng biên tập"]
    assert restored["from_wordpress"] == [[4, stories[1].slug], [13, comments[1].pk]]
    assert "1 × wordpress.ImportedStory, 1 × wordpress.ImportedComment" in result.stdout
    media = empty_store[1]
    assert media.open(image_name).read() == stories[0].image.read()
    assert sorted(backups.media_names(media)) == sorted(backups.media_names(default_storage))
    for rendition in stories[0].image_renditions:
        assert media.exists(rendition["name"])


@DB
def test_restore_refuses_a_database_that_holds_data(newsroom, tmp_path):
    call_command("backup", output_dir=tmp_path / "backups")
    (archive,) = (tmp_path / "backups").glob("newsroom-*.tar.gz")

    with pytest.raises(CommandError, match="already holds stories or comments"):
        call_command("restore", str(archive))


@DB
def test_the_archive_is_one_timestamped_file_with_a_manifest(newsroom, tmp_path):
    call_command("backup", output_dir=tmp_path / "backups")

    (archive,) = (tmp_path / "backups").iterdir()  # no leftover partial file
    assert archive.name.startswith("newsroom-") and archive.name.endswith(".tar.gz")
    manifest = backups.read_manifest(archive)
    native = {"sqlite": "sqlite", "postgresql": "pg_dump"}[connection.vendor]
    rows = manifest["rows"]
    assert manifest["format"] == native
    assert (rows["articles.Article"], rows["comments.Comment"]) == (3, 4)
    assert {label.split(".")[0] for label in rows} == {"articles", "comments", "wordpress"}
    with tarfile.open(archive) as tar:
        names = tar.getnames()
    assert {"manifest.json", backups.DUMP_NAMES[native], "media"} <= set(names)


def as_older_dump(archive):
    """Rewrite a portable archive as versions before the WordPress app wrote it: the ids on
    the stories and comments themselves (`wp_id`), no tables of their own."""
    with tarfile.open(archive) as tar:
        members = {m.name: tar.extractfile(m).read() for m in tar.getmembers() if m.isfile()}
    objects = json.loads(members["data.json"])
    ids = {
        (obj["model"], obj["fields"].get("article", obj["fields"].get("comment"))): obj["fields"]
        for obj in objects
        if obj["model"].startswith("wordpress.")
    }
    owners = {
        "articles.article": "wordpress.importedstory",
        "comments.comment": "wordpress.importedcomment",
    }
    older = []
    for obj in objects:
        if obj["model"] in owners:
            found = ids.get((owners[obj["model"]], obj["pk"]))
            obj["fields"]["wp_id"] = found["wp_id"] if found else None
        if not obj["model"].startswith("wordpress."):
            older.append(obj)
    members["data.json"] = json.dumps(older).encode()
    with tarfile.open(archive, "w:gz") as tar:
        for name, data in members.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))


@DB
def test_a_portable_backup_from_before_the_wordpress_app_restores_its_ids(
    newsroom, tmp_path, empty_database, empty_store
):
    stories, comments = newsroom
    call_command("backup", output_dir=tmp_path / "backups", portable=True)
    (archive,) = (tmp_path / "backups").glob("newsroom-*.tar.gz")
    as_older_dump(archive)

    result, restored = restore_elsewhere(archive, empty_database, empty_store)

    assert result.returncode == 0, result.stderr
    assert restored["articles"] == sorted([s.slug, s.title] for s in stories)
    assert restored["from_wordpress"] == [[4, stories[1].slug], [13, comments[1].pk]]


@DB
def test_rotation_keeps_the_newest_archive_of_the_last_days_and_weeks(tmp_path):
    """Dates come from the names: these are from 2025, the archive made now is the newest."""
    folder = tmp_path / "backups"
    folder.mkdir()
    older = {
        "newsroom-20250312-220000.tar.gz": "kept: newest of 12 March (a day) and of week 11",
        "newsroom-20250312-030000.tar.gz": "deleted: not the newest of its day",
        "newsroom-20250311-030000.tar.gz.age": "deleted: the two days are taken",
        "newsroom-20250310-030000.tar.gz": "deleted: week 11 has a newer one",
        "newsroom-20250307-030000.tar.gz.age": "kept: newest of week 10",
        "newsroom-20250305-030000.tar.gz": "deleted: the three weeks are taken",
        "newsroom-20250101-000000.tar.gz.partial": "left: not a name `backup` gives",
        "other-20250101-000000.tar.gz": "left",
        "notes.txt": "left",
    }
    for name in older:
        (folder / name).write_text("")

    out = io.StringIO()
    call_command("backup", output_dir=folder, keep_daily=2, keep_weekly=3, stdout=out)

    (new,) = {p.name for p in folder.iterdir()} - set(older)
    assert new.startswith("newsroom-") and new.endswith(".tar.gz")
    kept = {name for name, fate in older.items() if not fate.startswith("deleted")}
    assert {p.name for p in folder.iterdir()} == {new, *kept}
    said = [line.split()[1] for line in out.getvalue().splitlines() if line.startswith("Deleted ")]
    assert {Path(path).name for path in said} == {
        name for name, fate in older.items() if fate.startswith("deleted")
    }


@DB
def test_rotation_never_deletes_the_archive_just_made(tmp_path):
    folder = tmp_path / "backups"
    folder.mkdir()
    (folder / "newsroom-20991231-235959.tar.gz").write_text("")  # a clock set ahead

    call_command("backup", output_dir=folder, keep_daily=0, keep_weekly=0)

    (archive,) = folder.iterdir()
    assert archive.name != "newsroom-20991231-235959.tar.gz"
    assert backups.read_manifest(archive)["format"]


def test_rotation_flags_refuse_a_negative_count(tmp_path):
    with pytest.raises(CommandError, match="keep-daily"):
        call_command("backup", "--keep-daily", "-1", output_dir=tmp_path)
