"""A small newsroom with every kind of thing a page can show: images, bylines, tags, threads."""

from dataclasses import dataclass
from datetime import UTC, timedelta

from django.contrib.auth.models import User
from django.core.files.base import ContentFile
from django.utils import timezone

from articles.models import Article, Author, Section, StoryReads, Tag
from comments import decisions, featured, likes, reports
from comments.models import Comment, CommentReport
from tests.comments.factories import CommentFactory
from tests.conftest import image_bytes
from tests.factories import (
    ArticleFactory,
    AuthorFactory,
    BylineFactory,
    SectionFactory,
    TagFactory,
    UserFactory,
    copy_of_video,
)

BODY = (
    "<p>Giá cà phê nhân xô tại Kon Tum tăng lên mức cao nhất trong năm, "
    'theo <a href="https://example.com/bao-cao">báo cáo của Sở Công Thương</a>.</p>'
    "<h2>Nông dân phấn khởi</h2>"
    "<p>Nhiều hộ ở huyện Đắk Hà cho biết vụ này được mùa, được giá.</p>"
    "<blockquote><p>Năm nay là năm đầu tiên nhà tôi lãi sau ba vụ lỗ.</p></blockquote>"
    "<ul><li>Cà phê vối: 128.000 đồng/kg</li><li>Cà phê chè: 142.000 đồng/kg</li></ul>"
)


@dataclass
class Newsroom:
    lead: Article
    section: Section
    tag: Tag
    author: Author
    top_comment: Comment
    reply: Comment


def with_image(story, color=(180, 60, 40)):
    story.image_alt = f"Ảnh minh họa: {story.title}"
    story.image = ContentFile(image_bytes(size=(800, 450), color=color), name="anh.jpg")
    story.save()
    return story


def build_newsroom():
    """Two sections with enough stories for the home page's section blocks, a lead story with
    image, byline, tag and an approved thread (a comment and a reply to it)."""
    now = timezone.now()
    economy = SectionFactory(name="Kinh tế", slug="kinh-te", description="Tin kinh tế tỉnh nhà.")
    news = SectionFactory(name="Thời sự", slug="thoi-su")
    tag = TagFactory(name="Cà phê")
    author = AuthorFactory(
        name="Trần Minh Đức",
        bio="Phóng viên mảng kinh tế, nông nghiệp.",
        photo=ContentFile(image_bytes(size=(200, 200), color=(40, 90, 160)), name="duc.jpg"),
    )

    for n in range(14):
        story = ArticleFactory(
            section=economy if n % 2 else news,
            title=f"Tin số {n + 1}: đường về Măng Đen mùa hoa mai anh đào",
            publish_at=now - timedelta(hours=2 + n),
            tags=[tag] if n % 3 == 0 else [],
        )
        BylineFactory(article=story, author=author)
        if n % 4 == 0:
            with_image(story, color=(40 + n * 10, 120, 90))

    lead = with_image(
        ArticleFactory(
            section=economy,
            title="Giá cà phê tăng mạnh, nông dân Kon Tum phấn khởi",
            standfirst="Giá cà phê nhân xô lên mức cao nhất trong năm.",
            body=BODY,
            publish_at=now - timedelta(minutes=30),
            tags=[tag],
        )
    )
    BylineFactory(article=lead, author=author)
    top = CommentFactory(
        article=lead,
        name="Chị Hoa",
        email="hoa.nguyen@example.com",
        body="Mong giá giữ được lâu, bà con đỡ vất vả.",
        status=Comment.Status.APPROVED,
    )
    reply = CommentFactory(
        article=lead,
        parent=top,
        name="Anh Nam",
        email="nam.le@example.com",
        body=(
            "Đồng ý với chị, nhưng cũng cần lo đầu ra bền vững. Xem thêm: https://example.com/"
            "nong-nghiep/ca-phe/bao-cao-gia-ca-phe-nhan-xo-tai-tay-nguyen-quy-bon-nam-nay.html"
        ),
        status=Comment.Status.APPROVED,
    )
    decisions.recount([lead.pk])
    lead.refresh_from_db()
    return Newsroom(
        lead=lead, section=economy, tag=tag, author=author, top_comment=top, reply=reply
    )


# -- Likes, featured and staff comments, reports, reads -------------------------------------------


@dataclass
class Reactions:
    featured: Comment  # the top comment: pinned ("Ý kiến nổi bật") and liked by two browsers
    staff: Comment  # the story's reporter answering it, with badges
    hidden: Comment  # hidden after three readers' reports, a reply under it
    official: Comment  # hidden at once by an official request
    moderator: User  # a user in "Moderators", who pinned and entered the request


