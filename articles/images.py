"""Featured images: checked on upload, cleaned and turned into renditions on save.

Renditions are made once, when an editor saves a story, never on a reader's request.
"""

import io
import re
import warnings
import zipfile
from pathlib import PurePosixPath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from PIL import Image, ImageOps

ALLOWED_FORMATS = {"JPEG", "PNG", "WEBP", "GIF"}
# Many phones save photos as MPO: a JPEG carrying extra frames (depth map, preview) that
# Pillow reads as its own format. Accepted, and stored as a plain JPEG of the photo itself.
STORED_AS = {"MPO": "JPEG"}
RENDITION_QUALITY = 80
# Polyglots: markup a browser could run, hidden in or appended to a real image. (A ZIP or JAR
# appended, as in a GIFAR, is caught by zipfile.is_zipfile.) Photos never contain these.
ACTIVE_CONTENT = re.compile(
    rb"<(?:script|html|body|iframe|object|embed|svg|!doctype|\?php)[\s>/]|javascript:", re.I
)


def check_upload(upload) -> None:
    """Refuse anything but a real, reasonably sized JPEG/PNG/WebP/GIF, with a clear message."""
    if upload.size > settings.IMAGE_MAX_BYTES:
        raise ValidationError(
            _("Ảnh quá lớn (%(size)s). Dung lượng tối đa là %(max)s.")
            % {
                "size": filesizeformat(upload.size),
                "max": filesizeformat(settings.IMAGE_MAX_BYTES),
            },
            code="too_many_bytes",
        )
    upload.seek(0)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(upload) as img:
                fmt, (width, height) = img.format, img.size
                _check_pixels(width, height)
                img.verify()
    except ValidationError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise _too_many_pixels() from None
    except Exception:
        raise ValidationError(
            _("Tệp này không phải là ảnh hợp lệ. Hãy tải lên ảnh JPEG, PNG, WebP hoặc GIF."),
            code="invalid_image",
        ) from None
    finally:
        upload.seek(0)
    if STORED_AS.get(fmt, fmt) not in ALLOWED_FORMATS:
        raise ValidationError(
            _("Định dạng ảnh %(format)s không được hỗ trợ. Hãy dùng JPEG, PNG, WebP hoặc GIF.")
            % {"format": fmt},
            code="invalid_format",
        )
    if _carries_payload(upload):
        raise ValidationError(
            _(
                "Tệp ảnh này chứa thêm mã (HTML, JavaScript) hoặc một tệp nén bên trong nên không "
                "được nhận. Hãy mở ảnh bằng phần mềm chỉnh ảnh, lưu lại thành JPEG hoặc PNG rồi "
                "tải lên."
            ),
            code="polyglot",
        )


def _carries_payload(upload) -> bool:
    tail = b""
    try:
        upload.seek(0)
        for chunk in upload.chunks():
            if ACTIVE_CONTENT.search(tail + chunk):
                return True
            tail = chunk[-16:]
        upload.seek(0)
        return zipfile.is_zipfile(upload)
    finally:
        upload.seek(0)


def _check_pixels(width, height):
    if width * height > settings.IMAGE_MAX_PIXELS:
        raise _too_many_pixels(width, height)


def _too_many_pixels(width=None, height=None):
    limit = settings.IMAGE_MAX_PIXELS // 1_000_000
    if width:
        message = _("Ảnh có kích thước %(w)s×%(h)s điểm ảnh, vượt giới hạn %(mp)s megapixel.") % {
            "w": width,
            "h": height,
            "mp": limit,
        }
    else:
        message = _("Ảnh có quá nhiều điểm ảnh, vượt giới hạn %(mp)s megapixel.") % {"mp": limit}
    return ValidationError(message, code="too_many_pixels")


def prepare_featured_image(article) -> None:
    """Store the uploaded image without metadata (no EXIF location) and build its renditions.

    Sets `image`, `image_width`, `image_height` and `image_renditions` on `article`.
    """
    clean = store_clean(article.image)
    article.image_width, article.image_height = clean.size
    article.image_renditions = build_renditions(clean, article.image.name)


def store_clean(field_file):
    """Re-encode a new upload in place: only pixels are kept, so no EXIF/GPS and nothing
    hidden in or after the image survives. Returns the clean image."""
    field_file.open("rb")
    data = field_file.read()
    with Image.open(io.BytesIO(data)) as img:
        _check_pixels(*img.size)
        fmt = STORED_AS.get(img.format, img.format)
        fmt = fmt if fmt in ALLOWED_FORMATS else "JPEG"
        clean = ImageOps.exif_transpose(img)
        clean.load()
    clean = _without_metadata(clean, fmt)
    original_name = PurePosixPath(field_file.name).name
    field_file.save(original_name, ContentFile(_encode(clean, fmt)), save=False)
    return clean


def build_renditions(img, stored_name: str) -> list[dict]:
    """WebP copies at each configured width (never upscaled); returns [{w, h, name}]."""
    stem = PurePosixPath(stored_name).stem
    rgb = img.convert("RGBA" if img.mode in {"RGBA", "LA", "P"} else "RGB")
    widths = sorted({min(w, img.width) for w in settings.IMAGE_RENDITION_WIDTHS})
    renditions = []
    for width in widths:
        height = max(1, round(img.height * width / img.width))
        resized = rgb if width == img.width else rgb.resize((width, height), Image.LANCZOS)
        buffer = io.BytesIO()
        resized.save(buffer, "WEBP", quality=RENDITION_QUALITY, method=4)
        name = default_storage.save(
            f"articles/renditions/{stem}-{width}.webp", ContentFile(buffer.getvalue())
        )
        renditions.append({"w": width, "h": height, "name": name})
    return renditions


def _without_metadata(img, fmt):
    """A copy holding only pixels: EXIF (GPS included), XMP and comments are dropped."""
    if img.mode not in {"RGB", "RGBA", "L", "LA", "P"} or (fmt == "JPEG" and img.mode != "RGB"):
        img = img.convert("RGB")
    clean = Image.new(img.mode, img.size)
    if img.mode == "P":
        clean.putpalette(img.getpalette())
    clean.paste(img)
    return clean


def _encode(img, fmt):
    buffer = io.BytesIO()
    options = {"quality": 88, "optimize": True} if fmt == "JPEG" else {}
    img.save(buffer, fmt, **options)
    return buffer.getvalue()
