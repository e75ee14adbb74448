"""Demo comment threads (`comments.json`), stored the way the comments app stores readers'.

Each reader's comment is judged by the moderation policy as if it had come through the form
(`comments.policy.assess`: the honeypot, the seconds between drawing the form and sending it,
the disallowed words, the links), so the statuses and reasons are the app's own: some wait in
the moderators' queue, some are caught as spam. Those marked `"approve": true` are then approved
by the demo moderator through `comments.decisions`, which keeps each story's comment count;
staff answers go through `comments.staff.post_as_staff`. Likes, pins and readers' reports go
through `comments.likes`, `comments.featured` and `comments.reports` (enough reporters hide a
comment for review, in the queue's "Bị báo cáo" tab).

A comment already there (same story, address and text: its fingerprint) is left alone, with its
replies looked for under it, so loading twice adds nothing.
"""

import hashlib
import time
from dataclasses import dataclass, field
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.utils import timezone, translation

from articles.models import Article
from articles.text import vietnamese_slugify
from comments import decisions, featured, likes, policy, reports, staff
from comments.models import Comment, DisallowedWord
from newsroom import demo

# A phone's browser, as most readers of a provincial site come.
USER_AGENT = (
    "Mozilla/5.0 (Linux; Android 14; SM-A155F) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/131.0.0.0 Mobile Safari/537.36"
)
SECONDS_TO_WRITE = 45  # a person reads and writes; a bot sends at once ("seconds_to_post")
MODERATED_AFTER = timedelta(minutes=20)


@dataclass
class Seeded:
    new: int = 0
    statuses: dict = field(default_factory=dict)  # status -> number of comments found or made


def seed(moderator) -> Seeded:
    """Load the disallowed words and the threads; the moderator's decisions are `moderator`'s."""
    data = demo.load("comments")
    for rule in data["disallowed_words"]:
        DisallowedWord.objects.get_or_create(word=rule["word"], defaults={"note": rule["note"]})
    seeded = Seeded()
    now = timezone.now()
    with translation.override(settings.LANGUAGE_CODE):  # reasons are stored in the site's language
        for thread in data["threads"]:
            article = Article.objects.filter(slug=vietnamese_slugify(thread["story"])).first()
            if article is None:  # a demo story deleted by hand: its thread goes with it
                continue
            for item in thread["comments"]:
                _load(item, article, None, moderator, now, seeded)
    return seeded


def _load(item, article, parent, moderator, now, seeded):
    user = get_user_model().objects.get(username=item["staff"]) if "staff" in item else None
    email = (user.email or settings.DEFAULT_FROM_EMAIL) if user else item["email"]
    body = item["body"].strip()
    found = Comment.objects.filter(
        article=article, fingerprint=policy.fingerprint(email, body)
    ).first()
    comment = found or _create(item, article, parent, user, moderator, now)
    seeded.new += found is None
    seeded.statuses[comment.status] = seeded.statuses.get(comment.status, 0) + 1
    for reply in item.get("replies", []):
        _load(reply, article, comment, moderator, now, seeded)


def _create(item, article, parent, user, moderator, now):
    if user:
        comment = staff.post_as_staff(
            article=article,
            user=user,
            body=item["body"],
            parent=parent,
            as_newsroom=item.get("as_newsroom", False),
        )
    else:
        comment = _as_sent_by_reader(item, article, parent)
        if item.get("approve") and comment.is_pending:
            decisions.approve([comment], moderator)
            comment.refresh_from_db()
    _backdate(comment, item, article, parent, now)
    for i in range(item.get("likes", 0)):
        likes.toggle(comment.pk, _browser(comment, i))
    if item.get("pinned"):
        featured.pin(comment, moderator)
    for i, report in enumerate(item.get("reports", [])):
        reports.report(
            comment,
            reason=report["reason"],
            note=report["note"],
            browser=_browser(comment, i),
            ip=f"198.51.100.{i + 1}",
        )
    return comment


def _browser(comment, n):
    """A reader's browser key (`newsroom.infra.readers`), the `n`th of this comment's readers."""
    return hashlib.blake2b(f"demo:{comment.pk}:{n}".encode(), digest_size=16).hexdigest()


def _as_sent_by_reader(item, article, parent):
    """The comment as the reader's form would have stored it, with the policy's verdict."""
    comment = Comment(
        article=article,
        parent=parent,
        name=item["name"],
        email=item["email"],
        body=item["body"].strip(),
        ip_address=_address(item["email"]),
        user_agent=USER_AGENT,
    )
    seconds = item.get("seconds_to_post", SECONDS_TO_WRITE)
    verdict = policy.assess(
        comment,
        honeypot=item.get("website", ""),
        render_token=policy.sign_render_time(time.time() - seconds),
    )
    comment.status, comment.held_reason = verdict.status, verdict.reason
    policy.refuse_repeat(comment)  # gives it its fingerprint
    comment.save()
    if comment.is_approved:  # a known commenter, in that mode
        decisions.recount([article.pk])
    return comment


def _backdate(comment, item, article, parent, now):
    """Sent `minutes_ago` (after the story went out, and after the comment it answers);
    decided some minutes later."""
    created = now - timedelta(minutes=item["minutes_ago"])
    created = max(created, article.publish_at + timedelta(minutes=5))
    if parent is not None:
        created = max(created, parent.created + timedelta(minutes=2))
    created = min(created, now)
    changes = {"created": created}
    if comment.moderated_at:
        decided = created if comment.user_id else min(created + MODERATED_AFTER, now)
        changes["moderated_at"] = decided
    Comment.objects.filter(pk=comment.pk).update(**changes)
    comment.created = created


def _address(email):
    """A documentation address (TEST-NET-3), the same for the same reader."""
    return f"203.0.113.{hashlib.blake2b(email.encode(), digest_size=1).digest()[0] % 254 + 1}"
