"""Roles are enforced by the server: a table of (role, method, URL) -> status, walked in full.

Reporters write their own stories and submit them; editors review, approve and publish in their
sections (none assigned: every section); the editor-in-chief also unpublishes and overrides;
moderators decide on comments (and alone see commenters' emails and IPs); anonymous visitors
reach no preview, no admin page and no pending comment.
"""

import pytest
from django.test import Client
from django.urls import reverse

from articles.models import Article
from comments.models import Comment
from tests.comments.factories import CommentFactory
from tests.factories import ArticleFactory, AuthorFactory, SectionFactory, UserFactory

pytestmark = pytest.mark.django_db

GROUPS = {
    "anonymous": None,
    "reporter": ["Phóng viên"],
    "sports editor": ["Biên tập viên"],  # assigned to the sports section only
    "chief": ["Tổng biên tập"],
    "editor": ["Biên tập viên"],
    "moderator": ["Moderators"],
    "editor+moderator": ["Biên tập viên", "Moderators"],
}
EMAIL, IP = "ban.doc.rieng@example.com", "198.51.100.23"


@pytest.fixture
def world(section):
    story = ArticleFactory(section=section, title="Bài đã đăng")
    draft = ArticleFactory(section=section, title="Bài nháp", draft=True)
    scheduled = ArticleFactory(section=section, title="Bài hẹn giờ", scheduled=True)
    pending = CommentFactory(article=story, email=EMAIL, ip_address=IP)
    author = AuthorFactory(name="Mai Lan")
    account = UserFactory(username="nguoidung")
    reporter = UserFactory(username="reporter", is_staff=True, groups=GROUPS["reporter"])
    own = ArticleFactory(section=section, title="Bài của phóng viên", draft=True, owner=reporter)
    in_review = ArticleFactory(
        section=section, title="Bài chờ duyệt", draft=True, review_state="in_review"
    )
    sports = SectionFactory(name="Thể thao", slug="the-thao")
    sports.editors.add(
        UserFactory(username="sports editor", is_staff=True, groups=GROUPS["sports editor"])
    )
    act = "admin:articles_article_act"
    return {
        "story": story.get_absolute_url(),
        "draft": draft.get_absolute_url(),
        "scheduled": scheduled.get_absolute_url(),
        "admin": reverse("admin:index"),
        "articles": reverse("admin:articles_article_changelist"),
        "article_add": reverse("admin:articles_article_add"),
        "article_change": reverse("admin:articles_article_change", args=[story.pk]),
        "author_change": reverse("admin:articles_author_change", args=[author.pk]),
        "users": reverse("admin:auth_user_changelist"),
        "user_change": reverse("admin:auth_user_change", args=[account.pk]),
        "groups": reverse("admin:auth_group_changelist"),
        "user_autocomplete": reverse("admin:autocomplete")
        + "?app_label=articles&model_name=author&field_name=user&term=ng",
        "comments": reverse("admin:comments_comment_changelist") + "?status=all",
        "comment_change": reverse("admin:comments_comment_change", args=[pending.pk]),
        "queue": reverse("admin:comments_comment_queue"),
        "approve": reverse("admin:comments_comment_queue_act", args=[pending.pk, "approve"]),
        "words": reverse("admin:comments_disallowedword_changelist"),
        "comment_edit": reverse("comments:edit", args=[pending.pk]),
        "comment_withdraw": reverse("comments:withdraw", args=[pending.pk]),
        "pending": pending,
        "own": own.get_absolute_url(),
        "own_change": reverse("admin:articles_article_change", args=[own.pk]),
        "own_submit": reverse(act, args=[own.pk]) + "?step=submit",
        "review_change": reverse("admin:articles_article_change", args=[in_review.pk]),
        "review_history": reverse("admin:articles_article_history", args=[in_review.pk]),
        "approve_story": reverse(act, args=[in_review.pk]) + "?step=approve",
        "unpublish_story": reverse(act, args=[story.pk]) + "?step=unpublish",
        "audit_log": reverse("admin:articles_auditentry_changelist"),
        "in_review": in_review,
        "story_obj": story,
    }


