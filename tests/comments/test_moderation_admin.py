"""Moderators at work in the admin: the queue, the changelist, and who may do what."""

import json
import re

import pytest
from django.contrib.auth.models import Permission
from django.contrib.staticfiles import finders
from django.urls import reverse
from django.utils import timezone

from comments.models import Comment, CommentReport, DisallowedWord
from tests.clients import logged_in
from tests.comments.factories import CommentFactory
from tests.factories import ArticleFactory, UserFactory

pytestmark = pytest.mark.django_db

QUEUE = "admin:comments_comment_queue"
CHANGELIST = "admin:comments_comment_changelist"


@pytest.fixture
def story(section):
    return ArticleFactory(
        section=section,
        title="Giá cà phê tăng mạnh",
        standfirst="Nông dân Đăk Hà phấn khởi khi giá cà phê lập đỉnh mới.",
    )


def act_url(comment, action):
    return reverse("admin:comments_comment_queue_act", args=[comment.pk, action])


def queue_html(browser, **params):
    response = browser.get(reverse(QUEUE), params)
    assert response.status_code == 200
    return response.content.decode()


def messages_of(response):
    return [str(m) for m in response.context["messages"]]


# --- the queue page -------------------------------------------------------------------


def test_queue_lists_pending_comments_oldest_first_with_email_ip_and_why_held(
    moderator_client, story
):
    CommentFactory(article=story, name="Trần Bình", minutes_ago=10)
    CommentFactory(
        article=story,
        name="Lê Cúc",
        email="le.cuc@example.com",
        ip_address="198.51.100.23",
        held_reason="Có 3 liên kết (tối đa 2)",
        minutes_ago=60,
    )
    CommentFactory(article=story, name="Phạm Dũng", minutes_ago=30)
    CommentFactory(article=story, name="Đã Duyệt Rồi", status=Comment.Status.APPROVED)
    CommentFactory(article=story, name="Kẻ Gửi Rác", status=Comment.Status.SPAM)

    html = queue_html(moderator_client)

    assert html.index("Lê Cúc") < html.index("Phạm Dũng") < html.index("Trần Bình")
    assert "le.cuc@example.com" in html
    assert "198.51.100.23" in html
    assert "Có 3 liên kết (tối đa 2)" in html
    assert "Đã Duyệt Rồi" not in html
    assert "Kẻ Gửi Rác" not in html
    assert re.search(r"data-pending-count>\s*3\s*<", html)


def test_queue_shows_each_comment_with_its_story_in_a_new_tab_and_its_full_text(
    moderator_client, story
):
    long_text = "Đoạn đầu của ý kiến.\n\n" + "Lập luận dài. " * 80 + "Câu kết thúc."
    CommentFactory(article=story, body=long_text)

    html = queue_html(moderator_client)

    link = f'href="{story.get_absolute_url()}" target="_blank" rel="noopener"'
    assert link in html
    assert "Giá cà phê tăng mạnh" in html
    assert "Kinh tế" in html  # the section
    assert "Nông dân Đăk Hà phấn khởi khi giá cà phê lập đỉnh mới." in html
    assert "Câu kết thúc." in html


def test_queue_shows_the_comment_a_reply_answers(moderator_client, story):
    parent = CommentFactory(
        article=story,
        name="Hoàng Yến",
        body="Giá phân bón cũng tăng, lãi chẳng bao nhiêu.",
        status=Comment.Status.APPROVED,
    )
    CommentFactory(article=story, parent=parent, body="Đồng ý với chị Yến.")

    html = queue_html(moderator_client)

    assert "Trả lời bình luận của Hoàng Yến" in html
    assert "Giá phân bón cũng tăng, lãi chẳng bao nhiêu." in html
    assert "Đồng ý với chị Yến." in html


def test_queue_escapes_what_readers_wrote(moderator_client, story):
    CommentFactory(article=story, name="<b>Hacker</b>", body="<script>alert(1)</script>")

    html = queue_html(moderator_client)

    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&lt;b&gt;Hacker&lt;/b&gt;" in html


def test_queue_loads_its_keyboard_script_legend_and_live_region(moderator_client, story):
    CommentFactory(article=story)

    html = queue_html(moderator_client)

    assert 'src="/static/comments/js/queue.js"' in html
    assert finders.find("comments/js/queue.js")
    assert 'aria-live="polite"' in html
    assert "<kbd>j</kbd>" in html and "<kbd>a</kbd>" in html
    assert 'aria-keyshortcuts="a"' in html


