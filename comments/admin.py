"""The moderators' side of comments: the changelist, the change form and its actions.

The fast queue page lives in comments/admin_queue.py. Pinning featured comments (the
changelist's actions, the change page's button) goes through `comments.featured`.

Every decision goes through `comments.decisions`, which records who decided, when and why,
and keeps the stories' comment counts in step.
"""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseNotAllowed, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from comments import (
    admin_rules,  # noqa: F401 (registers the rules' admin)
    decisions,
    featured,
    policy,
    privacy,
)
from comments.admin_queue import ModerationQueue
from comments.admin_reports import ReportedQueue
from comments.admin_stats import ModerationStats
from comments.models import Comment, DisallowedWord

Status = Comment.Status


def decision_message(status, count):
    """'Đã duyệt 3 bình luận.' and its siblings, after a bulk action."""
    if status == Status.APPROVED:
        text = ngettext("Đã duyệt %d bình luận.", "Đã duyệt %d bình luận.", count)
    elif status == Status.REJECTED:
        text = ngettext("Đã từ chối %d bình luận.", "Đã từ chối %d bình luận.", count)
    elif status == Status.SPAM:
        text = ngettext(
            "Đã đánh dấu %d bình luận là spam.", "Đã đánh dấu %d bình luận là spam.", count
        )
    else:
        text = ngettext(
            "Đã đưa %d bình luận về hàng chờ duyệt.",
            "Đã đưa %d bình luận về hàng chờ duyệt.",
            count,
        )
    return text % count


class StatusFilter(admin.SimpleListFilter):
    """Status, opening on the pending queue: no choice means pending; "all" shows everything."""

    title = _("trạng thái")
    parameter_name = "status"
    ALL = "all"

    def lookups(self, request, model_admin):
        return [*Status.choices, (self.ALL, _("Tất cả"))]

    def chosen(self):
        value = self.value()
        valid = {self.ALL, *Status.values}
        return value if value in valid else Status.PENDING

    def queryset(self, request, queryset):
        if self.chosen() == self.ALL:
            return queryset
        return queryset.filter(status=self.chosen())

    def choices(self, changelist):
        counts = self.get_facet_queryset(changelist) if changelist.add_facets else None
        for i, (value, title) in enumerate(self.lookup_choices):
            if counts is not None:
                title = f"{title} ({counts.get(f'{i}__c', '-')})"
            yield {
                "selected": self.chosen() == value,
                "query_string": changelist.get_query_string({self.parameter_name: value}),
                "display": title,
            }


class FeaturedFilter(admin.SimpleListFilter):
    """Pinned or not; "pinned" also picks the approved comments when no status is chosen
    (the list opens on the pending ones, which are never pinned)."""

    title = _("ý kiến nổi bật")
    parameter_name = "featured"
    YES, NO = "yes", "no"

    def lookups(self, request, model_admin):
        return [(self.YES, _("Đang ghim")), (self.NO, _("Không ghim"))]

    def queryset(self, request, queryset):
        if self.value() in {self.YES, self.NO}:
            return queryset.filter(featured_at__isnull=self.value() == self.NO)
        return queryset

    def choices(self, changelist):
        status_chosen = StatusFilter.parameter_name in changelist.params
        values = [None, *(value for value, _label in self.lookup_choices)]  # "All" comes first
        for value, choice in zip(values, super().choices(changelist), strict=True):
            if value == self.YES and not status_chosen:
                choice["query_string"] = changelist.get_query_string(
                    {self.parameter_name: self.YES, StatusFilter.parameter_name: Status.APPROVED}
                )
            yield choice


class CommentAdminForm(forms.ModelForm):
    def clean(self):
        """A moderator's edit may not make this comment repeat another (policy.refuse_repeat)."""
        cleaned = super().clean()
        if not {"article", "email", "body"} & set(self.changed_data):
            return cleaned  # a status change keeps an older duplicate as it is
        article = cleaned.get("article") or self.instance.article
        email, body = cleaned.get("email"), cleaned.get("body")
        if email and body:
            edited = Comment(pk=self.instance.pk, article=article, email=email, body=body)
            try:
                policy.refuse_repeat(edited)
            except policy.Duplicate:
                raise forms.ValidationError(
                    _("Người này đã gửi đúng nội dung này cho bài viết này rồi."), code="duplicate"
                ) from None
        return cleaned


