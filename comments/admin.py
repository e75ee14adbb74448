"""The moderators' side of comments: the changelist, the change form and the fast queue page.

Every decision goes through `comments.moderation`, which records who decided, when and why,
and keeps the stories' comment counts in step.
"""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import HttpResponseNotAllowed, HttpResponseRedirect, JsonResponse
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.http import urlencode
from django.utils.text import Truncator
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from comments import duplicates, moderation
from comments.models import Comment, DisallowedWord
from newsroom import pagecache

Status = Comment.Status

QUEUE_PAGE_SIZE = 50

# The queue's three buttons: URL action -> (moderation function, status it sets).
QUEUE_ACTIONS = {
    "approve": (moderation.approve, Status.APPROVED),
    "reject": (moderation.reject, Status.REJECTED),
    "spam": (moderation.mark_spam, Status.SPAM),
}


def decision_message(status, count):
    """'Đã duyệt 3 bình luận.' and its siblings, for the actions and the queue."""
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
        """A moderator's edit may not make this comment repeat another (comments.duplicates)."""
        cleaned = super().clean()
        article_id = cleaned["article"].pk if cleaned.get("article") else self.instance.article_id
        email, body = cleaned.get("email"), cleaned.get("body")
        if article_id and email and body:
            twin = Comment.objects.filter(
                article_id=article_id, fingerprint=duplicates.fingerprint(email, body)
            ).exclude(pk=self.instance.pk)
            if twin.exists():
                raise forms.ValidationError(
                    _("Người này đã gửi đúng nội dung này cho bài viết này rồi."), code="duplicate"
                )
        return cleaned


