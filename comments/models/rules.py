"""Comment rules: set for the whole site, overridden per section and per story.

Every field left empty means "as the level above"; the site's own row falls back to the
settings (`COMMENTS_*`). `comments.rules` works out the rule in force and where it comes from.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from articles.models import Article, Section
from newsroom.infra.retire import RetiringQuerySet


class CommentRule(models.Model):
    class Scope(models.TextChoices):
        SITE = "site", _("Toàn trang")
        SECTION = "section", _("Chuyên mục")
        STORY = "story", _("Bài viết")

    class Mode(models.TextChoices):
        """From the strictest to the loosest."""

        OFF = "off", _("Tắt: không hiện bình luận")
        READ_ONLY = "read_only", _("Chỉ đọc: hiện bình luận, không nhận thêm")
        PREMODERATED = "premoderated", _("Duyệt trước khi đăng")
        KNOWN_PUBLISHED = "known", _("Người đã có bình luận được duyệt: đăng ngay")

    scope = models.CharField(_("áp dụng cho"), max_length=8, choices=Scope.choices)
    section = models.OneToOneField(
        Section,
        verbose_name=_("chuyên mục"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="comment_rule",
    )
    article = models.OneToOneField(
        Article,
        verbose_name=_("bài viết"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="comment_rule",
    )
    mode = models.CharField(  # noqa: DJ001 (empty means "as the level above")
        _("chế độ"), max_length=12, choices=Mode.choices, null=True, blank=True
    )
    close_after_days = models.PositiveSmallIntegerField(
        _("đóng sau (ngày)"),
        null=True,
        blank=True,
        help_text=_("Tính từ lúc xuất bản, mỗi khi trang được mở. 0: không bao giờ đóng."),
    )
    quiet_from = models.TimeField(_("giờ nghỉ từ"), null=True, blank=True)
    quiet_until = models.TimeField(
        _("giờ nghỉ đến"),
        null=True,
        blank=True,
        help_text=_(
            "Giờ Việt Nam. Trong giờ nghỉ không nhận bình luận. Giờ bắt đầu bằng giờ kết thúc: "
            "không có giờ nghỉ."
        ),
    )
    max_length = models.PositiveIntegerField(_("độ dài tối đa (ký tự)"), null=True, blank=True)
    max_links = models.PositiveSmallIntegerField(
        _("số liên kết tối đa"),
        null=True,
        blank=True,
        help_text=_("Bình luận có nhiều liên kết hơn phải chờ duyệt."),
    )
    report_threshold = models.PositiveSmallIntegerField(
        _("ngưỡng báo cáo"),
        null=True,
        blank=True,
        help_text=_("Số người báo cáo khác nhau để tạm ẩn một bình luận."),
    )
    updated = models.DateTimeField(_("cập nhật lúc"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        verbose_name=_("người cập nhật"),
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )

    objects = RetiringQuerySet.as_manager()

    class Meta:
        verbose_name = _("quy định bình luận")
        verbose_name_plural = _("quy định bình luận")
        permissions = [
            ("loosen_commentrule", _("Có thể đặt quy định của bài thoáng hơn của chuyên mục")),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["scope"], condition=models.Q(scope="site"), name="comment_rule_one_site"
            ),
            models.CheckConstraint(
                condition=(
                    models.Q(scope="site", section__isnull=True, article__isnull=True)
                    | models.Q(scope="section", section__isnull=False, article__isnull=True)
                    | models.Q(scope="story", section__isnull=True, article__isnull=False)
                ),
                name="comment_rule_scope_matches",
            ),
        ]

    def __str__(self):
        if self.scope == self.Scope.SECTION:
            return str(_("Quy định bình luận: chuyên mục %(name)s") % {"name": self.section})
        if self.scope == self.Scope.STORY:
            return str(_("Quy định bình luận: bài %(name)s") % {"name": self.article})
        return str(_("Quy định bình luận: toàn trang"))
