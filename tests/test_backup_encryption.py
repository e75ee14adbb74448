"""Encrypted backups (BACKUP_AGE_RECIPIENT, age through pyrage): no commenter's email can be
read without the key; `restore --identity` brings everything back; a missing or wrong key and
a damaged archive are refused with one line before the database is touched."""

import gzip
import subprocess
import sys
import tarfile

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from pyrage import x25519

from articles.models import Article
from comments.models import Comment
from tests import test_backup
from tests.factories import ArticleFactory
from tests.test_backup import DB, ROOT, TEXT, restore_elsewhere, restore_env

# The fixtures of tests/test_backup.py: the newsroom backed up, where it is restored.
newsroom = test_backup.newsroom
empty_database, empty_store = test_backup.empty_database, test_backup.empty_store


def identity_file(path, identity):
    """An identity file as `age-keygen -o FILE` writes it."""
    path.write_text(
        f"# created: 2026-12-06T01:00:00+07:00\n# public key: {identity.to_public()}\n{identity}\n"
    )
    return path


@pytest.fixture
def age_key(settings, tmp_path):
    """A new key pair: backups are encrypted to its public key; returns the identity file."""
    identity = x25519.Identity.generate()
    settings.BACKUP_AGE_RECIPIENT = str(identity.to_public())
    return identity_file(tmp_path / "newsroom-backup.key", identity)


@pytest.fixture
def wrong_key(tmp_path):
    return identity_file(tmp_path / "another.key", x25519.Identity.generate())


def only_archive(folder):
    (archive,) = folder.iterdir()  # no leftover plain or partial file beside it
    return archive


@DB
def test_an_encrypted_archive_shows_no_commenter_email(newsroom, age_key, tmp_path, settings):
    emails = [comment.email.encode() for comment in newsroom[1]]

    call_command("backup", output_dir=tmp_path / "encrypted", portable=True)
    settings.BACKUP_AGE_RECIPIENT = ""
    call_command("backup", output_dir=tmp_path / "plain", portable=True)

    encrypted = only_archive(tmp_path / "encrypted")
    assert encrypted.name.startswith("newsroom-") and encrypted.name.endswith(".tar.gz.age")
    raw = encrypted.read_bytes()
    assert raw.startswith(b"age-encryption.org/v1\n")
    assert not tarfile.is_tarfile(encrypted)
    assert not any(email in raw for email in emails)
    plain = gzip.decompress(only_archive(tmp_path / "plain").read_bytes())
    assert all(email in plain for email in emails)  # what the key hides


@DB
def test_an_encrypted_backup_restores_everything_with_its_identity_in_a_fresh_process(
    newsroom, age_key, tmp_path, empty_database, empty_store
):
    stories, comments = newsroom
    call_command("backup", output_dir=tmp_path / "backups")
    archive = only_archive(tmp_path / "backups")

    result, restored = restore_elsewhere(
        archive, empty_database, empty_store, "--identity", str(age_key)
    )

    assert result.returncode == 0, result.stderr
    assert "3 × articles.Article" in result.stdout and "4 × comments.Comment" in result.stdout
    assert restored["articles"] == sorted([s.slug, s.title] for s in stories)
    assert restored["comments"] == sorted(
        [c.pk, c.article_id, c.parent_id, c.body, c.email] for c in comments
    )
    assert restored["from_wordpress"] == [[4, stories[1].slug], [13, comments[1].pk]]
    assert empty_store[1].open(stories[0].image.name).read() == stories[0].image.read()


def cut_in_half(archive):
    data = archive.read_bytes()
    archive.write_bytes(data[: len(data) // 2])


def change_one_byte(archive):
    data = bytearray(archive.read_bytes())
    data[len(data) // 2] ^= 0x01
    archive.write_bytes(bytes(data))


REFUSED = {
    "no-identity": (True, None, None, "is encrypted: pass --identity FILE"),
    "wrong-key": (True, "wrong", None, "was encrypted to another key"),
    "encrypted-cut-in-half": (True, "right", cut_in_half, "is damaged or incomplete"),
    "encrypted-one-byte-changed": (True, "right", change_one_byte, "is damaged or incomplete"),
    "plain-cut-in-half": (False, None, cut_in_half, "is damaged or incomplete"),
    "plain-one-byte-changed": (False, None, change_one_byte, "is damaged or incomplete"),
}


@DB
@pytest.mark.parametrize("case", REFUSED.values(), ids=REFUSED.keys())
def test_restore_refuses_before_touching_the_database(
    newsroom, age_key, wrong_key, tmp_path, settings, section, case
):
    encrypted, key, damage, message = case
    if not encrypted:
        settings.BACKUP_AGE_RECIPIENT = ""
    call_command("backup", output_dir=tmp_path / "backups")
    archive = only_archive(tmp_path / "backups")
    if damage:
        damage(archive)
    later = ArticleFactory(section=section, title="Bài viết sau bản sao lưu")
    Comment.objects.update(body="Sửa sau bản sao lưu")
    identity = {"right": age_key, "wrong": wrong_key}.get(key)

    with pytest.raises(CommandError, match=message) as refused:
        # --replace: a restore that went ahead would drop the story written after the backup
        call_command("restore", str(archive), replace=True, identity=identity and str(identity))

    assert "\n" not in str(refused.value)
    assert set(Article.objects.values_list("pk", flat=True)) == {
        *(story.pk for story in newsroom[0]),
        later.pk,
    }
    assert set(Comment.objects.values_list("body", flat=True)) == {"Sửa sau bản sao lưu"}


@DB
def test_a_wrong_key_leaves_an_empty_database_without_a_table_in_a_fresh_process(
    newsroom, age_key, wrong_key, tmp_path, empty_database, empty_store
):
    call_command("backup", output_dir=tmp_path / "backups")
    archive = only_archive(tmp_path / "backups")

    result, _ = restore_elsewhere(
        archive, empty_database, empty_store, "--identity", str(wrong_key)
    )

    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == [
        f"CommandError: {archive} was encrypted to another key than the identity given; "
        "nothing was restored."
    ]
    tables = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", COUNT_TABLES],
        cwd=ROOT,
        env=restore_env(empty_database, empty_store),
        **TEXT,
    )
    assert tables.stdout.splitlines()[-1] == "0", tables.stderr


COUNT_TABLES = (
    "from django.db import connection; print(len(connection.introspection.table_names()))"
)


@DB
def test_backup_refuses_a_recipient_that_is_not_an_age_public_key(settings, tmp_path):
    settings.BACKUP_AGE_RECIPIENT = "AGE-SECRET-KEY-1NOTAPUBLICKEY"

    with pytest.raises(CommandError, match=r"BACKUP_AGE_RECIPIENT is not an age public key"):
        call_command("backup", output_dir=tmp_path / "backups")

    assert not (tmp_path / "backups").exists()  # nothing written
