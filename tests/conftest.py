import io

import pytest
from django.core.cache import caches
from PIL import Image

from tests.clients import logged_in
from tests.factories import ArticleFactory, SectionFactory, UserFactory


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    """Every test writes uploads to its own folder."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _empty_caches():
    """Rate-limit counters and cached pages never carry over from one test to the next."""
    for cache in caches.all():
        cache.clear()
    yield
    for cache in caches.all():
        cache.clear()


@pytest.fixture
def section(db):
    return SectionFactory(name="Kinh tế", slug="kinh-te")


@pytest.fixture
def article(section):
    return ArticleFactory(section=section, title="Giá cà phê tăng mạnh")


@pytest.fixture
def editor(db):
    return UserFactory(username="editor", is_staff=True, groups=["Biên tập viên"])


@pytest.fixture
def moderator(db):
    return UserFactory(username="kiemduyet", is_staff=True, groups=["Moderators"])


@pytest.fixture
def reporter(db):
    return UserFactory(username="phongvien", is_staff=True, groups=["Phóng viên"])


@pytest.fixture
def chief(db):
    return UserFactory(username="tongbientap", is_staff=True, groups=["Tổng biên tập"])


@pytest.fixture
def reporter_client(reporter):
    return logged_in(reporter)


@pytest.fixture
def chief_client(chief):
    return logged_in(chief)


@pytest.fixture
def editor_client(editor):
    return logged_in(editor)


@pytest.fixture
def moderator_client(moderator):
    return logged_in(moderator)


def image_bytes(fmt="JPEG", size=(1600, 900), color=(180, 60, 40), **save_options):
    buffer = io.BytesIO()
    Image.new("RGB", size, color).save(buffer, fmt, **save_options)
    return buffer.getvalue()


@pytest.fixture
def make_image():
    return image_bytes
