"""A reader's comment, or a staff member's, sent from a story page; a pending comment's edit
and withdrawal by its author's browser.

The story page carries no per-reader token: a post is taken only from this site's pages
(`newsroom.infra.origin`; a logged-in staff member's must carry Django's token as well). A
reader's post waiting for a moderator lands on the shared story page when the page's script
sent it (`landing=shared`: personal.js puts the pending comment in place and says thanks), and
otherwise on the personal copy of the story (`views_personal`), drawn with it in place; edit and
withdrawal are personal forms under `/cua-ban/`, with Django's token.

A post obeys the story's rule in force (`comments.policy.refusal`): refused with 403 and the
text kept when comments are off, read-only, closed or in quiet hours. Staff post as themselves
(`comments.staff`): published at once, neither rate-limited nor put through the bot trap, and
allowed in read-only mode and quiet hours, but not when comments are off or closed.
"""

from django.conf import settings
from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_POST

from articles.models import Article
from articles.views import render_article
from comments import cookies, policy, rules, staff, submission
from comments.forms import CommentEditForm, form_for, within
from comments.models import Comment
from comments.views_personal import personal, story_address
from newsroom.infra import errors, throttle
from newsroom.infra.origin import cross_origin_protected

# Sent by the story page's script (personal.js): it shows a pending comment on the shared page.
LANDING_FIELD, SHARED_LANDING = "landing", "shared"
KEPT = gettext_lazy("Nội dung của bạn vẫn còn nguyên bên dưới.")


def from_another_site(request, why, slug):
    """A post sent from another site: refused, saying why, with the reader's text to copy."""
    back = reverse("articles:detail", kwargs={"slug": slug}) + "#gui-binh-luan"
    try:
        limit = rules.in_force(submission.story_for(slug)).max_length
    except Http404:  # no such story: still the readable refusal, with the text to copy
        limit = settings.COMMENTS_MAX_LENGTH
    kept = within(request.POST.get("body", ""), limit)
    return errors.cross_origin_failure(request, why, kept=kept, back=back)


@cross_origin_protected(refused=from_another_site)
@require_POST
def post_comment(request, slug):
    article = submission.story_for(slug)
    rules.for_post(article)  # the rule in force, kept in the cache: every check below reads it
    form = form_for(request.user, article, request.POST)
    if refusal := policy.refusal(article, as_staff=form.as_staff):
        return story_page(request, article, refused(form, refusal), status=403)
    if form.as_staff:
        return _publish_as_staff(request, article, form)
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
    shown = comment.status in {Comment.Status.PENDING, Comment.Status.APPROVED}
    anchor = f"#binh-luan-{comment.pk}" if shown else "#binh-luan"
    if not comment.is_approved and request.POST.get(LANDING_FIELD) == SHARED_LANDING:
        # The page every reader shares, from a cache: the script adds what is this reader's.
        response = redirect(article.get_absolute_url() + anchor)
        cookies.note_posted(response, article.get_absolute_url())
    else:
        messages.success(
            request,
            _("Cảm ơn bạn! Bình luận đã được gửi và đang chờ kiểm duyệt.")
            if not comment.is_approved
            else _("Cảm ơn bạn! Bình luận đã được đăng."),
        )
        response = redirect(story_address(article, anchor))
    cookies.apply_remember(request, response, form)
    if comment.status != Comment.Status.SPAM:  # a bot's browser is told nothing
        cookies.remember_own(request, response, comment)
    return response


def refused(form, refusal) -> dict:
    """The story page's context for a post not taken: why, and the sender's text kept."""
    if (form["body"].value() or "").strip():
        refusal = f"{refusal} {KEPT}"
    return {"comment_form": form, "comment_refusal": refusal}


def _publish_as_staff(request, article, form):
    if not form.is_valid():
        return story_page(request, article, {"comment_form": form}, status=400)
    try:
        comment = staff.post_as_staff(
            article=article,
            user=request.user,
            body=form.cleaned_data["body"],
            parent=form.cleaned_data.get("parent"),
        )
    except policy.Duplicate:
        form.refuse_duplicate()
        return story_page(request, article, {"comment_form": form}, status=400)
    messages.success(request, _("Đã đăng bình luận của bạn."))
    return redirect(f"{article.get_absolute_url()}#binh-luan-{comment.pk}")


def story_page(request, article, context, status):
    """The story again, with the reader's form (and text) and why it was not accepted: an
    answer to a POST, which no cache keeps, so it shows the reader's own pending comments."""
    article = Article.objects.with_page_data().get(pk=article.pk)
    return render_article(request, article, {**context, "comment_personal": True}, status=status)


def rate_limit_message(limit, window):
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
    return f"{rule} {KEPT}"


def _own_pending_or_refuse(request, pk):
    comment = get_object_or_404(Comment.objects.select_related("article"), pk=pk)
    if not submission.editable(request, comment):
        context = {"comment": comment, "minutes": settings.COMMENTS_EDIT_MINUTES}
        return comment, render(request, "comments/not_editable.html", context, status=403)
    return comment, None


@personal
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
            return redirect(story_address(comment.article, f"#binh-luan-{comment.pk}"))
    status = 400 if request.method == "POST" else 200
    context = {
        "form": form,
        "comment": comment,
        "back": story_address(comment.article, f"#binh-luan-{comment.pk}"),
    }
    return render(request, "comments/edit.html", context, status=status)


@personal
@require_POST
def withdraw_comment(request, pk):
    comment, refusal = _own_pending_or_refuse(request, pk)
    if refusal:
        return refusal
    response = redirect(story_address(comment.article, "#binh-luan"))
    cookies.forget_own(request, response, comment)  # while it still has its id
    comment.delete()
    messages.success(request, _("Đã rút lại bình luận của bạn."))
    return response
