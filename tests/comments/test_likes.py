"""Readers like approved comments: once per browser, a second click takes it back, limited per
address, with JavaScript (JSON) and without (a redirect with a message)."""

import json
import re
import threading
from datetime import timedelta

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from articles.models import Article
from comments import decisions, likes
from comments.models import Comment, CommentLike, CommentRule
from tests.comments.factories import CommentFactory
from tests.factories import ArticleFactory, UserFactory

pytestmark = pytest.mark.django_db

JSON = {"HTTP_ACCEPT": "application/json"}
BROWSER_FORM = {"HTTP_ACCEPT": "text/html,application/xhtml+xml,*/*;q=0.8"}


def approved(article, **fields):
    return CommentFactory(article=article, status=Comment.Status.APPROVED, **fields)


def like(client, comment, ip="203.0.113.20", headers=JSON, **data):
    url = reverse("comments:like", kwargs={"pk": comment.pk})
    return client.post(url, data, REMOTE_ADDR=ip, **headers)


def rows_and_count(comment):
    comment.refresh_from_db()
    return CommentLike.objects.filter(comment=comment).count(), comment.like_count


def test_one_like_per_browser_and_a_second_click_takes_it_back(article, settings):
    comment = approved(article)
    lan, minh = Client(), Client()

    assert like(lan, comment).json() == {"liked": True, "count": 1}
    assert like(minh, comment, ip="198.51.100.9").json() == {"liked": True, "count": 2}
    assert like(lan, comment).json() == {"liked": False, "count": 1}
    assert rows_and_count(comment) == (1, 1)

    assert like(lan, comment).json() == {"liked": True, "count": 2}
    assert rows_and_count(comment) == (2, 2)
    row = CommentLike.objects.latest("pk")
    assert abs(row.created - timezone.now()) < timedelta(minutes=1)
    assert len(row.browser) == 32  # a hash of the browser's cookie, not the cookie
    assert row.browser not in lan.cookies[settings.READER_COOKIE].value


def test_a_new_browser_gets_a_reader_cookie_that_makes_it_the_same_browser_next_time(
    article, settings
):
    comment = approved(article)
    reader = Client()

    first = like(reader, comment)

    cookie = first.cookies[settings.READER_COOKIE]
    assert cookie["httponly"] and cookie.value
    assert like(reader, comment).json() == {"liked": False, "count": 0}
    assert rows_and_count(comment) == (0, 0)


def test_a_forged_reader_cookie_is_a_new_browser_not_someone_else(article, settings):
    comment = approved(article)
    reader = Client()
    like(reader, comment)
    forger = Client()
    forger.cookies[settings.READER_COOKIE] = "khong-ky-hop-le"

    assert like(forger, comment).json() == {"liked": True, "count": 2}


def test_a_like_changes_only_its_comment(article):
    liked, other = approved(article), approved(article)

    like(Client(), liked)

    assert rows_and_count(liked) == (1, 1)
    assert rows_and_count(other) == (0, 0)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_concurrent_likes_lose_no_update(article):
    comment = approved(article)
    errors = []

    def reader(n):
        try:
            for k in range(10):
                likes.toggle(comment.pk, f"{n:02d}{k:02d}".ljust(32, "0"))
        except Exception as error:  # reported below: the test fails, not the thread
            errors.append(error)
        finally:
            connection.close()

    readers = [threading.Thread(target=reader, args=(n,)) for n in range(8)]
    for thread in readers:
        thread.start()
    for thread in readers:
        thread.join()

    assert errors == []
    assert rows_and_count(comment) == (80, 80)


@pytest.mark.parametrize(
    "status", [Comment.Status.PENDING, Comment.Status.REJECTED, Comment.Status.SPAM]
)
def test_comments_readers_cannot_see_cannot_be_liked(article, status):
    comment = CommentFactory(article=article, status=status)

    response = like(Client(), comment)

    assert response.status_code == 404
    assert rows_and_count(comment) == (0, 0)


def test_a_comment_hidden_for_review_cannot_be_liked(article):
    comment = approved(article, report_state=Comment.ReportState.HIDDEN)

    response = like(Client(), comment)

    assert response.status_code == 403
    assert response.json() == {"error": "Bình luận này đang được xem xét lại nên chưa thể thích."}
    assert rows_and_count(comment) == (0, 0)


def test_a_comment_hidden_for_review_refuses_a_like_without_javascript_too(article):
    comment = approved(article, report_state=Comment.ReportState.HIDDEN)

    response = like(Client(), comment, headers=BROWSER_FORM)

    assert response.status_code == 403
    html = response.content.decode()
    assert "Bình luận này đang được xem xét lại nên chưa thể thích." in html
    assert f'href="{article.get_absolute_url()}#binh-luan-{comment.pk}"' in html


