"""Featured images: checked on upload, stripped of metadata, turned into renditions on save."""

import io
import zipfile
from datetime import timedelta

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from PIL import ExifTags, Image, PngImagePlugin

from articles.models import Article, Author
from tests.articles.test_slugs import admin_article_form
from tests.clients import publish_through_desk
from tests.conftest import image_bytes, stored_bytes, stored_media
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def jpeg_with_gps():
    exif = Image.Exif()
    exif[0x010F] = "Canon"
    exif[ExifTags.IFD.GPSInfo] = {1: "N", 2: (14.0, 21.0, 0.0), 3: "E", 4: (108.0, 0.0, 0.0)}
    return image_bytes("JPEG", size=(1600, 900), exif=exif)


def upload(editor_client, section, content, name="anh.jpg", **fields):
    data = admin_article_form(section, title="Bài có ảnh", image_alt="Cánh đồng lúa", **fields)
    data["image"] = SimpleUploadedFile(name, content)
    return editor_client.post(reverse("admin:articles_article_add"), data)


def stored_image(name):
    return Image.open(io.BytesIO(stored_bytes(name)))


def test_uploaded_image_is_stripped_of_location_and_gets_renditions(
    editor_client, client, section, settings
):
    response = upload(editor_client, section, jpeg_with_gps())
    assert response.status_code == 302

    story = Article.objects.get()
    with stored_image(story.image.name) as stored:
        assert stored.size == (1600, 900)
        assert not stored.getexif().get_ifd(ExifTags.IFD.GPSInfo)
        assert 0x010F not in stored.getexif()
    assert [(r["w"], r["h"]) for r in story.image_renditions] == [
        (480, 270),
        (960, 540),
        (1440, 810),
    ]
    for rendition in story.image_renditions:
        with stored_image(rendition["name"]) as img:
            assert img.format == "WEBP"
            assert img.width == rendition["w"]


def test_article_page_uses_srcset_and_explicit_dimensions(editor_client, client, section):
    upload(
        editor_client, section, jpeg_with_gps(), image_caption="Mùa gặt", image_credit="Ảnh: Mai"
    )
    story = Article.objects.get()
    publish_through_desk(editor_client, story)

    html = client.get(story.get_absolute_url()).content.decode()

    assert "480w" in html and "960w" in html and "1440w" in html
    assert 'width="1440" height="810"' in html
    assert 'alt="Cánh đồng lúa"' in html
    assert "Mùa gặt" in html and "Ảnh: Mai" in html


def story_with_image(section, **kwargs):
    story = ArticleFactory.build(section=section, image_alt="Ảnh minh họa", **kwargs)
    story.image = ContentFile(image_bytes(size=(800, 450)), name="anh.jpg")
    story.save()
    return story


def test_images_below_the_fold_are_lazy_and_the_lead_is_not(client, section):
    now = timezone.now()
    story_with_image(section, title="Bài cũ có ảnh", publish_at=now - timedelta(days=30))
    ArticleFactory.create_batch(11, section=section, publish_at=now - timedelta(days=1))
    story_with_image(section, title="Bài đinh", publish_at=now)

    html = client.get(reverse("articles:home")).content.decode()

    lead_img = html[html.index('class="lead-image"') :].split(">", 2)[1]
    assert 'fetchpriority="high"' in lead_img
    assert 'loading="lazy"' not in lead_img
    block = html[html.index('class="section-block"') :]
    assert 'loading="lazy"' in block


def test_small_image_is_never_upscaled(editor_client, section):
    upload(editor_client, section, image_bytes("PNG", size=(600, 400)), name="nho.png")

    story = Article.objects.get()

    assert [r["w"] for r in story.image_renditions] == [480, 600]


