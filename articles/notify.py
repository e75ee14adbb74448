"""Email for the review chain: editors hear of a submitted story, reporters of the answer.

Queued for the task worker once the transaction commits (a mail outage never undoes an action
nor slows the editor's page) and throttled like
the moderators' alerts: an editor gets one mail about new submissions per
`NEWSROOM_NOTIFY_INTERVAL` seconds (the desk lists them all), a reporter one per story in that
time, so a return note on one story is never swallowed by another's approval.
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.cache import caches
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext as _

from articles import tasks


def section_editors(article):
    """Active editors of the story's section (assigned to it, or to no section at all)."""
    may_review = Q(groups__permissions__codename="review_article") | Q(
        user_permissions__codename="review_article"
    )
    return (
        get_user_model()
        .objects.filter(may_review, is_active=True)
        .filter(Q(edited_sections=article.section_id) | Q(edited_sections=None))
        .exclude(email="")
        .distinct()
    )


def submitted(article, by) -> None:
    recipients = [u for u in section_editors(article) if u.pk != by.pk]
    subject = _("[%(site)s] Bài chờ duyệt: %(title)s")
    body = _("%(who)s gửi duyệt bài “%(title)s” (%(section)s).\n\nMở bài: %(url)s")
    _later(recipients, subject, body, article, by, per_story=False)


def reviewed(article, by, returned: bool) -> None:
    owner = article.owner
    if owner is None or owner.pk == by.pk or not owner.email:
        return
    if returned:
        subject = _("[%(site)s] Bài bị trả lại: %(title)s")
        body = _("%(who)s trả lại bài “%(title)s”:\n\n%(note)s\n\nSửa bài: %(url)s")
    else:
        subject = _("[%(site)s] Bài đã được duyệt: %(title)s")
        body = _("%(who)s đã duyệt bài “%(title)s”.\n\nMở bài: %(url)s")
    _later([owner], subject, body, article, by, per_story=True)


def _later(recipients, subject, body, article, by, per_story):
    fields = {
        "site": settings.SITE_NAME,
        "title": article.title,
        "section": article.section.name,
        "who": by.get_full_name() or by.get_username(),
        "note": article.review_note,
        "url": settings.SITE_URL.rstrip("/")
        + reverse("admin:articles_article_change", args=[article.pk]),
    }
    story = article.pk if per_story else None
    addresses = [u.email for u in recipients if _not_told_recently(u, story)]
    if addresses:
        mail = (subject % fields, body % fields, addresses)
        transaction.on_commit(lambda: tasks.send_review_mail.enqueue(*mail))


def _not_told_recently(user, story=None) -> bool:
    key = f"newsroom-notified:{user.pk}:{story or ''}"
    return caches["shared"].add(key, 1, timeout=settings.NEWSROOM_NOTIFY_INTERVAL)