def test_queue_paginates_at_fifty(moderator_client, story):
    first = CommentFactory(article=story, minutes_ago=500)
    for minutes in range(100, 150):
        CommentFactory(article=story, minutes_ago=minutes)
    newest = CommentFactory(article=story, minutes_ago=1)

    page_one = queue_html(moderator_client)
    page_two = queue_html(moderator_client, page=2)

    assert f'id="c-{first.pk}"' in page_one and f'id="c-{newest.pk}"' not in page_one
    assert f'id="c-{newest.pk}"' in page_two
    assert page_one.count('class="queue-item"') == 50
    assert re.search(r"data-pending-count>\s*52\s*<", page_two)


# --- deciding from the queue, without JavaScript ---------------------------------------


def test_approving_from_the_queue_puts_the_comment_on_the_story_page_and_counts_it(
    moderator_client, client, story, section
):
    comment = CommentFactory(article=story, body="Mong giá giữ được lâu.")
    assert "Mong giá giữ được lâu." not in client.get(story.get_absolute_url()).content.decode()

    response = moderator_client.post(act_url(comment, "approve"), {"page": "1"})

    assert response.status_code == 302
    page = client.get(story.get_absolute_url()).content.decode()
    assert "Mong giá giữ được lâu." in page
    assert "1 bình luận" in page
    assert "1 bình luận" in client.get(section.get_absolute_url()).content.decode()
    assert "1 bình luận" in client.get(reverse("articles:home")).content.decode()


@pytest.mark.parametrize(
    "action, status",
    [("reject", Comment.Status.REJECTED), ("spam", Comment.Status.SPAM)],
)
def test_rejecting_or_marking_spam_keeps_the_comment_off_the_story_page(
    moderator_client, client, story, action, status
):
    comment = CommentFactory(article=story, body="Quảng cáo vay tiền nhanh.")

    moderator_client.post(act_url(comment, action))

    page = client.get(story.get_absolute_url()).content.decode()
    assert "Quảng cáo vay tiền nhanh." not in page
    assert "0 bình luận" in page
    comment.refresh_from_db()
    assert comment.status == status


def test_a_decision_records_who_made_it_and_when(moderator_client, moderator, story):
    comment = CommentFactory(article=story)
    before = timezone.now()

    moderator_client.post(act_url(comment, "reject"))

    comment.refresh_from_db()
    assert comment.moderated_by == moderator
    assert before <= comment.moderated_at <= timezone.now()


def test_after_a_decision_the_queue_reopens_at_the_next_pending_comment(moderator_client, story):
    first = CommentFactory(article=story, minutes_ago=30)
    second = CommentFactory(article=story, minutes_ago=20)
    third = CommentFactory(article=story, minutes_ago=10)

    to_next = moderator_client.post(act_url(second, "approve"), {"page": "1"})
    at_the_end = moderator_client.post(act_url(third, "approve"), {"page": "1"})

    assert to_next.url == reverse(QUEUE) + f"#c-{third.pk}"
    assert at_the_end.url == reverse(QUEUE) + f"#c-{first.pk}"  # nothing after: the one before


def test_the_redirect_keeps_the_page_the_next_comment_is_on(moderator_client, story):
    comments = [CommentFactory(article=story, minutes_ago=200 - i) for i in range(55)]

    response = moderator_client.post(act_url(comments[50], "approve"), {"page": "2"})

    assert response.url == reverse(QUEUE) + f"?page=2#c-{comments[51].pk}"


def test_the_queue_says_what_was_done(moderator_client, story):
    comment = CommentFactory(article=story, name="Trần Bình")

    response = moderator_client.post(act_url(comment, "approve"), follow=True)

    assert "Đã duyệt bình luận của Trần Bình." in messages_of(response)
    assert "Không còn bình luận nào chờ duyệt." in response.content.decode()


