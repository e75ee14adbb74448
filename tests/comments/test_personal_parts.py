"""Shared pages are the same bytes for every anonymous reader; a reader's own parts (remembered
name and email, pending comments with their edit and withdraw forms) come only from the
personal answers under /cua-ban/, private and stored by no cache."""

import re
import time

import pytest
from django.core.cache import caches
from django.test import Client
from django.urls import reverse

from comments import decisions, policy
from comments.models import Comment, CommentRule
from tests.comments.factories import CommentFactory
from tests.comments.helpers import post_comment
from tests.factories import ArticleFactory, AuthorFactory, BylineFactory, TagFactory, UserFactory

pytestmark = pytest.mark.django_db

EMAIL = "lan-rieng-4d2e@example.org"
HINT = "newsroom_has_personal"
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def personal_json(client, article, query=""):
    return client.get(reverse("comments:personal", kwargs={"slug": article.slug}) + query)


def is_private(response):
    control = response["Cache-Control"]
    return "private" in control and "no-store" in control


def approved(article, **fields):
    comment = CommentFactory(article=article, **fields)
    decisions.approve([comment], UserFactory(username="kiemduyet"))
    comment.refresh_from_db()
    return comment


@pytest.fixture
def commenter(article):
    """A reader who posted a pending comment and ticked "Lưu tên và email"."""
    browser = Client(REMOTE_ADDR="203.0.113.40")
    response = post_comment(browser, article, email=EMAIL, body="Ý kiến chờ duyệt", remember="on")
    assert response.status_code == 302
    browser.get(response["Location"])  # where the browser lands: the thanks are shown there
    return browser


def fresh(client, url):
    """`url` drawn again for `client`, not served from the page cache."""
    caches["default"].clear()
    return client.get(url)


def without_form_time(html):
    """The page minus the moment it was drawn (the signed form time): the same for every
    reader of one cached copy."""
    return re.sub(r'(name="rendered" value=")[^"]+', r"\1", html)


def test_a_reader_with_personal_cookies_gets_the_same_bytes_as_anyone(commenter, article):
    assert {"newsroom_commenter", "newsroom_own_comments", HINT} <= set(commenter.cookies)
    url = article.get_absolute_url()

    theirs = commenter.get(url)  # drawn for them first, then kept
    anyones = Client().get(url)

    assert theirs.content == anyones.content
    assert not theirs.cookies and not anyones.cookies
    html = theirs.content.decode()
    assert EMAIL not in html and "Ý kiến chờ duyệt" not in html
    assert "csrfmiddlewaretoken" not in html
    assert "private" not in theirs["Cache-Control"]


def test_drawn_afresh_the_page_is_the_same_for_them_and_for_anyone(commenter, article):
    url = article.get_absolute_url()

    theirs = fresh(commenter, url).content.decode()
    anyones = fresh(Client(), url).content.decode()

    assert without_form_time(theirs) == without_form_time(anyones)


def test_no_anonymous_page_sets_a_cookie_or_carries_a_token(commenter, article, section):
    tag, author = TagFactory(), AuthorFactory()
    story = ArticleFactory(section=section, title="Bình luận và thẻ", tags=[tag])
    BylineFactory(article=story, author=author)
    shown = approved(story)
    pages = [
        reverse("articles:home"),
        section.get_absolute_url(),
        tag.get_absolute_url(),
        author.get_absolute_url(),
        story.get_absolute_url(),
        story.get_absolute_url() + "?sap-xep=moi-nhat",
        story.get_absolute_url() + f"?reply_to={shown.pk}",
        article.get_absolute_url(),
        reverse("comments:report", kwargs={"pk": shown.pk}),
        reverse("articles:search") + "?q=binh+luan",
        reverse("articles:feed"),
        reverse("articles:section_feed", kwargs={"slug": section.slug}),
        reverse("sitemap"),
    ]

    for reader in (Client(), commenter):
        for url in pages:
            for _visit in range(2):  # drawn, then from the cache
                response = reader.get(url)
                assert response.status_code == 200, url
                assert not response.cookies, (url, list(response.cookies))
                body = response.content.decode()
                assert "csrfmiddlewaretoken" not in body, url
                assert EMAIL not in body, url


