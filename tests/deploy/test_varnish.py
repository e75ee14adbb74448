"""deploy/varnish/newsroom.vcl in front of the app (gunicorn, production settings), on
loopback: what is cached, what passes, purges by key, and a scheduled story on time.

The stack (`stack` and `site` in conftest.py) skips without varnishd and fails under CI=true.
"""

import re
import time
from datetime import timedelta

import httpx
import pytest
from django.contrib.auth.hashers import PBKDF2PasswordHasher
from django.utils import timezone

from comments.models import Comment
from tests.deploy.tools import hidden_value, set_cookies
from tests.factories import ArticleFactory, SectionFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PASSWORD = "varnish-truoc-may-chu-2026"


def cache(response: httpx.Response) -> str:
    return response.headers.get("X-Cache", "")


def cached(reader: httpx.Client, url: str, **kwargs) -> httpx.Response:
    """`url` fetched until Varnish answers it from its cache. A page drawn within half a second
    of a write to what it shows is kept by nobody (each app process re-reads page versions
    twice a second), so just after the test's own writes this takes up to a second."""
    deadline = time.monotonic() + 2
    while True:
        response = reader.get(url, **kwargs)
        assert response.status_code == 200, (url, response.status_code)
        if cache(response) == "HIT" or time.monotonic() > deadline:
            break
        time.sleep(0.1)
    if cache(response) == "HIT":
        return response
    raise AssertionError(f"{url} was not cached: {cache(response)}, {response.headers}")


def staff(username: str, group: str):
    """A staff user whose password the app server can check (tests hash with MD5, it doesn't)."""
    user = UserFactory(username=username, is_staff=True, groups=[group])
    user.password = PBKDF2PasswordHasher().encode(PASSWORD, PBKDF2PasswordHasher().salt())
    user.save()
    return user


def log_in(reader: httpx.Client, username: str) -> None:
    page = reader.get("/admin/login/")
    token = hidden_value(page.text, "csrfmiddlewaretoken")
    answer = reader.post(
        "/admin/login/",
        data={"username": username, "password": PASSWORD, "next": "/admin/"},
        headers={"X-CSRFToken": token},
    )
    assert answer.status_code == 302, answer.text[-2000:]
    assert "sessionid" in reader.cookies


def test_the_second_request_for_a_story_is_a_hit(site):
    story = ArticleFactory(title="Giá cà phê Kon Tum tăng mạnh")
    site.settled()
    reader = site.reader()

    first = reader.get(story.get_absolute_url())
    second = reader.get(story.get_absolute_url())

    assert (cache(first), cache(second)) == ("MISS", "HIT")
    assert "Giá cà phê Kon Tum tăng mạnh" in second.text
    assert int(second.headers["Age"]) >= 0
    assert "s-maxage=" in second.headers["Cache-Control"]
    # The purge keys stay between the app and Varnish.
    assert not {"xkey", "surrogate-key", "cache-tag"} & {h.lower() for h in second.headers}
    # A reader's own cookies (remembered name, own comments, browser id, CSRF, analytics)
    # change nothing on a shared page: the same copy.
    cookies = (
        "newsroom_commenter=x; newsroom_own_comments=y; newsroom_reader=z; "
        "newsroom_has_personal=1; csrftoken=abc; _ga=GA1.2.3; _fbp=fb.1"
    )
    with_cookies = reader.get(story.get_absolute_url(), headers={"Cookie": cookies})
    assert cache(with_cookies) == "HIT"
    assert not set_cookies(with_cookies)


def test_tracking_parameters_are_left_out_of_the_cache_key(site):
    story = ArticleFactory(title="Lễ hội cồng chiêng")
    site.settled()
    url = story.get_absolute_url()
    reader = site.reader()
    cached(reader, url)

    shared = reader.get(f"{url}?utm_source=zalo&utm_medium=social&fbclid=IwAR0x&zarsrc=30")
    google = reader.get(f"{url}?gclid=Cj0&_ga=2.1&mc_cid=a1&mc_eid=b2&yclid=7&msclkid=9")
    assert (cache(shared), cache(google)) == ("HIT", "HIT")
    # Other parameters are kept, in their order: a page of its own.
    assert cache(reader.get(f"{url}?trang=2&utm_campaign=tet")) == "MISS"
    assert cache(reader.get(f"{url}?fbclid=1&trang=2")) == "HIT"
    assert cache(reader.get(f"{url}?trang=2&b=1")) == "MISS"
    assert cache(reader.get(f"{url}?b=1&trang=2")) == "MISS"


