"""The editors' desk: the lists a reporter or an editor lands on in the admin."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from articles.models import Article
from tests.clients import logged_in
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db
Review = Article.Review
DESK = reverse("admin:index")


def desk_list(html, key):
    """The HTML of one list of the desk."""
    start = html.index(f'id="desk-{key}"')
    return html[start : html.index("</section>", start)]


@pytest.fixture
def desk(section, other_section, reporter):
    now = timezone.now()
    return {
        "draft": ArticleFactory(section=section, owner=reporter, draft=True, title="Nháp của tôi"),
        "returned": ArticleFactory(
            section=section,
            owner=reporter,
            draft=True,
            review_state=Review.RETURNED,
            review_note="Kiểm tra lại số liệu",
            title="Bài bị trả",
        ),
        "waiting_old": ArticleFactory(
            section=section,
            draft=True,
            review_state=Review.IN_REVIEW,
            submitted_at=now - timedelta(hours=5),
            title="Chờ duyệt từ sáng",
        ),
        "waiting_new": ArticleFactory(
            section=section,
            draft=True,
            review_state=Review.IN_REVIEW,
            submitted_at=now - timedelta(minutes=5),
            title="Chờ duyệt vừa gửi",
        ),
        "elsewhere": ArticleFactory(
            section=other_section,
            draft=True,
            review_state=Review.IN_REVIEW,
            submitted_at=now,
            title="Chờ duyệt thể thao",
        ),
        "approved": ArticleFactory(
            section=section, draft=True, review_state=Review.APPROVED, title="Đã duyệt chờ đăng"
        ),
        "today": ArticleFactory(
            section=section, publish_at=now + timedelta(minutes=1), title="Hẹn giờ sắp lên"
        ),
        "recent": ArticleFactory(
            section=section, publish_at=now - timedelta(hours=2), title="Vừa đăng"
        ),
        "old": ArticleFactory(section=section, publish_at=now - timedelta(days=3), title="Bài cũ"),
    }


def test_a_reporter_sees_their_drafts_and_what_came_back_with_the_notes(desk, reporter):
    html = logged_in(reporter).get(DESK).content.decode()

    drafts, returned = desk_list(html, "drafts"), desk_list(html, "returned")
    assert "Nháp của tôi" in drafts and "(1)" in drafts and 'value="submit"' in drafts
    assert "Bài bị trả" in returned and "Kiểm tra lại số liệu" in returned
    assert 'id="desk-review"' not in html  # not an editor


def test_an_editor_sees_their_sections_work_oldest_waiting_first(desk, section_editor_client):
    html = section_editor_client.get(DESK).content.decode()

    waiting = desk_list(html, "review")
    assert "(2)" in waiting and "Chờ duyệt thể thao" not in waiting
    assert waiting.index("Chờ duyệt từ sáng") < waiting.index("Chờ duyệt vừa gửi")
    assert 'value="approve"' in waiting
    approved = desk_list(html, "approved")
    assert "Đã duyệt chờ đăng" in approved and 'value="publish"' in approved
    assert "Hẹn giờ sắp lên" in desk_list(html, "today")
    recent = desk_list(html, "recent")
    assert "Vừa đăng" in recent and "Bài cũ" not in recent


def test_one_click_from_the_desk_takes_the_step_and_comes_back(desk, section_editor_client):
    story = desk["approved"]

    response = section_editor_client.post(
        reverse("admin:articles_article_act", args=[story.pk]),
        {"step": "publish", "next": DESK},
    )

    assert response.status_code == 302 and response["Location"] == DESK
    story.refresh_from_db()
    assert story.is_published


def test_moderators_get_no_desk(moderator_client, desk):
    assert 'id="desk-title"' not in moderator_client.get(DESK).content.decode()


@pytest.mark.parametrize("extra", [1, 20])
def test_the_desk_query_count_is_fixed(
    section, section_editor, reporter, django_assert_num_queries, extra
):
    for _ in range(extra):
        ArticleFactory(section=section, draft=True, review_state=Review.IN_REVIEW, owner=reporter)
        ArticleFactory(section=section, owner=reporter)
    browser = logged_in(section_editor)
    browser.get(DESK)

    with django_assert_num_queries(DESK_QUERIES):
        assert browser.get(DESK).status_code == 200


# session, user, permissions (2), the user's sections; for each of the six lists its stories
# and its count; the admin's "recent actions".
DESK_QUERIES = 5 + 12 + 1
