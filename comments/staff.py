"""The newsroom's own voice in a thread: a staff member commenting as themselves, or a
moderator answering a reader as the newsroom. Staff comments are published at once, with a
badge for the role ("Phóng viên", "Biên tập viên", "Ban biên tập"), and "Tác giả" when the
writer is on the story's byline. Each is recorded as its author's own approval.
"""

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from articles import audit
from articles.models import AuditEntry, Byline
from comments import decisions, policy
from comments.models import Comment
from comments.policy import may_comment_as_staff  # noqa: F401 (the staff rule, said in policy)
from newsroom.infra import sqlite

Badge = Comment.Badge
# Group name -> badge; the first group found in this order wins.
GROUP_BADGES = [
    ("Tổng biên tập", Badge.BOARD),
    ("Moderators", Badge.BOARD),
    ("Biên tập viên", Badge.EDITOR),
    ("Phóng viên", Badge.REPORTER),
]


def badge_for(user) -> str:
    """The badge `user`'s comments carry: superusers and the editorial board first."""
    if user.is_superuser:
        return Badge.BOARD
    groups = set(user.groups.values_list("name", flat=True))
    for name, badge in GROUP_BADGES:
        if name in groups:
            return badge
    return Badge.BOARD  # staff in no newsroom role speak for the newsroom


def shown_name(user) -> str:
    """The name a staff comment is signed with: the user's full name, else their role
    ("Biên tập viên"), never their login name."""
    return user.get_full_name() or str(Badge(badge_for(user)).label)


def newsroom_name() -> str:
    """The newsroom's signature, in the site's language whatever the moderator's."""
    with translation.override(settings.LANGUAGE_CODE):
        return _("Tòa soạn %(site)s") % {"site": settings.SITE_NAME}


def post_as_staff(*, article, user, body, parent=None, as_newsroom=False) -> Comment:
    """Publish `user`'s comment (a reply when `parent` is given) on `article` at once.

    Raises `policy.Duplicate`, with nothing stored, when the same text was already posted.

    `as_newsroom`: signed "Tòa soạn …" with the board's badge (a moderator's answer from the
    queue); otherwise signed with the user's own name and role.
    """
    with translation.override(settings.LANGUAGE_CODE):  # stored: the site's language
        return _post(article, user, body, parent, as_newsroom)


def _post(article, user, body, parent, as_newsroom) -> Comment:
    name = shown_name(user)
    comment = Comment(
        article=article,
        parent=parent,
        user=user,
        name=newsroom_name() if as_newsroom else name,
        email=user.email or settings.DEFAULT_FROM_EMAIL,
        body=body.replace("\r\n", "\n").strip(),
        badge=Badge.BOARD if as_newsroom else badge_for(user),
        by_story_author=not as_newsroom
        and Byline.objects.filter(article=article, author__user=user).exists(),
        status=Comment.Status.APPROVED,
        held_reason=_("Bình luận của tòa soạn"),
        moderated_by=user,
        moderated_at=timezone.now(),
    )
    policy.refuse_repeat(comment)  # a double click posts once (raises policy.Duplicate)
    with sqlite.serialized_writes(), transaction.atomic():
        comment.save()
        audit.record(
            AuditEntry.Action.COMMENT_APPROVED,
            user,
            summary=_("Bình luận của tòa soạn, đăng ngay"),
            comment=comment,
        )
        decisions.recount([article.pk])
    return comment
