from datetime import timedelta

import factory
from django.utils import timezone

from comments.models import Comment
from comments.policy import fingerprint
from tests.factories import ArticleFactory


class CommentFactory(factory.django.DjangoModelFactory):
    """A pending comment; `minutes_ago=N` backdates it (`created` is set on insert)."""

    class Meta:
        model = Comment
        skip_postgeneration_save = True

    article = factory.SubFactory(ArticleFactory)
    name = factory.Sequence(lambda n: f"Bạn đọc {n}")
    email = factory.Sequence(lambda n: f"ban.doc.{n}@example.com")
    body = factory.Sequence(lambda n: f"Ý kiến số {n} của bạn đọc về bài viết.")
    status = Comment.Status.PENDING
    held_reason = "Bình luận mới chờ kiểm duyệt"
    ip_address = "203.0.113.7"
    user_agent = "Mozilla/5.0 (Linux; Android 14) Chrome/126"
    fingerprint = factory.LazyAttribute(lambda comment: fingerprint(comment.email, comment.body))

    @factory.post_generation
    def minutes_ago(self, create, minutes, **kwargs):
        if create and minutes is not None:
            self.created = timezone.now() - timedelta(minutes=minutes)
            Comment.objects.filter(pk=self.pk).update(created=self.created)
