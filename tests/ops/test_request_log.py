"""The request log: one JSON line per request, the request's id on the answer and on every line
logged for it, staff decisions as events, and nothing personal in any of it."""

import re

import pytest
from django.db import transaction
from django.test import Client
from django.urls import reverse

from comments import decisions
from tests.clients import logged_in
from tests.comments.factories import CommentFactory
from tests.comments.helpers import post_comment
from tests.factories import ArticleFactory, UserFactory
from tests.ops.logcapture import captured_logs

pytestmark = pytest.mark.django_db

NEW_ID = re.compile(r"[0-9a-f]{32}")
REQUEST_KEYS = {"time", "level", "logger", "message", "request_id", "method", "path", "view"}
REQUEST_KEYS |= {"status", "duration_ms"}


@pytest.fixture
def logs():
    with captured_logs() as output:
        yield output


def test_each_request_is_one_json_line_saying_what_was_asked_and_how_it_went(client, article, logs):
    response = client.get(
        article.get_absolute_url() + "?utm_source=zalo&q=lan@example.com",
        HTTP_X_REQUEST_ID="nginx-7f3a.01",
    )

    assert response.status_code == 200
    [line] = logs.requests()
    assert set(line) == REQUEST_KEYS  # no user, no query string, no header, no address
    assert line["request_id"] == response["X-Request-ID"] == "nginx-7f3a.01"
    assert line["method"] == "GET"
    assert line["path"] == article.get_absolute_url()
    assert line["view"] == "articles:detail"
    assert line["status"] == 200
    assert isinstance(line["duration_ms"], float) and line["duration_ms"] >= 0
    assert line["time"].endswith("+00:00")
    assert "lan@example.com" not in logs.text and "zalo" not in logs.text


@pytest.mark.parametrize(
    "given",
    ["two words", "x" * 65, "<script>", "id;rm -rf /", "ví-dụ"],
    ids=["space", "too-long", "markup", "shell", "non-ascii"],
)
def test_an_odd_request_id_from_outside_is_replaced_by_a_new_one(client, logs, given):
    response = client.get("/robots.txt", HTTP_X_REQUEST_ID=given)

    assert NEW_ID.fullmatch(response["X-Request-ID"])
    [line] = logs.requests()
    assert line["request_id"] == response["X-Request-ID"]
    assert given not in logs.text


def test_a_request_without_an_id_gets_a_new_one_of_its_own(client, logs):
    first, second = client.get("/robots.txt"), client.get("/robots.txt")

    assert NEW_ID.fullmatch(first["X-Request-ID"]) and NEW_ID.fullmatch(second["X-Request-ID"])
    assert first["X-Request-ID"] != second["X-Request-ID"]
    assert [line["request_id"] for line in logs.requests()] == [
        first["X-Request-ID"],
        second["X-Request-ID"],
    ]


def test_a_page_served_from_the_page_cache_is_logged_too(client, article, logs):
    client.get(article.get_absolute_url())
    cached = client.get(article.get_absolute_url(), HTTP_X_REQUEST_ID="from-cache")

    assert cached["X-Page-Cache"] == "hit" and cached["X-Request-ID"] == "from-cache"
    drawn, served = logs.requests()
    assert drawn["view"] == "articles:detail"
    assert served["request_id"] == "from-cache"
    assert served["status"] == 200 and served["view"] is None  # no view ran


def test_staff_requests_carry_the_user_id_and_readers_requests_none(editor, article, logs):
    logged_in(editor).get(reverse("admin:index"))
    reader = UserFactory(username="bandoc")  # a logged-in account that is not staff
    logged_in(reader).get(article.get_absolute_url())
    Client().get(article.get_absolute_url())

    staff, member, anonymous = logs.requests()
    assert staff["user_id"] == editor.pk and staff["view"] == "admin:index"
    assert "user_id" not in member and "user_id" not in anonymous


def test_every_line_logged_while_answering_carries_that_requests_id(client, logs):
    response = client.get("/khong-co-trang-nay/", HTTP_X_REQUEST_ID="req-404")

    assert response.status_code == 404
    lines = logs.lines()
    assert {line["logger"] for line in lines} == {"django.request", "newsroom.request"}
    assert all(line["request_id"] == "req-404" for line in lines)


