"""Seed the benchmark's own database: 2,000 stories, 50,000+ approved comments.

Run by tests/bench/run.py (`manage.py shell -c "from tests.bench.seed import seed; seed()"`)
with DATABASE_URL pointing at the benchmark database.
The story under test (slug BENCH_SLUG) has 200 approved comments, threaded.
"""

import random
from datetime import timedelta

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from articles.models import Article, Author, Byline, Section, Tag
from articles.text import search_document, vietnamese_slugify
from comments import decisions
from comments.models import Comment
from newsroom.demo import images

STORIES = 2000
COMMENTS = 50_000
BENCH_SLUG = "bai-bao-duoc-do-hieu-nang"
BENCH_COMMENTS = 200
TEXT = (
    "tỉnh Kon Tum đồng bào dân tộc cà phê cao su Măng Đen nông dân thu hoạch đường giao "
    "thông trường học bệnh viện lễ hội cồng chiêng du lịch đầu tư doanh nghiệp xã huyện "
    "chính quyền nhân dân phát triển kinh tế văn hóa thể thao pháp luật an ninh"
)
WORDS = TEXT.split()


def sentence(rng, n=14):
    return " ".join(rng.choice(WORDS) for _ in range(n)).capitalize() + "."


@transaction.atomic
def seed():
    rng = random.Random(2026)
    now = timezone.now()
    sections = [
        Section.objects.create(name=name, order=i)
        for i, name in enumerate(
            ["Thời sự", "Kinh tế", "Xã hội", "Văn hóa – Thể thao", "Pháp luật", "Nông nghiệp"]
        )
    ]
    authors = [Author.objects.create(name=f"Phóng viên {i}") for i in range(12)]
    tags = [Tag.objects.create(name=f"Chủ đề {i}") for i in range(30)]
    templates = []
    for i, motif in enumerate(["rice", "coffee", "mountain", "river", "city", "festival"]):
        story = Article(
            title=f"Ảnh mẫu {i}", section=sections[0], status="draft", image_alt="Ảnh minh họa"
        )
        story.image = ContentFile(images.draw(motif, seed=i), name=f"bench-{i}.jpg")
        story.save()
        templates.append(story)

    stories = []
    for n in range(STORIES):
        title = "Bài báo được đo hiệu năng" if n == 0 else f"{sentence(rng, 9)[:-1]} {n}"
        body = "".join(f"<p>{sentence(rng, 40)}</p>" for _ in range(8))
        image = templates[n % len(templates)]
        stories.append(
            Article(
                title=title,
                slug=vietnamese_slugify(title)[:190],
                standfirst=sentence(rng, 25),
                body=body,
                section=sections[n % len(sections)],
                status="published",
                publish_at=now - timedelta(minutes=10 + n * 7),
                image=image.image.name,
                image_alt="Ảnh minh họa",
                image_caption="Ảnh minh họa cho bài viết",
                image_credit="Ảnh: Tòa soạn",
                image_width=image.image_width,
                image_height=image.image_height,
                image_renditions=image.image_renditions,
                search_text=search_document(title, body),
            )
        )
    stories = Article.objects.bulk_create(stories, batch_size=500)
    Byline.objects.bulk_create(
        Byline(article=s, author=authors[i % len(authors)], role="Phóng viên", order=0)
        for i, s in enumerate(stories)
    )
    Article.tags.through.objects.bulk_create(
        Article.tags.through(article=s, tag=tags[(i * 7 + k) % len(tags)])
        for i, s in enumerate(stories)
        for k in range(3)
    )
    seed_comments(rng, stories, now)


def seed_comments(rng, stories, now):
    under_test = stories[0]
    thread = []
    for n in range(BENCH_COMMENTS):
        parent = rng.choice(thread) if thread and n % 3 else None
        comment = Comment.objects.create(
            article=under_test,
            parent=parent,
            name=f"Bạn đọc {n}",
            email=f"ban-doc-{n}@example.com",
            body=sentence(rng, 30),
            status=Comment.Status.APPROVED,
        )
        thread.append(comment)
    rest = [
        Comment(
            article=stories[1 + (n % (len(stories) - 1))],
            name=f"Độc giả {n}",
            email=f"doc-gia-{n % 5000}@example.com",
            body=sentence(rng, 25),
            status=Comment.Status.APPROVED,
        )
        for n in range(COMMENTS - BENCH_COMMENTS)
    ]
    Comment.objects.bulk_create(rest, batch_size=2000)
    decisions.recount([s.pk for s in stories])
    print(f"Seeded {Article.objects.count()} stories, {Comment.objects.count()} comments.")