def test_each_language_has_its_own_copy(site):
    story = ArticleFactory(title="Mùa vàng trên cao nguyên")
    site.settled()
    url = story.get_absolute_url()
    vietnamese = cached(site.reader(), url)

    english = site.reader(Cookie="django_language=en; csrftoken=abc")
    first, second = english.get(url), english.get(url)
    other = site.reader(Cookie="_ga=GA1.2.3; django_language=fr").get(url)

    assert vietnamese.headers["Content-Language"] == "vi"
    assert (cache(first), cache(second)) == ("MISS", "HIT")
    assert second.headers["Content-Language"] == "en"
    assert (cache(other), other.headers["Content-Language"]) == ("HIT", "vi")
    assert "Cookie" not in second.headers.get("Vary", "")


def test_approving_a_comment_refreshes_its_story_within_a_second_and_leaves_others_cached(site):
    section = SectionFactory(name="Thời sự")
    story_a = ArticleFactory(title="Bài A có bình luận", section=section)
    story_b = ArticleFactory(title="Bài B bên cạnh", section=section)
    comment = Comment.objects.create(
        article=story_a, name="Bạn đọc", email="ban.doc@example.com", body="Duyệt qua Varnish"
    )
    staff("kiemduyet", "Moderators")
    site.settled()
    reader = site.reader()
    assert "Duyệt qua Varnish" not in cached(reader, story_a.get_absolute_url()).text
    cached(reader, story_b.get_absolute_url())

    moderator = site.reader()
    log_in(moderator, "kiemduyet")
    queue = moderator.get("/admin/comments/comment/queue/")
    assert cache(queue) == "PASS"
    answer = moderator.post(
        f"/admin/comments/comment/queue/{comment.pk}/approve/",
        headers={"X-CSRFToken": hidden_value(queue.text, "csrfmiddlewaretoken")},
    )
    approved_at = time.monotonic()
    assert answer.status_code == 302, answer.text[-2000:]
    assert Comment.objects.get(pk=comment.pk).status == Comment.Status.APPROVED

    while "Duyệt qua Varnish" not in (page := reader.get(story_a.get_absolute_url())).text:
        waited = time.monotonic() - approved_at
        assert waited <= 1.0, f"story A is still the old page after {waited:.2f} s: {page.headers}"
        time.sleep(0.05)
    assert time.monotonic() - approved_at <= 1.0
    assert cache(reader.get(story_b.get_absolute_url())) == "HIT"


def test_personal_requests_and_posts_pass_with_their_cookies(site):
    story = ArticleFactory(title="Đường Hồ Chí Minh qua Kon Tum")
    site.settled()
    url = story.get_absolute_url()
    reader = site.reader()
    page = cached(reader, url).text

    for personal in ("sessionid=abc", "messages=xyz", "csrftoken=a; messages=xyz; _ga=1"):
        answers = [site.reader(Cookie=personal).get(url) for _ in range(2)]
        assert [cache(a) for a in answers] == ["PASS", "PASS"], personal
    own = site.reader(Cookie="newsroom_own_comments=x").get(f"/cua-ban/binh-luan/{story.slug}/")
    assert cache(own) == "PASS"

    posted = reader.post(
        f"/bai-viet/{story.slug}/binh-luan/",
        data={
            "body": "Gửi qua Varnish, chờ duyệt",
            "name": "Y Bơ",
            "email": "y.bo@example.com",
            "rendered": hidden_value(page, "rendered"),
            "website": "",
        },
        headers={"Sec-Fetch-Site": "same-origin", "Origin": site.varnish},
    )
    assert cache(posted) == "PASS"
    assert posted.status_code == 302, posted.text[-2000:]
    assert Comment.objects.filter(body="Gửi qua Varnish, chờ duyệt").count() == 1
    assert {"messages", "newsroom_own_comments"} <= set_cookies(posted)

    # The page after the post shows its flash message once: it passes, then the shared copy.
    thanks = '<p class="message message-success">Cảm ơn bạn!'
    after = reader.get(posted.headers["Location"])
    assert cache(after) == "PASS"
    assert thanks in after.text
    again = reader.get(url)
    assert "newsroom_own_comments" in reader.cookies
    assert (cache(again), thanks in again.text) == ("HIT", False)

    beacon = reader.post(f"/luot-doc/{story.pk}/", headers={"Sec-Fetch-Site": "same-origin"})
    assert (beacon.status_code, cache(beacon)) == (204, "PASS")


def test_a_post_sent_by_the_pages_script_lands_on_the_shared_page_from_varnish(site):
    story = ArticleFactory(title="Mùa cà phê ở Đăk Hà")
    site.settled()
    url = story.get_absolute_url()
    reader = site.reader()
    page = cached(reader, url).text

    posted = reader.post(
        f"/bai-viet/{story.slug}/binh-luan/",
        data={
            "body": "Gửi bằng script, chờ duyệt",
            "name": "H'Hen",
            "email": "h.hen@example.com",
            "rendered": hidden_value(page, "rendered"),
            "website": "",
            "landing": "shared",  # added by personal.js
        },
        headers={"Sec-Fetch-Site": "same-origin", "Origin": site.varnish},
    )
    comment = Comment.objects.get(body="Gửi bằng script, chờ duyệt")
    assert posted.headers["Location"] == f"{url}#binh-luan-{comment.pk}"
    assert "messages" not in set_cookies(posted)

    landed = reader.get(url)
    own = reader.get(f"/cua-ban/binh-luan/{story.slug}/", headers={"Accept": "application/json"})

    assert cache(landed) == "HIT"  # the page every reader gets, from Varnish
    assert "Gửi bằng script" not in landed.text
    assert cache(own) == "PASS"
    assert [item["id"] for item in own.json()["pending"]] == [comment.pk]


