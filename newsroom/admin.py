"""The task queue in the admin: django-tasks-db's read-only list, plus retrying failed tasks."""

from django.contrib import admin, messages
from django.tasks import TaskResultStatus
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django_tasks_db.admin import DBTaskResultAdmin
from django_tasks_db.models import DBTaskResult

admin.site.unregister(DBTaskResult)


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
