"""A story's comment section: its threads, this browser's own pending comments, and the form.

`section()` prepares everything the `{% comments_for %}` tag draws; `build()` arranges the
comments into threads, oldest first, nested up to MAX_DEPTH levels.
"""

import time
from dataclasses import dataclass, field

from django.conf import settings

from comments import cookies, policy, submission
from comments.forms import CommentForm
from comments.models import Comment

MAX_DEPTH = 3


@dataclass
class Node:
    comment: object
    depth: int = 1
    own: bool = False
    editable: bool = False
    replying_to: str = ""
    children: list["Node"] = field(default_factory=list)


def build(comments, *, own_ids=(), editable_ids=()) -> list[Node]:
    """Top-level nodes with their replies; replies deeper than MAX_DEPTH join the last level."""
    nodes = {c.pk: Node(c, own=c.pk in own_ids, editable=c.pk in editable_ids) for c in comments}
    roots = []
    for comment in sorted(comments, key=lambda c: (c.created, c.pk)):
        node = nodes[comment.pk]
        parent = nodes.get(comment.parent_id)
        if parent is None:
            roots.append(node)
            continue
        if parent.depth >= MAX_DEPTH:
            node.replying_to = parent.comment.name
            while parent.depth >= MAX_DEPTH:
                parent = nodes[parent.comment.parent_id]
        node.depth = parent.depth + 1
        parent.children.append(node)
    return roots


def section(request, article, form=None, refusal=None) -> dict:
    """What a story's comment section shows. `form` is the reader's form sent back with its
    errors (and their text); `refusal` says why a post was not taken."""
    comments = list(Comment.objects.for_article_page(article))
    mine = list(cookies.own_ids(request))
    if mine:
        comments += list(
            Comment.objects.pending().filter(article=article, pk__in=mine).order_by("created")
        )
    editable_ids = {c.pk for c in comments if c.pk in mine and submission.editable(request, c)}
    is_open = policy.comments_open(article)
    if form is None and is_open:
        form = CommentForm(article=article, initial=_initial(request))
    return {
        "request": request,
        "article": article,
        "threads": build(comments, own_ids=set(mine), editable_ids=editable_ids),
        "form": form,
        "is_open": is_open,
        "refusal": refusal,
        "reply_to": _reply_target(form, comments),
        "edit_minutes": settings.COMMENTS_EDIT_MINUTES,
    }


def _initial(request):
    remembered = cookies.remembered(request)
    initial = {
        "rendered": policy.sign_render_time(time.time()),
        "remember": bool(remembered),
        **remembered,
    }
    reply_to = request.GET.get("reply_to", "")
    if reply_to.isascii() and reply_to.isdigit() and len(reply_to) < 12:
        initial["parent"] = int(reply_to)
    return initial


def _reply_target(form, comments):
    if form is None:
        return None
    value = form["parent"].value()
    approved = {c.pk: c for c in comments if c.is_approved}
    try:
        return approved.get(int(value))
    except (TypeError, ValueError):
        return None
