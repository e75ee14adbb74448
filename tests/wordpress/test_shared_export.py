"""Moving off WordPress: `manage.py import_wordpress` on the real export of a test site
(../shared/wordpress, described in its README), the old WordPress links, and the export reader's
helpers. Exports written by the tests themselves are in test_generated_exports.py."""

import io
import re
import shutil
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path

import pytest
from django.core.files.storage import default_storage
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone

from articles.models import Article, Author, Section, Tag
from articles.text import vietnamese_slugify
from comments.models import Comment
from newsroom.wordpress import wpautop, wxr
from newsroom.wordpress.models import ImportedStory
from tests.conftest import stored_media
from tests.wordpress.imported import comment, comments, stories, story

SHARED = Path(__file__).resolve().parents[2].parent / "shared" / "wordpress"
EXPORT, UPLOADS = SHARED / "export.xml", SHARED / "uploads"
pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        not EXPORT.is_file(), reason=f"the WordPress test export is not at {EXPORT}"
    ),
]
README_APPROVED = {  # approved comments per post, from ../shared/wordpress/README.md
    "ha-noi-phan-luong-giao-thong-phuc-vu-nguoi-dan-di-lai-dip-tet-nguyen-dan-at-ty-2025": 7,
    "dong-bang-song-cuu-long-xuat-khau-gao-nam-2024-dat-ky-luc-nong-dan-phan-khoi-don-tet": 4,
    "gia-xang-dau-giam-chieu-16-1": 4,
    "duong-hoa-nguyen-hue-tet-at-ty-2025-mo-cua-don-khach-tu-ngay-25-1": 2,
    "hon-11-trieu-thi-sinh-se-du-thi-tot-nghiep-thpt-nam-2025-theo-chuong-trinh-moi": 0,
}
PRIVATE_SLUG = "lich-truc-tet-at-ty-2025-cua-ban-bien-tap"
SCHEDULED_SLUG = "lich-nghi-tet-nguyen-dan-dinh-mui-2027-cua-can-bo-cong-chuc"


def run_import(path=EXPORT, *options, media_dir=UPLOADS, stdout=None):
    out = stdout or io.StringIO()
    media = ["--media-dir", str(media_dir)] if media_dir else []
    call_command("import_wordpress", str(path), *media, *options, stdout=out)
    return out.getvalue()


@pytest.fixture
def clock(monkeypatch):
    """Readers' "now": after the published posts (January 2025), before the scheduled one
    (January 2027), whatever the date the tests run on."""
    monkeypatch.setattr(timezone, "now", lambda: datetime(2026, 6, 1, tzinfo=UTC))


@pytest.fixture
def imported(db):
    return run_import()


def media_files(settings):
    return stored_media()


def snapshot():
    return {
        "counts": [m.objects.count() for m in (Section, Tag, Author, Article, Comment)],
        "stories": stories("pk", "slug", "updated", "comment_count"),
        "comments": comments("pk", "status", "created", "parent_id"),
    }


# The real export.


def test_counts_match_the_exports_readme(clock, imported):
    assert (Section.objects.count(), Tag.objects.count(), Author.objects.count()) == (3, 5, 2)
    assert Article.objects.count() == 8
    assert Article.objects.published().count() == 5
    scheduled = Article.objects.get(slug=SCHEDULED_SLUG)
    assert scheduled.is_scheduled and not Article.objects.published().filter(pk=scheduled.pk)
    draft, private = story(9), Article.objects.get(slug=PRIVATE_SLUG)
    assert draft.status == private.status == Article.Status.DRAFT
    statuses = Counter(Comment.objects.values_list("status", flat=True))
    assert statuses == {"approved": 18, "pending": 3}
    assert "5 published, 1 scheduled, 1 draft, 1 private" in imported
    assert "18 approved, 3 pending, 0 spam" in imported
    assert "2 comments in WordPress's trash" in imported


def test_comment_counts_per_story_are_shown_on_the_public_pages(clock, imported, client):
    for slug, approved in README_APPROVED.items():
        article = Article.objects.get(slug=slug)
        assert article.comment_count == approved
        assert f"{approved} bình luận" in client.get(article.get_absolute_url()).content.decode()
    assert Article.objects.get(slug=PRIVATE_SLUG).comment_count == 1