def test_the_personal_answer_has_the_remembered_name_and_the_pending_comment(commenter, article):
    response = personal_json(commenter, article)

    assert response.status_code == 200
    assert is_private(response)
    data = response.json()
    assert (data["name"], data["email"], data["remember"]) == ("Nguyễn Thị Lan", EMAIL, True)
    assert 0 <= policy.seconds_since_render(data["rendered"], time.time()) < 5
    comment = Comment.objects.get()
    [pending] = data["pending"]
    assert (pending["id"], pending["parent"], pending["before"]) == (comment.pk, None, None)
    html = pending["html"]
    assert html.startswith(f'<li class="comment depth-1 is-pending" id="binh-luan-{comment.pk}">')
    assert "Ý kiến chờ duyệt" in html and "Bình luận của bạn đang chờ duyệt" in html
    assert f'href="{reverse("comments:edit", kwargs={"pk": comment.pk})}"' in html
    assert f'action="{reverse("comments:withdraw", kwargs={"pk": comment.pk})}"' in html
    assert TOKEN.search(html)
    assert EMAIL not in html


def test_another_browser_gets_nothing_personal(commenter, article):
    response = personal_json(Client(), article)

    data = response.json()
    assert (data["name"], data["email"], data["remember"], data["pending"]) == ("", "", False, [])
    assert data["rendered"]
    assert is_private(response)
    assert not response.cookies


def test_a_reply_goes_under_its_parent_and_a_new_comment_where_the_order_puts_it(article, settings):
    settings.COMMENTS_RATE_LIMITS = []  # two comments in a row from one reader
    older = approved(article, name="Chị Hoa")
    newer = approved(article, name="Anh Nam")
    reader = Client(REMOTE_ADDR="198.51.100.41")
    post_comment(reader, article, parent=str(older.pk), body="Em trả lời chị Hoa")
    post_comment(reader, article, body="Ý kiến riêng của em")
    reply = Comment.objects.get(body="Em trả lời chị Hoa")
    mine = Comment.objects.get(body="Ý kiến riêng của em")

    by_likes = {p["id"]: p for p in personal_json(reader, article).json()["pending"]}
    newest = {
        p["id"]: p for p in personal_json(reader, article, "?sap-xep=moi-nhat").json()["pending"]
    }

    assert (by_likes[reply.pk]["parent"], by_likes[reply.pk]["before"]) == (older.pk, None)
    assert 'class="comment depth-2 is-pending"' in by_likes[reply.pk]["html"]
    assert (by_likes[mine.pk]["parent"], by_likes[mine.pk]["before"]) == (None, None)
    assert (newest[mine.pk]["parent"], newest[mine.pk]["before"]) == (None, newer.pk)


def test_forged_cookies_or_an_unknown_story_never_fail_the_personal_answer(article):
    forger = Client()
    forger.cookies["newsroom_own_comments"] = "not-signed"
    forger.cookies["newsroom_commenter"] = "{}"
    forger.cookies[HINT] = "1"

    answer = personal_json(forger, article)
    unknown = forger.get(reverse("comments:personal", kwargs={"slug": "khong-co-bai-nay"}))

    assert answer.status_code == 200
    assert answer.json()["pending"] == []
    assert answer.cookies[HINT].value == ""  # the stale hint is dropped
    assert unknown.status_code == 404
    assert is_private(unknown)


def test_the_hint_cookie_follows_the_personal_cookies(article):
    reader = Client(REMOTE_ADDR="198.51.100.42")
    posted = post_comment(reader, article, body="Sẽ rút lại")
    hint = posted.cookies[HINT]
    assert hint.value == "1" and not hint["httponly"]

    comment = Comment.objects.get()
    token = TOKEN.search(reader.get(posted["Location"]).content.decode())[1]
    withdrawn = reader.post(
        reverse("comments:withdraw", kwargs={"pk": comment.pk}), {"csrfmiddlewaretoken": token}
    )

    assert withdrawn.cookies[HINT].value == ""  # nothing personal is left
    assert not reader.cookies[HINT].value


