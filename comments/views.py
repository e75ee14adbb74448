from django.conf import settings
from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from articles.models import Article
from articles.views import render_article
from comments import cookies, policy, submission
from comments.forms import CommentEditForm, CommentForm
from comments.models import Comment
from newsroom.infra import throttle


@require_POST
def post_comment(request, slug):
    article = submission.story_for(slug)
    form = CommentForm(request.POST, article=article)
    if not policy.comments_open(article):
        refusal = _("Bình luận đã đóng. Bài viết này không nhận thêm bình luận.")
        return story_page(request, article, {"comment_refusal": refusal}, status=403)
    if limit := submission.rate_exceeded(throttle.client_ip(request)):
        context = {"comment_form": form, "comment_refusal": rate_limit_message(*limit)}
        return story_page(request, article, context, status=429)
    if not form.is_valid():
        return story_page(request, article, {"comment_form": form}, status=400)
    try:
        comment = submission.submit(form, request)
    except policy.Duplicate:
        form.refuse_duplicate()
        return story_page(request, article, {"comment_form": form}, status=400)
    messages.success(
        request,
        _("Cảm ơn bạn! Bình luận đã được gửi và đang chờ kiểm duyệt.")
        if not comment.is_approved
        else _("Cảm ơn bạn! Bình luận đã được đăng."),
    )
    shown = comment.status in {Comment.Status.PENDING, Comment.Status.APPROVED}
    anchor = f"#binh-luan-{comment.pk}" if shown else "#binh-luan"
    response = redirect(article.get_absolute_url() + anchor)
    cookies.apply_remember(response, form)
    if comment.status != Comment.Status.SPAM:  # a bot's browser is told nothing
        cookies.remember_own(request, response, comment)
    return response


def story_page(request, article, context, status):
    """The story again, with the reader's form (and text) and why it was not accepted."""
    article = Article.objects.with_page_data().get(pk=article.pk)
    return render_article(request, article, context, status=status)


def rate_limit_message(limit, window):
    kept = _("Nội dung của bạn vẫn còn nguyên bên dưới.")
    if window < 120:
        rule = ngettext(
            "Bạn gửi nhanh quá: tối đa %(n)d bình luận mỗi %(s)d giây. Hãy đợi rồi gửi lại.",
            "Bạn gửi nhanh quá: tối đa %(n)d bình luận mỗi %(s)d giây. Hãy đợi rồi gửi lại.",
            limit,
        ) % {"n": limit, "s": window}
    else:
        rule = ngettext(
            "Bạn đã gửi quá nhiều bình luận: tối đa %(n)d bình luận mỗi %(m)d phút.",
            "Bạn đã gửi quá nhiều bình luận: tối đa %(n)d bình luận mỗi %(m)d phút.",
            limit,
        ) % {"n": limit, "m": window // 60}
    return f"{rule} {kept}"


def _own_pending_or_refuse(request, pk):
    comment = get_object_or_404(Comment.objects.select_related("article"), pk=pk)
    if not submission.editable(request, comment):
        context = {"comment": comment, "minutes": settings.COMMENTS_EDIT_MINUTES}
        return comment, render(request, "comments/not_editable.html", context, status=403)
    return comment, None


def edit_comment(request, pk):
    """Its author's browser may change a pending comment for a few minutes after posting."""
    comment, refusal = _own_pending_or_refuse(request, pk)
    if refusal:
        return refusal
    form = CommentEditForm(request.POST or None, instance=comment)
    if request.method == "POST" and form.is_valid():
        try:
            comment = submission.save_edit(form)
        except policy.Duplicate:
            form.refuse_duplicate()
        else:
            messages.success(request, _("Đã lưu bình luận đã sửa. Bình luận vẫn đang chờ duyệt."))
            return redirect(comment.get_absolute_url())
    status = 400 if request.method == "POST" else 200
    return render(request, "comments/edit.html", {"form": form, "comment": comment}, status=status)


@require_POST
def withdraw_comment(request, pk):
    comment, refusal = _own_pending_or_refuse(request, pk)
    if refusal:
        return refusal
    article_url = comment.article.get_absolute_url()
    comment.delete()
    messages.success(request, _("Đã rút lại bình luận của bạn."))
    response = redirect(article_url + "#binh-luan")
    cookies.forget_own(request, response, comment)
    return response