def test_a_comment_someone_else_already_moderated_is_reported_not_an_error(moderator_client, story):
    colleague = UserFactory(username="dongnghiep", is_staff=True, groups=["Moderators"])
    comment = CommentFactory(article=story, name="Lê Cúc")
    logged_in(colleague).post(act_url(comment, "approve"))

    response = moderator_client.post(act_url(comment, "spam"), follow=True)

    assert response.status_code == 200
    [message] = messages_of(response)
    assert "đã được dongnghiep xử lý trước" in message
    comment.refresh_from_db()
    assert comment.status == Comment.Status.APPROVED
    assert comment.moderated_by == colleague


def test_queue_actions_refuse_get_and_unknown_actions(moderator_client, story):
    comment = CommentFactory(article=story)

    assert moderator_client.get(act_url(comment, "approve")).status_code == 405
    assert moderator_client.post(act_url(comment, "publish")).status_code == 302
    comment.refresh_from_db()
    assert comment.status == Comment.Status.PENDING


# --- deciding from the queue, with JavaScript (JSON answers) ---------------------------


def test_queue_answers_json_to_the_script(moderator_client, story):
    comment = CommentFactory(article=story, name="Trần Bình", minutes_ago=20)
    following = CommentFactory(article=story, minutes_ago=10)

    response = moderator_client.post(
        act_url(comment, "approve"), headers={"accept": "application/json"}
    )

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response.json() == {
        "ok": True,
        "id": comment.pk,
        "status": "approved",
        "message": "Đã duyệt bình luận của Trần Bình.",
        "next": following.pk,
        "pending": 1,
    }
    story.refresh_from_db()
    assert story.comment_count == 1


def test_json_answer_for_an_already_moderated_comment_is_a_conflict(moderator_client, story):
    comment = CommentFactory(article=story, status=Comment.Status.REJECTED)

    response = moderator_client.post(
        act_url(comment, "approve"), headers={"accept": "application/json"}
    )

    assert response.status_code == 409
    assert response.json()["ok"] is False
    assert response.json()["status"] == "rejected"
    comment.refresh_from_db()
    assert comment.status == Comment.Status.REJECTED


def test_json_answer_for_a_deleted_comment_is_not_found(moderator_client, story):
    comment = CommentFactory(article=story)
    url = act_url(comment, "approve")
    comment.delete()

    response = moderator_client.post(url, headers={"accept": "application/json"})

    assert response.status_code == 404
    assert response.json()["ok"] is False


def test_a_browser_asking_for_html_is_redirected_not_answered_in_json(moderator_client, story):
    comment = CommentFactory(article=story)

    response = moderator_client.post(
        act_url(comment, "approve"),
        headers={"accept": "text/html,application/xhtml+xml,*/*;q=0.8"},
    )

    assert response.status_code == 302


def test_queue_query_count_does_not_grow_with_the_number_pending_or_reported(
    moderator_client, story, django_assert_num_queries
):
    """Session, user, two permission lookups, the pending count, the page of comments with
    their stories and parents, the reported count: seven, however many there are."""

    def fill(n):
        for i in range(n):
            parent = CommentFactory(article=ArticleFactory(), status=Comment.Status.APPROVED)
            CommentFactory(article=parent.article, parent=parent)
            CommentReport.objects.create(
                comment=parent, reason=CommentReport.Reason.SPAM, browser=f"b{parent.pk}-{i}"
            )

    fill(3)
    with django_assert_num_queries(7):
        html = queue_html(moderator_client)
    assert re.search(r'data-tab-count="reported">\s*3\s*<', html)

    fill(40)
    with django_assert_num_queries(7):
        html = queue_html(moderator_client)
    assert html.count('class="queue-item"') == 43
    assert re.search(r'data-tab-count="reported">\s*43\s*<', html)


# --- the changelist and the change form ------------------------------------------------


def test_changelist_opens_on_the_pending_comments_oldest_first(moderator_client, story):
    CommentFactory(article=story, name="Mới Gửi", minutes_ago=5)
    CommentFactory(article=story, name="Gửi Từ Sáng", minutes_ago=300)
    CommentFactory(article=story, name="Đã Duyệt", status=Comment.Status.APPROVED)

    html = moderator_client.get(reverse(CHANGELIST)).content.decode()

    assert html.index("Gửi Từ Sáng") < html.index("Mới Gửi")
    assert "Đã Duyệt" not in html
    assert f'href="{story.get_absolute_url()}"' in html
    everything = moderator_client.get(reverse(CHANGELIST), {"status": "all"}).content.decode()
    assert "Đã Duyệt" in everything and "Mới Gửi" in everything
    approved = moderator_client.get(reverse(CHANGELIST), {"status": "approved"}).content.decode()
    assert "Đã Duyệt" in approved and "Mới Gửi" not in approved


