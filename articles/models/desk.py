"""The newsroom's records: whole-story revisions, the audit log and published corrections."""

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from articles.models.stories import Article
from articles.text import search_document
from newsroom.infra.retire import RetiringQuerySet


class Revision(models.Model):
    """A snapshot of the whole story as someone saved it (see `articles.revisions`)."""

    class Kind(models.TextChoices):
        SAVED = "saved", _("Lưu")
        PENDING = "pending", _("Thay đổi bài đang đăng")
        RESTORED = "restored", _("Khôi phục bản cũ")
        IMPORTED = "imported", _("Nhập từ WordPress")

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="revisions")
    number = models.PositiveIntegerField(_("số"))
    kind = models.CharField(_("loại"), max_length=10, choices=Kind.choices, default=Kind.SAVED)
    created = models.DateTimeField(_("lúc"), default=timezone.now)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người lưu"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    note = models.CharField(_("ghi chú"), max_length=300, blank=True)
    snapshot = models.JSONField(_("nội dung"))
    kept_pending = models.BooleanField(
        _("chờ duyệt"), default=False, help_text=_("Một thay đổi của bài đang đăng.")
    )
    approved_at = models.DateTimeField(_("duyệt lúc"), null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người duyệt"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        ordering = ["-number"]
        verbose_name = _("phiên bản")
        verbose_name_plural = _("phiên bản")
        constraints = [
            models.UniqueConstraint(fields=["article", "number"], name="revision_unique_number")
        ]

    def __str__(self):
        return _("Phiên bản %(n)d") % {"n": self.number}

    @property
    def became_content(self):
        """Whether the story took this content: saved directly, or approved."""
        return not self.kept_pending or self.approved_at is not None


class ReadOnlyQuerySet(models.QuerySet):
    """Rows appended, never changed (the audit log, published notes): bulk writes refused."""

    def update(self, **kwargs):
        raise PermissionDenied("These rows cannot be changed.")

    def delete(self):
        raise PermissionDenied("These rows cannot be deleted.")


class AuditEntry(models.Model):
    """One action on a story or a comment: who, when, what, on what, and a short summary.

    Written in the transaction of the action (`articles.audit.record`); never changed.
    """

    class Action(models.TextChoices):
        CREATED = "created", _("Tạo bài")
        SAVED = "saved", _("Lưu")
        SUBMITTED = "submitted", _("Gửi duyệt")
        RETURNED = "returned", _("Trả lại")
        APPROVED = "approved", _("Duyệt")
        PUBLISHED = "published", _("Xuất bản")
        SCHEDULED = "scheduled", _("Hẹn giờ")
        UNPUBLISHED = "unpublished", _("Gỡ bài")
        RESTORED = "restored", _("Khôi phục bản cũ")
        CORRECTED = "corrected", _("Thêm đính chính")
        DELETED = "deleted", _("Xóa bài")
        COMMENT_APPROVED = "c_approved", _("Duyệt bình luận")
        COMMENT_REJECTED = "c_rejected", _("Từ chối bình luận")
        COMMENT_SPAM = "c_spam", _("Đánh dấu bình luận rác")
        COMMENT_PENDING = "c_pending", _("Trả bình luận về hàng chờ")
        COMMENT_KEPT = "c_kept", _("Giữ bình luận bị báo cáo")
        COMMENT_HIDDEN = "c_hidden", _("Ẩn bình luận để xem xét lại")
        COMMENT_OFFICIAL = "c_official", _("Yêu cầu của cơ quan chức năng")
        COMMENT_FEATURED = "c_featured", _("Ghim ý kiến nổi bật")
        COMMENT_UNFEATURED = "c_unfeat", _("Bỏ ghim ý kiến nổi bật")
        COMMENT_RULES = "c_rules", _("Đổi quy định bình luận")

    at = models.DateTimeField(_("lúc"), default=timezone.now, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người làm"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    action = models.CharField(_("việc"), max_length=12, choices=Action.choices)
    # Kept as plain references (no constraint, nothing cascades): an entry outlives its story.
    article = models.ForeignKey(
        "articles.Article",
        verbose_name=_("bài viết"),
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        null=True,
        blank=True,
        related_name="+",
    )
    section = models.ForeignKey(
        "articles.Section",
        verbose_name=_("chuyên mục"),
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        null=True,
        blank=True,
        related_name="+",
    )
    comment_id = models.PositiveBigIntegerField(_("bình luận số"), null=True, blank=True)
    subject = models.CharField(_("đối tượng"), max_length=250, blank=True)
    summary = models.CharField(_("tóm tắt"), max_length=500, blank=True)

    objects = ReadOnlyQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("nhật ký")
        verbose_name_plural = _("nhật ký tòa soạn")
        default_permissions = ["view"]
        indexes = [models.Index(fields=["article", "at"], name="audit_article_idx")]

    def __str__(self):
        return f"{self.get_action_display()}: {self.subject}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise PermissionDenied("Audit entries cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionDenied("Audit entries cannot be deleted.")


class CorrectionQuerySet(ReadOnlyQuerySet, RetiringQuerySet):
    def published(self):
        """Notes on stories readers may see (the one definition: `Article...published()`)."""
        return self.filter(article__in=Article.objects.published())


class Correction(models.Model):
    """A note on a live story (Press Law 2016, Art. 42): published once, never changed."""

    class Kind(models.TextChoices):
        CORRECTION = "correction", _("Cải chính")
        UPDATE = "update", _("Cập nhật")
        CLARIFICATION = "clarify", _("Làm rõ")
        APOLOGY = "apology", _("Xin lỗi")

    ON_TOP = {Kind.CORRECTION, Kind.APOLOGY}

    article = models.ForeignKey(
        "articles.Article",
        verbose_name=_("bài viết"),
        on_delete=models.PROTECT,
        related_name="corrections",
    )
    kind = models.CharField(_("loại"), max_length=10, choices=Kind.choices)
    text = models.TextField(_("nội dung"), max_length=2000)
    published = models.DateTimeField(_("lúc"), default=timezone.now)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người viết"),
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
    )
    search_text = models.TextField(editable=False, blank=True, default="")

    objects = CorrectionQuerySet.as_manager()

    class Meta:
        ordering = ["published", "pk"]
        verbose_name = _("đính chính")
        verbose_name_plural = _("đính chính")
        default_permissions = ["add", "view"]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.text[:60]}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise PermissionDenied("A published note is followed by another, never changed.")
        self.search_text = search_document(self.article.title, self.text)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        story = reverse("articles:detail", kwargs={"slug": self.article.slug})
        return f"{story}#dinh-chinh-{self.pk}"

    def delete(self, *args, **kwargs):
        raise PermissionDenied("A published note is followed by another, never deleted.")

    @property
    def on_top(self):
        return self.kind in self.ON_TOP
