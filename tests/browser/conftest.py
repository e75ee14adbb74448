"""Real-browser tests: Debian's Chromium, headless, driven by Playwright against `live_server`.

Without /usr/bin/chromium (or the playwright package) these tests skip with the reason;
under CI (CI=true) that is a failure instead, so a broken CI image cannot pass silently.
Playwright never downloads a browser of its own here.

One browser for the whole session; each test opens fresh contexts (cookies, storage) with
`open_context`, all closed when it ends. Tests that use `live_server` run with transactional
databases; their modules also ask for serialized rollback, so the groups that data
migrations make ("Biên tập viên", "Moderators") are there for every test.
"""

import os

import pytest

from tests.browser.helpers import (
    CHROMIUM,
    CHROMIUM_ARGS,
    DEFAULT_TIMEOUT_MS,
    DESKTOP,
    SCREENSHOTS,
    WRITTEN_SCREENSHOTS,
    unavailable,
)


@pytest.fixture(scope="session")
def browser():
    if not (os.path.isfile(CHROMIUM) and os.access(CHROMIUM, os.X_OK)):
        unavailable(f"no Chromium at {CHROMIUM} (Debian: apt-get install chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        unavailable("the playwright package is missing (pip install -r requirements.txt)")

    # Playwright's sync API keeps an asyncio loop running in this thread. Django then takes
    # the test for async code: it refuses ORM calls (allowed here while Playwright runs), and
    # it keeps database connections per asyncio context instead of per thread. Hand the
    # connections over both ways, so the test database, and what serialized rollback
    # restores, stay the same objects before, during and after the browser session.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    playwright = with_same_connections(sync_playwright().start)
    try:
        chromium = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield chromium
        chromium.close()
    finally:
        with_same_connections(playwright.stop)
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


def with_same_connections(start_or_stop):
    """Call `start_or_stop` (Playwright's), keeping Django's open database connections."""
    from django.db import connections

    kept = {conn.alias: conn for conn in connections.all(initialized_only=True)}
    result = start_or_stop()
    for alias, conn in kept.items():
        connections[alias] = conn
    return result


@pytest.fixture
def relaxed_comment_rules(settings):
    """People in these tests post faster than the anti-bot minimum, and more than once in
    15 seconds from the same address."""
    settings.COMMENTS_MIN_SECONDS_TO_POST = 0
    settings.COMMENTS_RATE_LIMITS = []


@pytest.fixture
def open_context(browser, live_server, relaxed_comment_rules):
    """Open a fresh browser (context) on the live server: `open_context(**options)` takes
    Playwright's new_context options (viewport, java_script_enabled, ...). A JavaScript error
    on any of its pages fails the test."""
    contexts, errors = [], []

    def open_(**options):
        context = browser.new_context(
            **{
                "base_url": live_server.url,
                "locale": "vi-VN",
                "timezone_id": "Asia/Ho_Chi_Minh",
                "viewport": DESKTOP,
                **options,
            }
        )
        context.set_default_timeout(DEFAULT_TIMEOUT_MS)
        context.on("weberror", lambda web_error: errors.append(str(web_error.error)))
        contexts.append(context)
        return context

    yield open_
    for context in contexts:
        context.close()
    assert not errors, f"JavaScript errors in the pages: {errors}"


@pytest.fixture
def page(open_context):
    """A reader's tab in a fresh browser."""
    return open_context().new_page()


def pytest_terminal_summary(terminalreporter):
    if WRITTEN_SCREENSHOTS:
        count = len(WRITTEN_SCREENSHOTS)
        terminalreporter.write_line(f"Browser screenshots ({count}) in {SCREENSHOTS}/")
