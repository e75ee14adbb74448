"""Posts from other sites are refused without a per-reader token (newsroom/infra/origin.py): by
`Sec-Fetch-Site`, or by `Origin` from browsers without it. Comment, like, report and language
switch; a readable 403 that keeps the reader's text, and nothing stored."""

import pytest
from django.test import Client
from django.urls import reverse

from comments.models import Comment, CommentLike, CommentReport
from tests.comments.factories import CommentFactory
from tests.comments.helpers import comment_data

pytestmark = pytest.mark.django_db

SITE = "baokontum.vn"
REFUSED = "Không nhận nội dung gửi từ trang khác"
EVIL = "https://evil.example"
SAME_ORIGIN = {"HTTP_SEC_FETCH_SITE": "same-origin", "HTTP_ORIGIN": f"https://{SITE}"}
FROM_ELSEWHERE = {
    "another site": {"HTTP_SEC_FETCH_SITE": "cross-site", "HTTP_ORIGIN": EVIL},
    "another site, no origin": {"HTTP_SEC_FETCH_SITE": "cross-site"},
    "a sibling subdomain": {
        "HTTP_SEC_FETCH_SITE": "same-site",
        "HTTP_ORIGIN": f"https://quangcao.{SITE}",
    },
    "an older browser on another site": {"HTTP_ORIGIN": EVIL},
    "an opaque origin": {"HTTP_ORIGIN": "null"},
    "a malformed origin": {"HTTP_ORIGIN": "https://[baokontum.vn"},
}


@pytest.fixture(autouse=True)
def _site(settings):
    settings.ALLOWED_HOSTS = [SITE, f".{SITE}", "testserver"]


def browser():
    """A reader's browser on the site, which would refuse a post without Django's token."""
    return Client(enforce_csrf_checks=True, HTTP_HOST=SITE, REMOTE_ADDR="203.0.113.30")


def post_comment(client, article, headers, **data):
    url = reverse("comments:post", kwargs={"slug": article.slug})
    return client.post(url, comment_data(**data), secure=True, **headers)


@pytest.fixture
def approved(article):
    return CommentFactory(article=article, status=Comment.Status.APPROVED)


@pytest.mark.parametrize("sender", FROM_ELSEWHERE)
def test_a_comment_sent_from_elsewhere_is_refused_with_the_reason_and_the_text_kept(
    article, sender
):
    response = post_comment(
        browser(), article, FROM_ELSEWHERE[sender], body="Lời của tôi <b>nguyên vẹn</b>"
    )

    assert response.status_code == 403
    html = response.content.decode()
    assert REFUSED in html
    assert "Lời của tôi &lt;b&gt;nguyên vẹn&lt;/b&gt;</textarea>" in html
    assert f'href="{article.get_absolute_url()}#gui-binh-luan"' in html
    assert not Comment.objects.exists()


def test_a_comment_from_elsewhere_to_no_such_story_gets_the_same_refusal(article):
    url = reverse("comments:post", kwargs={"slug": "khong-co-bai-nay"})
    data = comment_data(body="Lời của tôi")
    response = browser().post(url, data, secure=True, **FROM_ELSEWHERE["another site"])

    assert response.status_code == 403
    assert "Lời của tôi</textarea>" in response.content.decode()


def test_the_refusal_names_the_site_it_came_from(article):
    response = post_comment(browser(), article, FROM_ELSEWHERE["another site"])

    assert f"({EVIL})" in response.content.decode()


def test_the_refusal_is_in_english_on_the_english_site(article):
    reader = browser()
    reader.cookies["django_language"] = "en"

    response = post_comment(reader, article, FROM_ELSEWHERE["another site"], body="Kept text")

    html = response.content.decode()
    assert response.status_code == 403
    assert '<html lang="en">' in html
    assert "Kept text</textarea>" in html


@pytest.mark.parametrize(
    "headers",
    [
        SAME_ORIGIN,
        {"HTTP_ORIGIN": f"https://{SITE}"},  # a browser without Fetch Metadata
        {"HTTP_SEC_FETCH_SITE": "none"},  # the reader's own action: no page sent it
        {},  # no browser at all: other defences remain
    ],
    ids=["same origin", "matching origin only", "user-initiated", "no headers"],
)
def test_a_comment_from_the_site_itself_is_taken_without_any_token(article, headers):
    response = post_comment(browser(), article, headers, body="Gửi từ chính trang này")

    assert response.status_code == 302
    assert Comment.objects.get().body == "Gửi từ chính trang này"


