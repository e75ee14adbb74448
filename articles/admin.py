from django.contrib import admin, messages
from django.db import models
from django.db.models import Prefetch
from django.db.models.functions import Least
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from articles.forms import ArticleAdminForm, CheckedImageField
from articles.models import Article, Author, Byline, Section, Tag


class VietnameseSlugMixin:
    """Load the admin slug script that matches `articles.text.vietnamese_slugify`."""

    class Media:
        js = ["articles/js/admin-slugify.js"]


@admin.register(Section)
class SectionAdmin(VietnameseSlugMixin, admin.ModelAdmin):
    list_display = ["name", "slug", "order"]
    list_editable = ["order"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Author)
class AuthorAdmin(VietnameseSlugMixin, admin.ModelAdmin):
    list_display = ["name", "slug", "user"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["user"]
    formfield_overrides = {models.ImageField: {"form_class": CheckedImageField}}

    def get_readonly_fields(self, request, obj=None):
        """Only those who may see user accounts may link a byline to one."""
        if request.user.has_perm("auth.view_user"):
            return []
        return ["user"]


@admin.register(Tag)
class TagAdmin(VietnameseSlugMixin, admin.ModelAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


class BylineInline(admin.TabularInline):
    model = Byline
    extra = 1
    autocomplete_fields = ["author"]
    fields = ["author", "role", "order"]


@admin.register(Article)
class ArticleAdmin(VietnameseSlugMixin, admin.ModelAdmin):
    form = ArticleAdminForm
    inlines = [BylineInline]
    list_display = ["title", "status_label", "section", "publish_at", "byline", "comment_count"]
    list_filter = ["status", "section", "publish_at", "allow_comments"]
    list_select_related = ["section"]
    search_fields = ["title", "standfirst", "slug"]
    date_hierarchy = "publish_at"
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["section", "tags"]
    actions = ["publish", "unpublish"]
    readonly_fields = ["created", "updated", "comment_count"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "standfirst", "body"]}),
        (_("Xuất bản"), {"fields": ["status", "publish_at", "section", "tags", "allow_comments"]}),
        (
            _("Ảnh đại diện"),
            {"fields": ["image", "image_alt", "image_caption", "image_credit"]},
        ),
        (_("Thông tin"), {"fields": ["created", "updated", "comment_count"]}),
    ]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .prefetch_related(Prefetch("bylines", queryset=Byline.objects.select_related("author")))
        )

    @admin.display(description=_("Trạng thái"), ordering="status")
    def status_label(self, obj):
        if obj.is_scheduled:
            return _("Hẹn giờ")
        return obj.get_status_display()

    @admin.display(description=_("Tác giả"))
    def byline(self, obj):
        return ", ".join(b.author.name for b in obj.bylines.all())

    @admin.action(description=_("Xuất bản các bài đã chọn"), permissions=["change"])
    def publish(self, request, queryset):
        now = timezone.now()
        hidden = queryset.exclude(pk__in=Article.objects.published().values("pk"))
        count = hidden.update(
            status=Article.Status.PUBLISHED, publish_at=Least("publish_at", now), updated=now
        )
        self.message_user(
            request,
            ngettext("Đã xuất bản %d bài.", "Đã xuất bản %d bài.", count) % count,
            messages.SUCCESS,
        )

    @admin.action(description=_("Chuyển các bài đã chọn về bản nháp"), permissions=["change"])
    def unpublish(self, request, queryset):
        count = queryset.filter(status=Article.Status.PUBLISHED).update(
            status=Article.Status.DRAFT, updated=timezone.now()
        )
        self.message_user(
            request,
            ngettext("Đã gỡ %d bài về bản nháp.", "Đã gỡ %d bài về bản nháp.", count) % count,
            messages.SUCCESS,
        )
