from django.apps import apps
from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.core.files.storage import default_storage
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_prose_editor.fields import ProseEditorField

from articles import images, search
from articles.sanitize import sanitize_html
from articles.slugs import unique_slug
from articles.text import index_text, plain_text
from newsroom.infra.retire import RetiringQuerySet

EDITOR_EXTENSIONS = {
    "Bold": True,
    "Italic": True,
    "Underline": True,
    "Strike": True,
    "Subscript": True,
    "Superscript": True,
    "Heading": {"levels": [2, 3, 4]},
    "BulletList": True,
    "ListItem": True,
    "OrderedList": True,
    "Blockquote": True,
    "HorizontalRule": True,
    "HardBreak": True,
    "Link": {"enableTarget": False},
    "Figure": True,
    "Caption": True,
    "Image": True,
    "History": True,
}


class ShownToReaders(models.Model):
    """Rows that reader pages show: bulk writes retire the cached pages too."""

    objects = RetiringQuerySet.as_manager()

    class Meta:
        abstract = True


class Named(ShownToReaders):
    """A section, byline or tag: a name, and a slug filled from it when left empty
    (Vietnamese-aware and unique)."""

    class Meta:
        abstract = True

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(self.name, self.slug_is_taken)
        super().save(*args, **kwargs)

    def slug_is_taken(self, slug):
        return type(self)._default_manager.exclude(pk=self.pk).filter(slug=slug).exists()


class Section(Named):
    name = models.CharField(_("tên"), max_length=100)
    slug = models.SlugField(_("slug"), max_length=120, unique=True, blank=True)
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    description = models.TextField(_("mô tả"), blank=True)
    editors = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("biên tập viên phụ trách"),
        related_name="edited_sections",
        blank=True,
        help_text=_("Biên tập viên không được giao chuyên mục nào thì phụ trách mọi chuyên mục."),
    )

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("chuyên mục")
        verbose_name_plural = _("chuyên mục")

    def get_absolute_url(self):
        return reverse("articles:section", kwargs={"slug": self.slug})