def test_threads_are_kept_up_to_three_levels(imported):
    def depth(comment):
        return 1 if comment.parent is None else 1 + depth(comment.parent)

    replies = Comment.objects.filter(parent__isnull=False)
    assert replies.count() == 9
    assert max(depth(c) for c in Comment.objects.all()) == 3
    deepest = comment(15)
    assert (deepest.parent, deepest.parent.parent) == (comment(14), comment(13))
    assert all(c.parent.article_id == c.article_id for c in replies)


def test_slugs_are_kept_and_the_draft_gets_a_vietnamese_one(imported):
    slugs = set(Article.objects.values_list("slug", flat=True))
    assert set(README_APPROVED) | {PRIVATE_SLUG, SCHEDULED_SLUG} <= slugs
    draft = story(9)
    assert (
        draft.slug
        == vietnamese_slugify(draft.title)
        == ("v-league-202425-tam-nghi-cac-doi-tap-trung-chuan-bi-cho-luot-ve")
    )


def test_dates_are_in_the_right_time_zone(imported):
    def utc(*args):
        return datetime(*args, tzinfo=UTC)

    assert story(4).publish_at == utc(2025, 1, 20, 1, 15)
    # The draft has no UTC date: its site time (UTC+7) is used.
    assert story(9).publish_at == utc(2025, 1, 23, 2, 40)
    assert story(10).publish_at == utc(2027, 1, 24, 23, 0)
    assert comment(13).created == utc(2025, 1, 20, 1, 40)


def test_bodies_lose_block_comments_and_the_classic_post_gets_paragraphs(imported):
    assert not Article.objects.filter(body__contains="wp:").exists()
    assert "<h2>Tăng cường xe buýt" in story(4).body
    classic = story(7).body
    assert classic.count("<p>") == 5
    assert "miễn phí:<br>\nThời gian: từ 19 giờ" in classic
    assert classic.startswith("<p>Đường hoa Nguyễn Huệ năm nay có chủ đề <strong>")


def test_standfirst_comes_from_the_excerpt_and_bylines_from_the_authors(imported):
    article = story(8)
    assert article.standfirst.startswith("Kỳ thi tốt nghiệp THPT năm 2025")
    assert [b.author.name for b in article.bylines.all()] == ["Lê Quang Huy"]
    assert set(story(4).tags.values_list("slug", flat=True)) == {
        "giao-thong",
        "ha-noi",
        "tet-nguyen-dan",
    }
    assert not story(8).allow_comments  # comments closed in WordPress


def test_featured_images_are_imported_with_renditions_and_alt_text(clock, imported, client):
    rows = ImportedStory.objects.exclude(article__image="").order_by("wp_id")
    assert [row.wp_id for row in rows] == [4, 5, 6]
    with_images = [row.article for row in rows.select_related("article")]
    first = with_images[0]
    assert first.image_alt == "Phố Hàng Đào đông người qua lại dịp giáp Tết"
    assert first.image_caption.startswith("Người dân đi lại trên phố Hàng Đào")
    assert (first.image_width, first.image_height) == (800, 450)
    for article in with_images:
        assert article.image_renditions
        assert all(default_storage.exists(r["name"]) for r in article.image_renditions)
    assert 'srcset="' in client.get(first.get_absolute_url()).content.decode()


def test_a_second_import_changes_nothing(imported, settings):
    before, files = snapshot(), media_files(settings)

    output = run_import()

    assert snapshot() == before
    assert media_files(settings) == files
    assert "0 created, 0 updated, 8 unchanged" in output
    assert "3 unchanged" in output.split("Featured images:")[1]


@pytest.mark.parametrize("cut", ["half", "after_an_item"])
def test_a_truncated_export_is_refused_with_the_line_and_leaves_the_database_as_it_was(
    imported, tmp_path, settings, cut
):
    before, files = snapshot(), media_files(settings)
    text = EXPORT.read_text(encoding="utf-8").replace("Giá xăng dầu", "Giá dầu")
    end = len(text) // 2 if cut == "half" else text.index("</item>", len(text) // 2) + 7
    truncated = tmp_path / "truncated.xml"
    truncated.write_text(text[:end], "utf-8")
    lines = text[:end].count("\n") + 1

    with pytest.raises(CommandError) as refused:
        run_import(truncated)

    message = str(refused.value)
    reason = "unclosed token" if cut == "half" else "no element found"
    line = re.search(rf"line (\d+), column \d+: {reason}\. Nothing was imported", message)
    assert line and int(line.group(1)) <= lines, message
    assert snapshot() == before
    assert media_files(settings) == files