def add_reactions(site):
    """On `site`'s lead story, through the apps' own rules: the top comment pinned and liked,
    a reporter's answer with its badges, a comment three readers reported (so hidden for
    review), one report on the reply (still shown) and a comment hidden by an official
    request; all three wait in the "Bị báo cáo" tab."""
    lead = site.lead
    moderator = UserFactory(username="kiemduyet", is_staff=True, groups=["Moderators"])
    top = site.top_comment
    featured.pin(top, moderator)
    for browser in ("trinh-duyet-1", "trinh-duyet-2"):
        likes.toggle(top.pk, browser)
    staff = CommentFactory(
        article=lead,
        parent=top,
        name=site.author.name,
        body="Cảm ơn chị, tòa soạn sẽ tiếp tục theo dõi giá cà phê trong những tuần tới.",
        status=Comment.Status.APPROVED,
        badge=Comment.Badge.REPORTER,
        by_story_author=True,
    )
    hidden = CommentFactory(
        article=lead,
        name="Người Bị Báo Cáo",
        body="Toàn tin bịa đặt, đừng ai tin.",
        status=Comment.Status.APPROVED,
    )
    CommentFactory(
        article=lead,
        parent=hidden,
        name="Chị Thảo",
        body="Anh nói vậy là không đúng.",
        status=Comment.Status.APPROVED,
    )
    official = CommentFactory(
        article=lead,
        name="Người Lộ Tin",
        body="Số điện thoại của ông trưởng thôn là …",
        status=Comment.Status.APPROVED,
    )
    decisions.recount([lead.pk])
    taken = [
        (hidden, CommentReport.Reason.ABUSIVE, "Lời lẽ xúc phạm người khác"),
        (hidden, CommentReport.Reason.FALSE, ""),
        (hidden, CommentReport.Reason.SPAM, ""),
        (site.reply, CommentReport.Reason.SPAM, "Quảng cáo"),  # one report: shown, in the tab
    ]
    for n, (comment, reason, note) in enumerate(taken):
        reports.report(comment, reason=reason, note=note, browser=f"bd-{n}", ip="203.0.113.9")
    reports.official_request(official, moderator, "123/STTTT-TTBCXB", "Lộ thông tin cá nhân")
    for comment in (top, staff, hidden, official):
        comment.refresh_from_db()
    assert hidden.is_hidden_for_review and official.is_hidden_for_review
    return Reactions(
        featured=top, staff=staff, hidden=hidden, official=official, moderator=moderator
    )


def add_moderation_history(site, days=30):
    """A month of comments on `site`'s stories for the moderation figures: a few sent each
    day, most approved, some rejected (with held reasons) or spam, waits from minutes to
    hours, and a few still pending."""
    now = timezone.now()
    stories = list(Article.objects.published().order_by("-publish_at", "-pk")[:6])
    held = ["Có liên kết", "Từ ngữ cần xem lại", "Bình luận mới chờ kiểm duyệt"]
    statuses = [Comment.Status.APPROVED] * 5 + [Comment.Status.REJECTED, Comment.Status.SPAM]
    for day in range(days):
        for n in range(day % 4 + 1):
            sent = now - timedelta(days=day, hours=n * 3 + 1)
            status = Comment.Status.PENDING if day == 0 and n == 0 else statuses[(day + n) % 7]
            made = CommentFactory(
                article=stories[(day + n) % len(stories)],
                status=status,
                held_reason=held[(day * 3 + n) % len(held)],
            )
            decided = sent + timedelta(minutes=7 + (day * 37 + n * 53) % 400)
            Comment.objects.filter(pk=made.pk).update(
                created=sent,
                moderated_at=None if status == Comment.Status.PENDING else min(decided, now),
            )


def add_reads(site):
    """Reads of `site`'s stories in the last hours and days: both "Đọc nhiều" lists (24 hours,
    7 days) full on the home page and on the section's page. Rows as the read batches write
    them: the lists are ranked on the first page that shows them (then cached)."""
    hour = timezone.now().astimezone(UTC).replace(minute=0, second=0, microsecond=0)
    stories = Article.objects.published().order_by("-publish_at", "-pk")[:12]
    for n, story in enumerate(stories):
        StoryReads.objects.create(article=story, hour=hour - timedelta(hours=n), count=90 - 5 * n)
        StoryReads.objects.create(article=story, hour=hour - timedelta(days=3), count=7 * n)


# -- Video ---------------------------------------------------------------------------------------

