import io

import pytest
from django.core.cache import caches
from django.test import Client
from PIL import Image

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
    return UserFactory(username="editor", is_staff=True, groups=["Editors"])


@pytest.fixture
def editor_client(editor):
    """A browser of its own, logged in as an editor; `client` stays an anonymous reader."""
    editor_browser = Client()
    editor_browser.force_login(editor)
    return editor_browser


def image_bytes(fmt="JPEG", size=(1600, 900), color=(180, 60, 40), **save_options):
    buffer = io.BytesIO()
    Image.new("RGB", size, color).save(buffer, fmt, **save_options)
    return buffer.getvalue()


@pytest.fixture
def make_image():
    return image_bytes
