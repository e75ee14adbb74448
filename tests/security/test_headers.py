"""Security headers on every kind of page: reader pages, the admin, error pages."""

import base64
import hashlib
import re
from pathlib import Path

import pytest
from django.contrib.staticfiles import finders
from django.test import Client
from django.urls import reverse

from articles import views as article_views
from tests.comments.factories import CommentFactory
from tests.comments.helpers import post_comment
from tests.factories import AuthorFactory, BylineFactory, TagFactory

pytestmark = pytest.mark.django_db

SCRIPT_TAG = re.compile(r"<script\b([^>]*)>", re.I)
DATA_TYPES = {"application/ld+json", "application/json"}
FIXED_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "Cross-Origin-Opener-Policy": "same-origin",
    "X-Frame-Options": "DENY",
}


def policy(response):
    header = response["Content-Security-Policy"]
    return {d.split()[0]: d.split()[1:] for d in header.split("; ")}


def assert_security_headers(response):
    for name, value in FIXED_HEADERS.items():
        assert response.get(name) == value, name
    csp = policy(response)
    assert csp["default-src"] == ["'self'"]
    assert "'unsafe-inline'" not in csp["script-src"]
    assert "'unsafe-eval'" not in csp["script-src"]
    assert csp["object-src"] == ["'none'"]
    assert csp["frame-ancestors"] == ["'none'"]
    assert csp["base-uri"] == ["'none'"]


def header_nonce(response):
    nonces = [v for v in policy(response)["script-src"] if v.startswith("'nonce-")]
    return nonces[0][len("'nonce-") : -1] if nonces else None


def executable_inline_scripts(html):
    """Attributes of every <script> a browser would run that has no src."""
    found = []
    for attrs in SCRIPT_TAG.findall(html):
        kind = re.search(r'type="([^"]+)"', attrs)
        if "src=" not in attrs and not (kind and kind[1] in DATA_TYPES):
            found.append(attrs)
    return found


@pytest.fixture
def reader_pages(article, section):
    tag, author = TagFactory(name="Cà phê"), AuthorFactory(name="Mai Lan")
    article.tags.add(tag)
    BylineFactory(article=article, author=author)
    CommentFactory(article=article, status="approved")
    return [
        reverse("articles:home"),
        article.get_absolute_url(),
        section.get_absolute_url(),
        tag.get_absolute_url(),
        author.get_absolute_url(),
        reverse("articles:search") + "?q=cà+phê",
        reverse("articles:feed"),
        reverse("sitemap"),
        reverse("robots_txt"),
    ]


def test_reader_pages_send_every_header_and_a_policy_without_nonce(reader_pages):
    for url in reader_pages:
        first, second = Client().get(url), Client().get(url)

        assert first.status_code == 200, url
        assert_security_headers(first)
        assert header_nonce(first) is None, url  # nothing inline to allow on reader pages
        assert first["Content-Security-Policy"] == second["Content-Security-Policy"]
        assert executable_inline_scripts(first.content.decode()) == [], url


def test_story_page_structured_data_is_a_data_block_not_a_script(client, article):
    html = client.get(article.get_absolute_url()).content.decode()

    assert '<script type="application/ld+json">' in html
    assert executable_inline_scripts(html) == []


def test_admin_inline_scripts_carry_the_nonce_of_the_header(editor_client, moderator_client):
    pages = [
        (Client(), reverse("admin:login")),
        (editor_client, reverse("admin:index")),
        (editor_client, reverse("admin:articles_article_add")),  # the prose editor
        (editor_client, reverse("admin:articles_author_add")),
        (moderator_client, reverse("admin:comments_comment_queue")),
        (moderator_client, reverse("admin:comments_comment_changelist")),
    ]
    for browser, url in pages:
        response = browser.get(url)
        assert response.status_code == 200, url
        assert_security_headers(response)
        html = response.content.decode()
        nonce = header_nonce(response)
        for attrs in executable_inline_scripts(html):
            assert nonce and f'nonce="{nonce}"' in attrs, (url, attrs)


