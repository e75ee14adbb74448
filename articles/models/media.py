"""A story's video: an uploaded clip the worker turns into renditions, or a YouTube embed,
with its caption tracks (see `articles.video` for the rules that make and check them)."""

from django.conf import settings
from django.core.files.storage import default_storage
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from articles import images
from articles.models.stories import Article
from newsroom.infra.retire import RetiringQuerySet


class VideoQuerySet(RetiringQuerySet):
    def playable(self):
        """Videos a reader can play: processed uploads, and YouTube embeds."""
        return self.filter(
            models.Q(state=Video.State.READY) | models.Q(source=Video.Source.YOUTUBE)
        )


class Video(models.Model):
    class Source(models.TextChoices):
        UPLOAD = "upload", _("Tệp video tải lên")
        YOUTUBE = "youtube", _("Video YouTube")

    class State(models.TextChoices):
        QUEUED = "queued", _("Đang chờ xử lý")
        PROCESSING = "processing", _("Đang xử lý")
        READY = "ready", _("Sẵn sàng")
        FAILED = "failed", _("Lỗi")

    article = models.OneToOneField(
        Article, verbose_name=_("bài viết"), on_delete=models.CASCADE, related_name="video"
    )
    is_lead = models.BooleanField(
        _("video là nội dung chính"),
        default=True,
        help_text=_("Bài video: video đứng đầu bài thay cho ảnh đại diện."),
    )
    source = models.CharField(
        _("nguồn"), max_length=10, choices=Source.choices, default=Source.UPLOAD
    )
    original = models.FileField(
        _("tệp video"), upload_to="videos/originals/%Y/%m/", blank=True, max_length=300
    )
    youtube_id = models.CharField(_("mã video YouTube"), max_length=11, blank=True)
    caption = models.CharField(_("chú thích video"), max_length=300, blank=True)
    poster = models.ImageField(
        _("ảnh bìa"),
        upload_to="videos/posters/%Y/%m/",
        blank=True,
        max_length=300,
        help_text=_("Để trống: lấy một khung hình trong video."),
    )
    poster_from_video = models.BooleanField(default=False, editable=False)
    poster_width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    poster_height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    poster_renditions = models.JSONField(default=list, blank=True, editable=False)

    state = models.CharField(
        _("trạng thái"), max_length=12, choices=State.choices, default=State.QUEUED
    )
    progress = models.PositiveSmallIntegerField(_("tiến độ (%)"), default=0, editable=False)
    failure = models.TextField(_("lý do lỗi"), blank=True, editable=False)
    attempts = models.PositiveSmallIntegerField(_("số lần xử lý"), default=0, editable=False)
    duration = models.FloatField(_("thời lượng (giây)"), null=True, blank=True, editable=False)
    width = models.PositiveIntegerField(_("rộng"), null=True, blank=True, editable=False)
    height = models.PositiveIntegerField(_("cao"), null=True, blank=True, editable=False)
    size = models.PositiveBigIntegerField(_("dung lượng"), null=True, blank=True, editable=False)
    renditions = models.JSONField(default=list, blank=True, editable=False)
    hls = models.CharField(max_length=300, blank=True, editable=False)

    created = models.DateTimeField(_("tải lên lúc"), default=timezone.now, editable=False)
    processed = models.DateTimeField(_("xử lý xong lúc"), null=True, blank=True, editable=False)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người tải lên"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )

    objects = VideoQuerySet.as_manager()

    class Meta:
        ordering = ["-created"]
        verbose_name = _("video")
        verbose_name_plural = _("video")
        indexes = [models.Index(fields=["state", "created"], name="video_state_idx")]

    def __str__(self):
        return str(self.article)

    def save(self, *args, **kwargs):
        """A new poster (the editor's, or a frame the worker took) goes through the image
        pipeline: metadata stripped, WebP renditions."""
        if not self.poster:
            self.poster_width = self.poster_height = None
            self.poster_renditions = []
        elif not self.poster._committed:
            clean = images.store_clean(self.poster)
            self.poster_width, self.poster_height = clean.size
            self.poster_renditions = images.build_renditions(clean, self.poster.name)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("articles:watch", kwargs={"slug": self.article.slug})

    def delete(self, *args, **kwargs):
        result = super().delete(*args, **kwargs)
        refresh_search_text(self.article_id)
        return result

    @property
    def is_youtube(self):
        return self.source == self.Source.YOUTUBE

    @property
    def is_playable(self):
        return self.is_youtube or self.state == self.State.READY

    @property
    def sources(self):
        """The MP4 renditions, largest first: [{url, width, height, bytes}]."""
        return [
            {**r, "url": default_storage.url(r["name"])}
            for r in sorted(self.renditions, key=lambda r: -r["label"])
        ]

    @property
    def hls_url(self):
        return default_storage.url(self.hls) if self.hls else ""

    @property
    def poster_src(self):
        if self.poster_renditions:
            middle = self.poster_renditions[len(self.poster_renditions) // 2]
            return default_storage.url(middle["name"])
        return self.poster.url if self.poster else ""

    @property
    def poster_srcset(self):
        return ", ".join(
            f"{default_storage.url(r['name'])} {r['w']}w" for r in self.poster_renditions
        )

    @property
    def display_size(self):
        """Width and height for the player, so the layout does not shift."""
        largest = self.sources[0] if self.renditions else None
        if largest:
            return largest["width"], largest["height"]
        return self.poster_width or 1280, self.poster_height or 720

    @property
    def youtube_url(self):
        return f"https://www.youtube.com/watch?v={self.youtube_id}" if self.youtube_id else ""


class CaptionTrack(models.Model):
    """A caption track, stored as WebVTT (SRT uploads are converted), with its plain text."""

    class Language(models.TextChoices):
        VIETNAMESE = "vi", _("Tiếng Việt")
        ENGLISH = "en", _("Tiếng Anh")

    video = models.ForeignKey(Video, on_delete=models.CASCADE, related_name="captions")
    language = models.CharField(
        _("ngôn ngữ"), max_length=5, choices=Language.choices, default=Language.VIETNAMESE
    )
    is_default = models.BooleanField(_("bật sẵn"), default=True)
    webvtt = models.TextField(editable=False)
    transcript = models.TextField(_("lời thoại"), editable=False)
    created = models.DateTimeField(_("tải lên lúc"), default=timezone.now, editable=False)

    objects = RetiringQuerySet.as_manager()

    class Meta:
        ordering = ["-is_default", "language"]
        verbose_name = _("phụ đề")
        verbose_name_plural = _("phụ đề")
        constraints = [
            models.UniqueConstraint(fields=["video", "language"], name="caption_one_per_language")
        ]

    def __str__(self):
        return self.get_language_display()

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        refresh_search_text(self.video.article_id)

    def get_absolute_url(self):
        return reverse(
            "articles:captions", kwargs={"slug": self.video.article.slug, "lang": self.language}
        )

    def delete(self, *args, **kwargs):
        result = super().delete(*args, **kwargs)
        refresh_search_text(self.video.article_id)
        return result


def refresh_search_text(article_id) -> None:
    """A story's search text after its captions changed (spoken words are searchable)."""
    article = Article.objects.filter(pk=article_id).first()
    if article is not None:
        Article.objects.filter(pk=article_id).update(search_text=article.search_document())
