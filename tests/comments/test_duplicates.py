"""The same comment twice is stored once: double clicks, replays, edits and moderators' edits."""

import io
import threading

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.test import Client
from django.urls import reverse

from comments import decisions
from comments.models import Comment
from tests.comments.factories import CommentFactory
from tests.comments.helpers import post_comment

DUPLICATE = "Bạn đã gửi bình luận này cho bài viết này rồi."


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_identical_posts_sent_at_the_same_moment_are_stored_once(article):
    """Eight tabs (or a double click on a slow line) race past the form at once."""
    start = threading.Barrier(8, timeout=30)
    statuses = []

    def send(n):
        try:
            browser = Client()
            start.wait()
            response = post_comment(browser, article, ip=f"198.51.100.{n}", body="Gửi hai lần")
            statuses.append(response.status_code)
        finally:
            connection.close()

    threads = [threading.Thread(target=send, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(statuses) == [302] + [400] * 7
    assert Comment.objects.filter(body="Gửi hai lần").count() == 1


@pytest.mark.django_db
def test_the_same_text_from_another_address_or_on_another_story_is_welcome(client, article):
    from tests.factories import ArticleFactory

    first = post_comment(client, article, body="Đồng ý với tác giả")
    other_address = post_comment(Client(), article, email="binh@example.com", ip="198.51.100.9",
                                 body="Đồng ý với tác giả")  # fmt: skip
    other_story = post_comment(Client(), ArticleFactory(), ip="198.51.100.8",
                               body="Đồng ý với tác giả")  # fmt: skip

    assert [first.status_code, other_address.status_code, other_story.status_code] == [302] * 3
    assert Comment.objects.count() == 3


@pytest.mark.django_db
def test_editing_a_comment_into_a_copy_of_another_keeps_the_text_and_explains(client, article):
    post_comment(client, article, body="Ý kiến thứ nhất")
    post_comment(client, article, body="Ý kiến thứ hai", ip="198.51.100.5")
    second = Comment.objects.get(body="Ý kiến thứ hai")

    response = client.post(
        reverse("comments:edit", kwargs={"pk": second.pk}),
        {"name": "Nguyễn Thị Lan", "body": "Ý kiến thứ nhất"},
    )

    assert response.status_code == 400
    html = response.content.decode()
    summary = html[
        html.index('class="error-summary"') : html.index(
            "</div>", html.index('class="error-summary"')
        )
    ]
    assert f"<li>{DUPLICATE}</li>" in summary
    assert "Ý kiến thứ nhất</textarea>" in html
    second.refresh_from_db()
    assert second.body == "Ý kiến thứ hai"


@pytest.mark.django_db
def test_a_moderator_cannot_edit_a_comment_into_a_copy_of_another(moderator_client, article):
    CommentFactory(article=article, email="lan@example.com", body="Bản gốc")
    copy = CommentFactory(article=article, email="lan@example.com", body="Bản khác")
    url = reverse("admin:comments_comment_change", args=[copy.pk])

    response = moderator_client.post(url, {
        "parent": "", "name": copy.name, "email": "LAN@example.com", "body": "Bản gốc",
        "status": copy.status, "moderation_note": "",
    })  # fmt: skip

    assert response.status_code == 200
    assert "Người này đã gửi đúng nội dung này cho bài viết này rồi." in response.content.decode()
    copy.refresh_from_db()
    assert copy.body == "Bản khác"


@pytest.mark.django_db
def test_an_erased_commenter_may_send_the_same_words_again(client, article, moderator):
    post_comment(client, article, body="Xin xóa dữ liệu của tôi")
    decisions.approve(Comment.objects.all(), moderator)
    call_command("erase_comments", "lan@example.com", "--yes", stdout=io.StringIO())

    response = post_comment(Client(), article, ip="198.51.100.6", body="Xin xóa dữ liệu của tôi")

    assert response.status_code == 302
    assert Comment.objects.count() == 2


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_upgrading_keeps_existing_duplicates_and_fingerprints_the_first(article):
    """Comments stored before the rule existed (e.g. imported twice) do not block the upgrade."""
    latest = MigrationExecutor(connection).loader.graph.leaf_nodes()
    MigrationExecutor(connection).migrate([("comments", "0005_comment_fingerprint")])
    try:
        old = (
            MigrationExecutor(connection)
            .loader.project_state(("comments", "0005_comment_fingerprint"))
            .apps.get_model("comments", "Comment")
        )
        twice = [old.objects.create(article_id=article.pk, name="Lan", email="Lan@example.com",
                                    body="Hai bản") for _ in range(2)]  # fmt: skip
        single = old.objects.create(article_id=article.pk, name="Bình", email="b@example.com",
                                    body="Một bản")  # fmt: skip
    finally:
        MigrationExecutor(connection).migrate(latest)

    prints = dict(Comment.objects.values_list("pk", "fingerprint"))
    assert prints[twice[0].pk] and prints[single.pk]
    assert prints[twice[1].pk] is None
    response = post_comment(Client(), article, email="lan@example.com", body="Hai bản")
    assert response.status_code == 400


@pytest.mark.django_db
def test_a_moderator_can_still_decide_an_older_duplicate(moderator_client, article):
    """Copies stored before the rule (or imported) keep no fingerprint and stay editable."""
    CommentFactory(article=article, email="lan@example.com", body="Bản gốc")
    twin = CommentFactory(article=article, email="lan@example.com", body="Tạm")
    Comment.objects.filter(pk=twin.pk).update(body="Bản gốc", fingerprint=None)
    url = reverse("admin:comments_comment_change", args=[twin.pk])

    response = moderator_client.post(url, {
        "parent": "", "name": twin.name, "email": twin.email, "body": "Bản gốc",
        "status": Comment.Status.APPROVED, "moderation_note": "trùng nhưng giữ",
    })  # fmt: skip

    assert response.status_code == 302
    twin.refresh_from_db()
    assert twin.status == Comment.Status.APPROVED
    assert twin.fingerprint is None


@pytest.mark.django_db
def test_sending_a_copy_counts_against_the_rate_limit(client, article, settings):
    settings.COMMENTS_RATE_LIMITS = [(2, 3600)]
    assert post_comment(client, article, body="Một lần").status_code == 302
    assert post_comment(client, article, body="Một lần").status_code == 400

    response = post_comment(client, article, body="Một ý khác")

    assert response.status_code == 429
    assert Comment.objects.count() == 1


@pytest.mark.django_db
def test_the_address_and_line_endings_do_not_make_a_copy_new(moderator_client, article):
    """A moderator's edit arrives with the browser's CRLF line endings; a reader's does not."""
    edited = CommentFactory(article=article, email="lan@example.com", body="Tạm")
    moderator_client.post(reverse("admin:comments_comment_change", args=[edited.pk]), {
        "parent": "", "name": edited.name, "email": "Lan@Example.com",
        "body": "Dòng một\r\nDòng hai", "status": edited.status, "moderation_note": "",
    })  # fmt: skip

    response = post_comment(Client(), article, email="lan@example.com", body="Dòng một\nDòng hai")

    assert response.status_code == 400
    assert DUPLICATE in response.content.decode()