class Author(Named):
    """A byline: the name printed on stories, not a login account."""

    name = models.CharField(_("tên"), max_length=120)
    slug = models.SlugField(_("slug"), max_length=140, unique=True, blank=True)
    bio = models.TextField(_("giới thiệu"), blank=True)
    photo = models.ImageField(_("ảnh"), upload_to="authors/%Y/", blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("tài khoản"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="bylines",
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("tác giả")
        verbose_name_plural = _("tác giả")

    def save(self, *args, **kwargs):
        if self.photo and not self.photo._committed:
            images.store_clean(self.photo)  # no EXIF/GPS, nothing hidden in the file
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("articles:author", kwargs={"slug": self.slug})


class Tag(Named):
    name = models.CharField(_("tên"), max_length=100, unique=True)
    slug = models.SlugField(_("slug"), max_length=120, unique=True, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("thẻ")
        verbose_name_plural = _("thẻ")

    def get_absolute_url(self):
        return reverse("articles:tag", kwargs={"slug": self.slug})


def page_prefetches():
    """The related rows a story page shows: its byline (in order, with authors), tags and
    correction notes."""
    return [
        models.Prefetch("bylines", queryset=Byline.objects.select_related("author")),
        "tags",
        "corrections",
        "video__captions",
    ]


def may_preview(user) -> bool:
    """Whether `user` sees anything readers don't (drafts, scheduled stories, clips not ready):
    active staff who may change stories."""
    return user.is_active and user.is_staff and user.has_perm("articles.change_article")


class ArticleQuerySet(RetiringQuerySet):
    def published(self):
        """Stories readers may see now: published, and not scheduled for later."""
        return self.filter(status=Article.Status.PUBLISHED, publish_at__lte=timezone.now())

    def visible_to(self, user):
        """What `user` may see on the site: editors preview everything, reporters their own
        stories too; everyone else sees published()."""
        if not may_preview(user):
            return self.published()
        if user.has_perm("articles.review_article"):
            return self.all()
        return self.filter(Q(pk__in=self.published().values("pk")) | Q(owner=user))

    def withdrawn(self):
        """Stories the editor-in-chief took off the site: readers get a 410, not a 404."""
        return self.filter(status=Article.Status.UNPUBLISHED)

    def for_cards(self):
        """What a story card shows: section, image and count; no body."""
        return self.select_related("section").defer("body", "search_text")

    def with_page_data(self):
        """What a story page shows: section, video, byline (in order, with authors), tags."""
        return self.select_related("section", "video").prefetch_related(*page_prefetches())

    def for_comment_post(self):
        """Just what taking a comment needs (a story page is loaded only to show errors)."""
        return self.only("pk", "slug", "title", "status", "publish_at", "allow_comments", "section")

    def newest_first(self):
        return self.order_by("-publish_at", "-pk")

    def next_publication(self) -> float:
        """When the next scheduled story goes live (epoch seconds; infinity when none is)."""
        upcoming = (
            self.filter(status=Article.Status.PUBLISHED, publish_at__gt=timezone.now())
            .order_by("publish_at")
            .values_list("publish_at", flat=True)
            .first()
        )
        return upcoming.timestamp() if upcoming else float("inf")

    def search(self, query):
        """The published stories holding every word of `query` (accents and case aside),
        best first: a paginator's count and slices, not a queryset (`articles.search`).
        Ranked through published(); a page's stories are then read by id, as cards."""
        return search.Results(self.published(), query, rows=Article.objects.for_cards())


class Article(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Bản nháp")
        PUBLISHED = "published", _("Đã xuất bản")
        UNPUBLISHED = "unpublished", _("Đã gỡ")

    class Publication(models.TextChoices):
        """Where a story stands for readers (`status` and `publish_at` together)."""

        DRAFT = "draft", _("Bản nháp")
        SCHEDULED = "scheduled", _("Hẹn giờ")
        LIVE = "live", _("Đang đăng")
        UNPUBLISHED = "unpublished", _("Đã gỡ")

    class Review(models.TextChoices):
        WRITING = "writing", _("Đang viết")
        IN_REVIEW = "in_review", _("Chờ duyệt")
        RETURNED = "returned", _("Bị trả lại")
        APPROVED = "approved", _("Đã duyệt")

    title = models.CharField(_("tiêu đề"), max_length=250)
    slug = models.SlugField(
        _("slug"),
        max_length=200,
        unique=True,
        blank=True,
        help_text=_("Tự tạo từ tiêu đề nếu để trống. Đổi slug thì địa chỉ cũ vẫn chuyển hướng."),
    )
    standfirst = models.TextField(_("sapo"), blank=True)
    body = ProseEditorField(
        _("nội dung"), extensions=EDITOR_EXTENSIONS, sanitize=sanitize_html, blank=True
    )
    section = models.ForeignKey(
        Section, verbose_name=_("chuyên mục"), on_delete=models.PROTECT, related_name="articles"
    )
    authors = models.ManyToManyField(
        Author, through="Byline", verbose_name=_("tác giả"), related_name="articles", blank=True
    )
    tags = models.ManyToManyField(Tag, verbose_name=_("thẻ"), related_name="articles", blank=True)
    image = models.ImageField(_("ảnh đại diện"), upload_to="articles/%Y/%m/", blank=True)
    image_alt = models.CharField(
        _("mô tả ảnh (alt)"),
        max_length=250,
        blank=True,
        help_text=_("Bắt buộc khi có ảnh: mô tả ngắn cho người không nhìn thấy ảnh."),
    )
    image_caption = models.CharField(_("chú thích ảnh"), max_length=300, blank=True)
    image_credit = models.CharField(_("nguồn ảnh"), max_length=120, blank=True)
    image_width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    image_height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    image_renditions = models.JSONField(default=list, blank=True, editable=False)
    status = models.CharField(
        _("trạng thái"), max_length=12, choices=Status.choices, default=Status.DRAFT
    )
    review_state = models.CharField(
        _("duyệt bài"), max_length=10, choices=Review.choices, default=Review.WRITING
    )
    review_note = models.TextField(_("ghi chú của biên tập viên"), blank=True, editable=False)
    submitted_at = models.DateTimeField(_("gửi duyệt lúc"), null=True, blank=True, editable=False)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người viết"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="stories",
    )
    pending_revision = models.ForeignKey(
        "articles.Revision",
        verbose_name=_("thay đổi chờ duyệt"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        help_text=_("Thay đổi của một bài đang đăng: bạn đọc vẫn thấy bản đang đăng."),
    )
    publish_at = models.DateTimeField(
        _("thời điểm xuất bản"),
        default=timezone.now,
        help_text=_("Thời điểm trong tương lai nghĩa là hẹn giờ: bài chỉ hiện từ lúc đó."),
    )
    created = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    updated = models.DateTimeField(_("cập nhật lúc"), auto_now=True)
    allow_comments = models.BooleanField(_("cho phép bình luận"), default=True)
    comment_count = models.PositiveIntegerField(
        _("số bình luận"), default=0, editable=False, help_text=_("Do ứng dụng bình luận cập nhật.")
    )
    search_text = models.TextField(editable=False, blank=True, default="")

    objects = ArticleQuerySet.as_manager()

    class Meta:
        ordering = ["-publish_at", "-pk"]
        verbose_name = _("bài viết")
        verbose_name_plural = _("bài viết")
        indexes = [
            models.Index(fields=["status", "publish_at"], name="article_visible_idx"),
            models.Index(fields=["section", "status", "publish_at"], name="article_section_idx"),
            models.Index(fields=["review_state", "submitted_at"], name="article_review_idx"),
            # Which of a thousand stories search ranked readers may see, without reading the
            # stories' wide rows (on SQLite, the status sits past the body, in overflow pages).
            models.Index(fields=["id", "status", "publish_at"], name="article_visible_by_id_idx"),
        ]
        permissions = [
            ("review_article", _("Có thể trả lại, duyệt và xuất bản bài đã duyệt")),
            ("oversee_article", _("Tổng biên tập: gỡ bài, vượt quy trình duyệt, khôi phục")),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        self.body = sanitize_html(self.body)
        if not self.slug:
            self.slug = unique_slug(self.title, self.slug_is_taken)
        self.search_text = self.search_document()
        if not self.image:
            self.image_width = self.image_height = None
            self.image_renditions = []
        elif not self.image._committed:
            images.prepare_featured_image(self)
        old_slug = self._stored_slug()
        super().save(*args, **kwargs)
        if old_slug and old_slug != self.slug:
            ArticleSlugHistory.objects.update_or_create(slug=old_slug, defaults={"article": self})
            ArticleSlugHistory.objects.filter(slug=self.slug).delete()

    def get_absolute_url(self):
        return reverse("articles:detail", kwargs={"slug": self.slug})

    def search_document(self):
        """What search indexes (`text.index_text`): title, standfirst, and as body the body
        and the words spoken in its video (the caption tracks' transcripts)."""
        spoken = []
        if self.pk:
            tracks = apps.get_model("articles", "CaptionTrack").objects
            spoken = tracks.filter(video__article=self.pk).values_list("transcript", flat=True)
        return index_text(self.title, self.standfirst, " ".join([plain_text(self.body), *spoken]))

    @property
    def is_published(self):
        return self.status == self.Status.PUBLISHED and self.publish_at <= timezone.now()

    @property
    def is_scheduled(self):
        return self.status == self.Status.PUBLISHED and self.publish_at > timezone.now()

    @property
    def publication(self):
        if self.status == self.Status.PUBLISHED:
            return self.Publication.SCHEDULED if self.is_scheduled else self.Publication.LIVE
        return self.Publication(self.status)

    @property
    def has_pending_change(self):
        return self.pending_revision_id is not None

    def clean(self):
        if self.image and not self.image_alt.strip():
            raise ValidationError({"image_alt": _("Hãy mô tả ảnh đại diện (văn bản thay thế).")})

    def slug_is_taken(self, slug):
        others = Article.objects.exclude(pk=self.pk)
        retired = ArticleSlugHistory.objects.exclude(article_id=self.pk)
        return others.filter(slug=slug).exists() or retired.filter(slug=slug).exists()

    def _stored_slug(self):
        if not self.pk:
            return None
        return Article.objects.filter(pk=self.pk).values_list("slug", flat=True).first()

    @property
    def playable_video(self):
        """The story's video when readers can play it (processed, or a YouTube embed)."""
        try:
            video = self.video
        except ObjectDoesNotExist:
            return None
        return video if video.is_playable else None

    @property
    def image_srcset(self):
        return ", ".join(
            f"{default_storage.url(r['name'])} {r['w']}w" for r in self.image_renditions
        )

    @property
    def image_src(self):
        """The middle rendition: a sensible `src` for browsers that ignore srcset."""
        if not self.image_renditions:
            return self.image.url if self.image else ""
        return default_storage.url(self.image_renditions[len(self.image_renditions) // 2]["name"])

    @property
    def image_rendition_size(self):
        if not self.image_renditions:
            return self.image_width, self.image_height
        largest = self.image_renditions[-1]
        return largest["w"], largest["h"]


class Byline(ShownToReaders):
    """One name in a story's byline, in order, with an optional role ("Quay phim")."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="bylines")
    author = models.ForeignKey(
        Author, verbose_name=_("tác giả"), on_delete=models.PROTECT, related_name="bylines"
    )
    role = models.CharField(_("vai trò"), max_length=60, blank=True)
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("tên trong dòng tác giả")
        verbose_name_plural = _("dòng tác giả")
        constraints = [
            models.UniqueConstraint(fields=["article", "author"], name="byline_unique_author")
        ]

    def __str__(self):
        return f"{self.author} ({self.role})" if self.role else str(self.author)


class ArticleSlugHistory(models.Model):
    """A slug a story used to have; its URL answers with a 301 to the current one."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="slug_history")
    slug = models.SlugField(max_length=200, unique=True)
    retired = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("slug cũ")
        verbose_name_plural = _("slug cũ")

    def __str__(self):
        return self.slug
