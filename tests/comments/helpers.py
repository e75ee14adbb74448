"""What a reader's browser sends when it posts a comment."""

import time

from django.urls import reverse

from comments.policy import sign_render_time


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
