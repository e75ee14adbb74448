import hashlib
import re
import time

from django import template
from django.conf import settings
from django.utils.html import Urlizer, conditional_escape
from django.utils.safestring import mark_safe

from comments import own, policy, remember, threads
from comments.forms import CommentForm
from comments.models import Comment
from comments.spam import sign_render_time
from comments.submission import editable

register = template.Library()


class CommentUrlizer(Urlizer):
    url_template = '<a href="{href}" rel="nofollow ugc noopener"{attrs}>{url}</a>'


_urlize = CommentUrlizer()
_BREAKS = re.compile(r"\n{3,}")


@register.inclusion_tag("comments/section.html", takes_context=True)
def comments_for(context, article):
    """A story's approved comments (threaded), this browser's own pending ones, and the form."""
    request = context["request"]
    comments = list(Comment.objects.for_article_page(article))
    mine = list(own.ids(request))
    if mine:
        comments += list(
            Comment.objects.pending().filter(article=article, pk__in=mine).order_by("created")
        )
    editable_ids = {c.pk for c in comments if c.pk in mine and editable(request, c)}
    is_open = policy.comments_open(article)
    form = context.get("comment_form")
    if form is None and is_open:
        form = CommentForm(article=article, initial=_initial(request, article))
    reply_to = _reply_target(form, comments)
    return {
        "request": request,
        "article": article,
        "threads": threads.build(comments, own_ids=set(mine), editable_ids=editable_ids),
        "form": form,
        "is_open": is_open,
        "refusal": context.get("comment_refusal"),
        "reply_to": reply_to,
        "edit_minutes": settings.COMMENTS_EDIT_MINUTES,
    }


def _initial(request, article):
    remembered = remember.read(request)
    initial = {
        "rendered": sign_render_time(time.time()),
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
    approved = {c.pk: c for c in comments if c.status == Comment.Status.APPROVED}
    try:
        return approved.get(int(value))
    except (TypeError, ValueError):
        return None


@register.filter
def comment_text(text):
    """Plain text made safe: escaped, paragraphs and line breaks kept, links clickable."""
    linked = _urlize(conditional_escape(text), trim_url_limit=60, autoescape=False)
    paragraphs = _BREAKS.sub("\n\n", linked).split("\n\n")
    return mark_safe(
        "".join(f"<p>{p.strip().replace(chr(10), '<br>')}</p>" for p in paragraphs if p.strip())
    )


@register.filter
def initials(name):
    """'Nguyễn Văn Hùng' -> 'NH': the avatar is drawn from the name, never from the email."""
    words = [w for w in str(name).split() if w[:1].isalnum()]
    if not words:
        return "?"
    letters = words[0][0] + (words[-1][0] if len(words) > 1 else "")
    return letters.upper()


@register.filter
def avatar_hue(name):
    """One of 12 colours, chosen by the name so the same commenter keeps the same colour."""
    return int(hashlib.sha1(str(name).encode()).hexdigest()[:4], 16) % 12
