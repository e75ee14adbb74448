"""Refused requests are one log line each, without a traceback; a real server error keeps its
traceback, and its 500 page shows the request id its log line carries."""

import json

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from tests.clients import logged_in
from tests.comments.helpers import comment_data
from tests.deploy.tools import database_url
from tests.ops.logcapture import captured_logs
from tests.ops.production import run_production

pytestmark = pytest.mark.django_db


@pytest.fixture
def logs():
    with captured_logs() as output:
        yield output


def refusal_lines(logs):
    """Django's own lines about the request (django.request, django.security.*)."""
    return [line for line in logs.lines() if line["logger"] != "newsroom.request"]


def assert_one_line_without_traceback(logs, response, logger, status):
    [line] = refusal_lines(logs)
    assert line["logger"] == logger
    assert line["status_code"] == status == response.status_code
    assert line["request_id"] == response["X-Request-ID"]
    assert "traceback" not in line and "Traceback" not in logs.text
    [request] = logs.requests()
    assert request["status"] == status and request["request_id"] == response["X-Request-ID"]


@pytest.mark.parametrize(
    "path", ["/khong-co-trang-nay/", "/wp-login.php", "/..%2f..%2fetc/passwd", "/.env"]
)
def test_a_page_not_found_is_one_line_without_traceback(client, logs, path):
    response = client.get(path)

    assert_one_line_without_traceback(logs, response, "django.request", 404)


def test_a_forbidden_admin_page_is_one_line_without_traceback(editor, logs):
    response = logged_in(editor).get(reverse("admin:auth_user_changelist"))

    assert_one_line_without_traceback(logs, response, "django.request", 403)
    assert refusal_lines(logs)[0]["message"].startswith("Forbidden (Permission denied)")


def test_a_failed_csrf_check_is_one_line_without_traceback(logs):
    response = Client(enforce_csrf_checks=True).post(reverse("admin:login"), {})

    assert_one_line_without_traceback(logs, response, "django.security.csrf", 403)


def test_a_request_for_another_host_is_one_line_without_traceback(client, logs):
    response = client.get("/", HTTP_HOST="evil.example")

    assert_one_line_without_traceback(logs, response, "django.security.DisallowedHost", 400)


def test_a_post_with_too_many_fields_is_one_line_without_traceback(client, article, logs):
    data = comment_data() | {f"f{n}": "x" for n in range(1100)}
    response = client.post(reverse("comments:post", kwargs={"slug": article.slug}), data)

    assert_one_line_without_traceback(logs, response, "django.security.TooManyFieldsSent", 400)


def test_an_admin_form_too_big_to_read_is_one_line_without_traceback(editor, settings, logs):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1024 * 1024
    body = {"title": "Bài dài", "body": "x" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 1)}
    response = logged_in(editor).post(reverse("admin:articles_article_add"), body)

    assert_one_line_without_traceback(logs, response, "django.security.RequestDataTooBig", 400)


@pytest.fixture
def broken_database(db):
    """The stories' table is gone (rolled back with the test): the home page cannot be drawn."""
    with connection.cursor() as cursor:
        cursor.execute("ALTER TABLE articles_article RENAME TO articles_article_gone")


def test_a_server_error_keeps_its_traceback_and_its_page_shows_the_logged_request_id(
    broken_database, logs
):
    response = Client(raise_request_exception=False).get(reverse("articles:home"))

    assert response.status_code == 500
    rid = response["X-Request-ID"]
    assert "no-store" in response["Cache-Control"]
    page = response.content.decode()
    assert "Mã yêu cầu:" in page and f'<code class="request-id">{rid}</code>' in page
    [error] = refusal_lines(logs)
    assert error["logger"] == "django.request" and error["level"] == "ERROR"
    assert error["status_code"] == 500 and error["request_id"] == rid
    assert "Traceback" in error["traceback"] and "articles_article" in error["traceback"]
    [request] = logs.requests()
    assert request["status"] == 500 and request["request_id"] == rid


def test_a_reader_quoting_a_proxy_given_id_finds_it_on_the_500_page(broken_database, logs):
    response = Client(raise_request_exception=False).get(
        reverse("articles:home"), headers={"X-Request-ID": "nginx-5f0e9a"}
    )

    assert "nginx-5f0e9a" in response.content.decode()
    assert [line["request_id"] for line in logs.lines()] == ["nginx-5f0e9a"] * 2


def test_a_request_whose_session_cannot_be_read_is_still_logged(article, logs):
    with connection.cursor() as cursor:  # rolled back with the test
        cursor.execute("ALTER TABLE django_session RENAME TO django_session_gone")
    browser = Client(raise_request_exception=False)
    browser.cookies["sessionid"] = "a-session-that-cannot-be-looked-up"

    response = browser.get(article.get_absolute_url(), headers={"X-Request-ID": "no-session"})

    assert response.status_code == 500
    [line] = logs.requests()
    assert line["request_id"] == "no-session" and line["status"] == 500
    assert "user_id" not in line


def run_site(code, **env):
    """Run `code` in a process of its own with the production settings (on the test database)
    and `env`."""
    return run_production(
        "import django; django.setup(); from django.test import Client; " + code,
        without=("DEBUG", "LOG_FORMAT", "SENTRY_DSN", "DJANGO_SETTINGS_MODULE"),
        DATABASE_URL=database_url(),
        # No collectstatic here: the error pages' {% static %} needs no manifest.
        STATICFILES_BACKEND="django.contrib.staticfiles.storage.StaticFilesStorage",
        **env,
    )


def test_in_production_every_line_is_json_and_a_refusal_has_no_traceback():
    done = run_site(
        "Client().get('/', HTTP_HOST='evil.example', headers={'X-Request-ID': 'prod-1'})"
    )

    lines = [json.loads(line) for line in done.stderr.splitlines() if line.startswith("{")]
    assert [line["logger"] for line in lines] == [
        "django.security.DisallowedHost",
        "newsroom.request",
    ]
    assert all(line["request_id"] == "prod-1" for line in lines)
    assert "Traceback" not in done.stderr


def test_make_run_writes_plain_lines_with_the_request_id(tmp_path):
    done = run_site(
        "Client().get('/', HTTP_HOST='evil.example', headers={'X-Request-ID': 'dev-1'})",
        DEBUG="1",
        SHARED_CACHE_DIR=str(tmp_path / "cache"),
    )

    assert "newsroom.request [dev-1] GET / 400" in done.stderr
    assert not done.stderr.lstrip().startswith("{") and "Traceback" not in done.stderr