def test_no_email_name_password_session_or_csrf_token_reaches_the_log(article, logs):
    reader = Client()
    posted = post_comment(reader, article, name="Nguyễn Thị Lan", email="lan.nguyen@example.vn")
    assert posted.status_code in (200, 302, 303)
    reader.get("/tim-kiem/?q=lan.nguyen@example.vn")
    UserFactory(username="bientap", is_staff=True, password="Mat-khau-rat-bi-mat-42")
    staff = Client(enforce_csrf_checks=True)
    login_url = reverse("admin:login")
    login_page = staff.get(login_url).content
    token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', login_page).group(1)
    landed = staff.post(
        login_url,
        {
            "username": "bientap",
            "password": "Mat-khau-rat-bi-mat-42",
            "csrfmiddlewaretoken": token.decode(),
            "next": reverse("admin:index"),
        },
        follow=True,
    )
    assert landed.status_code == 200 and landed.context["user"].username == "bientap"

    secrets = {
        "lan.nguyen@example.vn",
        "Nguyễn Thị Lan",
        "Mat-khau-rat-bi-mat-42",
        staff.cookies["sessionid"].value,
        staff.cookies["csrftoken"].value,
        token.decode(),
    }
    assert len(logs.requests()) >= 5  # the log did capture those requests
    assert [s for s in secrets if s in logs.text] == []


def test_approving_and_rejecting_a_comment_are_logged_as_events(
    moderator, article, logs, django_capture_on_commit_callbacks
):
    kept = CommentFactory(article=article, name="Trần Văn Bình", email="binh@example.vn")
    refused = CommentFactory(article=article, body="Lời lẽ xúc phạm người khác")
    moderator_client = logged_in(moderator)

    approve = reverse("admin:comments_comment_queue_act", args=[kept.pk, "approve"])
    reject = reverse("admin:comments_comment_queue_act", args=[refused.pk, "reject"])
    with django_capture_on_commit_callbacks(execute=True):  # as each request's commit would
        approval = moderator_client.post(approve, headers={"X-Request-ID": "duyet-1"})
        assert logs.events() == []  # nothing before the commit
    with django_capture_on_commit_callbacks(execute=True):
        moderator_client.post(reject)

    assert approval.status_code == 302  # back to the queue
    [approved] = logs.events("comment.approved")
    assert approved["comment_id"] == kept.pk and approved["article_id"] == article.pk
    assert approved["by"] == moderator.pk and approved["request_id"] == "duyet-1"
    [rejected] = logs.events("comment.rejected")
    assert rejected["comment_id"] == refused.pk and rejected["by"] == moderator.pk
    for words in ("Trần Văn Bình", "binh@example.vn", "xúc phạm", refused.email):
        assert words not in logs.text


def test_a_decision_undone_by_its_transaction_is_not_logged(
    moderator, article, logs, django_capture_on_commit_callbacks
):
    comment = CommentFactory(article=article)
    committed = django_capture_on_commit_callbacks(execute=True)
    with committed, pytest.raises(RuntimeError), transaction.atomic():
        decisions.approve([comment], moderator)
        raise RuntimeError("rolled back")

    assert logs.events() == []


def test_publishing_through_the_desk_is_logged_as_events(
    editor, section, logs, django_capture_on_commit_callbacks
):
    story = ArticleFactory(section=section, draft=True, owner=editor)
    desk = logged_in(editor)

    for step in ("submit", "approve", "publish"):
        url = reverse("admin:articles_article_act", args=[story.pk])
        with django_capture_on_commit_callbacks(execute=True):
            desk.post(url, {"step": step}, headers={"X-Request-ID": f"desk-{step}"})

    events = [(e["event"], e["article_id"], e["by"], e["request_id"]) for e in logs.events()]
    assert events == [
        ("article.submitted", story.pk, editor.pk, "desk-submit"),
        ("article.approved", story.pk, editor.pk, "desk-approve"),
        ("article.published", story.pk, editor.pk, "desk-publish"),
    ]
