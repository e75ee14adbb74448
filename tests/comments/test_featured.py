"""Featured comments ("Ý kiến nổi bật"): moderators pin at most three per story in the admin;
readers see them above the thread."""

import re
from html.parser import HTMLParser

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse
from django.utils import timezone

from articles.models import AuditEntry
from comments.featured import MAX_FEATURED
from comments.models import Comment
from tests.clients import logged_in
from tests.comments.factories import CommentFactory
from tests.factories import ArticleFactory, UserFactory

pytestmark = pytest.mark.django_db

CHANGELIST = "admin:comments_comment_changelist"
Status = Comment.Status
FULL = (
    "Bài “Giá cà phê tăng mạnh” đã có 3 ý kiến nổi bật. Hãy bỏ ghim một ý kiến trước khi ghim thêm."
)


class _Block(HTMLParser):
    """The text inside the first element whose class list holds `css_class`."""

    def __init__(self, css_class):
        super().__init__()
        self.css_class, self.depth, self.done, self.text = css_class, 0, False, []

    def handle_starttag(self, tag, attrs):
        if self.depth:
            self.depth += 1
        elif not self.done and self.css_class in (dict(attrs).get("class") or "").split():
            self.depth = 1

    def handle_endtag(self, tag):
        if self.depth:
            self.depth -= 1
            self.done = self.done or self.depth == 0

    def handle_data(self, data):
        if self.depth:
            self.text.append(data)


def featured_block(html):
    """What the story page's "Ý kiến nổi bật" block says ("" when there is none)."""
    parser = _Block("featured-comments")
    parser.feed(html)
    return " ".join(" ".join(parser.text).split())


def story_page(client, story):
    return client.get(story.get_absolute_url()).content.decode()


def approved(story, **fields):
    return CommentFactory(article=story, status=Status.APPROVED, **fields)


def run_action(browser, action, comments):
    """Run a changelist action on `comments`; the messages it leaves."""
    response = browser.post(
        reverse(CHANGELIST) + "?status=all",
        {"action": action, "_selected_action": [c.pk for c in comments]},
        follow=True,
    )
    assert response.status_code == 200
    return [str(m) for m in response.context["messages"]]


def pin_button(browser, comment, pin="1"):
    url = reverse("admin:comments_comment_featured", args=[comment.pk])
    return browser.post(url, {"pin": pin}, follow=True)


def pinned_pks(story):
    return set(
        Comment.objects.filter(article=story, featured_at__isnull=False).values_list(
            "pk", flat=True
        )
    )


@pytest.fixture
def story(article):
    return article


# --- pinning and the story page -----------------------------------------------------------


def test_moderator_pins_three_comments_and_readers_see_them_above_the_thread(
    moderator_client, client, story
):
    chosen = [approved(story, body=f"Ý kiến đáng đọc số {n}.") for n in range(1, 4)]
    other = approved(story, body="Một ý kiến bình thường.")
    assert featured_block(story_page(client, story)) == ""  # the page is cached now

    messages = run_action(moderator_client, "feature", chosen)

    assert messages == ["Đã ghim 3 bình luận làm ý kiến nổi bật."]
    page = story_page(client, story)
    block = featured_block(page)
    assert "Ý kiến nổi bật" in block
    assert all(c.body in block for c in chosen)
    assert other.body not in block
    assert page.index('class="featured-comments"') < page.index(f'id="binh-luan-{chosen[0].pk}"')


def test_a_fourth_pin_is_refused_with_a_message_naming_the_story(moderator_client, client, story):
    first_three = [approved(story) for _ in range(MAX_FEATURED)]
    fourth = approved(story, body="Ý kiến thứ tư muốn được ghim.")
    run_action(moderator_client, "feature", first_three)

    messages = run_action(moderator_client, "feature", [fourth])

    assert messages == [FULL]
    assert pinned_pks(story) == {c.pk for c in first_three}
    assert fourth.body not in featured_block(story_page(client, story))


