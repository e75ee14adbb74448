import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.cache import caches
from django.db import connection
from PIL import Image

from newsroom.infra import retire
from tests.clients import logged_in
from tests.factories import ArticleFactory, SectionFactory, UserFactory


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    """Every test writes uploads to its own folder."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _empty_caches():
    """Rate-limit counters and cached pages never carry over from one test to the next."""
    for cache in caches.all():
        cache.clear()
    yield
    for cache in caches.all():
        cache.clear()


@pytest.fixture(autouse=True)
def _versions_read_fresh(monkeypatch):
    """Each process re-reads page versions at most twice a second (`retire.MEMO_SECONDS`);
    in-process tests read them every time, so a page drawn just after a write may be kept.
    (tests/test_page_cache.py puts the half second back where it is the point.)"""
    monkeypatch.setattr(retire, "MEMO_SECONDS", 0)


@pytest.fixture
def section(db):
    return SectionFactory(name="Kinh tế", slug="kinh-te")


@pytest.fixture
def article(section):
    return ArticleFactory(section=section, title="Giá cà phê tăng mạnh")


@pytest.fixture
def editor(db):
    return UserFactory(username="editor", is_staff=True, groups=["Biên tập viên"])


@pytest.fixture
def moderator(db):
    return UserFactory(username="kiemduyet", is_staff=True, groups=["Moderators"])


@pytest.fixture
def reporter(db):
    return UserFactory(username="phongvien", is_staff=True, groups=["Phóng viên"])


@pytest.fixture
def chief(db):
    return UserFactory(username="tongbientap", is_staff=True, groups=["Tổng biên tập"])


@pytest.fixture
def reporter_client(reporter):
    return logged_in(reporter)


@pytest.fixture
def chief_client(chief):
    return logged_in(chief)


@pytest.fixture
def editor_client(editor):
    return logged_in(editor)


@pytest.fixture
def moderator_client(moderator):
    return logged_in(moderator)


def image_bytes(fmt="JPEG", size=(1600, 900), color=(180, 60, 40), **save_options):
    buffer = io.BytesIO()
    Image.new("RGB", size, color).save(buffer, fmt, **save_options)
    return buffer.getvalue()


@pytest.fixture
def make_image():
    return image_bytes


# A real task worker (`manage.py worker`) on the test database: tests/test_task_worker.py,
# tests/test_video_worker.py.
WORKER_ROOT = Path(__file__).resolve().parents[1]
DB_BACKEND = "django_tasks_db.DatabaseBackend"


@pytest.fixture
def database_queue(settings):
    settings.TASKS = {"default": {"BACKEND": DB_BACKEND, "QUEUES": ["default"]}}


@pytest.fixture
def start_worker(tmp_path, settings):
    """Start `manage.py worker` processes on the test database; all stopped at the end."""
    db = connection.settings_dict
    if connection.vendor == "sqlite":
        url = f"sqlite:///{db['NAME']}"
    else:
        url = f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST']}:{db['PORT']}/{db['NAME']}"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "newsroom.settings",
        "DEBUG": "1",
        "DATABASE_URL": url,
        "TASKS_BACKEND": DB_BACKEND,
        "TASKS_WORKER_TIMEOUT": "2",
        "SHARED_CACHE_DIR": str(tmp_path / "shared-cache"),
        "MEDIA_ROOT": str(settings.MEDIA_ROOT),
    }
    started = []

    def start(*options):
        worker = subprocess.Popen(
            [sys.executable, "manage.py", "worker", "--no-reload", "--interval", "0.2", *options],
            cwd=WORKER_ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        started.append(worker)
        return worker

    yield start
    for worker in started:  # stopped as an operator would (and line coverage is saved)
        if worker.poll() is None:
            worker.terminate()
        try:
            worker.wait(timeout=20)
        except subprocess.TimeoutExpired:
            worker.kill()
            worker.wait(timeout=20)


# --- Media on S3-compatible storage ---------------------------------------------------------
# With S3_BUCKET set (CI's second run, against moto_server on loopback) uploads go to the
# bucket. It is made here if missing, readable by anyone as a public media bucket is; each test
# gets a folder of its own in it (S3_LOCATION, passed to the workers and `restore` it starts),
# emptied when the test ends.

S3_BACKEND = "newsroom.infra.media.S3MediaStorage"


def s3_client(endpoint_url=None):
    """A boto3 client with the S3_* settings of the environment (or another endpoint)."""
    import boto3

    return boto3.client(
        "s3",
        endpoint_url=endpoint_url or os.environ.get("S3_ENDPOINT_URL"),
        region_name=os.environ.get("S3_REGION") or "us-east-1",
        aws_access_key_id=os.environ.get("S3_ACCESS_KEY") or "testing",
        aws_secret_access_key=os.environ.get("S3_SECRET_KEY") or "testing",
    )


def make_public_bucket(client, name) -> None:
    """Create bucket `name` (if missing) with the policy of a public media bucket."""
    import json

    if name not in {b["Name"] for b in client.list_buckets()["Buckets"]}:
        client.create_bucket(Bucket=name)
    public_read = {
        "Effect": "Allow",
        "Principal": "*",
        "Action": "s3:GetObject",
        "Resource": f"arn:aws:s3:::{name}/*",
    }
    policy = {"Version": "2012-10-17", "Statement": [public_read]}
    client.put_bucket_policy(Bucket=name, Policy=json.dumps(policy))


def empty_folder(client, bucket, prefix) -> None:
    for page in client.get_paginator("list_objects_v2").paginate(Bucket=bucket, Prefix=prefix):
        keys = [{"Key": item["Key"]} for item in page.get("Contents", ())]
        if keys:
            client.delete_objects(Bucket=bucket, Delete={"Objects": keys})


@pytest.fixture(scope="session")
def _s3_bucket():
    client = s3_client()
    make_public_bucket(client, os.environ["S3_BUCKET"])
    return client


@pytest.fixture(autouse=True)
def _s3_media_folder(request, settings, monkeypatch):
    default = settings.STORAGES["default"]
    if default["BACKEND"] != S3_BACKEND or not os.environ.get("S3_BUCKET"):
        yield
        return
    client = request.getfixturevalue("_s3_bucket")
    folder = f"tests/{os.urandom(6).hex()}"
    options = {**default["OPTIONS"], "location": folder}
    settings.STORAGES = {**settings.STORAGES, "default": {**default, "OPTIONS": options}}
    monkeypatch.setenv("S3_LOCATION", folder)
    yield
    empty_folder(client, options["bucket_name"], f"{folder}/")


def stored_media() -> list[str]:
    """The names of every file in the media storage (a folder on disk or the test's own folder
    in the bucket)."""
    from django.core.files.storage import default_storage

    from newsroom.backups import media_names

    return sorted(media_names(default_storage))


def stored_bytes(name) -> bytes:
    from django.core.files.storage import default_storage

    with default_storage.open(name, "rb") as file:
        return file.read()
