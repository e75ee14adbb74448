"""What readers do with an approved comment besides answering it: like it, report it.

A reader has no account: "one per browser" means one per `newsroom.infra.readers` browser key
(a signed random cookie, hashed). Neither table is shown to readers row by row, so writing one
retires no cached page; the comment's counters are kept by `comments.likes` and
`comments.reports`.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from comments.models.comment import Comment


class CommentLike(models.Model):
    comment = models.ForeignKey(
        Comment, verbose_name=_("bình luận"), on_delete=models.CASCADE, related_name="likes"
    )
    browser = models.CharField(_("trình duyệt"), max_length=32)
    created = models.DateTimeField(_("lúc"), auto_now_add=True)

    class Meta:
        verbose_name = _("lượt thích")
        verbose_name_plural = _("lượt thích")
        constraints = [
            models.UniqueConstraint(fields=["comment", "browser"], name="comment_like_once")
        ]

    def __str__(self):
        return f"♥ {self.comment_id}"


class CommentReport(models.Model):
    class Reason(models.TextChoices):
        SPAM = "spam", _("Spam")
        ABUSIVE = "abusive", _("Xúc phạm")
        FALSE = "false", _("Sai sự thật")
        UNLAWFUL = "unlawful", _("Vi phạm pháp luật")
        PERSONAL_DATA = "personal", _("Lộ thông tin cá nhân")
        OTHER = "other", _("Khác")
        # Staff only: entered by a moderator with the request's reference; hides at once.
        OFFICIAL = "official", _("Yêu cầu của cơ quan chức năng")

    comment = models.ForeignKey(
        Comment, verbose_name=_("bình luận"), on_delete=models.CASCADE, related_name="reports"
    )
    reason = models.CharField(_("lý do"), max_length=10, choices=Reason.choices)
    note = models.CharField(_("ghi chú"), max_length=300, blank=True)
    browser = models.CharField(_("trình duyệt"), max_length=32, blank=True)
    ip_address = models.GenericIPAddressField(_("địa chỉ IP"), null=True, blank=True)
    created = models.DateTimeField(_("lúc"), auto_now_add=True, db_index=True)
    # An official request: who entered it and the request's own reference.
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        verbose_name=_("người nhập"),
        null=True,
        blank=True,
        related_name="+",
    )
    reference = models.CharField(_("số hiệu văn bản"), max_length=120, blank=True)
    # Set when a moderator decides (keeps, rejects or marks spam): the report is dealt with.
    resolved_at = models.DateTimeField(_("xử lý lúc"), null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        verbose_name=_("người xử lý"),
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        ordering = ["created", "pk"]
        verbose_name = _("báo cáo vi phạm")
        verbose_name_plural = _("báo cáo vi phạm")
        constraints = [
            models.UniqueConstraint(
                fields=["comment", "browser"],
                condition=~models.Q(browser=""),
                name="comment_report_once_per_browser",
            )
        ]
        indexes = [models.Index(fields=["comment", "resolved_at"], name="comment_report_open_idx")]

    def __str__(self):
        return f"{self.get_reason_display()}: {self.comment_id}"

    @property
    def is_official(self):
        return self.reason == self.Reason.OFFICIAL