def test_selecting_four_at_once_pins_the_first_three_and_says_why_not_the_fourth(
    moderator_client, story
):
    four = [approved(story, minutes_ago=40 - n) for n in range(4)]

    messages = run_action(moderator_client, "feature", four)

    assert messages == ["Đã ghim 3 bình luận làm ý kiến nổi bật.", FULL]
    assert pinned_pks(story) == {c.pk for c in four[:3]}


def test_the_limit_counts_per_story(moderator_client, story):
    run_action(moderator_client, "feature", [approved(story) for _ in range(MAX_FEATURED)])
    elsewhere = approved(ArticleFactory(title="Mưa lớn ở Sa Thầy"))

    messages = run_action(moderator_client, "feature", [elsewhere])

    assert messages == ["Đã ghim 1 bình luận làm ý kiến nổi bật."]
    assert pinned_pks(elsewhere.article) == {elsewhere.pk}


@pytest.mark.parametrize("status", [Status.PENDING, Status.REJECTED, Status.SPAM])
def test_only_approved_comments_can_be_pinned(moderator_client, story, status):
    comment = CommentFactory(article=story, name="Lê Cúc", status=status)

    messages = run_action(moderator_client, "feature", [comment])

    assert messages == ["Bình luận của Lê Cúc chưa được duyệt: chỉ ghim được bình luận đã duyệt."]
    assert pinned_pks(story) == set()


def test_a_comment_hidden_for_review_cannot_be_pinned(moderator_client, story):
    comment = approved(story, name="Lê Cúc", report_state=Comment.ReportState.HIDDEN)

    messages = run_action(moderator_client, "feature", [comment])

    assert messages == [
        "Bình luận của Lê Cúc đang bị ẩn để xem xét lại sau báo cáo: chưa ghim được."
    ]
    assert pinned_pks(story) == set()


def test_pinning_a_pinned_comment_again_changes_nothing(moderator_client, story):
    comment = approved(story)
    run_action(moderator_client, "feature", [comment])
    pinned_at = Comment.objects.get(pk=comment.pk).featured_at

    run_action(moderator_client, "feature", [comment])

    assert Comment.objects.get(pk=comment.pk).featured_at == pinned_at
    assert AuditEntry.objects.filter(action=AuditEntry.Action.COMMENT_FEATURED).count() == 1


# --- unpinning ------------------------------------------------------------------------------


def test_unpinning_takes_the_comment_out_of_the_block_and_frees_its_place(
    moderator_client, client, story
):
    three = [approved(story, body=f"Ý kiến được ghim số {n}.") for n in range(3)]
    run_action(moderator_client, "feature", three)
    assert three[0].body in featured_block(story_page(client, story))

    messages = run_action(moderator_client, "unfeature", [three[0]])

    assert messages == ["Đã bỏ ghim 1 ý kiến nổi bật."]
    page = story_page(client, story)
    assert three[0].body not in featured_block(page)
    assert three[0].body in page  # still in the thread
    assert run_action(moderator_client, "feature", [approved(story)]) == [
        "Đã ghim 1 bình luận làm ý kiến nổi bật."
    ]


def test_who_pinned_and_unpinned_and_when_is_recorded(moderator_client, moderator, story):
    comment = approved(story)
    before = timezone.now()

    run_action(moderator_client, "feature", [comment])

    comment.refresh_from_db()
    assert comment.featured_by == moderator
    assert before <= comment.featured_at <= timezone.now()
    pinned = AuditEntry.objects.get(action=AuditEntry.Action.COMMENT_FEATURED)
    assert (pinned.actor, pinned.comment_id, pinned.article_id) == (moderator, comment.pk, story.pk)
    assert before <= pinned.at <= timezone.now()

    chief_moderator = UserFactory(username="truongban", is_staff=True, groups=["Moderators"])
    run_action(logged_in(chief_moderator), "unfeature", [comment])

    comment.refresh_from_db()
    assert (comment.featured_by, comment.featured_at) == (None, None)
    unpinned = AuditEntry.objects.get(action=AuditEntry.Action.COMMENT_UNFEATURED)
    assert (unpinned.actor, unpinned.comment_id) == (chief_moderator, comment.pk)


