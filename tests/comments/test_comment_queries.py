"""An article page loads its comments in a fixed number of queries, however many there are;
a comment sent to a busy story is one indexed check and one write (the story and its comment
rule come from the cache)."""

import pytest
from django.test import Client

from comments.models import Comment
from tests.comments.helpers import post_comment
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db

# the story's light lookup (articles.story_pages), nav, story, bylines, tags, notes, related,
# comment rule, comments; the page cache
ARTICLE_PAGE_QUERIES = 9 + 1


def add_comments(article, count):
    comments = Comment.objects.bulk_create(
        Comment(
            article=article,
            name=f"Bạn đọc {n}",
            email=f"r{n}@example.com",
            body="Ý kiến",
            status=Comment.Status.APPROVED,
        )
        for n in range(count)
    )
    replies = [
        Comment(
            article=article,
            parent=c,
            name="Trả lời",
            email="t@example.com",
            body="Đồng ý",
            status=Comment.Status.APPROVED,
        )
        for c in comments[: count // 2]
    ]
    Comment.objects.bulk_create(replies)
    type(article).objects.filter(pk=article.pk).update(comment_count=count + len(replies))


@pytest.mark.parametrize("count", [4, 134])  # 4 → 6 comments; 134 → 201 comments
def test_article_page_query_count_does_not_grow_with_comments(
    section, django_assert_num_queries, count
):
    article = ArticleFactory(section=section)
    add_comments(article, count)

    with django_assert_num_queries(ARTICLE_PAGE_QUERIES):
        response = Client().get(article.get_absolute_url())

    assert response.content.decode().count('<li class="comment ') == count + count // 2


def test_a_comment_on_a_story_already_taking_comments_is_one_check_and_one_insert(
    client, article, django_assert_num_queries
):
    post_comment(client, article, body="Người đầu tiên")  # caches the story, rule and word list

    with django_assert_num_queries(4) as captured:  # the INSERT is inside a savepoint pair
        response = post_comment(Client(), article, ip="198.51.100.40", body="Người thứ hai")

    assert response.status_code == 302
    statements = [q["sql"].split()[0] for q in captured.captured_queries]
    assert statements == ["SELECT", "SAVEPOINT", "INSERT", "RELEASE"]
    assert '"fingerprint" =' in captured.captured_queries[0]["sql"]