def test_a_comment_rejected_hidden_or_unpublished_after_a_like_takes_no_more(article, section):
    rejected, hidden, elsewhere = approved(article), approved(article), approved(article)
    withdrawn_story = ArticleFactory(section=section)
    on_withdrawn = approved(withdrawn_story)
    for comment in (rejected, hidden, on_withdrawn):
        assert like(Client(), comment).status_code == 200

    decisions.reject([rejected], UserFactory())
    Comment.objects.filter(pk=hidden.pk).update(report_state=Comment.ReportState.HIDDEN)
    withdrawn_story.status = Article.Status.DRAFT
    withdrawn_story.save()

    assert like(Client(), rejected).status_code == 404
    assert like(Client(), hidden).status_code == 403
    assert like(Client(), on_withdrawn).status_code == 404
    assert like(Client(), elsewhere).status_code == 200


def test_comments_of_a_draft_or_a_story_without_its_thread_cannot_be_liked(section):
    draft_comment = approved(ArticleFactory(section=section, draft=True))
    off_story = ArticleFactory(section=section)
    CommentRule.objects.create(
        scope=CommentRule.Scope.STORY, article=off_story, mode=CommentRule.Mode.OFF
    )
    off_comment = approved(off_story)

    assert like(Client(), draft_comment).status_code == 404
    assert like(Client(), off_comment).status_code == 404
    assert CommentLike.objects.count() == 0


def test_likes_are_taken_on_read_only_and_closed_stories(section):
    story = ArticleFactory(section=section, allow_comments=False)
    CommentRule.objects.create(
        scope=CommentRule.Scope.STORY, article=story, mode=CommentRule.Mode.READ_ONLY
    )
    comment = approved(story)

    assert like(Client(), comment).json() == {"liked": True, "count": 1}


def test_a_like_needs_a_post(client, article):
    comment = approved(article)

    assert client.get(reverse("comments:like", kwargs={"pk": comment.pk})).status_code == 405


def test_thirty_likes_a_minute_from_one_address_then_a_clear_message(article):
    comments = [approved(article) for _ in range(31)]
    for comment in comments[:30]:
        assert like(Client(), comment, ip="192.0.2.30").status_code == 200

    refused = like(Client(), comments[30], ip="192.0.2.30")

    assert refused.status_code == 429
    assert refused.json() == {
        "error": "Bạn bấm thích nhanh quá: tối đa 30 lượt mỗi 60 giây. "
        "Hãy đợi một chút rồi thử lại."
    }
    assert rows_and_count(comments[30]) == (0, 0)
    assert like(Client(), comments[30], ip="192.0.2.31").status_code == 200


def test_taking_likes_back_counts_against_the_limit_too(article, settings):
    settings.COMMENTS_LIKE_RATE_LIMITS = [(4, 60)]
    comment = approved(article)
    reader = Client()
    for _ in range(4):
        like(reader, comment)

    assert like(reader, comment).status_code == 429
    assert rows_and_count(comment) == (0, 0)


def test_the_limit_without_javascript_is_a_small_page_with_the_message(article, settings):
    settings.COMMENTS_LIKE_RATE_LIMITS = [(1, 60)]
    first, second = approved(article), approved(article)
    like(Client(), first, headers=BROWSER_FORM)

    response = like(Client(), second, headers=BROWSER_FORM)

    assert response.status_code == 429
    html = response.content.decode()
    assert "Bạn bấm thích nhanh quá: tối đa 1 lượt mỗi 60 giây." in html
    assert f'href="{article.get_absolute_url()}#binh-luan-{second.pk}"' in html


def test_with_comment_rate_limits_switched_off_likes_are_not_limited_either(article, settings):
    settings.COMMENTS_RATE_LIMIT_ENABLED = False
    settings.COMMENTS_LIKE_RATE_LIMITS = [(1, 60)]
    comment = approved(article)

    answers = [like(Client(), comment).status_code for _ in range(3)]

    assert answers == [200, 200, 200]
    assert rows_and_count(comment) == (3, 3)


def test_the_limit_on_a_comment_nobody_can_see_is_still_a_message(article, settings):
    settings.COMMENTS_LIKE_RATE_LIMITS = [(0, 60)]
    pending = CommentFactory(article=article)

    response = like(Client(), pending, headers=BROWSER_FORM)

    assert response.status_code == 429
    assert "Bạn bấm thích nhanh quá" in response.content.decode()
    assert "Quay lại bình luận" not in response.content.decode()


def test_hourly_limits_are_told_in_minutes(article, settings):
    settings.COMMENTS_LIKE_RATE_LIMITS = [(100, 60), (1, 3600)]
    first, second = approved(article), approved(article)
    like(Client(), first)

    response = like(Client(), second)

    assert response.json()["error"] == (
        "Bạn đã bấm thích quá nhiều: tối đa 1 lượt mỗi 60 phút. Hãy thử lại sau."
    )


