"""The audit log in the admin: read-only for everyone, scoped to what each role answers for,
filterable and exported as CSV."""

import csv
from itertools import chain

from django.contrib import admin
from django.contrib.admin.options import IncorrectLookupParameters
from django.core.exceptions import PermissionDenied
from django.http import StreamingHttpResponse
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from articles import review
from articles.models import AuditEntry, Section

CSV_COLUMNS = [
    (_("Lúc"), lambda e: timezone.localtime(e.at).strftime("%Y-%m-%d %H:%M:%S")),
    (_("Người làm"), lambda e: e.actor.get_username() if e.actor else ""),
    (_("Việc"), lambda e: e.get_action_display()),
    (_("Bài viết"), lambda e: e.subject),
    (_("Bài số"), lambda e: e.article_id or ""),
    (_("Bình luận số"), lambda e: e.comment_id or ""),
    (_("Tóm tắt"), lambda e: e.summary),
]


class SectionFilter(admin.SimpleListFilter):
    title = _("chuyên mục")
    parameter_name = "section"

    def lookups(self, request, model_admin):
        sections = Section.objects.all()
        ids = review.section_ids(request.user)
        if ids is not None and not review.is_chief(request.user):
            sections = sections.filter(pk__in=ids)
        return [(str(s.pk), s.name) for s in sections]

    def queryset(self, request, queryset):
        return queryset.filter(section_id=self.value()) if self.value() else queryset


class StoryFilter(admin.SimpleListFilter):
    """One story's entries (the story's admin page links here); shown only while in use."""

    title = _("bài viết")
    parameter_name = "article"

    def lookups(self, request, model_admin):
        story = _story_id(self.value())
        if story is None:
            return []
        entries = model_admin.get_queryset(request)  # what this user may read, nothing more
        entry = entries.filter(article_id=story).only("subject").first()
        return [(self.value(), entry.subject)] if entry else []

    def queryset(self, request, queryset):
        story = _story_id(self.value())
        return queryset if story is None else queryset.filter(article_id=story)


def _story_id(value) -> int | None:
    ok = value and value.isdecimal() and value.isascii() and len(value) < 10
    return int(value) if ok else None


def _cell(value):
    """A CSV cell a spreadsheet shows as text, never runs as a formula."""
    text = str(value)
    return "'" + text if text[:1] in FORMULA_STARTS else text


FORMULA_STARTS = {"=", "+", "-", "@", "\t", "\r"}


class Echo:
    def write(self, value):
        return value


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    list_display = ["at", "actor", "action", "story", "comment_id", "summary"]
    list_filter = [
        ("actor", admin.RelatedOnlyFieldListFilter),
        SectionFilter,
        StoryFilter,
        "action",
        "at",
    ]
    list_select_related = ["actor"]
    search_fields = ["subject", "summary"]
    date_hierarchy = "at"
    list_per_page = 50

    @admin.display(description=_("Bài viết"), ordering="subject")
    def story(self, entry):
        """The story's title, linked to it in the admin while it exists."""
        if entry.article_id is None:
            return entry.subject
        url = reverse("admin:articles_article_change", args=[entry.article_id])
        return format_html('<a href="{}">{}</a>', url, entry.subject)

    def get_urls(self):
        export = path(
            "csv/",
            self.admin_site.admin_view(self.export_view),
            name="articles_auditentry_export",
        )
        return [export, *super().get_urls()]

    def get_queryset(self, request):
        """The editor-in-chief sees everything; an editor their sections; a reporter (or anyone
        else) the entries about their own stories."""
        entries = super().get_queryset(request)
        user = request.user
        if review.is_chief(user):
            return entries
        if review.is_editor(user):
            ids = review.section_ids(user)
            return entries if ids is None else entries.filter(section_id__in=ids)
        return entries.filter(article__owner=user)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def export_view(self, request):
        """The entries the list shows (same filters and search), as CSV."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        try:
            changelist = self.get_changelist_instance(request)
        except IncorrectLookupParameters:  # as the list does: back to it, with the error
            return redirect(reverse("admin:articles_auditentry_changelist") + "?e=1")
        entries = changelist.get_queryset(request).select_related("actor").iterator()
        writer = csv.writer(Echo())
        header = writer.writerow([str(title) for title, _ in CSV_COLUMNS])
        rows = (writer.writerow([_cell(get(e)) for _, get in CSV_COLUMNS]) for e in entries)
        response = StreamingHttpResponse(
            chain(["\ufeff", header], rows), content_type="text/csv; charset=utf-8"
        )
        stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
        response["Content-Disposition"] = f'attachment; filename="nhat-ky-{stamp}.csv"'
        return response