@admin.register(Comment)
class CommentAdmin(admin.ModelAdmin):
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
        """Edits are saved as they are; a new status goes through comments.moderation."""
        pagecache.invalidate()
        if not change or "status" not in form.changed_data:
            super().save_model(request, obj, form, change)
            return
        new_status = obj.status
        obj.status = form.initial["status"]
        note = obj.moderation_note if "moderation_note" in form.changed_data else ""
        super().save_model(request, obj, form, change)
        moderation.moderate([obj], new_status, request.user, note)
        obj.refresh_from_db()

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        moderation.recount([obj.article_id])

    def delete_queryset(self, request, queryset):
        article_ids = set(queryset.values_list("article_id", flat=True))
        super().delete_queryset(request, queryset)
        moderation.recount(article_ids)

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
        self._decide(request, queryset, moderation.approve, Status.APPROVED)

    @admin.action(description=_("Từ chối các bình luận đã chọn"), permissions=["change"])
    def reject(self, request, queryset):
        self._decide(request, queryset, moderation.reject, Status.REJECTED)

    @admin.action(description=_("Đánh dấu các bình luận đã chọn là spam"), permissions=["change"])
    def mark_spam(self, request, queryset):
        self._decide(request, queryset, moderation.mark_spam, Status.SPAM)

    @admin.action(description=_("Xuất dữ liệu của các email này (JSON)"), permissions=["change"])
    def export_personal_data(self, request, queryset):
        from comments import privacy  # written alongside; imported late on purpose

        # privacy matches emails case-insensitively: one entry per address, not per spelling.
        emails = {}
        for email in queryset.order_by("email").values_list("email", flat=True):
            emails.setdefault(email.strip().lower(), email)
        data = {key: privacy.export(email) for key, email in sorted(emails.items())}
        filename = f"du-lieu-binh-luan-{timezone.localdate():%Y%m%d}.json"
        response = JsonResponse(data, json_dumps_params={"ensure_ascii": False, "indent": 2})
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response

    # --- the moderation queue ----------------------------------------------------------

    def get_urls(self):
        queue = [
            path(
                "queue/",
                self.admin_site.admin_view(self.queue_view),
                name="comments_comment_queue",
            ),
            path(
                "queue/<int:pk>/<str:action>/",
                self.admin_site.admin_view(self.queue_act_view),
                name="comments_comment_queue_act",
            ),
        ]
        return queue + super().get_urls()

    def queue_queryset(self):
        return (
            Comment.objects.pending()
            .select_related("article__section", "parent")
            .defer("article__body", "article__search_text")
            .order_by("created", "pk")
        )

    def queue_view(self, request):
        """Every pending comment, oldest first, with what a moderator needs to decide."""
        if not self.has_change_permission(request):
            raise PermissionDenied
        paginator = Paginator(self.queue_queryset(), QUEUE_PAGE_SIZE)
        page = paginator.get_page(request.GET.get("page"))
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": gettext("Hàng chờ duyệt bình luận"),
            "page_obj": page,
            "comments": page.object_list,
            "pending_count": paginator.count,
            "page_range": paginator.get_elided_page_range(page.number, on_each_side=2),
            "changelist_url": reverse("admin:comments_comment_changelist"),
        }
        request.current_app = self.admin_site.name
        return TemplateResponse(request, "admin/comments/comment/queue.html", context)

    def queue_act_view(self, request, pk, action):
        """Approve, reject or mark one comment as spam, then go on to the next pending one."""
        if not self.has_change_permission(request):
            raise PermissionDenied
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        if action not in QUEUE_ACTIONS:
            return self._queue_answer(request, None, gettext("Không rõ thao tác."), 404)
        decide, status = QUEUE_ACTIONS[action]
        comment = Comment.objects.select_related("moderated_by").filter(pk=pk).first()
        if comment is None:
            message = gettext("Bình luận này không còn nữa (có thể đã bị xóa).")
            return self._queue_answer(request, None, message, 404, pk=pk)
        if comment.status != Status.PENDING:
            return self._queue_answer(request, comment, self._already_message(comment), 409)
        if not decide([comment], request.user):  # someone else was a moment faster
            comment.refresh_from_db()
            return self._queue_answer(request, comment, self._already_message(comment), 409)
        comment.status = status
        message = self._done_message(comment)
        return self._queue_answer(request, comment, message, 200)

    def _done_message(self, comment):
        if comment.status == Status.APPROVED:
            text = gettext("Đã duyệt bình luận của %(name)s.")
        elif comment.status == Status.REJECTED:
            text = gettext("Đã từ chối bình luận của %(name)s.")
        else:
            text = gettext("Đã đánh dấu bình luận của %(name)s là spam.")
        return text % {"name": comment.name}

    def _already_message(self, comment):
        moderator = comment.moderated_by
        who = (moderator.get_full_name() or moderator.get_username()) if moderator else ""
        who = who or gettext("người khác")
        when = (
            date_format(timezone.localtime(comment.moderated_at), "DATETIME_FORMAT")
            if comment.moderated_at
            else ""
        )
        return gettext(
            "Bình luận của %(name)s đã được %(who)s xử lý trước (%(status)s, %(when)s)."
        ) % {
            "name": comment.name,
            "who": who,
            "status": comment.get_status_display(),
            "when": when,
        }

    def _queue_answer(self, request, comment, message, status_code, pk=None):
        """JSON for the queue's script; otherwise a message and a redirect to the next item."""
        following = self._next_pending(comment)
        pending = Comment.objects.pending().count()
        if request.get_preferred_type(["text/html", "application/json"]) == "application/json":
            return JsonResponse(
                {
                    "ok": status_code == 200,
                    "id": comment.pk if comment else pk,
                    "status": comment.status if comment else None,
                    "message": message,
                    "next": following.pk if following else None,
                    "pending": pending,
                },
                status=status_code,
            )
        level = messages.SUCCESS if status_code == 200 else messages.WARNING
        self.message_user(request, message, level)
        url = reverse("admin:comments_comment_queue")
        page = self._page_of(following) if following else request.POST.get("page", "")
        if str(page).isdigit() and int(page) > 1:
            url += "?" + urlencode({"page": page})
        if following:
            url += f"#c-{following.pk}"
        return HttpResponseRedirect(url)

    def _next_pending(self, comment):
        """The pending comment after `comment` in queue order, else the last one before it."""
        queue = Comment.objects.pending().order_by("created", "pk").only("pk", "created")
        if comment is None:
            return queue.first()
        after = Q(created__gt=comment.created) | Q(created=comment.created, pk__gt=comment.pk)
        return queue.filter(after).first() or queue.filter(~after).exclude(pk=comment.pk).last()

    def _page_of(self, comment):
        before = (
            Comment.objects.pending()
            .filter(Q(created__lt=comment.created) | Q(created=comment.created, pk__lt=comment.pk))
            .count()
        )
        return before // QUEUE_PAGE_SIZE + 1


@admin.register(DisallowedWord)
class DisallowedWordAdmin(admin.ModelAdmin):
    list_display = ["word", "note", "created"]
    search_fields = ["word", "note"]
    ordering = ["word"]
    readonly_fields = ["created"]

    def delete_queryset(self, request, queryset):
        super().delete_queryset(request, queryset)
        DisallowedWord.objects.forget()