def test_a_trusted_origin_must_match_its_scheme_too(article, settings):
    settings.CSRF_TRUSTED_ORIGINS = [f"https://*.{SITE}"]
    plain_http = {"HTTP_SEC_FETCH_SITE": "same-site", "HTTP_ORIGIN": f"http://quangcao.{SITE}"}

    response = post_comment(browser(), article, plain_http)

    assert response.status_code == 403
    assert not Comment.objects.exists()


def test_an_origin_in_csrf_trusted_origins_may_post(article, settings):
    settings.CSRF_TRUSTED_ORIGINS = [f"https://*.{SITE}"]

    response = post_comment(browser(), article, FROM_ELSEWHERE["a sibling subdomain"])

    assert response.status_code == 302
    assert Comment.objects.count() == 1


@pytest.mark.parametrize("sender", FROM_ELSEWHERE)
def test_a_like_from_elsewhere_is_refused_and_not_counted(approved, sender):
    url = reverse("comments:like", kwargs={"pk": approved.pk})

    response = browser().post(url, secure=True, **FROM_ELSEWHERE[sender])

    assert response.status_code == 403
    assert REFUSED in response.content.decode()
    assert not CommentLike.objects.exists()


def test_a_like_from_the_page_itself_needs_no_token(approved):
    url = reverse("comments:like", kwargs={"pk": approved.pk})

    response = browser().post(url, secure=True, HTTP_ACCEPT="application/json", **SAME_ORIGIN)

    assert response.json() == {"liked": True, "count": 1}


def test_a_report_from_elsewhere_is_refused_with_the_note_kept(approved):
    url = reverse("comments:report", kwargs={"pk": approved.pk})
    report = {"reason": CommentReport.Reason.SPAM, "note": "Quảng cáo lộ liễu"}

    response = browser().post(url, report, secure=True, **FROM_ELSEWHERE["another site"])

    assert response.status_code == 403
    html = response.content.decode()
    assert REFUSED in html
    assert "Quảng cáo lộ liễu</textarea>" in html
    assert f'href="{approved.get_absolute_url()}"' in html
    assert not CommentReport.objects.exists()


def test_a_report_from_the_page_itself_needs_no_token(approved):
    reader = browser()
    url = reverse("comments:report", kwargs={"pk": approved.pk})
    assert "csrfmiddlewaretoken" not in reader.get(url, secure=True).content.decode()

    response = reader.post(url, {"reason": CommentReport.Reason.SPAM}, secure=True, **SAME_ORIGIN)

    assert response.status_code == 200
    assert CommentReport.objects.count() == 1


def test_a_link_from_another_site_to_the_report_page_still_opens_it(approved):
    url = reverse("comments:report", kwargs={"pk": approved.pk})

    response = browser().get(url, secure=True, **FROM_ELSEWHERE["another site"])

    assert response.status_code == 200


@pytest.mark.parametrize("sender", FROM_ELSEWHERE)
def test_the_language_switch_from_elsewhere_is_refused_and_sets_no_cookie(db, sender):
    response = browser().post(
        reverse("set_language"), {"language": "en", "next": "/"}, **FROM_ELSEWHERE[sender]
    )

    assert response.status_code == 403
    assert REFUSED in response.content.decode()
    assert "django_language" not in response.cookies


def test_the_language_switch_needs_no_token_and_goes_back_only_to_this_site(db):
    reader = browser()
    assert "csrfmiddlewaretoken" not in reader.get("/", secure=True).content.decode()

    url = reverse("set_language")
    search = "/tim-kiem/"
    switched = reader.post(url, {"language": "en", "next": search}, secure=True, **SAME_ORIGIN)
    away = reader.post(url, {"language": "vi", "next": EVIL}, secure=True, **SAME_ORIGIN)

    assert (switched.status_code, switched["Location"]) == (302, search)
    assert switched.cookies["django_language"].value == "en"
    assert (away.status_code, away["Location"]) == (302, "/")
    assert away.cookies["django_language"].value == "vi"


def test_staff_liking_or_switching_language_need_their_token(editor, approved):
    staff = browser()
    staff.force_login(editor)
    like = reverse("comments:like", kwargs={"pk": approved.pk})
    language = reverse("set_language")

    assert staff.post(like, secure=True, **SAME_ORIGIN).status_code == 403
    assert staff.post(language, {"language": "en"}, secure=True, **SAME_ORIGIN).status_code == 403
    html = staff.get(approved.article.get_absolute_url(), secure=True).content.decode()
    token = html.split('name="csrfmiddlewaretoken" value="')[1].split('"')[0]
    with_token = {"csrfmiddlewaretoken": token}

    assert staff.post(like, with_token, secure=True, **SAME_ORIGIN).status_code == 302
    switched = staff.post(language, {**with_token, "language": "en"}, secure=True, **SAME_ORIGIN)
    assert switched.cookies["django_language"].value == "en"
    assert CommentLike.objects.count() == 1