# --- a featured comment that is taken down -----------------------------------------------------


@pytest.mark.parametrize("action", ["reject", "mark_spam"])
def test_a_rejected_featured_comment_leaves_the_page_and_frees_its_place(
    moderator_client, moderator, client, story, action
):
    taken_down, *kept = [approved(story, body=f"Ý kiến nổi bật số {n}.") for n in range(3)]
    run_action(moderator_client, "feature", [taken_down, *kept])

    run_action(moderator_client, action, [taken_down])

    page = story_page(client, story)
    assert taken_down.body not in page
    assert all(c.body in featured_block(page) for c in kept)
    newcomer = approved(story, body="Ý kiến mới được ghim.")
    assert run_action(moderator_client, "feature", [newcomer]) == [
        "Đã ghim 1 bình luận làm ý kiến nổi bật."
    ]
    assert pinned_pks(story) == {newcomer.pk, *(c.pk for c in kept)}
    dropped = AuditEntry.objects.get(
        action=AuditEntry.Action.COMMENT_UNFEATURED, comment_id=taken_down.pk
    )
    assert (dropped.actor, dropped.summary) == (moderator, "Bình luận không còn được duyệt")

    run_action(moderator_client, "approve", [taken_down])  # brought back: no fourth pin

    block = featured_block(story_page(client, story))
    assert taken_down.body not in block
    assert newcomer.body in block


def test_a_featured_comment_hidden_after_reports_keeps_its_place_but_is_not_shown(
    moderator_client, client, story
):
    hidden, *others = [approved(story, body=f"Ý kiến nổi bật số {n}.") for n in range(3)]
    run_action(moderator_client, "feature", [hidden, *others])

    Comment.objects.filter(pk=hidden.pk).update(report_state=Comment.ReportState.HIDDEN)

    block = featured_block(story_page(client, story))
    assert hidden.body not in block
    assert all(c.body in block for c in others)
    assert run_action(moderator_client, "feature", [approved(story)]) == [FULL]
    assert hidden.pk in pinned_pks(story)


# --- who may pin ------------------------------------------------------------------------------


@pytest.fixture
def viewer():
    user = UserFactory(username="chixem", is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="view_comment"))
    return user


def test_staff_who_may_only_view_comments_are_not_offered_pinning(viewer, chief_client, story):
    comment = approved(story)
    run_action(logged_in(viewer), "feature", [comment])

    for browser in [logged_in(viewer), chief_client]:
        listing = browser.get(reverse(CHANGELIST), {"status": "approved"}).content.decode()
        change = browser.get(
            reverse("admin:comments_comment_change", args=[comment.pk])
        ).content.decode()
        assert 'value="feature"' not in listing and 'value="unfeature"' not in listing
        assert "Ghim làm ý kiến nổi bật" not in listing + change
    assert pinned_pks(story) == set()


def test_the_pin_url_refuses_get_and_users_without_change_permission(
    viewer, editor_client, chief_client, moderator_client, story
):
    comment = approved(story)
    url = reverse("admin:comments_comment_featured", args=[comment.pk])

    assert moderator_client.get(url).status_code == 405
    assert logged_in(viewer).post(url, {"pin": "1"}).status_code == 403
    assert chief_client.post(url, {"pin": "1"}).status_code == 403
    assert editor_client.post(url, {"pin": "1"}).status_code == 403
    assert pinned_pks(story) == set()


# --- the changelist and the change page --------------------------------------------------------


def test_the_changelist_shows_the_featured_mark_likes_reporters_and_badge(moderator_client, story):
    staff = approved(story, name="Tòa soạn", badge=Comment.Badge.BOARD, like_count=12, reporters=2)
    reader = approved(story, name="Lê Cúc", like_count=3)
    run_action(moderator_client, "feature", [staff])

    html = moderator_client.get(reverse(CHANGELIST), {"status": "approved"}).content.decode()

    row = re.search(rf'value="{staff.pk}".*?</tr>', html, re.S).group(0)
    assert '<td class="field-pinned">Nổi bật</td>' in row
    assert '<td class="field-likes">12</td>' in row
    assert '<td class="field-reported_by">2</td>' in row
    assert "Tòa soạn<br><small>Ban biên tập</small>" in row
    other = re.search(rf'value="{reader.pk}".*?</tr>', html, re.S).group(0)
    assert "Nổi bật" not in other and "<small>" not in other