@pytest.mark.parametrize(
    "content, name, message",
    [
        (b"this is not an image at all", "anh.jpg", "không phải là ảnh hợp lệ"),
        (
            b"<svg xmlns='http://www.w3.org/2000/svg'><script>x()</script></svg>",
            "a.svg",
            "không phải là ảnh hợp lệ",
        ),
        (b"GIF89a" + b"\x00" * 64, "anh.gif", "không phải là ảnh hợp lệ"),
    ],
    ids=["text", "svg", "broken-gif"],
)
def test_non_images_are_refused_with_a_clear_message(
    editor_client, section, settings, content, name, message
):
    response = upload(editor_client, section, content, name=name)

    assert response.status_code == 200
    html = response.content.decode()
    assert message in html
    assert 'value="Bài có ảnh"' in html  # the editor's work is kept
    assert not Article.objects.exists()
    assert stored_media() == []


@pytest.mark.parametrize("size", [(8000, 6000), (20000, 10000)], ids=["over-limit", "bomb"])
def test_decompression_bombs_are_refused(editor_client, section, settings, size):
    buffer = io.BytesIO()
    Image.new("1", size).save(buffer, "PNG")
    assert len(buffer.getvalue()) < 1_000_000  # tiny file, enormous picture

    response = upload(editor_client, section, buffer.getvalue(), name="bom.png")

    assert response.status_code == 200
    assert "megapixel" in response.content.decode()
    assert not Article.objects.exists()
    assert stored_media() == []


def test_oversized_file_is_refused(editor_client, section, settings):
    settings.IMAGE_MAX_BYTES = 20_000

    response = upload(editor_client, section, image_bytes("BMP", size=(200, 200)), name="to.bmp")

    assert response.status_code == 200
    assert "Ảnh quá lớn" in response.content.decode()
    assert not Article.objects.exists()


def test_unsupported_format_is_refused(editor_client, section):
    response = upload(editor_client, section, image_bytes("BMP", size=(20, 20)), name="a.bmp")

    assert response.status_code == 200
    assert "không được hỗ trợ" in response.content.decode()


def phone_mpo_photo():
    """A phone photo as many phones save it: MPO, a JPEG with a second frame, GPS in EXIF."""
    exif = Image.Exif()
    exif[ExifTags.IFD.GPSInfo] = {1: "N", 2: (14.0, 21.0, 0.0), 3: "E", 4: (108.0, 0.0, 0.0)}
    photo, depth_map = Image.new("RGB", (1200, 900), "green"), Image.new("RGB", (1200, 900))
    buffer = io.BytesIO()
    photo.save(buffer, "MPO", save_all=True, append_images=[depth_map], exif=exif)
    return buffer.getvalue()


def test_phone_mpo_photo_is_accepted_and_stored_as_a_plain_jpeg(editor_client, section):
    content = phone_mpo_photo()
    assert Image.open(io.BytesIO(content)).format == "MPO"

    response = upload(editor_client, section, content, name="IMG_20261129.jpg")

    assert response.status_code == 302
    with stored_image(Article.objects.get().image.name) as stored:
        assert stored.format == "JPEG"
        assert getattr(stored, "n_frames", 1) == 1
        assert stored.getpixel((600, 450))[1] > 100  # the photo, not the second frame
        assert not stored.getexif().get_ifd(ExifTags.IFD.GPSInfo)


def test_image_needs_alt_text(editor_client, section):
    data = admin_article_form(section, title="Thiếu alt", image_alt="")
    data["image"] = SimpleUploadedFile("a.jpg", image_bytes())

    response = editor_client.post(reverse("admin:articles_article_add"), data)

    assert response.status_code == 200
    assert "Hãy mô tả ảnh đại diện" in response.content.decode()
    assert not Article.objects.exists()


# --- Polyglots: a real image carrying something a browser or a JVM could run ----------------


def gifar():
    """A valid GIF with a JAR (a ZIP) appended: the classic GIFAR."""
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as jar:
        jar.writestr("META-INF/MANIFEST.MF", "Main-Class: Evil\n")
        jar.writestr("Evil.class", b"\xca\xfe\xba\xbe" + b"\x00" * 64)
    return image_bytes("GIF", size=(64, 64)) + archive.getvalue()


