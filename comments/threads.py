"""A story's comment section: its threads, this browser's own pending comments, and the form.

`section()` prepares everything the `{% comments_for %}` tag draws; `build()` arranges the
comments into threads, nested up to MAX_DEPTH levels: the top-level comments in the order the
reader chose (`?sap-xep=`: most liked first, the default, or newest first), replies always in
time order under their parent.

The section is shared by every reader through the page cache: it reads no cookie of the
reader's. Like counts in it are at most COMMENTS_LIKES_FRESH_SECONDS old (likes.js refreshes
them and marks the reader's own likes from the browser), and a cached page never outlives the
moment its form opens or closes. Only a personal page (`personal=True`: under `/cua-ban/`, or
the answer to a refused post) shows the reader's own pending comments and remembered name;
`own_placed()` gives a shared page's script the same comments and where each goes. A shared
section's drawn thread and empty form are kept between pages by `comments.thread_cache`.
"""

import time
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.conf import settings
from django.template.context_processors import csrf
from django.template.loader import render_to_string
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from comments import cookies, forms, policy, rules, submission, thread_cache
from comments.featured import MAX_FEATURED
from comments.models import Comment
from newsroom.infra import pagecache

MAX_DEPTH = 3
SORT_PARAM = "sap-xep"
MOST_LIKED = "quan-tam"
NEWEST = "moi-nhat"
SORTS = {MOST_LIKED: _("Quan tâm nhất"), NEWEST: _("Mới nhất")}
DEFAULT_SORT = MOST_LIKED
RENDERED_SLOT = "render-time"  # in a kept form, where each page writes its own render time


@dataclass
class Node:
    comment: object
    depth: int = 1
    own: bool = False
    editable: bool = False
    replying_to: str = ""
    children: list["Node"] = field(default_factory=list)


@dataclass(frozen=True)
class SortChoice:
    label: str
    url: str
    current: bool


def sort_order(params) -> str:
    """The order asked for in `params` (a QueryDict); the default for anything unknown."""
    value = params.get(SORT_PARAM, "")
    return value if value in SORTS else DEFAULT_SORT


def sort_query(order) -> str:
    """'?sap-xep=moi-nhat' for a chosen order, '' for the default (one cached page for it)."""
    return "" if order == DEFAULT_SORT else "?" + urlencode({SORT_PARAM: order})


def build(comments, *, own_ids=(), editable_ids=(), order=DEFAULT_SORT) -> list[Node]:
    """Top-level nodes in `order` with their replies in time order; replies deeper than
    MAX_DEPTH join the last level, saying whom they answer."""
    nodes = {c.pk: Node(c, own=c.pk in own_ids, editable=c.pk in editable_ids) for c in comments}
    roots = []
    for comment in sorted(comments, key=lambda c: (c.created, c.pk)):
        node = nodes[comment.pk]
        parent = nodes.get(comment.parent_id)
        if parent is None:
            roots.append(node)
            continue
        if parent.depth >= MAX_DEPTH:
            hidden = parent.comment.is_hidden_for_review
            node.replying_to = "" if hidden else parent.comment.name
            while parent.depth >= MAX_DEPTH:
                parent = nodes[parent.comment.parent_id]
        node.depth = parent.depth + 1
        parent.children.append(node)
    if order == NEWEST:
        roots.reverse()
    else:
        roots.sort(key=lambda node: -_likes_shown(node.comment))  # stable: oldest first
    return roots


def _likes_shown(comment):
    return 0 if comment.is_hidden_for_review else comment.like_count


def featured(comments) -> list:
    """The story's "Ý kiến nổi bật": approved, shown, pinned comments, the newest pin first."""
    pinned = [c for c in comments if c.is_approved and c.is_featured and not c.is_hidden_for_review]
    pinned.sort(key=lambda c: (c.featured_at, c.pk), reverse=True)
    return pinned[:MAX_FEATURED]


def section(request, article, form=None, refusal=None, personal=False) -> dict:
    """What a story's comment section shows (nothing at all when its rule turns comments off).
    `form` is the reader's form sent back with its errors (and their text); `refusal` says why
    a post was not taken; `personal` adds this browser's pending comments and remembered name.
    A shared render (none of these, no `?reply_to=`) takes the drawn thread from
    `comments.thread_cache` while nothing it shows has changed."""
    in_force = rules.for_post(article)
    if not in_force.shows_thread:  # only a refused post's text is shown back, with why
        if refusal is None:
            return {"rules": in_force}
        return {
            "rules": in_force,
            "refusal": refusal,
            "form": form,
            "article": article,
            "request": request,
            "is_open": False,
        }
    if (seconds := rules.seconds_until_change(article, in_force)) is not None:
        pagecache.expire_within(request, seconds)
    is_open = policy.may_post(request.user, article)  # for readers: policy.comments_open
    order = sort_order(request.GET)
    shared = not personal and form is None and refusal is None and "reply_to" not in request.GET
    if shared:
        shown = []  # the form answers nobody
        thread = thread_cache.drawn(
            article, order, is_open, lambda: _draw(request, article, order, is_open)[0], seconds
        )
    else:
        thread, shown = _draw(request, article, order, is_open, personal)
    if thread.has_comments:  # like counts on a shared page: at most this old
        pagecache.expire_within(request, thread.fresh_for())
    form_html = None
    if form is None and is_open and shared and not request.user.is_authenticated:
        form_html = _shared_form(request, article, seconds)
    elif form is None and is_open:
        form = forms.form_for(request.user, article, initial=_initial(request, personal))
    return {
        "request": request,
        "article": article,
        "thread": thread,
        "sort_param": SORT_PARAM,
        "chosen_order": "" if order == DEFAULT_SORT else order,
        "form": form,
        "form_html": form_html,
        "is_open": is_open,
        "rules": in_force,
        "reopens_at": rules.reopening(article, in_force),  # quiet hours, on an open story
        "refusal": refusal,
        "reply_to": _reply_target(form, shown),
        "personal": personal,
    }