def test_without_javascript_a_like_redirects_to_the_comment_showing_the_fresh_count(article):
    comment = approved(article, body="Ý kiến được thích")
    Client().get(article.get_absolute_url())  # the shared page, cached with no like
    reader = Client()

    response = like(reader, comment, headers=BROWSER_FORM)

    assert response.status_code == 302  # the personal copy: the message, the fresh count
    assert response["Location"] == f"/cua-ban{article.get_absolute_url()}#binh-luan-{comment.pk}"
    html = reader.get(response["Location"]).content.decode()
    assert "Bạn đã thích bình luận này." in html
    assert like_count_shown(html, comment) == 1

    again = like(reader, comment, headers=BROWSER_FORM)
    html = reader.get(again["Location"]).content.decode()
    assert "Bạn đã bỏ thích bình luận này." in html
    assert like_count_shown(html, comment) == 0


def test_without_javascript_the_reader_comes_back_to_the_order_they_chose(article):
    comment = approved(article)

    newest = like(Client(), comment, headers=BROWSER_FORM, **{"sap-xep": "moi-nhat"})
    unknown = like(Client(), comment, headers=BROWSER_FORM, **{"sap-xep": "la"})

    url = f"/cua-ban{article.get_absolute_url()}"
    assert newest["Location"] == f"{url}?sap-xep=moi-nhat#binh-luan-{comment.pk}"
    assert unknown["Location"] == f"{url}#binh-luan-{comment.pk}"


def like_count_shown(html, comment):
    item = html[html.index(f'id="binh-luan-{comment.pk}"') :]
    return int(re.search(r"<span data-like-count>(\d+)</span>", item)[1])


def test_the_like_form_of_a_cached_page_needs_no_token_but_refuses_other_sites(article):
    comment = approved(article)
    Client().get(article.get_absolute_url())  # someone else's visit fills the cache
    reader = Client(enforce_csrf_checks=True)
    html = reader.get(article.get_absolute_url()).content.decode()
    form = re.search(r'<form id="thich-binh-luan".*?</form>', html, re.S)[0]
    assert "csrfmiddlewaretoken" not in form

    from_elsewhere = {**JSON, "HTTP_SEC_FETCH_SITE": "cross-site"}
    assert like(reader, comment, headers=from_elsewhere).status_code == 403
    response = like(reader, comment, headers={**JSON, "HTTP_SEC_FETCH_SITE": "same-origin"})

    assert response.json() == {"liked": True, "count": 1}


def test_the_counts_endpoint_gives_each_shown_comment_its_likes_and_nothing_else(article):
    shown = approved(article, email="bi-mat-likes@example.org")
    other = approved(article)
    hidden = approved(article, report_state=Comment.ReportState.HIDDEN)
    pending = CommentFactory(article=article)
    like(Client(), shown)
    like(Client(), shown, ip="198.51.100.2")

    response = Client().get(reverse("comments:counts", kwargs={"slug": article.slug}))

    assert response.status_code == 200
    assert response.json() == {"likes": {str(shown.pk): 2, str(other.pk): 0}}
    assert str(hidden.pk) not in response.json()["likes"]
    assert str(pending.pk) not in response.json()["likes"]
    assert "bi-mat-likes" not in response.content.decode()
    assert "public" in response["Cache-Control"] and "max-age=10" in response["Cache-Control"]
    for name, value in response.items():
        assert "bi-mat-likes" not in value, name


def test_the_counts_endpoint_is_never_served_stale_from_the_page_cache(article):
    comment = approved(article)
    url = reverse("comments:counts", kwargs={"slug": article.slug})
    assert Client().get(url).json() == {"likes": {str(comment.pk): 0}}

    like(Client(), comment)

    assert Client().get(url).json() == {"likes": {str(comment.pk): 1}}


def test_the_counts_of_a_draft_or_an_unknown_story_are_404(section):
    draft = ArticleFactory(section=section, draft=True)
    approved(draft)
    scheduled = ArticleFactory(section=section, scheduled=True)

    for slug in (draft.slug, scheduled.slug, "khong-co-bai-nay"):
        response = Client().get(reverse("comments:counts", kwargs={"slug": slug}))
        assert response.status_code == 404, slug


def test_a_story_with_comments_turned_off_gives_no_counts(article):
    approved(article)
    CommentRule.objects.create(
        scope=CommentRule.Scope.STORY, article=article, mode=CommentRule.Mode.OFF
    )

    response = Client().get(reverse("comments:counts", kwargs={"slug": article.slug}))

    assert json.loads(response.content) == {"likes": {}}
