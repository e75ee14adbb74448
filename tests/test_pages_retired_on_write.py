"""Every write to what reader pages show retires the cached pages, bulk paths included.

The models come from the apps themselves, so a model added later fails here until it is
either registered in `newsroom.apps` or named below as never shown to readers.
"""

import pytest
from django.apps import apps
from django.contrib import admin
from django.contrib.admin.exceptions import NotRegistered
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.core.cache import caches
from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from articles.models import (
    ArticleSlugHistory,
    AuditEntry,
    CaptionTrack,
    Correction,
    ReaderOfTheDay,
    Revision,
    StoryReads,
    Video,
)
from comments.models import Comment, CommentLike, CommentReport, CommentRule, DisallowedWord
from newsroom.infra import retire
from tests.clients import logged_in
from tests.comments.factories import CommentFactory
from tests.factories import (
    ArticleFactory,
    AuthorFactory,
    BylineFactory,
    CorrectionFactory,
    SectionFactory,
    TagFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

# Redirects are not cached; word rules, revisions and the audit log are for staff only. Likes
# and reports reach pages through the comment's own counters and state (`comments.likes`,
# `comments.reports`); read counts through "Đọc nhiều" lists that expire on their own clock.
NEVER_SHOWN = {
    ArticleSlugHistory,
    DisallowedWord,
    Revision,
    AuditEntry,
    CommentLike,
    CommentReport,
    StoryReads,
    ReaderOfTheDay,
}
APPEND_ONLY = {Correction}  # a published note is followed by another, never changed
FACTORIES = {
    "articles.Article": ArticleFactory,
    "articles.Section": SectionFactory,
    "articles.Author": AuthorFactory,
    "articles.Tag": TagFactory,
    "articles.Byline": BylineFactory,
    "articles.Correction": CorrectionFactory,
    "comments.Comment": lambda: CommentFactory(status=Comment.Status.APPROVED),
    "articles.Video": lambda: uploaded_video(),
    "comments.CommentRule": lambda: CommentRule.objects.create(
        scope=CommentRule.Scope.SECTION, section=SectionFactory(), mode=CommentRule.Mode.READ_ONLY
    ),
    "articles.CaptionTrack": lambda: CaptionTrack.objects.create(
        video=uploaded_video(), webvtt="WEBVTT\n", transcript="Xin chào."
    ),
}


def uploaded_video():
    """A video row with a stored file (what it holds does not matter to the page cache)."""
    return Video.objects.create(
        article=ArticleFactory(), original=ContentFile(b"clip", name="ban-tin.mp4")
    )


# Admin actions that only read (an export) and so retire nothing.
READ_ONLY_ACTIONS = {"export_personal_data"}
SHOWN = [
    model
    for label in ("articles", "comments")
    for model in apps.get_app_config(label).get_models()
    if model not in NEVER_SHOWN
]


def version():
    return caches["shared"].get(retire.VERSION_KEY)


def retires(write):
    """Whether `write()` moved the pages' content version on."""
    retire.content_version()  # make sure there is one
    before = version()
    write()
    return version() != before


@pytest.fixture(params=SHOWN, ids=lambda model: model._meta.label)
def shown(request):
    label = request.param._meta.label
    assert label in FACTORIES, f"{label}: register it in newsroom.apps or list it as never shown"
    return FACTORIES[label]()


def test_saving_what_readers_see_retires_cached_pages(shown):
    if type(shown) in APPEND_ONLY:
        assert retires(FACTORIES[shown._meta.label])
        with pytest.raises(PermissionDenied):
            shown.save()
        return
    assert retires(shown.save)


def test_deleting_what_readers_see_retires_cached_pages(shown):
    if type(shown) in APPEND_ONLY:
        with pytest.raises(PermissionDenied):
            shown.delete()
        return
    assert retires(shown.delete)


def test_deleting_in_bulk_retires_cached_pages(shown):
    if type(shown) in APPEND_ONLY:
        with pytest.raises(PermissionDenied):
            type(shown).objects.filter(pk=shown.pk).delete()
        return
    assert retires(lambda: type(shown).objects.filter(pk=shown.pk).delete())


def test_updating_in_bulk_retires_cached_pages(shown):
    field = next(f for f in shown._meta.concrete_fields if not f.primary_key)
    value = getattr(shown, field.attname)
    if type(shown) in APPEND_ONLY:
        with pytest.raises(PermissionDenied):
            type(shown).objects.filter(pk=shown.pk).update(**{field.name: value})
        return
    assert retires(lambda: type(shown).objects.filter(pk=shown.pk).update(**{field.name: value}))


def test_changing_a_storys_tags_retires_cached_pages():
    story, tag = ArticleFactory(), TagFactory()
    assert retires(lambda: story.tags.add(tag))
    assert retires(lambda: story.tags.clear())


def test_a_pending_comment_leaves_cached_pages_alone():
    """Only its author sees it, and their pages are never cached."""
    story = ArticleFactory()
    assert not retires(lambda: CommentFactory(article=story, status=Comment.Status.PENDING))


def admin_actions():
    """(model, action name) for every admin action on a model readers see."""
    request = RequestFactory().get("/")
    request.user = UserFactory.build(is_superuser=True)
    found = []
    for model in SHOWN:
        try:
            model_admin = admin.site.get_model_admin(model)
        except NotRegistered:
            continue
        names = [name for name, _label in model_admin.get_action_choices(request, [])]
        found += [(model, name) for name in names if name not in READ_ONLY_ACTIONS]
    return found


# What a row must be before an action can change it (say, a draft for "publish").
BEFORE = {
    "publish": {"status": "draft", "review_state": "approved"},
    "approve": {"status": Comment.Status.PENDING},
    "reject": {"status": Comment.Status.PENDING},
    "mark_spam": {"status": Comment.Status.PENDING},
    "unfeature": {"featured_at": timezone.now()},
}


@pytest.mark.parametrize(("model", "action"), admin_actions(), ids=str)
def test_every_admin_action_retires_cached_pages(model, action):
    target = FACTORIES[model._meta.label]()
    model.objects.filter(pk=target.pk).update(**BEFORE.get(action, {}))
    superuser = logged_in(UserFactory(is_staff=True, is_superuser=True))
    url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
    url += "?status=all" if model is Comment else ""  # the comment list opens on pending ones
    data = {"action": action, ACTION_CHECKBOX_NAME: [target.pk], "post": "yes"}

    assert retires(lambda: superuser.post(url, data))