def test_changelist_search_finds_comments_by_email_and_story_title(moderator_client, story):
    CommentFactory(article=story, name="Lê Cúc", email="le.cuc@example.com")
    CommentFactory(article=ArticleFactory(title="Mưa lớn ở Sa Thầy"), name="Hoàng Yến")

    by_email = moderator_client.get(reverse(CHANGELIST), {"q": "le.cuc@"}).content.decode()
    by_story = moderator_client.get(reverse(CHANGELIST), {"q": "Sa Thầy"}).content.decode()

    assert "Lê Cúc" in by_email and "Hoàng Yến" not in by_email
    assert "Hoàng Yến" in by_story and "Lê Cúc" not in by_story


@pytest.mark.parametrize(
    "action, status, message",
    [
        ("approve", Comment.Status.APPROVED, "Đã duyệt 2 bình luận."),
        ("reject", Comment.Status.REJECTED, "Đã từ chối 2 bình luận."),
        ("mark_spam", Comment.Status.SPAM, "Đã đánh dấu 2 bình luận là spam."),
    ],
)
def test_bulk_actions_decide_the_selected_comments(
    moderator_client, moderator, story, action, status, message
):
    chosen = [CommentFactory(article=story), CommentFactory(article=story)]
    left_alone = CommentFactory(article=story)

    response = moderator_client.post(
        reverse(CHANGELIST),
        {"action": action, "_selected_action": [c.pk for c in chosen]},
        follow=True,
    )

    assert message in messages_of(response)
    for comment in chosen:
        comment.refresh_from_db()
        assert (comment.status, comment.moderated_by) == (status, moderator)
    left_alone.refresh_from_db()
    assert left_alone.status == Comment.Status.PENDING
    story.refresh_from_db()
    assert story.comment_count == (2 if status == Comment.Status.APPROVED else 0)


def test_bulk_approval_shows_on_the_story_page(moderator_client, client, story):
    chosen = [CommentFactory(article=story), CommentFactory(article=story)]

    moderator_client.post(
        reverse(CHANGELIST), {"action": "approve", "_selected_action": [c.pk for c in chosen]}
    )

    page = client.get(story.get_absolute_url()).content.decode()
    assert "2 bình luận" in page
    assert all(c.body in page for c in chosen)


def test_saving_a_new_status_in_the_change_form_goes_through_moderation(
    moderator_client, moderator, client, story
):
    comment = CommentFactory(article=story, body="Bài viết rất hữu ích.")

    response = moderator_client.post(
        reverse("admin:comments_comment_change", args=[comment.pk]),
        {
            "parent": "",
            "name": comment.name,
            "email": comment.email,
            "body": "Bài viết rất hữu ích (đã sửa lỗi chính tả).",
            "status": "approved",
            "moderation_note": "Sửa lỗi chính tả rồi duyệt",
        },
    )

    assert response.status_code == 302
    comment.refresh_from_db()
    assert comment.status == Comment.Status.APPROVED
    assert comment.moderated_by == moderator
    assert comment.moderation_note == "Sửa lỗi chính tả rồi duyệt"
    page = client.get(story.get_absolute_url()).content.decode()
    assert "Bài viết rất hữu ích (đã sửa lỗi chính tả)." in page
    assert "1 bình luận" in page


def test_change_form_keeps_moderation_facts_read_only(moderator_client, story):
    comment = CommentFactory(article=story, ip_address="198.51.100.23")

    html = moderator_client.get(
        reverse("admin:comments_comment_change", args=[comment.pk])
    ).content.decode()

    assert "198.51.100.23" in html
    for field in ["ip_address", "user_agent", "moderated_by", "moderated_at", "created"]:
        assert f'name="{field}"' not in html
    assert 'name="status"' in html


def test_deleting_an_approved_comment_recounts_its_story(client, story):
    admin_user = UserFactory(username="quantri", is_staff=True, is_superuser=True)
    comment = CommentFactory(article=story)
    browser = logged_in(admin_user)
    browser.post(act_url(comment, "approve"))

    browser.post(
        reverse(CHANGELIST) + "?status=approved",
        {"action": "delete_selected", "_selected_action": [comment.pk], "post": "yes"},
    )

    assert not Comment.objects.exists()
    assert "0 bình luận" in client.get(story.get_absolute_url()).content.decode()


