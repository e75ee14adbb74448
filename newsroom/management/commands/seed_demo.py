"""Load demo sections, bylines, stories and accounts. Safe to run again: nothing doubles."""

from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone
from django.utils.html import escape

from articles import revisions
from articles.models import Article, Author, Byline, Section, Tag
from articles.text import vietnamese_slugify
from newsroom import demo
from newsroom.demo import images

# Demo accounts: (username, password, is_superuser, group). Development only.
ACCOUNTS = [
    ("admin", "admin-demo-2026", True, None),
    ("phongvien", "phongvien-demo-2026", False, "Phóng viên"),
    ("bientap", "bientap-demo-2026", False, "Biên tập viên"),
    ("tongbientap", "tongbientap-demo-2026", False, "Tổng biên tập"),
    ("kiemduyet", "kiemduyet-demo-2026", False, "Moderators"),
]


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
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo content: {len(sections)} sections, {len(authors)} authors, "
                f"{Article.objects.count()} stories ({created} new)."
            )
        )
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

    def accounts(self):
        User = get_user_model()
        for username, password, is_superuser, group_name in ACCOUNTS:
            user, _ = User.objects.get_or_create(username=username)
            user.is_staff = True
            user.is_superuser = is_superuser
            user.email = f"{username}@example.com"
            user.set_password(password)
            user.save()
            if group_name and (group := Group.objects.filter(name=group_name).first()):
                user.groups.add(group)


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
