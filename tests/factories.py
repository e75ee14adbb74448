from datetime import timedelta

import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone

from articles.models import Article, Author, Byline, Correction, Section, Tag, Video


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ["username"]
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.com")
    password = factory.PostGenerationMethodCall("set_password", "secret-pass-123")
    is_staff = False

    @factory.post_generation
    def groups(self, create, names, **kwargs):
        if create and names:
            self.groups.add(*[Group.objects.get(name=name) for name in names])
        if create:
            self.save()


class SectionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Section

    name = factory.Sequence(lambda n: f"Chuyên mục {n}")
    order = factory.Sequence(int)


class AuthorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Author

    name = factory.Sequence(lambda n: f"Phóng viên {n}")


class TagFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Tag

    name = factory.Sequence(lambda n: f"Thẻ {n}")


class ArticleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Article
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Bài viết số {n} về tỉnh nhà")
    standfirst = "Sapo ngắn của bài viết."
    body = "<p>Nội dung bài viết.</p>"
    section = factory.SubFactory(SectionFactory)
    status = Article.Status.PUBLISHED
    review_state = factory.LazyAttribute(
        lambda a: (
            Article.Review.APPROVED
            if a.status == Article.Status.PUBLISHED
            else Article.Review.WRITING
        )
    )
    publish_at = factory.LazyFunction(lambda: timezone.now() - timedelta(hours=1))

    class Params:
        draft = factory.Trait(status=Article.Status.DRAFT)
        scheduled = factory.Trait(
            publish_at=factory.LazyFunction(lambda: timezone.now() + timedelta(days=1))
        )

    @factory.post_generation
    def tags(self, create, tags, **kwargs):
        if create and tags:
            self.tags.set(tags)


class BylineFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Byline

    article = factory.SubFactory(ArticleFactory)
    author = factory.SubFactory(AuthorFactory)
    role = "Phóng viên"
    order = factory.Sequence(int)


class CorrectionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Correction

    article = factory.SubFactory(ArticleFactory)
    kind = Correction.Kind.CORRECTION
    text = "Bài viết trước đây ghi sai tên xã; tên đúng là xã Đăk Hà."


def copy_of_video(video, article):
    """Another story's READY video sharing `video`'s files (no second encode)."""
    return Video.objects.create(
        article=article,
        original=video.original.name,
        poster=video.poster.name,
        poster_from_video=True,
        poster_width=video.poster_width,
        poster_height=video.poster_height,
        poster_renditions=video.poster_renditions,
        state=Video.State.READY,
        duration=video.duration,
        width=video.width,
        height=video.height,
        renditions=video.renditions,
        hls=video.hls,
        processed=timezone.now(),
    )
