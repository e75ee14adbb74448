"""Two app servers sharing one PostgreSQL and one Redis act as one site.

Runs only on the production path (DATABASE_URL on PostgreSQL and REDIS_URL set), as the
second pass of `.ci/run` does.
"""

import http.cookiejar
import os
import re
import secrets
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth.hashers import PBKDF2PasswordHasher
from django.db import connection

from comments.models import Comment
from tests.factories import ArticleFactory, UserFactory

ROOT = Path(__file__).resolve().parents[1]

pytestmark = [
    pytest.mark.skipif(
        not (os.environ.get("DATABASE_URL", "").startswith("postgres") and settings.REDIS_URL),
        reason="needs DATABASE_URL on PostgreSQL and REDIS_URL (the second pass of .ci/run)",
    ),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def two_servers():
    db = connection.settings_dict
    url = f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST']}:{db['PORT']}/{db['NAME']}"
    env = {
        **os.environ,
        "DEBUG": "0",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1",
        "HTTPS": "0",
        "DATABASE_URL": url,
        "REDIS_URL": settings.REDIS_URL,
        "DJANGO_SETTINGS_MODULE": "newsroom.settings",
        "STATICFILES_BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage",
        "WHITENOISE_USE_FINDERS": "1",
    }
    ports = [free_port(), free_port()]
    servers = [
        subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "newsroom.wsgi",
                "-b",
                f"127.0.0.1:{port}",
                "-w",
                "1",
                "--log-level",
                "warning",
            ],
            cwd=ROOT,
            env=env,
        )
        for port in ports
    ]
    try:
        for port in ports:
            wait_until_up(port)
        yield [f"http://127.0.0.1:{port}" for port in ports]
    finally:
        for server in servers:
            server.terminate()
            server.wait(timeout=20)


def wait_until_up(port):
    for _ in range(100):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/robots.txt", timeout=1)
            return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"server on port {port} did not start")


class Browser:
    """Just enough of a browser: cookies, and forms posted with their CSRF token."""

    def __init__(self, base):
        self.base = base
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
        )

    def get(self, path):
        return self.opener.open(self.base + path, timeout=10).read().decode()

    def post(self, path, data, form_page):
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', self.get(form_page))[1]
        body = urllib.parse.urlencode({**data, "csrfmiddlewaretoken": token}, doseq=True)
        request = urllib.request.Request(
            self.base + path, data=body.encode(), headers={"Referer": self.base + form_page}
        )
        return self.opener.open(request, timeout=10).read().decode()

    def log_in(self, username, password):
        login = "/admin/login/"
        self.post(login, {"username": username, "password": password, "next": "/admin/"}, login)


PASSWORD = "hai-may-chu-2026"


def soon(check, seconds=1.5):
    """Whether `check()` holds within `seconds` (each worker re-reads page versions twice a
    second; a loaded CI machine may take a little longer to answer)."""
    deadline = time.monotonic() + seconds
    while not check():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.1)
    return True


def staff(username, group):
    """A staff user whose password the servers can check (tests hash with MD5, they don't)."""
    user = UserFactory(username=username, is_staff=True, groups=[group])
    user.password = PBKDF2PasswordHasher().encode(PASSWORD, PBKDF2PasswordHasher().salt())
    user.save()
    return user


def test_approval_on_one_server_shows_on_the_other_at_once(two_servers):
    server_a, server_b = two_servers
    article = ArticleFactory(title="Bài trên hai máy chủ")
    comment = Comment.objects.create(
        article=article, name="Bạn đọc", email="a@example.com", body="Duyệt ở máy A"
    )
    staff("mod", "Moderators")
    reader = Browser(server_b)
    assert "Duyệt ở máy A" not in reader.get(article.get_absolute_url())  # now cached on B

    moderator = Browser(server_a)
    moderator.log_in("mod", PASSWORD)
    queue = "/admin/comments/comment/queue/"
    moderator.post(f"{queue}{comment.pk}/approve/", {}, queue)

    assert Comment.objects.get().status == Comment.Status.APPROVED
    # the version memo of each worker lives at most half a second
    assert soon(lambda: "Duyệt ở máy A" in reader.get(article.get_absolute_url()))


def test_story_published_on_one_server_appears_on_the_others_home(two_servers):
    server_a, server_b = two_servers
    draft = ArticleFactory(title="Tin nóng vừa xuất bản", draft=True, review_state="approved")
    staff("ed", "Biên tập viên")
    reader = Browser(server_b)
    assert "Tin nóng vừa xuất bản" not in reader.get("/")

    editor = Browser(server_a)
    editor.log_in("ed", PASSWORD)
    changelist = "/admin/articles/article/"
    editor.post(changelist, {"action": "publish", "_selected_action": [draft.pk]}, changelist)

    assert soon(lambda: "Tin nóng vừa xuất bản" in reader.get("/"))
