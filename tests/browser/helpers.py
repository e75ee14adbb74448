"""Shared pieces of the browser tests: where Chromium is, logging in, axe-core, screenshots."""

import json
import os
from pathlib import Path

import pytest

try:
    from playwright.sync_api import expect
except ImportError:  # the `browser` fixture skips (or, under CI, fails) with the reason
    expect = None

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
DEFAULT_TIMEOUT_MS = 10_000
if expect is not None:
    expect.set_options(timeout=DEFAULT_TIMEOUT_MS)
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 800}
PASSWORD = "secret-pass-123"  # tests.factories.UserFactory's

ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = ROOT / "test-artifacts" / "screenshots"
WRITTEN_SCREENSHOTS = []  # this session's, for the summary at the end of the run
AXE_JS = Path(__file__).resolve().parent / "vendor" / "axe.min.js"
AXE_OPTIONS = {
    "runOnly": {
        "type": "tag",
        "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"],
    },
    "resultTypes": ["violations"],
}


def in_ci():
    return os.environ.get("CI", "").strip().lower() in {"1", "true", "yes"}


def unavailable(reason):
    """Skip on a developer's machine; fail under CI, where the tool must be there."""
    if in_ci():
        pytest.fail(f"{reason} (CI=true: these tests must run)", pytrace=False)
    pytest.skip(reason)


def write_comment(page, body, name="Nguyễn Thị Lan", email="lan.nguyen@example.com"):
    """Fill in the comment form wherever it is on the page, and send it."""
    form = page.locator("form.comment-form")
    form.get_by_role("textbox", name="Bình luận").fill(body)
    form.get_by_role("textbox", name="Tên").fill(name)
    form.get_by_role("textbox", name="Email").fill(email)
    form.get_by_role("button", name="Gửi bình luận").click()


def log_in(context, username, password=PASSWORD):
    """Log into the admin through its login form in this browser; returns the page."""
    page = context.new_page()
    page.goto("/admin/login/?next=/admin/")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(password)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url("**/admin/")
    return page


def axe_violations(page):
    """Run axe-core in the page (WCAG 2.1 A and AA, and best practices): every violation,
    whatever its impact, as 'rule (impact): help [first selectors]'."""
    if not page.evaluate("typeof window.axe === 'object'"):
        page.add_script_tag(path=str(AXE_JS))
    result = page.evaluate("options => axe.run(document, options)", AXE_OPTIONS)
    return [
        f"{v['id']} ({v['impact']}): {v['help']} "
        + json.dumps([node["target"] for node in v["nodes"][:5]], ensure_ascii=False)
        for v in result["violations"]
    ]


def screenshot(page, name):
    """A full-page PNG in test-artifacts/screenshots/ (git-ignored); returns its path."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    WRITTEN_SCREENSHOTS.append(path)
    return path


def scrolls_sideways(page):
    """Whether the page is wider than the window (a horizontal scrollbar on a phone)."""
    return page.evaluate("document.documentElement.scrollWidth > window.innerWidth")