def test_the_changelist_filters_pinned_comments_and_badges(moderator_client, story):
    pinned = approved(story, name="Được Ghim")
    approved(story, name="Không Ghim")
    staff = approved(story, name="Phóng Viên Nam", badge=Comment.Badge.REPORTER)
    run_action(moderator_client, "feature", [pinned])

    opening = moderator_client.get(reverse(CHANGELIST)).content.decode()
    only_pinned = moderator_client.get(
        reverse(CHANGELIST), {"featured": "yes", "status": "approved"}
    ).content.decode()
    reporters = moderator_client.get(
        reverse(CHANGELIST), {"badge": staff.badge, "status": "all"}
    ).content.decode()

    assert re.search(
        r'href="\?(featured=yes&amp;status=approved|status=approved&amp;featured=yes)"', opening
    )
    assert "Được Ghim" in only_pinned and "Không Ghim" not in only_pinned
    assert "Phóng Viên Nam" in reporters and "Được Ghim" not in reporters


def test_the_change_page_pins_and_unpins_with_a_button(moderator_client, moderator, story):
    comment = approved(story, name="Lê Cúc")
    change_url = reverse("admin:comments_comment_change", args=[comment.pk])
    pin_url = reverse("admin:comments_comment_featured", args=[comment.pk])
    html = moderator_client.get(change_url).content.decode()
    assert f'action="{pin_url}"' in html and "Ghim làm ý kiến nổi bật" in html

    response = pin_button(moderator_client, comment)

    assert response.redirect_chain == [(change_url, 302)]
    assert [str(m) for m in response.context["messages"]] == [
        "Đã ghim bình luận của Lê Cúc làm ý kiến nổi bật."
    ]
    html = response.content.decode()
    assert "Bỏ ghim ý kiến nổi bật" in html
    assert 'name="featured_by"' not in html and 'name="featured_at"' not in html
    assert moderator.username in re.search(
        r"field-featured_by.*?</div>\s*</div>", html, re.S
    ).group(0)
    assert pinned_pks(story) == {comment.pk}

    response = pin_button(moderator_client, comment, pin="0")

    assert "Đã bỏ ghim bình luận của Lê Cúc." in [str(m) for m in response.context["messages"]]
    assert pinned_pks(story) == set()


def test_the_change_page_button_says_why_a_fourth_pin_is_refused(moderator_client, story):
    for comment in [approved(story) for _ in range(MAX_FEATURED)]:
        pin_button(moderator_client, comment)
    fourth = approved(story)

    response = pin_button(moderator_client, fourth)

    assert [str(m) for m in response.context["messages"]] == [FULL]
    assert fourth.pk not in pinned_pks(story)


def test_a_pending_comment_has_no_pin_button(moderator_client, story):
    comment = CommentFactory(article=story)

    html = moderator_client.get(
        reverse("admin:comments_comment_change", args=[comment.pk])
    ).content.decode()

    assert "Ghim làm ý kiến nổi bật" not in html
    assert reverse("admin:comments_comment_featured", args=[comment.pk]) not in html


def test_the_changelist_query_count_does_not_grow_with_the_comments_shown(
    moderator_client, django_assert_num_queries
):
    def fill(n):
        comments = [approved(ArticleFactory(), like_count=n) for _ in range(n)]
        run_action(moderator_client, "feature", comments)

    url = reverse(CHANGELIST) + "?status=approved"
    fill(2)
    with django_assert_num_queries(11):
        moderator_client.get(url)
    fill(20)
    with django_assert_num_queries(11):
        html = moderator_client.get(url).content.decode()
    assert html.count('<td class="field-pinned">Nổi bật</td>') == 22