def _draw(request, article, order, is_open, personal=False):
    """The story's thread drawn (`thread_cache.Drawn`), and its shown comments (approved, none
    hidden); `personal` adds this browser's pending comments, which it may edit or withdraw."""
    comments = list(Comment.objects.for_article_page(article))
    shown = [c for c in comments if not c.is_hidden_for_review]
    mine = list(cookies.own_ids(request)) if personal else []
    has_comments = bool(comments)
    comments += own_pending(article, mine)
    editable_ids = {c.pk for c in comments if c.pk in mine and submission.editable(request, c)}
    threads = build(comments, own_ids=set(mine), editable_ids=editable_ids, order=order)
    context = {
        "threads": threads,
        "featured": featured(shown),
        "sorts": _sort_choices(article, order) if len(threads) > 1 else [],
        "reply_prefix": _reply_prefix(order),
        "Badge": Comment.Badge,
        "is_open": is_open,
        "edit_minutes": settings.COMMENTS_EDIT_MINUTES,
        **(csrf(request) if editable_ids else {}),  # withdrawing one's own comment
    }
    thread = thread_cache.Drawn(
        head=render_to_string("comments/thread/parts.html#head", context),
        comments=_comment_list(article, threads, context, personal),
        threads=len(threads),
        has_comments=has_comments,
        at=thread_cache.clock(),
    )
    return thread, shown


def _comment_list(article, threads, context, personal):
    """The threads' HTML; on a shared page, drawn again only where a thread changed."""

    def draw(node):
        return render_to_string("comments/comment.html", {**context, "node": node})

    shape = (context["reply_prefix"], context["is_open"], context["edit_minutes"])
    holds_own = _holds_own if personal else None  # the reader's own: drawn for this page alone
    return thread_cache.subtrees_drawn(article, threads, shape, draw, private=holds_own)


def _holds_own(node) -> bool:
    """Whether `node` or a reply under it is this browser's own comment."""
    return node.own or node.editable or any(_holds_own(child) for child in node.children)


def _shared_form(request, article, seconds):
    """A reader's empty form (`comments/form.html`) for a shared page: drawn once per story and
    language (`thread_cache.form_drawn`), with this page's own render time written in."""

    def draw():
        initial = {**_initial(request, personal=False), "rendered": RENDERED_SLOT}
        form = forms.form_for(request.user, article, initial=initial)
        context = {"form": form, "is_open": True, "article": article, "request": request}
        return render_to_string("comments/form.html", context)

    html = thread_cache.form_drawn(article, draw, seconds)
    rendered = escape(policy.sign_render_time(time.time()))
    return mark_safe(html.replace(f'value="{RENDERED_SLOT}"', f'value="{rendered}"', 1))


def own_pending(article, own_ids) -> list:
    """Which of `own_ids` (this browser's comments) still wait for a moderator on `article`."""
    if not own_ids:
        return []
    pending = Comment.objects.pending().filter(article=article, pk__in=own_ids)
    return list(pending.order_by("created"))


@dataclass(frozen=True)
class Placed:
    """One of the reader's pending comments in its thread: drawn as `node`, it goes under the
    comment `parent` (None: the top level), before the comment `before` (None: last)."""

    node: Node
    parent: int | None
    before: int | None


def own_placed(request, article) -> list[Placed]:
    """This browser's pending comments on `article`, where the shared page's thread (in the
    order `request` asks for) would draw them."""
    mine = set(cookies.own_ids(request))
    own = own_pending(article, mine)
    if not own:
        return []
    comments = list(Comment.objects.for_article_page(article)) + own
    editable_ids = {c.pk for c in own if submission.editable(request, c)}
    roots = build(comments, own_ids=mine, editable_ids=editable_ids, order=sort_order(request.GET))
    return list(_placed(roots, parent=None))


def _placed(nodes, parent):
    for index, node in enumerate(nodes):
        if node.own and node.comment.is_pending:
            later = (n for n in nodes[index + 1 :] if not (n.own and n.comment.is_pending))
            following = next(later, None)
            yield Placed(node, parent, following.comment.pk if following else None)
        yield from _placed(node.children, parent=node.comment.pk)


def _sort_choices(article, order):
    url = article.get_absolute_url()
    return [
        SortChoice(label, f"{url}{sort_query(value)}#binh-luan", value == order)
        for value, label in SORTS.items()
    ]


def _reply_prefix(order):
    """A reply link up to the comment's id: the form comes back under the same order."""
    query = sort_query(order)
    return f"{query}&reply_to=" if query else "?reply_to="


def _initial(request, personal):
    remembered = cookies.remembered(request) if personal else {}
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
    """The shown comment the form answers (`comments` are approved, none hidden), or None."""
    if form is None:
        return None
    value = form["parent"].value()
    shown = {c.pk: c for c in comments}
    try:
        return shown.get(int(value))
    except (TypeError, ValueError):
        return None