@admin.register(Comment)
class CommentAdmin(ReportedQueue, ModerationStats, ModerationQueue, admin.ModelAdmin):
    form = CommentAdminForm
    list_display = [
        "story",
        "excerpt",
        "author",
        "contact",
        "created",
        "held_reason",
        "status",
        "pinned",
        "likes",
        "reported_by",
    ]
    list_display_links = ["excerpt"]
    list_select_related = ["article"]
    list_filter = [StatusFilter, FeaturedFilter, "badge", "article__section", "created"]
    search_fields = ["name", "email", "body", "article__title"]
    date_hierarchy = "created"
    ordering = ["created", "pk"]
    list_per_page = 50
    raw_id_fields = ["article", "parent"]
    readonly_fields = [
        "story_link",
        "held_reason",
        "created",
        "edited",
        "moderated_by",
        "moderated_at",
        "ip_address",
        "user_agent",
        "featured_at",
        "featured_by",
        "like_count",
        "reporters",
        "badge",
    ]
    actions = ["approve", "reject", "mark_spam", "feature", "unfeature", "export_personal_data"]

    # --- who may do what ---------------------------------------------------------------

    def has_add_permission(self, request):
        """Comments come from readers on the site, through the moderation policy."""
        return False

    # --- the change form ---------------------------------------------------------------

    def get_fieldsets(self, request, obj=None):
        # A raw-id box for the story only for those who may look stories up in the admin;
        # everyone else sees a link to the story page.
        story = "article" if request.user.has_perm("articles.view_article") else "story_link"
        return [
            (None, {"fields": [story, "parent", "name", "email", "body"]}),
            (
                _("Kiểm duyệt"),
                {
                    "fields": [
                        "status",
                        "held_reason",
                        "moderation_note",
                        "moderated_by",
                        "moderated_at",
                    ]
                },
            ),
            (
                _("Ý kiến nổi bật và bạn đọc"),
                {"fields": ["featured_at", "featured_by", "like_count", "reporters", "badge"]},
            ),
            (
                _("Thông tin kỹ thuật"),
                {"fields": ["created", "edited", "ip_address", "user_agent"]},
            ),
        ]

    def get_queryset(self, request):
        return super().get_queryset(request).defer("article__body", "article__search_text")

    def save_model(self, request, obj, form, change):
        """Edits are saved as they are; a new status goes through comments.decisions."""
        if {"article", "email", "body"} & set(form.changed_data):
            policy.refuse_repeat(obj)  # checked by the form already: this stamps the fingerprint
        if not change or "status" not in form.changed_data:
            super().save_model(request, obj, form, change)
            return
        new_status = obj.status
        obj.status = form.initial["status"]
        note = obj.moderation_note if "moderation_note" in form.changed_data else ""
        super().save_model(request, obj, form, change)
        decisions.moderate([obj], new_status, request.user, note)
        obj.refresh_from_db()

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        decisions.recount([obj.article_id])

    def delete_queryset(self, request, queryset):
        article_ids = set(queryset.values_list("article_id", flat=True))
        super().delete_queryset(request, queryset)
        decisions.recount(article_ids)

    # --- the changelist's columns ------------------------------------------------------

    @admin.display(description=_("Bài viết"), ordering="article__title")
    def story(self, obj):
        return format_html(
            '<a href="{}" target="_blank" rel="noopener" title="{}">{}</a>',
            obj.article.get_absolute_url(),
            obj.article.title,
            Truncator(obj.article.title).chars(60),
        )

    @admin.display(description=_("Bài viết"))
    def story_link(self, obj):
        return format_html(
            '<a href="{}" target="_blank" rel="noopener">{}</a>',
            obj.article.get_absolute_url(),
            obj.article.title,
        )

    @admin.display(description=_("Bình luận"))
    def excerpt(self, obj):
        return Truncator(" ".join(obj.body.split())).chars(90)

    @admin.display(description=_("Tên"), ordering="name")
    def author(self, obj):
        """The name, and the staff badge under it ("Ban biên tập"…); readers have none."""
        if obj.badge == Comment.Badge.NONE:
            return obj.name
        return format_html("{}<br><small>{}</small>", obj.name, obj.get_badge_display())

    @admin.display(description=_("Email / IP"), ordering="email")
    def contact(self, obj):
        local, _at, domain = obj.email.partition("@")
        return format_html(
            '<span class="contact-email">{}<wbr>@{}</span><br><span class="contact-ip">{}</span>',
            local,
            domain,
            obj.ip_address or "–",
        )

    @admin.display(description=_("Nổi bật"), ordering="featured_at")
    def pinned(self, obj):
        return _("Nổi bật") if obj.is_featured else None

    @admin.display(description=_("Lượt thích"), ordering="like_count")
    def likes(self, obj):
        return obj.like_count

    @admin.display(description=_("Báo cáo"), ordering="reporters")
    def reported_by(self, obj):
        return obj.reporters

    # --- pinning from the change page ------------------------------------------------------

    def get_urls(self):
        pin = path(
            "<int:pk>/featured/",
            self.admin_site.admin_view(self.featured_view),
            name="comments_comment_featured",
        )
        return [pin, *super().get_urls()]

    def change_view(self, request, object_id, form_url="", extra_context=None):
        comment = self.get_object(request, object_id)
        context = {
            "featured_button": self._featured_button(request, comment),
            **(extra_context or {}),
        }
        return super().change_view(request, object_id, form_url, context)

    def _featured_button(self, request, comment):
        """The change page's pin or unpin button, for those who may change the comment."""
        if comment is None or not self.has_change_permission(request, comment):
            return None
        if comment.is_featured:
            return {"pin": "0", "label": _("Bỏ ghim ý kiến nổi bật")}
        if featured.refusal(comment):
            return None
        return {"pin": "1", "label": _("Ghim làm ý kiến nổi bật")}

    def featured_view(self, request, pk):
        """Pin (pin=1) or unpin (pin=0) one comment, then back to its change page."""
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        comment = get_object_or_404(Comment.objects.select_related("article"), pk=pk)
        if not self.has_change_permission(request, comment):
            raise PermissionDenied
        if request.POST.get("pin") == "1":
            try:
                featured.pin(comment, request.user)
            except featured.Refused as refused:
                self.message_user(request, str(refused), messages.ERROR)
            else:
                text = _("Đã ghim bình luận của %(name)s làm ý kiến nổi bật.")
                self.message_user(request, text % {"name": comment.name}, messages.SUCCESS)
        else:
            featured.unpin(comment, request.user)
            text = _("Đã bỏ ghim bình luận của %(name)s.")
            self.message_user(request, text % {"name": comment.name}, messages.SUCCESS)
        return redirect(reverse("admin:comments_comment_change", args=[comment.pk]))

    def changelist_view(self, request, extra_context=None):
        extra_context = {
            "pending_count": Comment.objects.pending().count(),
            **(extra_context or {}),
        }
        return super().changelist_view(request, extra_context)

    # --- actions -----------------------------------------------------------------------

    def _decide(self, request, queryset, decide, status):
        count = decide(queryset, request.user)
        self.message_user(request, decision_message(status, count), messages.SUCCESS)

    @admin.action(description=_("Duyệt các bình luận đã chọn"), permissions=["change"])
    def approve(self, request, queryset):
        self._decide(request, queryset, decisions.approve, Status.APPROVED)

    @admin.action(description=_("Từ chối các bình luận đã chọn"), permissions=["change"])
    def reject(self, request, queryset):
        self._decide(request, queryset, decisions.reject, Status.REJECTED)

    @admin.action(description=_("Đánh dấu các bình luận đã chọn là spam"), permissions=["change"])
    def mark_spam(self, request, queryset):
        self._decide(request, queryset, decisions.mark_spam, Status.SPAM)

    @admin.action(description=_("Ghim làm ý kiến nổi bật"), permissions=["change"])
    def feature(self, request, queryset):
        done, refusals = featured.pin_all(queryset.order_by("created", "pk"), request.user)
        if done:
            text = ngettext(
                "Đã ghim %d bình luận làm ý kiến nổi bật.",
                "Đã ghim %d bình luận làm ý kiến nổi bật.",
                done,
            )
            self.message_user(request, text % done, messages.SUCCESS)
        for refusal in dict.fromkeys(refusals):
            self.message_user(request, refusal, messages.ERROR)

    @admin.action(description=_("Bỏ ghim"), permissions=["change"])
    def unfeature(self, request, queryset):
        done = featured.unpin_all(queryset.filter(featured_at__isnull=False), request.user)
        text = ngettext("Đã bỏ ghim %d ý kiến nổi bật.", "Đã bỏ ghim %d ý kiến nổi bật.", done)
        self.message_user(request, text % done, messages.SUCCESS)

    @admin.action(description=_("Xuất dữ liệu của các email này (JSON)"), permissions=["change"])
    def export_personal_data(self, request, queryset):
        # privacy matches emails case-insensitively: one entry per address, not per spelling.
        emails = {}
        for email in queryset.order_by("email").values_list("email", flat=True):
            emails.setdefault(email.strip().lower(), email)
        data = {key: privacy.export(email) for key, email in sorted(emails.items())}
        filename = f"du-lieu-binh-luan-{timezone.localdate():%Y%m%d}.json"
        response = JsonResponse(data, json_dumps_params={"ensure_ascii": False, "indent": 2})
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response


@admin.register(DisallowedWord)
class DisallowedWordAdmin(admin.ModelAdmin):
    list_display = ["word", "note", "created"]
    search_fields = ["word", "note"]
    ordering = ["word"]
    readonly_fields = ["created"]

    def delete_queryset(self, request, queryset):
        super().delete_queryset(request, queryset)
        DisallowedWord.objects.forget()
