"""Moving off WordPress, on exports written here: comment statuses and threads, updates from a
newer export, slugs, skipped items, and a large synthetic export. Small exports are written
with `write_export`; the generator `write_synthetic_export` also serves to measure the import
outside the test suite."""

import io
import random
from collections import Counter
from datetime import UTC, datetime

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from articles.models import Article, Section
from comments.models import Comment
from tests.factories import ArticleFactory
from tests.wordpress.imported import comment, comments, stories, story

pytestmark = pytest.mark.django_db

WXR_HEAD = """<?xml version="1.0" encoding="UTF-8" ?>
<rss version="2.0"
	xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/"
	xmlns:content="http://purl.org/rss/1.0/modules/content/"
	xmlns:wfw="http://wellformedweb.org/CommentAPI/"
	xmlns:dc="http://purl.org/dc/elements/1.1/"
	xmlns:wp="http://wordpress.org/export/1.2/"
>
<channel>
	<title>Báo thử</title>
	<wp:wxr_version>1.2</wp:wxr_version>
"""
WXR_TAIL = "</channel>\n</rss>\n"
GUTENBERG = "<!-- wp:paragraph -->\n<p>{}</p>\n<!-- /wp:paragraph -->"


def cdata(text) -> str:
    return "<![CDATA[" + str(text).replace("]]>", "]]]]><![CDATA[>") + "]]>"


def element(name, value, raw=False):
    return f"<{name}>{value if raw else cdata(value)}</{name}>"


def author_xml(login, name):
    fields = element("wp:author_login", login) + element("wp:author_display_name", name)
    return element("wp:author", fields, raw=True) + "\n"


def term_xml(kind, slug, name):
    if kind == "category":
        fields = element("wp:category_nicename", slug) + element("wp:cat_name", name)
        return element("wp:category", fields, raw=True) + "\n"
    fields = element("wp:tag_slug", slug) + element("wp:tag_name", name)
    return element("wp:tag", fields, raw=True) + "\n"


def comment_xml(
    wp_id,
    parent=0,
    approved="1",
    *,
    date="2025-01-20 02:00:00",
    kind="comment",
    name="Bạn đọc",
    email="ban.doc@example.com",
    ip="203.0.113.5",
    body=None,
):
    fields = [
        element("wp:comment_id", wp_id, raw=True),
        element("wp:comment_author", name),
        element("wp:comment_author_email", email),
        element("wp:comment_author_IP", ip),
        element("wp:comment_date_gmt", date),
        element("wp:comment_content", body or f"Ý kiến số {wp_id} của bạn đọc."),
        element("wp:comment_approved", approved),
        element("wp:comment_type", kind),
        element("wp:comment_parent", parent, raw=True),
    ]
    return element("wp:comment", "\n".join(fields), raw=True) + "\n"


def post_xml(
    wp_id,
    title,
    *,
    slug=None,
    status="publish",
    date="2025-01-20 01:00:00",
    content=None,
    creator="phongvien",
    category=("thoi-su", "Thời sự"),
    tags=(),
    comments=(),
    post_type="post",
    password="",
):
    fields = [
        element("title", title),
        element("dc:creator", creator),
        element("content:encoded", content or GUTENBERG.format(title)),
        element("excerpt:encoded", ""),
        element("wp:post_id", wp_id, raw=True),
        element("wp:post_date_gmt", date),
        element("wp:comment_status", "open"),
        element("wp:post_name", f"bai-so-{wp_id}" if slug is None else slug),
        element("wp:status", status),
        element("wp:post_type", post_type),
        element("wp:post_password", password),
    ]
    for domain, (nicename, name) in [("category", category)] + [("post_tag", t) for t in tags]:
        fields.append(f'<category domain="{domain}" nicename="{nicename}">{cdata(name)}</category>')
    return element("item", "\n".join(fields + list(comments)), raw=True) + "\n"


def write_export(path, *items, authors=(("phongvien", "Phóng viên Thử"),), terms=()):
    parts = [author_xml(*a) for a in authors] + [term_xml(*t) for t in terms]
    path.write_text(WXR_HEAD + "".join(parts) + "".join(items) + WXR_TAIL, encoding="utf-8")
    return path


