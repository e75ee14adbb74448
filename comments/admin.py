"""The moderators' side of comments: the changelist, the change form and its actions.

The fast queue page lives in comments/admin_queue.py.

Every decision goes through `comments.decisions`, which records who decided, when and why,
and keeps the stories' comment counts in step.
"""

from django import forms
from django.contrib import admin, messages
from django.http import JsonResponse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from comments import (
    admin_rules,  # noqa: F401 (registers the rules' admin)
    decisions,
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
        "name",
        "email",
        "ip_address",
        "created",
        "held_reason",
        "status",
    ]
    list_display_links = ["excerpt"]
    list_select_related = ["article"]
    list_filter = [StatusFilter, "article__section", "created"]
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
    ]
    actions = ["approve", "reject", "mark_spam", "export_personal_data"]

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
