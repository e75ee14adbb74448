"""Hostile and broken input, thrown by Hypothesis: never a 500, never half a write.

Random text, combining marks, right-to-left marks, emoji, NUL bytes, lone surrogates (sent as
the invalid UTF-8 a form could carry), huge values and wrong types go to the comment form,
search, pagination and every URL pattern of the site, as readers and as a superuser. Each
answer must be a 2xx/3xx/4xx, a 4xx must say something readable, and a refusal writes nothing.
"""

import re
from urllib.parse import quote_from_bytes

import pytest
from django.contrib.admin.models import LogEntry
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import URLResolver, get_resolver, reverse
from django.utils.html import strip_tags
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from articles.models import Article, Author, Section, Tag
from comments.models import Comment, DisallowedWord
from tests.comments.factories import CommentFactory
from tests.factories import AuthorFactory, BylineFactory, TagFactory, UserFactory

pytestmark = pytest.mark.django_db

# Modest and repeatable: the whole suite stays quick, CI sees the same examples every run.
FAST = settings(
    max_examples=40,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

# --- what a hostile or broken client sends ---------------------------------------------------

WRONG_TYPES = [
    "", " ", "None", "null", "[]", "{}", "true", "-1", "0", "1e309", "NaN", "-inf", "0x1F",
    "²", "١٢٣", "٣٤٥٦٧٨٩٠١٢٣٤", "99999999999999999999999999", "-9223372036854775809",
    "1.5", "%00", "%", "../../etc/passwd", "<script>alert(1)</script>", "' OR 1=1 --",
    "\r\nSet-Cookie: x=1", "javascript:alert(1)", "a" * 254 + "@example.com",
]  # fmt: skip
COMBINING = st.text(st.characters(categories=["Mn", "Me"]), min_size=1, max_size=40)
ZALGO = st.text(st.sampled_from("aăâđêôơưy") | st.characters(categories=["Mn"]), max_size=60)
RTL = st.sampled_from(["\u202eTên đảo ngược", "\u200f\u200e", "مرحبا بالعالم", "שלום", "\u2067x"])
EMOJI = st.sampled_from(["😀", "👩‍👩‍👧‍👦", "🇻🇳", "🏳️‍🌈" * 30, "\U0001f600" * 500])
NUL = st.text(max_size=20).map(lambda t: f"{t}\x00{t}")
SURROGATES = st.text(st.characters(categories=["Cs"]), min_size=1, max_size=5)
CONTROL = st.text(st.characters(categories=["Cc", "Cf", "Zl", "Zp"]), min_size=1, max_size=20)
HUGE = st.sampled_from(["a", "đ", "😀", "9", " ", "\x00"]).flatmap(
    lambda c: st.sampled_from([c * 4_001, c * 40_000])
)
# For fields that should hold a number: digits of other scripts, signs, overflow, junk.
NUMBERISH = st.one_of(
    st.integers(-(10**30), 10**30).map(str),
    st.text(st.characters(categories=["Nd", "No", "Nl"]), min_size=1, max_size=14),
    st.sampled_from(WRONG_TYPES),
)
PIECES = st.one_of(
    st.text(max_size=80),
    COMBINING,
    ZALGO,
    RTL,
    EMOJI,
    NUL,
    SURROGATES,
    CONTROL,
    st.integers(-(10**30), 10**30).map(str),
    st.sampled_from(WRONG_TYPES),
)
HOSTILE = st.one_of(PIECES, HUGE, st.lists(PIECES, min_size=2, max_size=4).map("".join))


def encode(text: str) -> str:
    """Percent-encode as UTF-8, lone surrogates included (invalid UTF-8, as a browser could)."""
    return quote_from_bytes(text.encode("utf-8", "surrogatepass"), safe="")


def form_body(fields) -> str:
    """application/x-www-form-urlencoded from (name, value) pairs; repeats allowed."""
    return "&".join(f"{encode(k)}={encode(v)}" for k, v in fields)


NUMERIC_FIELDS = {"parent", "page", "p", "reply_to", "o", "_selected_action"}


def field_values(name):
    """A field sent once, twice (a list), or not at all."""
    values = st.one_of(NUMBERISH, HOSTILE) if name in NUMERIC_FIELDS else HOSTILE
    return st.one_of(
        values.map(lambda v: [(name, v)]),
        st.lists(values, min_size=2, max_size=3).map(lambda vs: [(name, v) for v in vs]),
        st.just([]),
    )


def hostile_form(names):
    extra = st.lists(st.tuples(HOSTILE, HOSTILE), max_size=2)
    parts = [field_values(n) for n in names]
    return st.tuples(*parts, extra).map(lambda ps: [pair for part in ps for pair in part])


def assert_readable(response, method="GET"):
    assert response.status_code < 500
    if 300 <= response.status_code < 400:
        assert response.has_header("Location")
    if response.status_code >= 400 and method != "HEAD":
        text = " ".join(strip_tags(response.content.decode(errors="replace")).split())
        assert len(text) >= 20, (response.status_code, text)


def counts():
    models = [Article, Author, Section, Tag, Comment, DisallowedWord, get_user_model(), LogEntry]
    return {model.__name__: model.objects.count() for model in models}


# --- the comment form ----------------------------------------------------------------------

COMMENT_FIELDS = ["name", "email", "body", "parent", "rendered", "website", "remember"]


@FAST
@given(fields=hostile_form(COMMENT_FIELDS), agent=HOSTILE)
@example(fields=[("parent", "²"), ("body", "Xin chào")], agent="")
@example(fields=[("parent", "9" * 40), ("name", "\ud800"), ("body", "ab\x00")], agent="\x00")
def test_comment_form_refuses_clearly_and_never_half_writes(
    client, article, settings, fields, agent
):
    settings.COMMENTS_RATE_LIMIT_ENABLED = False
    before = Comment.objects.count()
    url = reverse("comments:post", kwargs={"slug": article.slug})

    response = client.post(
        url,
        form_body(fields),
        content_type="application/x-www-form-urlencoded",
        HTTP_USER_AGENT=agent.encode("utf-8", "surrogatepass").decode("latin-1"),
    )

    assert_readable(response, "POST")
    assert response.status_code in {302, 400}
    if response.status_code == 302:
        comment = Comment.objects.latest("pk")
        assert Comment.objects.count() == before + 1
        for text in (comment.name, comment.email, comment.body, comment.user_agent):
            assert "\x00" not in text and "\ufffd" not in comment.email
        assert len(comment.body) <= settings.COMMENTS_MAX_LENGTH
    else:
        assert Comment.objects.count() == before
        assert "invalid-feedback" in response.content.decode()  # the reason, next to the field
    article.refresh_from_db()
    assert article.comment_count == Comment.objects.approved().filter(article=article).count()


def test_a_nul_byte_in_a_comment_is_a_validation_error(client, article):
    url = reverse("comments:post", kwargs={"slug": article.slug})
    data = {"name": "Lan", "email": "lan@example.com", "body": "Xin chào\x00 tòa soạn"}

    response = client.post(url, data)

    assert response.status_code == 400
    assert not Comment.objects.exists()


# --- search and pagination -----------------------------------------------------------------


LISTINGS = ["search", "section", "tag", "author", "home", "story", "sitemap"]
QUICK = settings(FAST, max_examples=15)


@pytest.fixture
def listing_urls(article, section):
    tag, author = TagFactory(name="Cà phê"), AuthorFactory(name="Mai Lan")
    article.tags.add(tag)
    BylineFactory(article=article, author=author)
    return {
        "search": reverse("articles:search"),
        "section": section.get_absolute_url(),
        "tag": tag.get_absolute_url(),
        "author": author.get_absolute_url(),
        "home": reverse("articles:home"),
        "story": article.get_absolute_url(),
        "sitemap": reverse("sitemap"),
    }


@pytest.mark.parametrize("page", LISTINGS)
@QUICK
@given(query=hostile_form(["q", "page", "p", "reply_to"]))
@example(query=[("reply_to", "²"), ("page", "²")])  # isdigit() but not int()
@example(query=[("page", "9" * 30), ("reply_to", "9" * 11), ("p", "-1")])
@example(query=[("q", "\x00"), ("page", "\x00"), ("reply_to", "\ud800")])
def test_search_and_pagination_answer_every_query(client, listing_urls, page, query):
    before = counts()

    response = client.get(f"{listing_urls[page]}?{form_body(query)}")

    assert_readable(response)
    assert response.status_code in {200, 404}
    assert counts() == before


# --- every URL pattern ---------------------------------------------------------------------

PLACEHOLDER = re.compile(r"<(?:(\w+):)?(\w+)>|\(\?P<(\w+)>(?:[^()]|\([^()]*\))*\)")


def url_templates():
    """Every URL pattern of the site as a path with <kind:name> holes."""
    found = []

    def walk(patterns, prefix):
        for pattern in patterns:
            source = str(pattern.pattern).replace("^", "").replace("\\Z", "").replace("$", "")
            if isinstance(pattern, URLResolver):
                walk(pattern.url_patterns, prefix + source)
            else:
                found.append(prefix + source)

    walk(get_resolver().url_patterns, "/")
    return sorted(set(found))


TEMPLATES = url_templates()


@pytest.fixture
def known(article, section):
    """Real slugs and ids, so that some generated URLs reach real objects."""
    tag, author = TagFactory(name="Thời sự"), AuthorFactory(name="Hồng Nhung")
    comment = CommentFactory(article=article)
    values = [article.slug, section.slug, tag.slug, author.slug, "approve", "spam", "auth"]
    ids = [article.pk, section.pk, tag.pk, author.pk, comment.pk, 1]
    return values + [str(i) for i in ids]


def hole_value(kind, known_values):
    generated = {
        "int": st.integers(0, 10**25).map(str),
        "slug": st.from_regex(r"[-a-zA-Z0-9_]{1,60}", fullmatch=True),
    }.get(kind, HOSTILE.filter(bool).map(encode))
    return st.one_of(st.sampled_from(known_values), generated)


@st.composite
def requests(draw, known_values):
    template = draw(st.sampled_from(TEMPLATES))

    def fill(match):
        return draw(hole_value(match[1] or "re", known_values))

    path = PLACEHOLDER.sub(fill, template)
    query = draw(hostile_form(["q", "page", "p", "o", "next", "status", "_popup", "reply_to"]))
    method = draw(st.sampled_from(["GET", "GET", "POST", "POST", "HEAD", "PUT", "DELETE"]))
    body = draw(hostile_form(["name", "title", "body", "email", "action", "_selected_action"]))
    return method, f"{path}?{form_body(query)}", form_body(body)


def test_every_url_pattern_is_covered():
    assert len(TEMPLATES) > 50
    assert "/bai-viet/<slug:slug>/" in TEMPLATES
    assert "/admin/comments/comment/queue/<int:pk>/<str:action>/" in TEMPLATES


def send(browser, request):
    method, url, body = request
    return browser.generic(method, url, body, content_type="application/x-www-form-urlencoded")


@FAST
@given(data=st.data())
def test_every_url_answers_a_reader_without_a_500(known, data):
    request = data.draw(requests(known))
    before = counts()

    response = send(Client(), request)

    assert_readable(response, request[0])
    if response.status_code >= 400 or request[0] in {"GET", "HEAD"}:
        assert counts() == before


@FAST
@given(data=st.data())
def test_every_url_answers_a_superuser_without_a_500(known, data):
    admin = UserFactory(username="sep", is_staff=True, is_superuser=True)
    browser = Client()
    browser.force_login(admin)
    request = data.draw(requests(known))
    before = counts()

    response = send(browser, request)

    assert_readable(response, request[0])
    if response.status_code >= 400:
        assert counts() == before
