"""The same comment twice: one address's identical text is stored once per story.

Each comment carries a fingerprint of its address (any case) and its text, and the database
keeps one comment per (story, fingerprint) with a unique constraint. So a double-clicked
"Gửi", a replayed post or two tabs sending at the same moment store one comment, with no
query before the insert. Comments imported from WordPress and erased comments carry none.
"""

import hashlib

from django.db import IntegrityError

CONSTRAINT = "comment_once_per_article"


def fingerprint(email: str, body: str) -> str:
    text = f"{email.strip().lower()}\n{body}"
    return hashlib.blake2b(text.encode(), digest_size=16).hexdigest()


def is_duplicate(error: IntegrityError) -> bool:
    """Whether the insert or update broke the one-per-story rule (and not another one).

    PostgreSQL names the constraint; SQLite names its columns.
    """
    message = str(error)
    return CONSTRAINT in message or "comments_comment.fingerprint" in message
