"""The admin's composition: the task queue (django-tasks-db's read-only list, plus retrying
failed tasks), and the comment rules on a story's and a section's page (their own rule as an
inline, and the rule in force with where each value comes from)."""

from django.contrib import admin, messages
from django.tasks import TaskResultStatus
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django_tasks_db.admin import DBTaskResultAdmin
from django_tasks_db.models import DBTaskResult

from articles.admin import ArticleAdmin, SectionAdmin
from articles.models import Article, Section
from comments import admin_rules, rules
from comments.models import CommentRule

admin.site.unregister(DBTaskResult)
admin.site.unregister(Article)
admin.site.unregister(Section)


@admin.register(DBTaskResult)
class TaskResultAdmin(DBTaskResultAdmin):
    list_display = [*DBTaskResultAdmin.list_display, "exception_class_path"]
    actions = ["retry"]

    def has_retry_permission(self, request):
        """Whoever may change task results (superusers; a group given the permission)."""
        return request.user.has_perm("django_tasks_database.change_dbtaskresult")

    @admin.action(description=_("Chạy lại các tác vụ thất bại đã chọn"), permissions=["retry"])
    def retry(self, request, queryset):
        count = queryset.filter(status=TaskResultStatus.FAILED).update(
            status=TaskResultStatus.READY,
            started_at=None,
            finished_at=None,
            exception_class_path="",
            traceback="",
        )
        message = ngettext(
            "Đã xếp lại %d tác vụ vào hàng.", "Đã xếp lại %d tác vụ vào hàng.", count
        )
        self.message_user(request, message % count, messages.SUCCESS)


class CommentRulesMixin:
    """A story's or a section's own comment rule (an inline), and the rule in force on it."""

    rule_inline = None

    def get_inlines(self, request, obj):
        return [*super().get_inlines(request, obj), self.rule_inline]

    def get_readonly_fields(self, request, obj=None):
        return [*super().get_readonly_fields(request, obj), "comment_rules_in_force"]

    def save_related(self, request, form, formsets, change):
        """The rule takes effect at once, even when a live story's edit waits for review."""
        others = [formset for formset in formsets if formset.model is not CommentRule]
        super().save_related(request, form, others, change)
        for formset in formsets:
            if formset.model is CommentRule:
                admin_rules.save_rule_formset(request, formset)


@admin.register(Article)
class StoryAdmin(CommentRulesMixin, ArticleAdmin):
    rule_inline = admin_rules.StoryRuleInline

    def get_fieldsets(self, request, obj=None):
        rules_in_force = (_("Bình luận"), {"fields": ["comment_rules_in_force"]})
        return [*super().get_fieldsets(request, obj), rules_in_force]

    @admin.display(description=_("Quy định đang áp dụng"))
    def comment_rules_in_force(self, story):
        if story.pk is None:
            return _("Lưu bài để xem quy định bình luận đang áp dụng.")
        return admin_rules.in_force_table(rules.in_force(story), not story.allow_comments)


@admin.register(Section)
class SectionWithRulesAdmin(CommentRulesMixin, SectionAdmin):
    rule_inline = admin_rules.SectionRuleInline
    list_display = [*SectionAdmin.list_display, "comment_mode"]
    list_select_related = ["comment_rule"]

    @admin.display(description=_("Quy định đang áp dụng"))
    def comment_rules_in_force(self, section):
        if section.pk is None:
            return _("Lưu chuyên mục để xem quy định bình luận đang áp dụng.")
        return admin_rules.in_force_table(rules.for_section(section))

    @admin.display(description=_("Chế độ bình luận riêng"))
    def comment_mode(self, section):
        rule = getattr(section, "comment_rule", None)
        if rule is None or rule.mode is None:
            return _("(như toàn trang)")
        return rule.get_mode_display()