def png_with_script_in_a_text_chunk():
    info = PngImagePlugin.PngInfo()
    info.add_text("Comment", "<script>fetch('/admin/')</script>")
    return image_bytes("PNG", size=(64, 64), pnginfo=info)


POLYGLOTS = [
    (image_bytes(size=(64, 64)) + b"<html><body><script>alert(1)</script></body></html>", "a.jpg"),
    (gifar(), "a.gif"),
    (png_with_script_in_a_text_chunk(), "a.png"),
]


@pytest.mark.parametrize(
    "content, name", POLYGLOTS, ids=["jpeg+html", "gifar", "png-text-chunk-script"]
)
def test_polyglot_images_are_refused(editor_client, section, settings, content, name):
    with Image.open(io.BytesIO(content)) as img:
        img.verify()  # each one really is a valid image, too

    response = upload(editor_client, section, content, name=name)

    assert response.status_code == 200
    assert "chứa thêm mã (HTML, JavaScript) hoặc một tệp nén" in response.content.decode()
    assert not Article.objects.exists()
    assert stored_media() == []


def test_stored_images_are_re_encoded_so_nothing_trailing_survives(editor_client, section):
    trailer = b"TRAILING-DATA-7f3a" * 8  # harmless bytes after the image: accepted, dropped
    response = upload(editor_client, section, image_bytes(size=(640, 360)) + trailer)
    assert response.status_code == 302

    stored = stored_bytes(Article.objects.get().image.name)

    assert trailer[:18] not in stored
    assert stored.endswith(b"\xff\xd9")  # ends where the JPEG ends


# --- The byline photo goes through the same checks ---------------------------------------


def upload_author_photo(editor_client, content, name):
    data = {"name": "Mai Lan", "slug": "", "bio": "", "photo": SimpleUploadedFile(name, content)}
    return editor_client.post(reverse("admin:articles_author_add"), data)


def decompression_bomb():
    buffer = io.BytesIO()
    Image.new("1", (20000, 10000)).save(buffer, "PNG")
    return buffer.getvalue()


@pytest.mark.parametrize(
    "content, name, message",
    [
        (b"MZ\x90\x00 not an image", "anh.jpg", "không phải là ảnh hợp lệ"),
        (b"<svg xmlns='http://www.w3.org/2000/svg' onload='alert(1)'/>", "a.svg", "hợp lệ"),
        (POLYGLOTS[0][0], "a.jpg", "chứa thêm mã"),
        (gifar(), "a.gif", "chứa thêm mã"),
        (image_bytes("BMP", size=(200, 200)), "to.bmp", "Ảnh quá lớn"),
        (decompression_bomb(), "bom.png", "megapixel"),
    ],
    ids=["non-image", "svg", "polyglot", "gifar", "huge", "bomb"],
)
def test_author_photo_refuses_what_a_story_image_refuses(
    editor_client, settings, content, name, message
):
    settings.IMAGE_MAX_BYTES = 20_000 if name == "to.bmp" else settings.IMAGE_MAX_BYTES

    response = upload_author_photo(editor_client, content, name)

    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Author.objects.exists()
    assert stored_media() == []


def test_author_photo_is_stored_without_location_or_trailing_bytes(editor_client):
    response = upload_author_photo(editor_client, jpeg_with_gps() + b"TRAILING-DATA-7f3a", "a.jpg")
    assert response.status_code == 302

    author = Author.objects.get()
    stored = stored_bytes(author.photo.name)
    assert b"TRAILING-DATA" not in stored
    with stored_image(author.photo.name) as img:
        assert not img.getexif().get_ifd(ExifTags.IFD.GPSInfo)
        assert 0x010F not in img.getexif()