def test_the_hint_lasts_only_while_a_comment_waits_for_a_moderator(commenter, article):
    assert commenter.cookies[HINT].value == "1"
    other = ArticleFactory(section=article.section)
    assert personal_json(commenter, other).cookies[HINT].value == "1"  # still waiting
    decisions.approve(list(Comment.objects.all()), UserFactory(username="duyet"))

    answer = personal_json(commenter, other)

    assert answer.cookies[HINT].value == ""  # the script stops asking on every page
    assert answer.json()["name"] == "Nguyễn Thị Lan"  # the name is still remembered
    assert commenter.cookies["newsroom_commenter"].value


def test_a_remembered_name_alone_sets_no_hint(article):
    CommentRule.objects.create(
        scope=CommentRule.Scope.STORY, article=article, mode=CommentRule.Mode.KNOWN_PUBLISHED
    )
    approved(article, email=EMAIL, body="Đã duyệt trước đây")
    reader = Client(REMOTE_ADDR="198.51.100.51")

    posted = post_comment(reader, article, email=EMAIL, body="Đăng ngay", remember="on")

    assert Comment.objects.get(body="Đăng ngay").is_approved
    assert posted.cookies["newsroom_commenter"].value  # for the page drawn without JavaScript
    assert HINT not in posted.cookies  # nothing waits: the shared page asks for nothing


def test_without_javascript_a_post_lands_on_the_personal_page_with_everything_in_place(article):
    approved(article, name="Chị Hoa", body="Bình luận đã duyệt")
    reader = Client(enforce_csrf_checks=True, REMOTE_ADDR="198.51.100.43")

    posted = post_comment(reader, article, email=EMAIL, body="Chờ duyệt, không JS", remember="on")
    comment = Comment.objects.get(body="Chờ duyệt, không JS")
    assert posted["Location"] == f"/cua-ban{article.get_absolute_url()}#binh-luan-{comment.pk}"
    landed = reader.get(posted["Location"])

    assert landed.status_code == 200
    assert is_private(landed)
    assert landed["X-Robots-Tag"] == "noindex"
    html = landed.content.decode()
    assert f'class="comment depth-1 is-pending" id="binh-luan-{comment.pk}"' in html
    assert html.index("Bình luận đã duyệt") < html.index("Chờ duyệt, không JS")
    assert "Bình luận đã được gửi và đang chờ kiểm duyệt" in html
    assert 'value="Nguyễn Thị Lan"' in html and f'value="{EMAIL}"' in html
    assert "data-personal=" not in html  # already personal: the script asks for nothing


def test_a_post_sent_by_the_pages_script_lands_on_the_shared_page_from_the_cache(article):
    url = article.get_absolute_url()
    Client().get(url)  # kept by the page cache
    reader = Client(REMOTE_ADDR="198.51.100.47")

    posted = post_comment(reader, article, email=EMAIL, body="Chờ duyệt, có JS", landing="shared")
    comment = Comment.objects.get(body="Chờ duyệt, có JS")
    assert posted["Location"] == f"{url}#binh-luan-{comment.pk}"
    thanks = posted.cookies["newsroom_posted"]
    assert (thanks.value, thanks["path"]) == ("1", url)  # this story's page alone thanks them
    assert not thanks["httponly"]  # for the script to read
    assert "messages" not in posted.cookies  # it would make the shared page personal
    assert posted.cookies[HINT].value == "1"
    landed = reader.get(url)

    assert landed["X-Page-Cache"] == "hit"
    html = landed.content.decode()
    assert "Chờ duyệt, có JS" not in html and EMAIL not in html
    assert 'data-posted="Cảm ơn bạn! Bình luận đã được gửi và đang chờ kiểm duyệt."' in html
    pending = personal_json(reader, article).json()["pending"]
    assert [item["id"] for item in pending] == [comment.pk]
    assert "Chờ duyệt, có JS" in pending[0]["html"]


def test_a_bot_sending_the_scripts_field_is_told_the_same_and_remembered_nowhere(article):
    bot = Client(REMOTE_ADDR="198.51.100.49")

    posted = post_comment(bot, article, website="http://spam.example", landing="shared")

    assert Comment.objects.get().status == Comment.Status.SPAM
    assert posted["Location"] == f"{article.get_absolute_url()}#binh-luan"
    assert posted.cookies["newsroom_posted"].value == "1"  # the thanks a person gets
    assert "newsroom_own_comments" not in posted.cookies


