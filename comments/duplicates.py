"""The same comment twice: one address's identical text is stored once per story.

Each comment carries a fingerprint of its address (any case) and its text (any line endings),
and the database keeps one comment per (story, fingerprint) with a unique index. A post is
checked against that index before it queues for the write, and the index itself refuses the
copy when two arrive at the same moment (a double-clicked "Gửi", two tabs). Comments bulk-
imported from WordPress and erased comments carry none.
"""

import hashlib

from django.db import IntegrityError

CONSTRAINT = "comment_once_per_article"


def fingerprint(email: str, body: str) -> str:
    body = body.replace("\r\n", "\n").strip()
    text = f"{email.strip().lower()}\n{body}"
    return hashlib.blake2b(text.encode(), digest_size=16).hexdigest()


def is_duplicate(error: IntegrityError) -> bool:
    """Whether an insert or update broke the one-per-story rule (and not another one).

    PostgreSQL names the constraint; SQLite names the index's columns.
    """
    diagnostics = getattr(error.__cause__, "diag", None)
    if diagnostics is not None:
        return diagnostics.constraint_name == CONSTRAINT
    return "comments_comment.article_id, comments_comment.fingerprint" in str(error)
