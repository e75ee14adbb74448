"""The story's desk in the admin: review steps, history, comparison, restore, corrections.

Each view checks rights itself (through `articles.review`), whatever buttons a page shows.
"""

from datetime import datetime

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

from articles import audit, diffs, review, revisions
from articles.forms import CorrectionForm
from articles.models import Article, AuditEntry, Revision
from articles.views import render_article


class DeskMixin:
    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("<int:pk>/act/", view(self.act_view), name="articles_article_act"),
            path("<int:pk>/compare/", view(self.compare_view), name="articles_article_compare"),
            path(
                "<int:pk>/restore/<int:number>/",
                view(self.restore_view),
                name="articles_article_restore",
            ),
            path("<int:pk>/preview/", view(self.preview_view), name="articles_article_preview"),
            path(
                "<int:pk>/correction/",
                view(self.correction_view),
                name="articles_article_correction",
            ),
            *super().get_urls(),
        ]

    def _story(self, request, pk):
        """A story `request.user` may see in the admin, or 404."""
        if not self.has_view_or_change_permission(request):
            raise PermissionDenied
        if not _number(pk):
            raise Http404
        stories = self.get_queryset(request).prefetch_related(None)
        return get_object_or_404(
            stories.select_related("section", "owner", "pending_revision"), pk=pk
        )

    def _back(self, request, article):
        target = request.POST.get("next", "")
        if url_has_allowed_host_and_scheme(target, {request.get_host()}):
            return redirect(target)
        return redirect("admin:articles_article_change", article.pk)

    def act_view(self, request, pk):
        if request.method != "POST":
            raise Http404
        article = self._story(request, pk)
        typed_time = request.POST.get("publish_at", "").strip()
        try:
            when = _when(typed_time)
            if typed_time and when is None:
                raise review.Refused(
                    _("Thời điểm “%(value)s” không hợp lệ.") % {"value": typed_time}
                )
            done = review.act(
                request.POST.get("step", ""),
                request.user,
                article,
                note=request.POST.get("note", "")[:1000],
                when=when,
            )
        except review.Refused as refusal:
            messages.error(request, str(refusal))
        else:
            messages.success(request, done)
            self.log_change(request, article, done)  # the admin's "recent actions" too
        return self._back(request, article)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        extra = extra_context or {}
        article = None
        if _number(object_id):
            stories = self.get_queryset(request).select_related("section")
            article = stories.filter(pk=object_id).first()
        if article is not None:
            extra.update(self._desk_context(request, article))
        return super().change_view(request, object_id, form_url, extra)

    def _desk_context(self, request, article):
        steps = review.steps_for(request.user, article)
        corrections = list(article.corrections.select_related("author"))
        return {
            "desk": {
                "article": article,
                "steps": steps,
                "needs_note": [s.name for s in steps if s.needs_note],
                "may_correct": _may_correct(request.user, article),
                "correction_form": CorrectionForm(),
                "corrections": corrections,
                "publish_at": timezone.localtime(article.publish_at).strftime("%Y-%m-%dT%H:%M"),
            }
        }

    def history_view(self, request, object_id, extra_context=None):
        """Every revision of the story, newest first; pick two to compare, or restore one."""
        article = self._story(request, object_id)
        history = list(
            article.revisions.select_related("author", "approved_by")
            .defer("snapshot")
            .order_by("-number")
        )
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": _("Lịch sử phiên bản: %(title)s") % {"title": article.title},
            "article": article,
            "revisions": history,
            "current": revisions.current(history),
            "may_restore": review.may_edit(request.user, article),
            "restores_live": review.is_chief(request.user),
        }
        return TemplateResponse(request, "admin/articles/article/revisions.html", context)

    def compare_view(self, request, pk):
        """Two revisions by number, or `live` (the story as readers see it) and `pending` (its
        change waiting for approval), compared field by field."""
        article = self._story(request, pk)
        picked = [request.GET.get("a", ""), request.GET.get("b", "")]
        numbers = [int(n) for n in picked if _number(n)]
        found = {r.number: r for r in article.revisions.filter(number__in=numbers)}
        sides = []
        for value in picked:
            if value == "live":
                sides.append((_("Bản đang đăng"), revisions.snapshot(article)))
            elif value == "pending" and article.pending_revision:
                sides.append((_("Thay đổi chờ duyệt"), article.pending_revision.snapshot))
            elif _number(value) and int(value) in found:
                revision = found[int(value)]
                sides.append((str(revision), revision.snapshot))
        if len(sides) != 2:
            raise Http404
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": _("So sánh: %(a)s và %(b)s") % {"a": sides[0][0], "b": sides[1][0]},
            "article": article,
            "old_label": sides[0][0],
            "new_label": sides[1][0],
            "changes": diffs.compare(sides[0][1], sides[1][1]),
            "may_approve": article.has_pending_change
            and review.why_not(review.STEPS["approve"], request.user, article) is None,
        }
        return TemplateResponse(request, "admin/articles/article/compare.html", context)

    def preview_view(self, request, pk):
        """The story page as its pending change would make it (never cached: an admin view)."""
        self._story(request, pk)  # may this user see the story at all?
        article = Article.objects.with_page_data().select_related("pending_revision").get(pk=pk)
        if article.pending_revision is None:
            return redirect(article.get_absolute_url())
        revisions.dress(article, article.pending_revision.snapshot)
        extra = {"is_preview": True, "previewing_change": True}
        return render_article(request, article, extra_context=extra)

    def restore_view(self, request, pk, number):
        if request.method != "POST":
            raise Http404
        article = self._story(request, pk)
        revision = get_object_or_404(Revision, article=article, number=number)
        if not review.may_edit(request.user, article):
            messages.error(request, _("Bạn không được sửa bài này, nên không thể khôi phục."))
        else:
            done = revisions.restore(revision, request.user, review.is_chief(request.user))
            messages.success(request, done)
        return redirect("admin:articles_article_change", article.pk)

    def correction_view(self, request, pk):
        if request.method != "POST":
            raise Http404
        article = self._story(request, pk)
        form = CorrectionForm(request.POST)
        if not _may_correct(request.user, article):
            messages.error(
                request, _("Chỉ biên tập viên của chuyên mục thêm ghi chú vào bài đang đăng.")
            )
        elif not form.is_valid():
            messages.error(request, _("Hãy chọn loại ghi chú và viết nội dung."))
        else:
            with transaction.atomic():
                note = form.save(commit=False)
                note.article, note.author = article, request.user
                note.save()
                summary = f"{note.get_kind_display()}: {note.text}"
                audit.record(AuditEntry.Action.CORRECTED, request.user, article, summary)
            messages.success(
                request, _("Đã đăng ghi chú “%(kind)s”.") % {"kind": note.get_kind_display()}
            )
        return redirect("admin:articles_article_change", article.pk)


def _may_correct(user, article) -> bool:
    return (
        user.has_perm("articles.add_correction")
        and review.covers(user, article)
        and article.publication == Article.Publication.LIVE
    )


def _when(value: str) -> datetime | None:
    """A `datetime-local` value, read in the site's time zone (None when it is not a time)."""
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return None
    return moment if timezone.is_aware(moment) else timezone.make_aware(moment)


def _number(value) -> bool:
    """Whether `value` (from a URL or a query) is a plain number a database can hold."""
    text = str(value)
    return text.isdecimal() and text.isascii() and len(text) < 10
