"""The thread opens on "Quan tâm nhất" (most liked, then oldest) or, by a plain link,
"Mới nhất" (newest first); replies always stay in time order under their parent."""

import re

import pytest
from django.test import Client

from comments.models import Comment
from tests.comments.factories import CommentFactory

pytestmark = pytest.mark.django_db


def approved(article, name, likes=0, minutes_ago=None, **fields):
    return CommentFactory(
        article=article,
        name=name,
        like_count=likes,
        status=Comment.Status.APPROVED,
        minutes_ago=minutes_ago,
        **fields,
    )


@pytest.fixture
def thread(article):
    """Three readers an hour apart, the middle one most liked; two replies to the oldest, the
    later one more liked than the earlier."""
    oldest = approved(article, "Người cũ nhất", likes=2, minutes_ago=180)
    liked = approved(article, "Người được thích", likes=9, minutes_ago=120)
    newest = approved(article, "Người mới nhất", likes=2, minutes_ago=60)
    early = approved(article, "Trả lời sớm", likes=0, minutes_ago=170, parent=oldest)
    late = approved(article, "Trả lời muộn", likes=7, minutes_ago=30, parent=oldest)
    return {"oldest": oldest, "liked": liked, "newest": newest, "early": early, "late": late}


def order_on(html, comments):
    """The names of `comments` in the order the page shows them in the thread."""
    thread = html[html.index('<ol class="comment-list">') :]
    return sorted(comments, key=lambda c: thread.index(f'id="binh-luan-{c.pk}"'))


def page(article, query=""):
    return Client().get(article.get_absolute_url() + query).content.decode()


def names(comments):
    return [c.name for c in comments]


def test_the_thread_opens_on_most_liked_then_oldest(article, thread):
    html = page(article)

    shown = order_on(html, list(thread.values()))

    assert names(shown) == [
        "Người được thích",
        "Người cũ nhất",
        "Trả lời sớm",
        "Trả lời muộn",
        "Người mới nhất",
    ]


def test_newest_first_by_a_plain_link(article, thread):
    default = page(article)
    link = re.search(r'<a href="([^"]+)">Mới nhất</a>', default)[1]
    assert link == f"{article.get_absolute_url()}?sap-xep=moi-nhat#binh-luan"

    html = page(article, "?sap-xep=moi-nhat")

    assert names(order_on(html, list(thread.values()))) == [
        "Người mới nhất",
        "Người được thích",
        "Người cũ nhất",
        "Trả lời sớm",
        "Trả lời muộn",
    ]


def test_the_current_order_is_marked(article, thread):
    url = article.get_absolute_url()

    default = page(article)
    newest = page(article, "?sap-xep=moi-nhat")

    assert f'<a href="{url}#binh-luan" aria-current="true">Quan tâm nhất</a>' in default
    assert f'<a href="{url}?sap-xep=moi-nhat#binh-luan">Mới nhất</a>' in default
    assert f'<a href="{url}#binh-luan">Quan tâm nhất</a>' in newest
    assert f'<a href="{url}?sap-xep=moi-nhat#binh-luan" aria-current="true">Mới nhất</a>' in newest
    assert '<nav class="comment-sorts" aria-label="Sắp xếp bình luận">' in default


@pytest.mark.parametrize("value", ["la", "", "MOI-NHAT", "quan-tam"])
def test_an_unknown_order_falls_back_to_most_liked(article, thread, value):
    html = page(article, f"?sap-xep={value}")

    assert names(order_on(html, [thread["liked"], thread["oldest"], thread["newest"]])) == [
        "Người được thích",
        "Người cũ nhất",
        "Người mới nhất",
    ]
    assert 'aria-current="true">Quan tâm nhất</a>' in html


def test_a_single_thread_needs_no_order_links(article):
    approved(article, "Một mình")

    assert "comment-sorts" not in page(article)


def test_reply_links_keep_the_order(article, thread):
    html = page(article, "?sap-xep=moi-nhat")
    pk = thread["liked"].pk
    link = re.search(rf'class="reply-link" href="([^"]+)"\s+data-reply-to="{pk}"', html)[1]
    assert link == f"?sap-xep=moi-nhat&amp;reply_to={pk}#gui-binh-luan"

    answer = page(article, link.replace("&amp;", "&").split("#")[0])

    assert f'name="parent" value="{pk}"' in answer
    assert "Đang trả lời <strong data-reply-name>Người được thích</strong>" in answer
    assert names(order_on(answer, [thread["newest"], thread["liked"]])) == [
        "Người mới nhất",
        "Người được thích",
    ]


def test_a_comment_hidden_for_review_does_not_rise_by_its_likes(article):
    first = approved(article, "Người đầu", minutes_ago=30)
    hidden = approved(article, "Bị ẩn", likes=50, report_state=Comment.ReportState.HIDDEN)

    assert order_on(page(article), [hidden, first]) == [first, hidden]
