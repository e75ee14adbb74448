"""The README's screenshots, taken of the demo site (`seed_demo`) in Chromium.

Each run takes them into a temporary folder and checks each is a WebP image of the expected
width under 150 KB. With UPDATE_SCREENSHOTS=1 they are written into docs/ instead, ready to
commit:

    UPDATE_SCREENSHOTS=1 .venv/bin/python -m pytest --no-cov tests/browser/test_screenshots.py
"""

import io
import os

import pytest
from django.core.management import call_command
from PIL import Image

from articles.models import Article
from comments.models import Comment
from tests.browser.helpers import DESKTOP, PHONE, ROOT, expect, log_in

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

DOCS = ROOT / "docs"
MAX_BYTES = 150 * 1024
QUALITY = 70
MARGIN = 24  # pixels kept around a clipped part of a page
STORY = "Giá cà phê tăng cao, nông dân Đăk Hà phấn khởi vào vụ thu hoạch"
# The demo accounts' passwords, as `seed_demo` prints them.
MODERATOR = ("kiemduyet", "kiemduyet-demo-2026")
EDITOR = ("bientap", "bientap-demo-2026")


@pytest.fixture
def demo_site(settings):
    settings.DEBUG = True
    settings.COMMENTS_MIN_SECONDS_TO_POST = 3  # the site's default: the demo's bot is caught
    call_command("seed_demo", stdout=io.StringIO())
    settings.DEBUG = False  # the pages as in production


@pytest.fixture
def folder(tmp_path):
    if os.environ.get("UPDATE_SCREENSHOTS", "").strip() == "1":
        DOCS.mkdir(exist_ok=True)
        return DOCS
    return tmp_path


def shoot(page, path, height=None, start=None, end=None):
    """A WebP of the page from its top, `height` pixels tall (else the whole page); or from the
    top of the element `start` to the bottom of the element `end` (CSS selectors)."""
    page.wait_for_load_state("networkidle")
    page.evaluate(  # lazy images load once scrolled to
        "async () => { for (let y = 0; y < document.body.scrollHeight; y += 600) {"
        " window.scrollTo(0, y); await new Promise(r => setTimeout(r, 30)); }"
        " window.scrollTo(0, 0); }"
    )
    page.wait_for_load_state("networkidle")
    page.evaluate("Promise.all([...document.images].map(i => i.decode().catch(() => null)))")
    width = page.viewport_size["width"]
    full = page.evaluate("document.documentElement.scrollHeight")
    top, bottom = 0, min(height or full, full)
    if start and end:  # the page is scrolled to its top: these are the page's coordinates
        top = page.locator(start).first.bounding_box()["y"] - MARGIN
        last = page.locator(end).last.bounding_box()
        bottom = last["y"] + last["height"] + MARGIN
    clip = {"x": 0, "y": top, "width": width, "height": bottom - top}
    png = page.screenshot(full_page=True, clip=clip, animations="disabled", caret="hide")
    Image.open(io.BytesIO(png)).convert("RGB").save(path, "WEBP", quality=QUALITY, method=6)
    return path


def test_readme_screenshots_show_the_demo_site_in_each_role(open_context, demo_site, folder):
    story = Article.objects.get(title=STORY)
    deepest = Comment.objects.get(article=story, user__username="phongvien")
    shots = {}

    reader = open_context(viewport=DESKTOP).new_page()
    reader.goto("/")
    expect(reader.locator("main")).to_contain_text("Đăk Hà")
    shots["home"] = shoot(reader, folder / "home.webp", height=1420)

    reader.goto(story.get_absolute_url())
    expect(reader.locator(f"#binh-luan-{deepest.pk}")).to_contain_text("Tác giả")
    shots["story"] = shoot(
        reader, folder / "story.webp", start=".story-body blockquote", end=".comment-list"
    )

    phone = open_context(viewport=PHONE, is_mobile=True, has_touch=True).new_page()
    phone.goto(story.get_absolute_url())
    expect(phone.get_by_role("heading", level=1)).to_have_text(STORY)
    shots["story-phone"] = shoot(phone, folder / "story-phone.webp", height=1700)

    moderator = log_in(open_context(viewport=DESKTOP), *MODERATOR)
    moderator.goto("/admin/comments/comment/queue/")
    expect(moderator.locator(".queue-item")).to_have_count(Comment.objects.pending().count())
    expect(moderator.locator(".queue-held").first).to_be_visible()
    shots["moderation-queue"] = shoot(moderator, folder / "moderation-queue.webp", height=1270)

    editor = log_in(open_context(viewport=DESKTOP), *EDITOR)
    editor.goto(f"/admin/articles/article/{story.pk}/change/")
    expect(editor.locator(".ProseMirror[contenteditable=true]")).to_contain_text("Đăk Hà")
    shots["story-editor"] = shoot(editor, folder / "story-editor.webp", height=1100)

    for name, path in shots.items():
        size = path.stat().st_size
        with Image.open(path) as image:
            image.verify()
            assert image.format == "WEBP", name
            expected = PHONE["width"] if name == "story-phone" else DESKTOP["width"]
            assert image.width == expected, name
        assert size < MAX_BYTES, f"{name}: {size} bytes"