def test_editor_import_map_is_allowed_by_a_fresh_nonce_each_time(editor_client):
    url = reverse("admin:articles_article_add")
    first, second = editor_client.get(url), editor_client.get(url)

    nonce = header_nonce(first)
    assert nonce and nonce != header_nonce(second)
    assert re.search(rf'<script[^>]*type="importmap"[^>]*nonce="{nonce}"', first.content.decode())


def test_the_editor_style_hash_matches_the_installed_editor(settings):
    """Tiptap injects one fixed <style>; CSP allows exactly it by hash (see settings)."""
    script = Path(finders.find("django_prose_editor/editor.js")).read_text()
    start = script.index(".ProseMirror {\n  position: relative;")
    css = script[script.rindex("`", 0, start) + 1 : script.index("`", start)]
    digest = base64.b64encode(hashlib.sha256(css.encode()).digest()).decode()

    expected = f"'sha256-{digest}'"
    assert expected == settings.EDITOR_STYLE_HASH
    assert settings.EDITOR_STYLE_HASH in settings.SECURE_CSP["style-src"]


def test_error_pages_send_the_headers(client, editor_client, article, monkeypatch):
    not_found = client.get("/khong-co-trang-nay/")
    forbidden = editor_client.get(reverse("admin:auth_user_changelist"))
    not_allowed = client.get(reverse("comments:post", kwargs={"slug": article.slug}))
    bad_host = client.get("/", HTTP_HOST="evil.example")
    csrf = Client(enforce_csrf_checks=True).post(reverse("admin:login"), {})

    def broken(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(article_views, "render", broken)
    server_error = Client(raise_request_exception=False).get(reverse("articles:home"))

    for response, status in [
        (not_found, 404),
        (forbidden, 403),
        (not_allowed, 405),
        (bad_host, 400),
        (csrf, 403),
        (server_error, 500),
    ]:
        assert response.status_code == status
        assert_security_headers(response)


def test_hsts_only_over_https(client):
    assert "Strict-Transport-Security" not in client.get("/")

    response = client.get("/", secure=True)

    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"
    assert "upgrade-insecure-requests" in response["Content-Security-Policy"]


def test_behind_the_proxy_https_is_recognised_from_x_forwarded_proto(client):
    response = client.get("/", HTTP_X_FORWARDED_PROTO="https")

    assert "Strict-Transport-Security" in response


def test_every_cookie_is_secure_and_private_ones_are_http_only(client, article, editor, settings):
    """With HTTPS on, production sets these three to True (the test settings turn them off)."""
    settings.SESSION_COOKIE_SECURE = settings.CSRF_COOKIE_SECURE = True
    settings.LANGUAGE_COOKIE_SECURE = True

    page = client.get(article.get_absolute_url(), secure=True)
    posted = post_comment(client, article, remember="on", secure=True)
    scripted = post_comment(
        Client(), article, ip="203.0.113.8", body="Từ script", landing="shared", secure=True
    )
    assert scripted.status_code == 302, scripted.status_code
    language = client.post(reverse("set_language"), {"language": "en", "next": "/"}, secure=True)
    login = Client().post(
        reverse("admin:login"),
        {"username": "editor", "password": "secret-pass-123"},
        secure=True,
    )

    personal = client.get(posted["Location"], secure=True)  # its withdraw form has a token

    answers = (page, posted, scripted, personal, language, login)
    cookies = [c for r in answers for c in r.cookies.values()]
    names = {c.key for c in cookies}
    assert {"csrftoken", "newsroom_commenter", "messages", "django_language", "sessionid"} <= names
    assert {"newsroom_own_comments", "newsroom_has_personal", "newsroom_posted"} <= names
    # Harmless, read by no one else; the hint and "posted" hold only "1", read by personal.js.
    readable = {"csrftoken", "django_language", "newsroom_has_personal", "newsroom_posted"}
    for cookie in (c for c in cookies if c.value):  # not deletions (messages shown)
        assert cookie["secure"], cookie.key
        if cookie.key not in readable:
            assert cookie["httponly"], cookie.key