# (role, method, URL name in `world`, expected status)
TABLE = [
    # anonymous: no admin page, no preview, no pending comment
    ("anonymous", "GET", "story", 200),
    ("anonymous", "GET", "draft", 404),
    ("anonymous", "GET", "scheduled", 404),
    ("anonymous", "GET", "admin", 302),
    ("anonymous", "GET", "articles", 302),
    ("anonymous", "GET", "users", 302),
    ("anonymous", "GET", "comments", 302),
    ("anonymous", "GET", "comment_change", 302),
    ("anonymous", "GET", "queue", 302),
    ("anonymous", "POST", "approve", 302),  # to the login page; nothing approved
    ("anonymous", "GET", "comment_edit", 403),
    ("anonymous", "POST", "comment_withdraw", 403),
    # reporter: their own stories only; never a step beyond submitting
    ("reporter", "GET", "admin", 200),
    ("reporter", "GET", "articles", 200),
    ("reporter", "GET", "article_add", 200),
    ("reporter", "GET", "own_change", 200),
    ("reporter", "POST", "own_submit", 302),
    ("reporter", "GET", "own", 200),  # preview of their draft
    ("reporter", "GET", "draft", 404),  # someone else's draft
    ("reporter", "GET", "review_change", 302),  # not theirs: the admin says it does not exist
    ("reporter", "GET", "review_history", 404),
    ("reporter", "POST", "approve_story", 404),
    ("reporter", "POST", "unpublish_story", 404),
    ("reporter", "GET", "audit_log", 200),
    ("reporter", "GET", "comments", 403),
    ("reporter", "GET", "users", 403),
    # an editor of another section: may read the story, may not act on it
    ("sports editor", "GET", "review_change", 200),
    ("sports editor", "POST", "review_change", 403),
    ("sports editor", "POST", "approve_story", 302),  # refused with the reason; unchanged
    ("sports editor", "POST", "unpublish_story", 302),  # refused; still live
    ("sports editor", "GET", "audit_log", 200),
    # editor-in-chief: every section, and unpublishing
    ("chief", "GET", "review_change", 200),
    ("chief", "POST", "approve_story", 302),
    ("chief", "POST", "unpublish_story", 302),
    ("chief", "GET", "audit_log", 200),
    ("chief", "GET", "comments", 403),
    ("chief", "GET", "users", 403),
    # editor: stories yes; comments, commenters' data and accounts no
    ("editor", "GET", "admin", 200),
    ("editor", "GET", "articles", 200),
    ("editor", "GET", "article_change", 200),
    ("editor", "GET", "draft", 200),
    ("editor", "GET", "scheduled", 200),
    ("editor", "GET", "author_change", 200),
    ("editor", "GET", "comments", 403),
    ("editor", "GET", "comment_change", 403),
    ("editor", "GET", "queue", 403),
    ("editor", "POST", "approve", 403),
    ("editor", "GET", "words", 403),
    ("editor", "GET", "users", 403),
    ("editor", "GET", "user_change", 403),
    ("editor", "GET", "groups", 403),
    ("editor", "GET", "user_autocomplete", 403),
    ("editor", "POST", "approve_story", 302),
    ("editor", "POST", "unpublish_story", 302),  # refused: only the editor-in-chief
    # moderator: comments yes; stories, previews and accounts no
    ("moderator", "GET", "admin", 200),
    ("moderator", "GET", "comments", 200),
    ("moderator", "GET", "comment_change", 200),
    ("moderator", "GET", "queue", 200),
    ("moderator", "GET", "words", 200),
    ("moderator", "POST", "approve", 302),
    ("moderator", "GET", "articles", 403),
    ("moderator", "GET", "article_add", 403),
    ("moderator", "GET", "article_change", 403),
    ("moderator", "POST", "article_change", 403),
    ("moderator", "GET", "author_change", 403),
    ("moderator", "GET", "draft", 404),
    ("moderator", "GET", "users", 403),
    ("moderator", "GET", "user_change", 403),
    ("moderator", "GET", "groups", 403),
    ("moderator", "GET", "audit_log", 403),
    ("moderator", "POST", "approve_story", 403),
    # both groups: both jobs
    ("editor+moderator", "GET", "articles", 200),
    ("editor+moderator", "GET", "draft", 200),
    ("editor+moderator", "GET", "comments", 200),
    ("editor+moderator", "GET", "comment_change", 200),
    ("editor+moderator", "GET", "users", 403),
]


# What each step in the table leaves behind: (role, URL name) -> expected states after the POST.
AFTER = {
    ("reporter", "approve_story"): ("in_review", "draft"),
    ("sports editor", "approve_story"): ("in_review", "draft"),
    ("chief", "approve_story"): ("approved", "draft"),
    ("editor", "approve_story"): ("approved", "draft"),
    ("moderator", "approve_story"): ("in_review", "draft"),
    ("reporter", "unpublish_story"): ("approved", "published"),
    ("sports editor", "unpublish_story"): ("approved", "published"),
    ("editor", "unpublish_story"): ("approved", "published"),
    ("chief", "unpublish_story"): ("approved", "unpublished"),
}


def browser_for(role):
    browser = Client()
    if GROUPS[role]:
        browser.force_login(UserFactory(username=role, is_staff=True, groups=GROUPS[role]))
    return browser


@pytest.mark.parametrize(("role", "method", "name", "status"), TABLE, ids=lambda v: str(v))
def test_role_table(world, role, method, name, status):
    browser = browser_for(role)
    url = world[name]
    if method == "POST" and "?step=" in url:  # a review step: the step is form data
        url, step = url.split("?step=")
        response = browser.post(url, {"step": step, "note": "Ghi chú"})
    else:
        response = browser.generic(method, url)

    assert response.status_code == status
    if status == 302 and role == "anonymous":
        assert response["Location"].startswith(reverse("admin:login"))
    if status in {403, 404}:
        assert "<h1>" in response.content.decode()  # a readable refusal, not a blank page
    if name == "approve" and status != 302:
        assert Comment.objects.get(pk=world["pending"].pk).status == "pending"
    if (role, name) in AFTER:
        target = world["in_review"] if name == "approve_story" else world["story_obj"]
        stored = Article.objects.get(pk=target.pk)
        assert (stored.review_state, stored.status) == AFTER[(role, name)]


def test_anonymous_approval_attempt_changes_nothing(world):
    Client().post(world["approve"])

    assert Comment.objects.get(pk=world["pending"].pk).status == "pending"


@pytest.mark.parametrize("role", ["anonymous", "editor"])
def test_commenters_email_and_ip_reach_only_moderators(world, role):
    browser = browser_for(role)
    pages = [world[name] for name in ("story", "admin", "articles", "article_change")]

    for url in pages:
        html = browser.get(url).content.decode()
        assert EMAIL not in html and IP not in html, url

    moderator = browser_for("moderator").get(world["comment_change"]).content.decode()
    assert EMAIL in moderator and IP in moderator


def test_pending_comment_is_not_on_the_public_page(world):
    html = Client().get(world["story"]).content.decode()

    assert world["pending"].body not in html
