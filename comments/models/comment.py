import unicodedata

from django.conf import settings
from django.core.cache import caches
from django.db import models, transaction
from django.utils.translation import gettext_lazy as _

from articles.models import Article
from newsroom.infra.retire import RetiringQuerySet


class CommentQuerySet(RetiringQuerySet):
    PAGE_FIELDS = (
        "pk",
        "parent_id",
        "name",
        "body",
        "created",
        "status",
        "article_id",
        "badge",
        "by_story_author",
        "like_count",
        "featured_at",
        "report_state",
    )

    def approved(self):
        return self.filter(status=Comment.Status.APPROVED)

    def pending(self):
        return self.filter(status=Comment.Status.PENDING)

    def for_article_page(self, article):
        """The approved comments a story shows, oldest first, in one query."""
        return (
            self.approved()
            .filter(article=article)
            .only(*self.PAGE_FIELDS)
            .order_by("created", "pk")
        )


class Comment(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("Chờ duyệt")
        APPROVED = "approved", _("Đã duyệt")
        REJECTED = "rejected", _("Bị từ chối")
        SPAM = "spam", _("Spam")

    class Badge(models.TextChoices):
        """What a staff commenter is shown as (none for readers)."""

        NONE = "", _("Bạn đọc")
        REPORTER = "reporter", _("Phóng viên")
        EDITOR = "editor", _("Biên tập viên")
        BOARD = "board", _("Ban biên tập")

    class ReportState(models.TextChoices):
        """Where an approved comment stands with readers' reports (`comments.reports`)."""

        NONE = "", _("Không bị báo cáo")
        HIDDEN = "hidden", _("Đang xem xét lại")
        KEPT = "kept", _("Đã giữ sau báo cáo")

    article = models.ForeignKey(
        Article, verbose_name=_("bài viết"), on_delete=models.CASCADE, related_name="comments"
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("trả lời cho"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="replies",
    )
    name = models.CharField(_("tên"), max_length=80)
    email = models.EmailField(_("email"), max_length=254)
    body = models.TextField(_("bình luận"))
    status = models.CharField(
        _("trạng thái"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    held_reason = models.CharField(_("lý do giữ lại"), max_length=300, blank=True)
    created = models.DateTimeField(_("gửi lúc"), auto_now_add=True, db_index=True)
    edited = models.DateTimeField(_("sửa lúc"), null=True, blank=True)
    ip_address = models.GenericIPAddressField(_("địa chỉ IP"), null=True, blank=True)
    user_agent = models.CharField(_("trình duyệt"), max_length=300, blank=True)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        verbose_name=_("người duyệt"),
        null=True,
        blank=True,
        related_name="+",
    )
    moderated_at = models.DateTimeField(_("duyệt lúc"), null=True, blank=True)
    moderation_note = models.CharField(_("ghi chú kiểm duyệt"), max_length=300, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        verbose_name=_("tài khoản tòa soạn"),
        null=True,
        blank=True,
        related_name="comments",
        help_text=_("Khi người viết là nhân viên tòa soạn đã đăng nhập."),
    )
    badge = models.CharField(
        _("danh hiệu"), max_length=10, choices=Badge.choices, default=Badge.NONE, blank=True
    )
    by_story_author = models.BooleanField(
        _("tác giả bài viết"), default=False, help_text=_("Người viết có tên trong dòng tác giả.")
    )
    like_count = models.PositiveIntegerField(_("lượt thích"), default=0, editable=False)
    featured_at = models.DateTimeField(_("ghim nổi bật lúc"), null=True, blank=True, editable=False)
    featured_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        verbose_name=_("người ghim"),
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    report_state = models.CharField(
        _("báo cáo vi phạm"),
        max_length=6,
        choices=ReportState.choices,
        default=ReportState.NONE,
        blank=True,
        editable=False,
    )
    reporters = models.PositiveIntegerField(
        _("số người báo cáo"),
        default=0,
        editable=False,
        help_text=_("Người báo cáo khác nhau (trình duyệt và IP) chưa được xử lý."),
    )
    reported_at = models.DateTimeField(
        _("bị ẩn vì báo cáo lúc"), null=True, blank=True, editable=False
    )
    # Same address, same text, same story: stored once (comments.policy.refuse_repeat). NULL,
    # not "", for comments without one (bulk-imported, erased): never a duplicate.
    fingerprint = models.CharField(  # noqa: DJ001
        max_length=32, null=True, blank=True, editable=False
    )

    objects = CommentQuerySet.as_manager()

    class Meta:
        verbose_name = _("bình luận")
        verbose_name_plural = _("bình luận")
        ordering = ["created", "pk"]
        permissions = [("view_moderation_figures", _("Xem tổng quan kiểm duyệt"))]
        indexes = [
            models.Index(fields=["article", "status", "created"], name="comment_article_idx"),
            models.Index(fields=["status", "created"], name="comment_queue_idx"),
            models.Index(fields=["email"], name="comment_email_idx"),
            models.Index(fields=["report_state", "reporters"], name="comment_reported_idx"),
            models.Index(fields=["moderated_at"], name="comment_moderated_idx"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["article", "fingerprint"],
                condition=models.Q(fingerprint__isnull=False),
                name="comment_once_per_article",
            ),
        ]

    def __str__(self):
        return f"{self.name}: {self.body[:40]}"

    def get_absolute_url(self):
        return f"{self.article.get_absolute_url()}#binh-luan-{self.pk}"

    @property
    def is_pending(self):
        return self.status == self.Status.PENDING

    @property
    def is_approved(self):
        """Shown to every reader (and so on cached pages)."""
        return self.status == self.Status.APPROVED

    @property
    def is_hidden_for_review(self):
        """Approved, but behind "Bình luận này đang được xem xét lại" after readers' reports."""
        return self.report_state == self.ReportState.HIDDEN

    @property
    def is_featured(self):
        return self.featured_at is not None


class DisallowedWordManager(models.Manager):
    GENERATION_KEY = "comments:disallowed-words:generation"
    CACHE_SECONDS = 300  # the longest a change outside save()/delete() can go unseen

    def words(self) -> list[str]:
        """Every rule, read by each comment post from the shared cache, not the database.

        The list is cached under a generation number that saving or deleting a rule (one by
        one, or the admin's bulk delete) moves on, at once and again on commit, so a list read
        before a change is never served after it. `QuerySet.update()`/`delete()`,
        `bulk_create()` and `loaddata` do not: call `forget()` after them.
        """
        cache = caches["shared"]
        generation = cache.get(self.GENERATION_KEY)
        if generation is None:
            cache.add(self.GENERATION_KEY, 0, timeout=None)
            generation = cache.get(self.GENERATION_KEY, 0)
        key = f"comments:disallowed-words:{generation}"
        words = cache.get(key)
        if words is None:
            words = list(self.values_list("word", flat=True))
            cache.set(key, words, timeout=self.CACHE_SECONDS)
        return words

    def forget(self):
        self._next_generation()
        transaction.on_commit(self._next_generation)

    def _next_generation(self):
        cache = caches["shared"]
        cache.add(self.GENERATION_KEY, 0, timeout=None)
        try:
            cache.incr(self.GENERATION_KEY)
        except ValueError:  # evicted meanwhile
            cache.set(self.GENERATION_KEY, 1, timeout=None)


class DisallowedWord(models.Model):
    """A word or phrase that marks a comment as spam; moderators keep the list."""

    word = models.CharField(_("từ hoặc cụm từ"), max_length=100, unique=True)
    note = models.CharField(_("ghi chú"), max_length=200, blank=True)
    created = models.DateTimeField(_("thêm lúc"), auto_now_add=True)

    objects = DisallowedWordManager()

    class Meta:
        ordering = ["word"]
        verbose_name = _("từ bị cấm")
        verbose_name_plural = _("từ bị cấm")

    def __str__(self):
        return self.word

    def save(self, *args, **kwargs):
        self.word = unicodedata.normalize("NFC", " ".join(self.word.split()))
        super().save(*args, **kwargs)
        DisallowedWord.objects.forget()

    def delete(self, *args, **kwargs):
        result = super().delete(*args, **kwargs)
        DisallowedWord.objects.forget()
        return result