def test_moderators_keep_the_disallowed_words_list(moderator_client):
    url = reverse("admin:comments_disallowedword_add")

    response = moderator_client.post(url, {"word": "vay  tiền   nhanh", "note": "quảng cáo"})

    assert response.status_code == 302
    assert DisallowedWord.objects.get().word == "vay tiền nhanh"
    listing = moderator_client.get(reverse("admin:comments_disallowedword_changelist"))
    assert "vay tiền nhanh" in listing.content.decode()


def test_export_action_downloads_each_selected_email_once_as_json(moderator_client, story):
    pytest.importorskip("comments.privacy")
    mine = CommentFactory(article=story, email="lan@example.com")
    also_mine = CommentFactory(article=story, email="Lan@Example.com")
    theirs = CommentFactory(article=story, email="binh@example.com")
    CommentFactory(article=story, email="not.selected@example.com")

    response = moderator_client.post(
        reverse(CHANGELIST),
        {
            "action": "export_personal_data",
            "_selected_action": [mine.pk, also_mine.pk, theirs.pk],
        },
    )

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    assert response["Content-Disposition"].startswith("attachment;")
    data = json.loads(response.content)
    assert set(data) == {"lan@example.com", "binh@example.com"}
    assert len(data["lan@example.com"]) == 2
    assert len(data["binh@example.com"]) == 1


# --- who may do what ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "url_name", [QUEUE, CHANGELIST, "admin:comments_disallowedword_changelist"]
)
def test_editors_may_not_moderate(editor_client, url_name):
    assert editor_client.get(reverse(url_name)).status_code == 403


def test_editors_may_not_decide_a_comment(editor_client, story):
    comment = CommentFactory(article=story)

    assert editor_client.post(act_url(comment, "approve")).status_code == 403
    comment.refresh_from_db()
    assert comment.status == Comment.Status.PENDING


def test_readers_are_sent_to_the_login_page(client, story):
    comment = CommentFactory(article=story)

    assert client.get(reverse(QUEUE)).status_code == 302
    assert client.post(act_url(comment, "approve")).status_code == 302
    comment.refresh_from_db()
    assert comment.status == Comment.Status.PENDING


@pytest.mark.parametrize(
    "url_name",
    [
        "admin:articles_article_changelist",
        "admin:auth_user_changelist",
        "admin:auth_group_changelist",
    ],
)
def test_moderators_may_not_touch_stories_or_accounts(moderator_client, url_name):
    assert moderator_client.get(reverse(url_name)).status_code == 403


def test_staff_who_may_only_view_comments_see_no_actions_and_no_queue(story):
    viewer = UserFactory(is_staff=True)
    viewer.user_permissions.add(Permission.objects.get(codename="view_comment"))
    CommentFactory(article=story, name="Lê Cúc")
    browser = logged_in(viewer)

    html = browser.get(reverse(CHANGELIST)).content.decode()

    assert "Lê Cúc" in html
    for action in [
        "approve",
        "reject",
        "mark_spam",
        "feature",
        "unfeature",
        "export_personal_data",
    ]:
        assert f'value="{action}"' not in html
    assert browser.get(reverse(QUEUE)).status_code == 403


# --- the admin index ------------------------------------------------------------------------


def test_admin_index_shows_moderators_how_many_comments_wait(moderator_client, story):
    for _ in range(3):
        CommentFactory(article=story)
    CommentFactory(article=story, status=Comment.Status.APPROVED)

    html = moderator_client.get(reverse("admin:index")).content.decode()

    assert "3 bình luận đang chờ duyệt" in html
    assert f'href="{reverse(QUEUE)}"' in html
    assert "Bình luận (3 chờ duyệt)" in html


def test_admin_index_says_so_when_nothing_waits(moderator_client):
    html = moderator_client.get(reverse("admin:index")).content.decode()

    assert "Không có bình luận nào đang chờ duyệt" in html


def test_admin_index_does_not_show_editors_the_comment_count(editor_client, story):
    CommentFactory(article=story)

    html = editor_client.get(reverse("admin:index")).content.decode()

    assert "đang chờ duyệt" not in html