def test_the_admin_is_never_cached(site):
    staff("bientap", "Biên tập viên")
    story = ArticleFactory(title="Tin trong trang quản trị")
    site.settled()
    anonymous = site.reader()
    assert [cache(anonymous.get("/admin/login/")) for _ in range(2)] == ["PASS", "PASS"]
    assert cache(anonymous.get("/admin/")) == "PASS"

    editor = site.reader()
    log_in(editor, "bientap")
    for path in ("/admin/", "/admin/articles/article/", "/admin/", story.get_absolute_url()):
        answer = editor.get(path)
        assert (answer.status_code, cache(answer)) == (200, "PASS"), path
        assert answer.headers.get("Age", "0") == "0"
    # What the editor saw is not what a reader gets.
    assert cache(site.reader().get(story.get_absolute_url())) == "MISS"


def test_a_scheduled_story_appears_on_the_home_page_on_time(site):
    section = SectionFactory(name="Xã hội")
    ArticleFactory(title="Tin đã đăng từ sáng", section=section)
    site.settled()
    reader = site.reader()
    assert "Tin đã đăng từ sáng" in cached(reader, "/").text

    publish_at = timezone.now() + timedelta(seconds=3)
    ArticleFactory(title="Tin hẹn giờ qua Varnish", section=section, publish_at=publish_at)
    site.settled()

    before = cached(reader, "/")
    assert "Tin hẹn giờ qua Varnish" not in before.text
    max_age = int(re.search(r"s-maxage=(\d+)", before.headers["Cache-Control"])[1])
    assert max_age <= 3, f"the home page outlives the scheduled story: {before.headers}"
    while timezone.now() < publish_at:
        time.sleep(0.05)

    while "Tin hẹn giờ qua Varnish" not in reader.get("/").text:
        late = (timezone.now() - publish_at).total_seconds()
        assert late <= 1.0, f"the story is not on the home page {late:.2f} s after its time"
        time.sleep(0.05)
    assert cache(cached(reader, "/")) == "HIT"


def test_purges_are_taken_only_from_the_acl_and_only_by_key(site):
    story = ArticleFactory(title="Bài chỉ máy chủ được xóa khỏi bộ nhớ đệm")
    site.settled()
    url = story.get_absolute_url()
    reader = site.reader()
    cached(reader, url)
    keys = {"xkey": f"story-{story.pk}"}

    outsider = httpx.Client(transport=httpx.HTTPTransport(local_address="127.0.0.5"))
    refused = outsider.request("PURGE", f"{site.varnish}/", headers=keys)
    proxied = httpx.request(
        "PURGE", f"{site.varnish}/", headers={**keys, "X-Forwarded-For": "203.0.113.7"}
    )
    assert (refused.status_code, proxied.status_code) == (403, 403)
    assert cache(reader.get(url)) == "HIT"

    assert httpx.request("PURGE", f"{site.varnish}/").status_code == 400
    other = httpx.request("PURGE", f"{site.varnish}/", headers={"xkey": "story-0"})
    assert (other.status_code, other.headers["X-Purged"]) == (200, "0")
    assert cache(reader.get(url)) == "HIT"

    purged = httpx.request("PURGE", f"{site.varnish}/", headers=keys)
    assert purged.status_code == 200
    assert int(purged.headers["X-Purged"]) >= 1
    assert cache(reader.get(url)) == "MISS"


def test_static_files_are_cached_by_their_own_headers(site):
    reader = site.reader(Cookie="csrftoken=abc; _ga=GA1.2.3")
    first = cached(reader, "/static/css/site.css")
    assert "max-age" in first.headers["Cache-Control"]
    assert first.headers["Content-Type"].startswith("text/css")


def test_the_operators_endpoints_are_not_served_through_varnish(stack):
    """Readers reach the app through Varnish: /metrics and /readyz answer only on the app's
    own port; /healthz is Varnish's backend probe."""
    for path in ("/metrics", "/readyz", "/metrics?x=1"):
        assert httpx.get(stack.varnish + path).status_code == 404
    assert httpx.get(stack.app + "/metrics").status_code == 200
    assert httpx.get(stack.varnish + "/healthz").status_code == 200
