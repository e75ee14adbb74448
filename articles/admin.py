from django.contrib import admin, messages
from django.db import models
from django.db.models import Prefetch, Q
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from articles import audit, images, review, revisions
from articles.admin_audit import AuditEntryAdmin  # noqa: F401 (registers the audit log)
from articles.admin_desk import DeskMixin
from articles.admin_video import VideoAdmin  # noqa: F401 (registers videos and captions)
from articles.forms import ArticleAdminForm, CheckedImageField
from articles.models import Article, AuditEntry, Author, Byline, Section, Tag, Video


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
    filter_horizontal = ["editors"]

    def get_readonly_fields(self, request, obj=None):
        """Only the editor-in-chief (or whoever manages accounts) assigns section editors."""
        if review.is_chief(request.user) or request.user.has_perm("auth.view_user"):
            return []
        return ["editors"]

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "editors":
            kwargs["queryset"] = (
                db_field.related_model.objects.filter(is_active=True, is_staff=True)
                .filter(
                    Q(groups__permissions__codename="review_article")
                    | Q(user_permissions__codename="review_article")
                )
                .distinct()
            )
        return super().formfield_for_manytomany(db_field, request, **kwargs)


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


SUBMIT_AFTER_SAVE = "_submit_for_review"


class BylineInline(admin.TabularInline):
    model = Byline
    extra = 1
    autocomplete_fields = ["author"]
    fields = ["author", "role", "order"]

    def get_extra(self, request, obj=None, **kwargs):
        pending = getattr(obj, "pending_data", None)
        return len(pending["bylines"]) + 1 if pending else self.extra


class PublicationFilter(admin.SimpleListFilter):
    title = _("xuất bản")
    parameter_name = "publication"

    def lookups(self, request, model_admin):
        return Article.Publication.choices

    def queryset(self, request, queryset):
        now = timezone.now()
        published = Q(status=Article.Status.PUBLISHED)
        return {
            Article.Publication.DRAFT: queryset.filter(status=Article.Status.DRAFT),
            Article.Publication.SCHEDULED: queryset.filter(published, publish_at__gt=now),
            Article.Publication.LIVE: queryset.filter(published, publish_at__lte=now),
            Article.Publication.UNPUBLISHED: queryset.filter(status=Article.Status.UNPUBLISHED),
        }.get(self.value(), queryset)


class PendingChangeFilter(admin.SimpleListFilter):
    title = _("thay đổi chờ duyệt")
    parameter_name = "pending"

    def lookups(self, request, model_admin):
        return [("yes", _("Có thay đổi chờ duyệt"))]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.exclude(pending_revision=None)
        return queryset


