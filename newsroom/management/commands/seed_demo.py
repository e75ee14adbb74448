"""Load demo sections, bylines, stories, accounts and comment threads. Safe to run again:
nothing doubles."""

from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files import File
from django.core.files.base import ContentFile
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone
from django.utils.html import escape

from articles import captions, revisions
from articles.models import Article, Author, Byline, CaptionTrack, Section, Tag, Video
from articles.text import vietnamese_slugify
from articles.video import probe, process
from comments.models import Comment
from newsroom import demo
from newsroom.demo import images, threads, videos

# Demo accounts: (username, password, is_superuser, group). Development only.
ACCOUNTS = [
    ("admin", "admin-demo-2026", True, None),
    ("phongvien", "phongvien-demo-2026", False, "Phóng viên"),
    ("bientap", "bientap-demo-2026", False, "Biên tập viên"),
    ("tongbientap", "tongbientap-demo-2026", False, "Tổng biên tập"),
    ("kiemduyet", "kiemduyet-demo-2026", False, "Moderators"),
]
# The staff accounts' names, and the byline each writes under: their comments on their own
# stories carry "Tác giả". A Vietnamese name is kept whole, in its own order, as the first name
# (Django signs with "first last" and greets with the first name).
PEOPLE = {
    "phongvien": ("Lê Quang Đạt", "le-quang-dat"),
    "bientap": ("Phạm Thu Hà", "pham-thu-ha"),
    "tongbientap": ("Võ Thị Thanh Hương", None),
    "kiemduyet": ("Hoàng Minh Khoa", None),
}


# The story that gets the demo video (tourists in Măng Đen).
VIDEO_STORY = vietnamese_slugify("Măng Đen đón lượng khách kỷ lục trong kỳ nghỉ lễ vừa qua")
REVIEWED = {Article.Status.PUBLISHED: Article.Review.APPROVED}


class Command(BaseCommand):
    help = "Load demo content and demo accounts (refused unless DEBUG is on)."

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError("seed_demo makes demo accounts; it runs only with DEBUG=1.")
        with transaction.atomic():
            sections = self.sections()
            authors = self.authors()
            created = sum(
                self.story(i, s, sections, authors) for i, s in enumerate(demo.load("stories"))
            )
            self.accounts()
            comments = threads.seed(moderator=get_user_model().objects.get(username="kiemduyet"))
            video = self.video()
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo content: {len(sections)} sections, {len(authors)} authors, "
                f"{Article.objects.count()} stories ({created} new)."
            )
        )
        pending = comments.statuses.get(Comment.Status.PENDING, 0)
        spam = comments.statuses.get(Comment.Status.SPAM, 0)
        self.stdout.write(
            f"Demo comments: {sum(comments.statuses.values())} ({comments.new} new); "
            f"{pending} wait in the moderation queue (/admin/comments/comment/queue/), "
            f"{spam} caught as spam."
        )
        self.stdout.write(video)
        self.stdout.write("Demo accounts (log in at /admin/):")
        for username, password, _, group in ACCOUNTS:
            role = group or "superuser"
            self.stdout.write(f"  {role:<14} {username:<12} password: {password}")

    def sections(self):
        sections = {}
        for order, data in enumerate(demo.load("sections")):
            sections[data["slug"]], _ = Section.objects.update_or_create(
                slug=data["slug"],
                defaults={"name": data["name"], "description": data["description"], "order": order},
            )
        return sections

    def authors(self):
        authors = {}
        for data in demo.load("authors"):
            authors[data["slug"]], _ = Author.objects.update_or_create(
                slug=data["slug"], defaults={"name": data["name"], "bio": data["bio"]}
            )
        return authors

    def story(self, index, data, sections, authors):
        slug = vietnamese_slugify(data["title"])
        if Article.objects.filter(slug=slug).exists():
            return False
        now = timezone.now()
        if data.get("scheduled_in_hours"):
            publish_at = now + timedelta(hours=data["scheduled_in_hours"])
        else:
            publish_at = now - timedelta(days=data["days_ago"])
        article = Article(
            title=data["title"],
            slug=slug,
            standfirst=data["standfirst"],
            body=body_html(data),
            section=sections[data["section"]],
            status=data["status"],
            review_state=REVIEWED.get(data["status"], Article.Review.WRITING),
            publish_at=publish_at,
            allow_comments=data.get("allow_comments", True),
        )
        if image := data.get("image"):
            article.image = ContentFile(
                images.draw(image["motif"], seed=index), name=f"{slug[:60]}.jpg"
            )
            article.image_alt = image["alt"]
            article.image_caption = image["caption"]
            article.image_credit = image["credit"]
        article.save()
        for order, byline in enumerate(data["bylines"]):
            Byline.objects.create(
                article=article, author=authors[byline["author"]], role=byline["role"], order=order
            )
        article.tags.set([Tag.objects.get_or_create(name=name)[0] for name in data["tags"]])
        revisions.record(article, None, note="Nội dung mẫu")
        return True

    def video(self):
        """A travel story becomes a video story; the worker encodes its clip."""
        article = Article.objects.filter(slug=VIDEO_STORY).first()
        if article is None or Video.objects.filter(article=article).exists():
            return "Demo video: already there."
        if not probe.binaries_found():
            return "Demo video: skipped, ffmpeg is not installed."
        path = videos.clip()
        info = probe.check_file(path)
        with path.open("rb") as f:
            video = Video(article=article, caption="Măng Đen trong kỳ nghỉ lễ (hình minh họa)")
            video.duration, video.width, video.height, video.size = (
                info.duration,
                info.width,
                info.height,
                info.size,
            )
            video.original.save(path.name, File(f), save=False)
            video.save()
        webvtt, transcript = captions.convert(videos.CAPTIONS.encode())
        CaptionTrack.objects.create(video=video, webvtt=webvtt, transcript=transcript)
        process.queue(video)
        path.unlink()
        path.parent.rmdir()
        return "Demo video: queued; the worker started by `make run` encodes it."

    def accounts(self):
        User = get_user_model()
        for username, password, is_superuser, group_name in ACCOUNTS:
            user, _ = User.objects.get_or_create(username=username)
            user.is_staff = True
            user.is_superuser = is_superuser
            user.email = f"{username}@example.com"
            user.first_name, byline = PEOPLE.get(username, ("", None))
            user.last_name = ""
            user.set_password(password)
            user.save()
            if group_name and (group := Group.objects.filter(name=group_name).first()):
                user.groups.add(group)
            if byline:
                Author.objects.filter(slug=byline).update(user=user)


def body_html(data):
    """Paragraphs, with the optional subheading after the second and the quote after the third."""
    parts = []
    for i, paragraph in enumerate(data["paragraphs"]):
        parts.append(f"<p>{escape(paragraph)}</p>")
        if i == 1 and data.get("subheading"):
            parts.append(f"<h2>{escape(data['subheading'])}</h2>")
        if i == 2 and data.get("quote"):
            parts.append(f"<blockquote><p>{escape(data['quote'])}</p></blockquote>")
    return "\n".join(parts)
