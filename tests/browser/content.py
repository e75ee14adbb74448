"""A small newsroom with every kind of thing a page can show: images, bylines, tags, threads."""

from dataclasses import dataclass
from datetime import timedelta

from django.core.files.base import ContentFile
from django.utils import timezone

from articles.models import Article, Author, Section, Tag
from comments import decisions
from comments.models import Comment
from tests.comments.factories import CommentFactory
from tests.conftest import image_bytes
from tests.factories import (
    ArticleFactory,
    AuthorFactory,
    BylineFactory,
    SectionFactory,
    TagFactory,
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