def test_a_malformed_export_is_refused_before_anything_is_written(db, tmp_path, settings):
    lines = EXPORT.read_text(encoding="utf-8").splitlines(keepends=True)
    broken_at = next(i for i, line in enumerate(lines) if "<wp:post_id>10<" in line)
    lines[broken_at] = lines[broken_at].replace("</wp:post_id>", "</wp:post_idx>")
    malformed = tmp_path / "malformed.xml"
    malformed.write_text("".join(lines), "utf-8")

    with pytest.raises(CommandError, match=rf"line {broken_at + 1}, column \d+: mismatched tag"):
        run_import(malformed)

    assert not Article.objects.exists() and not Section.objects.exists()
    assert stored_media() == []


def test_a_missing_media_file_is_reported_and_the_post_still_imported(db, tmp_path):
    media = tmp_path / "uploads"
    shutil.copytree(UPLOADS, media)
    (media / "2025/01/ruong-lua-mien-tay.jpg").unlink()

    output = run_import(media_dir=media)

    article = story(5)
    assert not article.image and article.title.startswith("Đồng bằng sông Cửu Long")
    assert "1 featured images whose file is missing" in output
    assert "post 5: featured image 2025/01/ruong-lua-mien-tay.jpg not found" in output
    assert Article.objects.exclude(image="").count() == 2


def test_dry_run_reports_and_writes_nothing(db, settings):
    output = run_import(EXPORT, "--dry-run")

    assert "dry run: nothing was written" in output
    assert "5 published, 1 scheduled, 1 draft, 1 private (8 created" in output
    assert "Featured images: 3 imported" in output
    assert [m.objects.count() for m in (Section, Tag, Author, Article, Comment)] == [0] * 5
    assert stored_media() == []


def test_an_import_that_fails_midway_keeps_no_stored_files(db, settings, monkeypatch):
    def broken_recount(article_ids):
        raise RuntimeError("database went away")

    monkeypatch.setattr("newsroom.wordpress.comments.recount", broken_recount)

    with pytest.raises(RuntimeError):
        run_import()

    assert not Article.objects.exists()
    assert stored_media() == []


def test_a_progress_bar_is_drawn_only_on_a_terminal(db):
    class Terminal(io.StringIO):
        def isatty(self):
            return True

    assert "\r[" not in run_import(media_dir=None)
    assert "\r[" in run_import(media_dir=None, stdout=Terminal())


# Old WordPress links.

MOVED = [
    ("/?p=4", "/bai-viet/" + next(iter(README_APPROVED)) + "/"),
    ("/?page_id=6", "/bai-viet/gia-xang-dau-giam-chieu-16-1/"),
    ("/gia-xang-dau-giam-chieu-16-1/", "/bai-viet/gia-xang-dau-giam-chieu-16-1/"),
    ("/2025/01/16/gia-xang-dau-giam-chieu-16-1/", "/bai-viet/gia-xang-dau-giam-chieu-16-1/"),
    ("/category/kinh-te/", "/chuyen-muc/kinh-te/"),
    ("/category/kinh-te/feed/", "/chuyen-muc/kinh-te/rss/"),
    ("/tag/ha-noi/", "/the/ha-noi/"),
    ("/feed/", "/rss/"),
]
NOT_FOUND = [
    "/?p=9",  # draft
    "/?p=10",  # scheduled
    "/?p=11",  # private
    "/?p=999",
    f"/{SCHEDULED_SLUG}/",
    f"/{PRIVATE_SLUG}/",
    f"/2025/01/21/{PRIVATE_SLUG}/",
    "/khong-co-bai-nay/",
    "/category/khong-co/",
    "/tag/khong-co/",
]


@pytest.mark.parametrize(("old", "new"), MOVED)
def test_old_links_move_permanently_to_the_new_address(clock, imported, client, old, new):
    response = client.get(old)

    assert (response.status_code, response["Location"]) == (301, new)
    assert client.get(new).status_code == 200


@pytest.mark.parametrize("old", NOT_FOUND)
def test_old_links_to_hidden_or_unknown_stories_are_not_found(clock, imported, client, old):
    assert client.get(old).status_code == 404