def write_synthetic_export(path, posts=300, comments=3000, seed=2025):
    """A WXR file of `posts` posts (mostly published; some drafts, scheduled, private) and
    `comments` comments (threads up to 3 levels; approved, pending, spam, trash), written as
    it goes so it can be as large as wanted. Returns what an import must find."""
    rng = random.Random(seed)
    expected = {"stories": Counter(), "comments": Counter(), "approved": {}}
    categories = [(f"chuyen-muc-{n}", f"Chuyên mục {n}") for n in range(8)]
    tags = [(f"the-{n}", f"Thẻ số {n}") for n in range(40)]
    authors = [(f"phongvien{n}", f"Phóng viên {n}") for n in range(3)]
    comment_id = 10 * posts  # WordPress numbers posts and comments separately
    with open(path, "w", encoding="utf-8") as out:
        out.write(WXR_HEAD)
        out.writelines(author_xml(*a) for a in authors)
        out.writelines(term_xml("category", *c) for c in categories)
        out.writelines(term_xml("tag", *t) for t in tags)
        for n in range(1, posts + 1):
            status = rng.choices(["publish", "draft", "future", "private"], [85, 5, 5, 5])[0]
            year = 2099 if status == "future" else 2024
            date = f"{year}-{1 + n % 12:02d}-{1 + n % 28:02d} {n % 24:02d}:{n % 60:02d}:00"
            share = comments // posts + (1 if n <= comments % posts else 0)
            thread, depth, approved = [], {}, 0
            for _ in range(share):
                comment_id += 1
                parent = rng.choice([0, 0, *[c for c, d in depth.items() if d < 3]])
                depth[comment_id] = depth.get(parent, 0) + 1
                state = rng.choices(["1", "0", "spam", "trash"], [80, 10, 5, 5])[0]
                approved += state == "1"
                expected["comments"][state] += 1
                thread.append(comment_xml(comment_id, parent, state, date=date))
            expected["stories"][status] += 1
            expected["approved"][f"bai-so-{n}"] = approved
            body = (
                GUTENBERG.format(f"Bài {n}.")
                if n % 2
                else f"Đoạn một của bài {n}.\n\nĐoạn hai,\ndòng hai."
            )
            out.write(
                post_xml(
                    n,
                    f"Bài tổng hợp số {n} về tỉnh nhà",
                    status=status,
                    date=date,
                    content=body,
                    creator=authors[n % 3][0],
                    category=categories[n % 8],
                    tags=rng.sample(tags, 3),
                    comments=thread,
                )
            )
        out.write(WXR_TAIL)
    return expected


def run_import(path):
    out = io.StringIO()
    call_command("import_wordpress", str(path), stdout=out)
    return out.getvalue()


def counting_queries(path):
    """The import's output and how many queries it made (the command clears Django's query
    log as it goes, so they are counted as they run)."""
    queries = []

    def count(execute, sql, params, many, context):
        queries.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(count):
        return run_import(path), len(queries)


def test_statuses_are_mapped_and_trash_and_pingbacks_are_skipped(tmp_path):
    export = write_export(
        tmp_path / "statuses.xml",
        post_xml(
            1,
            "Bài có đủ loại bình luận",
            comments=[
                comment_xml(11, approved="1"),
                comment_xml(12, approved="0"),
                comment_xml(13, approved="spam"),
                comment_xml(14, approved="trash"),
                comment_xml(15, kind="pingback"),
            ],
        ),
    )

    output = run_import(export)

    assert comments("status") == [(11, "approved"), (12, "pending"), (13, "spam")]
    assert comment(12).held_reason == "Chờ duyệt trên WordPress"
    assert story(1).comment_count == 1
    assert "1 comments in WordPress's trash" in output
    assert "1 pingbacks (only comments are imported)" in output


def test_a_reply_to_a_trashed_comment_joins_the_thread_above(tmp_path):
    thread = [comment_xml(11), comment_xml(12, 11, "trash"), comment_xml(13, 12)]
    run_import(write_export(tmp_path / "thread.xml", post_xml(1, "Bài", comments=thread)))

    assert comment(13).parent == comment(11)


def test_comments_keep_their_authors_dates_and_addresses(tmp_path):
    xml = comment_xml(
        11,
        name="Nguyễn &amp; Trần",
        email="a@example.com",
        ip="2001:db8:0:0::1",
        date="2025-01-20 03:04:05",
        body="Hay quá <strong>thật</strong>!\nCảm ơn.",
    )
    run_import(write_export(tmp_path / "one.xml", post_xml(1, "Bài", comments=[xml])))

    stored = comment(11)
    assert (stored.name, stored.email, stored.ip_address) == (
        "Nguyễn & Trần",
        "a@example.com",
        "2001:db8::1",
    )
    assert stored.body == "Hay quá thật!\nCảm ơn."
    assert stored.created == datetime(2025, 1, 20, 3, 4, 5, tzinfo=UTC)


def test_a_newer_export_updates_what_changed(tmp_path):
    first = [comment_xml(11), comment_xml(12, approved="0")]
    run_import(
        write_export(
            tmp_path / "v1.xml",
            post_xml(1, "Tiêu đề cũ", comments=first),
            post_xml(2, "Bài không đổi", comments=[comment_xml(21)]),
        )
    )
    unchanged_at, changed_at = story(2).updated, story(1).updated

    output = run_import(
        write_export(
            tmp_path / "v2.xml",
            post_xml(
                1,
                "Tiêu đề mới",
                comments=[comment_xml(11), comment_xml(12, approved="1"), comment_xml(13, 11)],
            ),
            post_xml(2, "Bài không đổi", comments=[comment_xml(21, approved="trash")]),
        )
    )

    changed, other = story(1), story(2)
    assert (changed.title, changed.slug, changed.comment_count) == ("Tiêu đề mới", "bai-so-1", 3)
    assert changed.updated > changed_at
    assert comment(13).parent == comment(11)
    assert other.updated == unchanged_at
    assert (comment(21).status, other.comment_count) == ("rejected", 0)
    assert "(0 created, 1 updated, 1 unchanged)" in output
    assert "(1 created, 2 updated, 1 unchanged)" in output  # comments: 13; 12 and 21; 11