@admin.register(Article)
class ArticleAdmin(DeskMixin, VietnameseSlugMixin, admin.ModelAdmin):
    form = ArticleAdminForm
    inlines = [BylineInline]
    list_display = [
        "title",
        "publication_label",
        "review_label",
        "section",
        "publish_at",
        "byline",
        "comment_count",
    ]
    list_filter = [
        PublicationFilter,
        "review_state",
        PendingChangeFilter,
        "section",
        "publish_at",
        "allow_comments",
    ]
    list_select_related = ["section"]
    search_fields = ["title", "standfirst", "slug"]
    date_hierarchy = "publish_at"
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["section", "tags"]
    actions = ["publish", "unpublish"]
    readonly_fields = ["created", "updated", "comment_count", "video_link"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "standfirst", "body"]}),
        (_("Xuất bản"), {"fields": ["publish_at", "section", "tags", "allow_comments"]}),
        (
            _("Ảnh đại diện"),
            {"fields": ["image", "image_alt", "image_caption", "image_credit"]},
        ),
        (_("Video"), {"fields": ["video_link"]}),
        (None, {"fields": ["revision_note", "base_revision"]}),
        (_("Thông tin"), {"fields": ["created", "updated", "comment_count"]}),
    ]

    @admin.display(description=_("video của bài"))
    def video_link(self, story):
        """The story's video and its state, or a link that attaches one to this story."""
        video = Video.objects.filter(article=story.pk).first() if story.pk else None
        return render_to_string("admin/articles/video/link.html", {"story": story, "video": video})

    def get_queryset(self, request):
        stories = (
            super()
            .get_queryset(request)
            .prefetch_related(Prefetch("bylines", queryset=Byline.objects.select_related("author")))
        )
        return review.stories_for(request.user, stories)

    def get_readonly_fields(self, request, obj=None):
        """Once a story is scheduled or live, its time changes only through the desk's steps
        ("Hẹn giờ", "Xuất bản ngay"); a reporter never sets it."""
        fixed = list(self.readonly_fields)
        if obj is not None and obj.status == Article.Status.PUBLISHED:
            return [*fixed, "publish_at"]
        if not review.is_editor(request.user):
            return [*fixed, "publish_at"]
        return fixed

    def has_change_permission(self, request, obj=None):
        allowed = super().has_change_permission(request, obj)
        return allowed and (obj is None or review.may_edit(request.user, obj))

    def has_delete_permission(self, request, obj=None):
        """Deleting a story deletes its revisions: the editor-in-chief's call alone (taking it
        off the site is "Gỡ bài", which keeps everything). A story with published notes cannot
        be deleted at all; the audit log keeps its entries."""
        return super().has_delete_permission(request, obj) and review.is_chief(request.user)

    def delete_model(self, request, obj):
        audit.record(AuditEntry.Action.DELETED, request.user, obj, str(_("Xóa khỏi hệ thống")))
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        audit.record_many(
            audit.entry(AuditEntry.Action.DELETED, request.user, story) for story in queryset
        )
        super().delete_queryset(request, queryset)

    def has_review_permission(self, request):
        return review.is_editor(request.user)

    def has_oversee_permission(self, request):
        return review.is_chief(request.user)

    def get_object(self, request, object_id, from_field=None):
        """A live story with a change waiting opens on that change (readers keep the old)."""
        article = super().get_object(request, object_id, from_field)
        if article is not None and article.pending_revision_id:
            article.stored_section_id = article.section_id  # rights follow the stored story
            article.pending_data = article.pending_revision.snapshot
            revisions.load(article, article.pending_data)
        return article

    def get_formset_kwargs(self, request, obj, inline, prefix):
        kwargs = super().get_formset_kwargs(request, obj, inline, prefix)
        pending = getattr(obj, "pending_data", None)
        if pending and isinstance(inline, BylineInline):
            kwargs["queryset"] = Byline.objects.none()
            kwargs["initial"] = [
                {"author": b["author"], "role": b["role"], "order": i}
                for i, b in enumerate(pending["bylines"])
            ]
        return kwargs

    def save_model(self, request, obj, form, change):
        if not change:
            obj.owner = request.user
        else:
            revisions.ensure_baseline(obj.pk)
        stored = Article.objects.only("status", "publish_at").get(pk=obj.pk) if change else None
        if stored is not None and stored.publication == Article.Publication.LIVE:
            form.keeps_live_version = True  # save_related keeps the change pending
            if obj.image and not obj.image._committed:
                images.prepare_featured_image(obj)
            return
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        article, note = form.instance, form.cleaned_data.get("revision_note", "")
        if getattr(form, "keeps_live_version", False):
            data = revisions.snapshot(article, form.cleaned_data["tags"], bylines_in(formsets))
            revisions.keep_pending(article, request.user, data, note)
            for formset in formsets:  # nothing of theirs is saved yet (the admin's log asks)
                formset.new_objects, formset.changed_objects, formset.deleted_objects = [], [], []
            summary = _("thay đổi chờ duyệt; bạn đọc vẫn thấy bản đang đăng")
            audit.record(AuditEntry.Action.SAVED, request.user, article, str(summary))
        else:
            super().save_related(request, form, formsets, change)
            if article.pending_revision_id:  # the form showed that change: it is saved now
                Article.objects.filter(pk=article.pk).update(pending_revision=None)
                article.pending_revision = None
            revisions.record(article, request.user, note=note)
            action = AuditEntry.Action.SAVED if change else AuditEntry.Action.CREATED
            audit.record(action, request.user, article, note)
        if SUBMIT_AFTER_SAVE in request.POST:
            self._submit_after_save(request, article)

    def _submit_after_save(self, request, article):
        """The "save and submit for review" button: the save stands even if submitting is
        refused (the message says why)."""
        try:
            done = review.act("submit", request.user, article)
        except review.Refused as refusal:
            self.message_user(request, str(refusal), messages.ERROR)
        else:
            article.review_state = Article.Review.IN_REVIEW
            self.message_user(request, done, messages.SUCCESS)

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        may_submit = obj is None or review.STEPS["submit"] in review.steps_for(request.user, obj)
        context["submit_after_save"] = SUBMIT_AFTER_SAVE if may_submit else ""
        return super().render_change_form(request, context, add, change, form_url, obj)

    def response_change(self, request, obj):
        if obj.pending_revision_id and "_continue" not in request.POST:
            self.message_user(
                request,
                _(
                    "Thay đổi của “%(title)s” đã được lưu và đang chờ duyệt: bạn đọc vẫn thấy bản "
                    "đang đăng."
                )
                % {"title": obj.title},
                messages.WARNING,
            )
        return super().response_change(request, obj)

    @admin.display(description=_("Xuất bản"), ordering="status")
    def publication_label(self, obj):
        return obj.publication.label

    @admin.display(description=_("Duyệt"), ordering="review_state")
    def review_label(self, obj):
        label = obj.get_review_state_display()
        return f"{label} ✎" if obj.pending_revision_id else label

    @admin.display(description=_("Tác giả"))
    def byline(self, obj):
        return ", ".join(b.author.name for b in obj.bylines.all())

    @admin.action(description=_("Xuất bản các bài đã duyệt"), permissions=["review"])
    def publish(self, request, queryset):
        done = self._take_step(request, queryset, "publish")
        if done:
            message = ngettext("Đã xuất bản %d bài.", "Đã xuất bản %d bài.", done)
            self.message_user(request, message % done, messages.SUCCESS)

    @admin.action(description=_("Gỡ các bài đã chọn"), permissions=["oversee"])
    def unpublish(self, request, queryset):
        done = self._take_step(request, queryset, "unpublish", note=str(_("Gỡ từ danh sách bài")))
        if done:
            message = ngettext("Đã gỡ %d bài.", "Đã gỡ %d bài.", done)
            self.message_user(request, message % done, messages.SUCCESS)

    def _take_step(self, request, queryset, step, note="") -> int:
        """Take `step` on each story, through the review rules; report each refusal."""
        done, refusals = 0, []
        for article in queryset.select_related("section"):
            try:
                review.act(step, request.user, article, note=note)
                done += 1
            except review.Refused as refusal:
                refusals.append(f"“{article.title}”: {refusal}")
        for refusal in refusals:
            self.message_user(request, refusal, messages.ERROR)
        return done


def bylines_in(formsets) -> list[dict]:
    """The byline the inline forms describe (unchanged pre-filled rows count as they are)."""
    rows = []
    for formset in formsets:
        if formset.model is not Byline:
            continue
        for form in formset.forms:
            data = form.cleaned_data if form.has_changed() else form.initial
            if data and data.get("author") and not data.get("DELETE"):
                rows.append(data)
    ids = [r["author"] if isinstance(r["author"], int) else r["author"].pk for r in rows]
    authors = Author.objects.in_bulk(ids)
    return [
        {"author": authors[i], "role": r.get("role", ""), "order": r.get("order") or 0}
        for i, r in zip(ids, rows, strict=True)
        if i in authors
    ]