def test_the_home_page_ignores_a_p_that_is_not_a_number(clock, imported, client):
    assert client.get("/?p=abc").status_code == 200


def test_an_old_link_follows_a_later_slug_change(clock, imported, client):
    article = story(6)
    article.slug = "gia-xang-dau-giam"
    article.save()

    response = client.get("/gia-xang-dau-giam-chieu-16-1/")

    assert response["Location"] == "/bai-viet/gia-xang-dau-giam/"


def test_the_story_side_of_the_move_never_imports_the_comments_app():
    package = Path(wxr.__file__).parent
    for name in ("posts", "models", "images", "wxr", "wpautop", "redirects", "urls"):
        source = (package / f"{name}.py").read_text(encoding="utf-8")
        assert not re.search(r"^\s*(from|import) comments\b", source, re.MULTILINE), name


@pytest.mark.parametrize("app", ["articles", "comments"])
def test_the_apps_do_not_know_about_wordpress(app):
    for module in (Path(__file__).resolve().parents[2] / app).rglob("*.py"):
        source = module.read_text(encoding="utf-8")
        assert not re.search(r"\bnewsroom\.wordpress\b|\bwxr\b", source), module


# The helpers.


SLUGS = {  # WordPress's slug -> ours
    "gia-xang-dau-giam-chieu-16-1": "gia-xang-dau-giam-chieu-16-1",
    "h%c3%a0-n%e1%bb%99i-m%c3%b9a-thu": "ha-noi-mua-thu",
    "%c4%91%e1%ba%a3ng-b%e1%bb%99": "dang-bo",
    "": "",
}


@pytest.mark.parametrize(("wordpress", "here"), SLUGS.items())
def test_wordpress_slugs_are_decoded_and_folded_only_when_needed(wordpress, here):
    assert wxr.clean_slug(wordpress) == here


def test_dates_prefer_utc_and_fall_back_to_site_time():
    assert wxr.parse_date("2025-01-20 01:15:00", "2025-01-20 08:15:00") == datetime(
        2025, 1, 20, 1, 15, tzinfo=UTC
    )
    local = wxr.parse_date("0000-00-00 00:00:00", "2025-01-23 09:40:00")
    assert local == datetime(2025, 1, 23, 2, 40, tzinfo=UTC)
    assert wxr.parse_date("0000-00-00 00:00:00", "") is None


@pytest.mark.parametrize(
    ("content", "html"),
    [
        ("Một.\n\nHai,\nba.", "<p>Một.</p>\n<p>Hai,<br />\nba.</p>\n"),
        ("<ul>\n<li>a</li>\n</ul>\nSau.", "<ul>\n<li>a</li>\n</ul>\n<p>Sau.</p>\n"),
        ("<blockquote>Ý\nkiến</blockquote>", "<blockquote><p>Ý<br />\nkiến</p></blockquote>\n"),
        ("<pre>a\n\nb</pre>", "<pre>a\n\nb</pre>\n"),
        ("<!-- wp:paragraph -->\n<p>Khối</p>\n<!-- /wp:paragraph -->", "<p>Khối</p>"),
        ('<!-- wp:spacer {"height":"20px"} /-->\n\n<p>Sau</p>', "<p>Sau</p>"),
    ],
)
def test_bodies_read_as_wordpress_showed_them(content, html):
    assert wpautop.convert_body(content) == html


def test_each_imported_story_starts_its_history_with_the_import(imported, editor_client):
    article = story(4)
    everything = Article.objects.all()

    assert all(s.revisions.count() == 1 for s in everything)
    first = article.revisions.get()
    assert (first.number, first.kind, first.note) == (1, "imported", "Nhập từ WordPress")
    assert first.snapshot["title"] == article.title
    assert sorted(t["name"] for t in first.snapshot["tags"]) == sorted(
        article.tags.values_list("name", flat=True)
    )
    assert [b["name"] for b in first.snapshot["bylines"]] == [
        b.author.name for b in article.bylines.all()
    ]
    assert (article.review_state == "approved") == article.is_published
    history = reverse("admin:articles_article_history", args=[article.pk])
    assert "Nhập từ WordPress" in editor_client.get(history).content.decode()
    run_import()
    assert all(s.revisions.count() == 1 for s in everything)  # a second import adds none