def test_a_post_published_at_once_lands_on_the_personal_page_even_from_the_script(article):
    CommentRule.objects.create(
        scope=CommentRule.Scope.STORY, article=article, mode=CommentRule.Mode.KNOWN_PUBLISHED
    )
    approved(article, email=EMAIL, body="Đã duyệt trước đây")
    reader = Client(REMOTE_ADDR="198.51.100.48")

    posted = post_comment(reader, article, email=EMAIL, body="Đăng ngay", landing="shared")

    comment = Comment.objects.get(body="Đăng ngay")
    assert comment.is_approved
    assert posted["Location"] == f"/cua-ban{article.get_absolute_url()}#binh-luan-{comment.pk}"
    assert "newsroom_posted" not in posted.cookies
    assert "Bình luận đã được đăng" in reader.get(posted["Location"]).content.decode()


def test_without_javascript_edit_and_withdraw_work_with_the_personal_pages_token(article):
    reader = Client(enforce_csrf_checks=True, REMOTE_ADDR="198.51.100.44")
    posted = post_comment(reader, article, body="Có lỗi chính tả")
    comment = Comment.objects.get()
    edit = reverse("comments:edit", kwargs={"pk": comment.pk})
    withdraw = reverse("comments:withdraw", kwargs={"pk": comment.pk})
    assert edit in reader.get(posted["Location"]).content.decode()

    form = reader.get(edit)
    assert is_private(form)
    token = TOKEN.search(form.content.decode())[1]
    assert reader.post(edit, {"name": "Lan", "body": "Không token"}).status_code == 403
    edited = reader.post(edit, {"name": "Lan", "body": "Đã sửa", "csrfmiddlewaretoken": token})

    assert edited["Location"] == f"/cua-ban{comment.get_absolute_url()}"
    comment.refresh_from_db()
    assert comment.body == "Đã sửa"
    assert "Đã sửa" in reader.get(edited["Location"]).content.decode()

    assert reader.post(withdraw).status_code == 403  # a personal form: Django's token
    withdrawn = reader.post(withdraw, {"csrfmiddlewaretoken": token})
    assert withdrawn["Location"] == f"/cua-ban{article.get_absolute_url()}#binh-luan"
    assert not Comment.objects.exists()
    assert "Đã rút lại bình luận của bạn." in reader.get(withdrawn["Location"]).content.decode()


def test_a_refused_post_shows_the_story_with_the_text_and_the_readers_pending_comment(article):
    reader = Client(REMOTE_ADDR="198.51.100.45")
    post_comment(reader, article, body="Cái thứ nhất, chờ duyệt")

    refused = post_comment(reader, article, ip="198.51.100.46", body="x", name="")

    html = refused.content.decode()
    assert refused.status_code == 400
    assert "Cái thứ nhất, chờ duyệt" in html  # an answer to a POST: never cached
    assert ">\nx</textarea>" in html  # the text kept


def test_the_email_never_reaches_a_shared_page(commenter, article):
    decisions.approve(Comment.objects.all(), UserFactory(username="duyet"))

    for reader in (Client(), commenter):
        html = reader.get(article.get_absolute_url()).content.decode()
        assert "Ý kiến chờ duyệt" in html
        assert EMAIL not in html


def test_on_a_story_whose_comments_are_turned_off_nothing_pending_is_drawn(commenter, article):
    CommentRule.objects.create(
        scope=CommentRule.Scope.STORY, article=article, mode=CommentRule.Mode.OFF
    )

    data = personal_json(commenter, article).json()
    page = commenter.get(reverse("comments:personal_story", kwargs={"slug": article.slug}))

    assert (data["pending"], data["name"]) == ([], "Nguyễn Thị Lan")
    assert page.status_code == 200
    assert "Ý kiến chờ duyệt" not in page.content.decode()


def test_the_personal_copy_of_an_unknown_or_unpublished_story_is_not_found(section):
    draft = ArticleFactory(section=section, draft=True)

    for slug in ("khong-co-bai-nay", draft.slug):
        response = Client().get(reverse("comments:personal_story", kwargs={"slug": slug}))
        assert response.status_code == 404
        assert is_private(response)
