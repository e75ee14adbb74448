import hashlib
import re

from django import template
from django.utils.html import Urlizer, conditional_escape
from django.utils.safestring import mark_safe

from comments import threads

register = template.Library()


class CommentUrlizer(Urlizer):
    url_template = '<a href="{href}" rel="nofollow ugc noopener"{attrs}>{url}</a>'


_urlize = CommentUrlizer()
_BREAKS = re.compile(r"\n{3,}")


@register.inclusion_tag("comments/section.html", takes_context=True)
def comments_for(context, article):
    """A story's comment section, as `comments.threads.section` prepares it; personal (the
    reader's own pending comments and remembered name) only when the view says so."""
    return threads.section(
        context["request"],
        article,
        form=context.get("comment_form"),
        refusal=context.get("comment_refusal"),
        personal=context.get("comment_personal", False),
    )


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