def test_percent_encoded_vietnamese_slugs_are_decoded_and_old_links_follow(tmp_path, client):
    slug = "h%c3%a0-n%e1%bb%99i-m%c3%b9a-thu"
    category = ("v%c4%83n-h%c3%b3a", "Văn hóa")
    post = post_xml(1, "Hà Nội mùa thu", slug=slug, category=category)
    export = write_export(tmp_path / "slugs.xml", post)

    run_import(export)

    assert story(1).slug == "ha-noi-mua-thu"
    assert Section.objects.filter(slug="van-hoa").exists()
    response = client.get("/h%C3%A0-n%E1%BB%99i-m%C3%B9a-thu/")
    assert (response.status_code, response["Location"]) == (301, "/bai-viet/ha-noi-mua-thu/")


def test_a_slug_already_used_here_gets_a_suffix_and_stays_stable(tmp_path):
    ArticleFactory(slug="tin-moi", title="Bài của tòa soạn")
    export = write_export(tmp_path / "taken.xml", post_xml(1, "Tin mới", slug="tin-moi"))

    output = run_import(export)
    second = run_import(export)

    assert story(1).slug == "tin-moi-2"
    assert "slug tin-moi is taken here, using tin-moi-2" in output
    assert "(0 created, 0 updated, 1 unchanged)" in second


def test_pages_and_trashed_posts_are_skipped_and_protected_posts_stay_hidden(tmp_path):
    export = write_export(
        tmp_path / "kinds.xml",
        post_xml(1, "Giới thiệu", post_type="page", comments=[comment_xml(11)]),
        post_xml(2, "Bài đã xóa", status="trash"),
        post_xml(3, "Bài có mật khẩu", password="bi-mat"),
    )

    output = run_import(export)

    assert stories("status") == [(3, "draft")] and Article.objects.count() == 1
    assert "1 page items (only posts become stories)" in output
    assert "1 posts with status trash" in output
    assert "1 comments on items that were not imported" in output
    assert "1 password-protected" in output


def test_a_post_listed_twice_is_imported_once(tmp_path):
    post = post_xml(1, "Bài", tags=[("the-a", "Thẻ A")], comments=[comment_xml(11)])
    run_import(write_export(tmp_path / "twice.xml", post, post))

    once = story(1)
    assert (once.tags.count(), once.bylines.count(), once.comments.count()) == (1, 1, 1)
    assert (len(stories()), len(comments())) == (1, 1)


def test_an_rss_feed_that_is_not_a_wordpress_export_is_refused(tmp_path):
    feed = tmp_path / "feed.xml"
    feed.write_text('<rss version="2.0"><channel><item><title>Tin</title></item></channel></rss>')

    with pytest.raises(CommandError, match="not a WordPress export"):
        run_import(feed)


def test_a_large_export_is_imported_completely(tmp_path):
    export = tmp_path / "large.xml"
    expected = write_synthetic_export(export, posts=300, comments=3000)

    output, first_queries = counting_queries(export)

    by_status = Counter(Article.objects.values_list("status", flat=True))
    assert by_status == {
        "published": expected["stories"]["publish"] + expected["stories"]["future"],
        "draft": expected["stories"]["draft"] + expected["stories"]["private"],
    }
    assert Article.objects.published().count() == expected["stories"]["publish"]
    statuses = Counter(Comment.objects.values_list("status", flat=True))
    assert statuses == {
        "approved": expected["comments"]["1"],
        "pending": expected["comments"]["0"],
        "spam": expected["comments"]["spam"],
    }
    assert dict(Article.objects.values_list("slug", "comment_count")) == expected["approved"]
    assert not Comment.objects.filter(parent__parent__parent__isnull=False).exists()
    assert "(300 created, 0 updated, 0 unchanged)" in output
    again, repeat_queries = counting_queries(export)
    assert "(0 created, 0 updated, 300 unchanged)" in again
    # One save per new story; everything else, and all of a repeat, in batches.
    assert first_queries < 300 + 300 and repeat_queries < 150


def test_a_newer_export_adds_a_revision_and_never_puts_back_a_withdrawn_story(tmp_path):
    run_import(write_export(tmp_path / "v1.xml", post_xml(1, "Tiêu đề cũ"), post_xml(2, "Bài gỡ")))
    Article.objects.filter(pk=story(2).pk).update(status=Article.Status.UNPUBLISHED)

    run_import(write_export(tmp_path / "v2.xml", post_xml(1, "Tiêu đề mới"), post_xml(2, "Bài gỡ")))

    changed, withdrawn = story(1), story(2)
    assert list(changed.revisions.order_by("number").values_list("number", "kind")) == [
        (1, "imported"),
        (2, "imported"),
    ]
    assert changed.revisions.get(number=2).snapshot["title"] == "Tiêu đề mới"
    assert withdrawn.status == Article.Status.UNPUBLISHED
    assert withdrawn.revisions.count() == 1
