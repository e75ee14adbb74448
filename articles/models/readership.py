"""How many readers opened each story, hour by hour (`articles.readership` counts them)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from articles.models.stories import Article


class StoryReads(models.Model):
    """Readers of one story in one hour (Asia/Ho_Chi_Minh hours, stored in UTC).

    Written in batches from counters kept in the shared cache; never shown one row at a time,
    so writing it retires no cached page.
    """

    article = models.ForeignKey(
        Article, verbose_name=_("bài viết"), on_delete=models.CASCADE, related_name="reads"
    )
    hour = models.DateTimeField(_("giờ"))
    count = models.PositiveIntegerField(_("lượt đọc"), default=0)

    class Meta:
        verbose_name = _("lượt đọc")
        verbose_name_plural = _("lượt đọc")
        constraints = [
            models.UniqueConstraint(fields=["article", "hour"], name="story_reads_once_per_hour")
        ]
        indexes = [models.Index(fields=["hour", "article"], name="story_reads_hour_idx")]

    def __str__(self):
        return f"{self.article_id} @ {self.hour:%Y-%m-%d %H}: {self.count}"


class ReaderOfTheDay(models.Model):
    """One browser counted for one story on one day (Asia/Ho_Chi_Minh), as a 64-bit hash of
    the browser's key and the story: no cookie, no address. Written with the counts, in the
    same transaction, so a batch of reads written twice counts once; kept two days."""

    pk = models.CompositePrimaryKey("day", "reader")
    day = models.DateField(_("ngày"))
    reader = models.BigIntegerField(_("người đọc"))

    class Meta:
        verbose_name = _("người đọc trong ngày")
        verbose_name_plural = _("người đọc trong ngày")

    def __str__(self):
        return f"{self.day}: {self.reader:x}"