CAPTIONS_VI = (
    "WEBVTT\n\n"
    "00:00.000 --> 00:01.500\nXin chào quý vị và các bạn.\n\n"
    "00:01.500 --> 00:03.000\nĐây là bản tin thời sự Kon Tum.\n\n"
    "00:03.000 --> 00:04.000\nCồng chiêng vang khắp núi rừng Tây Nguyên.\n"
).encode()
# A clip of several minutes: its transcript is longer than the box that shows it, which scrolls.
CAPTIONS_LONG = (
    "WEBVTT\n\n"
    + "".join(
        f"00:{n // 2:02}:{n % 2 * 30:02}.000 --> 00:{n // 2:02}:{n % 2 * 30 + 29:02}.000\n"
        f"Câu thoại số {n + 1}: nghệ nhân kể chuyện làng bên dòng Đăk Bla.\n\n"
        for n in range(40)
    )
).encode()


def _add_captions(video, captions):
    from articles import captions as caption_files
    from articles.models import CaptionTrack

    webvtt, transcript = caption_files.convert(captions)
    CaptionTrack.objects.create(
        video=video, language="vi", is_default=True, webvtt=webvtt, transcript=transcript
    )


def with_ready_video(story, seconds=4, captions=CAPTIONS_VI, caption="Bản tin trưa"):
    """`story`'s clip (made by ffmpeg: tests/clips.py) processed to READY by the worker's own
    job, with a Vietnamese caption track turned on by default. Needs ffmpeg (else skips)."""
    from django.core.files import File

    from articles.models import Video
    from articles.video import process
    from tests.clips import clip

    with clip(seconds=seconds, size="640x360").open("rb") as f:
        video = Video.objects.create(
            article=story, original=File(f, name="ban-tin.mp4"), caption=caption
        )
    process.process(video.pk)
    video.refresh_from_db()
    assert video.state == Video.State.READY, video.failure
    if captions:
        _add_captions(video, captions)
    return video


def with_listed_video(story, captions=CAPTIONS_LONG, caption="Bản tin trưa"):
    """A READY video as the worker leaves it (poster, renditions, HLS, captions), but with no
    media files: pages show it (for checkers of HTML and accessibility), nothing plays it.
    Needs no ffmpeg."""
    from articles.models import Video

    video = Video.objects.create(
        article=story,
        caption=caption,
        poster=ContentFile(image_bytes(size=(1280, 720), color=(30, 60, 90)), name="p.jpg"),
        poster_from_video=True,
        state=Video.State.READY,
        duration=185.0,
        width=1280,
        height=720,
        renditions=[
            {
                "label": label,
                "width": label * 16 // 9,
                "height": label,
                "bytes": 1,
                "bandwidth": 1,
                "name": f"videos/listed/{label}.mp4",
            }
            for label in (720, 360)
        ],
        hls="videos/listed/hls/master.m3u8",
        processed=timezone.now(),
    )
    _add_captions(video, captions)
    return video


def with_youtube_video(story, youtube_id="dQw4w9WgXcQ"):
    from articles.models import Video

    return Video.objects.create(
        article=story, source=Video.Source.YOUTUBE, youtube_id=youtube_id, caption="YouTube"
    )


@dataclass
class VideoDesk:
    hosted: Article  # a video story: its clip (with Vietnamese captions) leads
    youtube: Article  # a video story whose video is on YouTube
    site: Newsroom


def add_video_stories(site, ready=with_ready_video):
    """Video stories in `site`'s section: one whose clip `ready` makes READY (processed for
    real by default), three more sharing its files, and a YouTube one; enough for /video/
    and the watch page's "Video khác"."""
    now = timezone.now()
    hosted = ArticleFactory(
        section=site.section,
        title="Lễ hội cồng chiêng Tây Nguyên rộn ràng giữa lòng phố núi Kon Tum",
        standfirst="Hàng trăm nghệ nhân các dân tộc cùng đánh cồng chiêng bên dòng Đăk Bla.",
        body=BODY,
        publish_at=now - timedelta(minutes=10),
    )
    BylineFactory(article=hosted, author=site.author)
    clip = ready(hosted)
    for n, title in enumerate(
        [
            "Nông dân Đắk Hà thu hoạch cà phê",
            "Măng Đen mùa hoa mai anh đào nở rộ, du khách đổ về check-in kín các con đường",
            "Bản tin trưa",
        ]
    ):
        story = ArticleFactory(
            section=site.section, title=title, publish_at=now - timedelta(hours=n + 1)
        )
        copy_of_video(clip, story)
    youtube = ArticleFactory(
        section=site.section,
        title="Phóng sự: đường lên Ngọc Linh mùa mưa",
        standfirst="Con đường đất đỏ vào vùng sâm quý.",
        publish_at=now - timedelta(minutes=20),
    )
    with_youtube_video(youtube)
    return VideoDesk(hosted=hosted, youtube=youtube, site=site)


def build_video_newsroom():
    """`build_newsroom()` with `add_video_stories()`: a clip processed for real (ffmpeg)."""
    return add_video_stories(build_newsroom())
