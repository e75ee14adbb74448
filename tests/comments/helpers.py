"""What a reader's browser sends when it posts a comment, and what the thread shows."""

import time

from django.test import Client
from django.urls import reverse

from comments.models import Comment
from comments.policy import sign_render_time
from tests.comments.factories import CommentFactory


def comment_data(**overrides):
    data = {
        "name": "Nguyễn Thị Lan",
        "email": "lan@example.com",
        "body": "Bài viết rất hay, cảm ơn tòa soạn.",
        "parent": "",
        "rendered": sign_render_time(time.time() - 30),
        "website": "",
    }
    data.update(overrides)
    return data


def post_comment(client, article, ip="203.0.113.7", **overrides):
    url = reverse("comments:post", kwargs={"slug": article.slug})
    return client.post(url, comment_data(**overrides), REMOTE_ADDR=ip)


def personal_page(client, article, query=""):
    """The personal copy of the story (under /cua-ban/), where a post lands: the reader's own
    pending comments in place, their remembered name in the form."""
    url = reverse("comments:personal_story", kwargs={"slug": article.slug})
    return client.get(url + query).content.decode()


def approved(article, **fields):
    return CommentFactory(article=article, status=Comment.Status.APPROVED, **fields)


def page(article, client=None, query=""):
    """The story page as a reader's browser gets it (HTML)."""
    return (client or Client()).get(article.get_absolute_url() + query).content.decode()


def item(html, comment):
    """The HTML of one comment in the thread, up to its replies."""
    start = html.index(f'id="binh-luan-{comment.pk}"')
    return html[start : html.find("</article>", start)]
