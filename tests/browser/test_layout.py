"""The home page and a story fit a phone (390 px) and a desktop (1280 px) window: nothing
scrolls sideways. Full-page screenshots of each go to test-artifacts/screenshots/."""

import pytest

from tests.browser.content import build_newsroom
from tests.browser.helpers import DESKTOP, PHONE, expect, screenshot, scrolls_sideways

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_home_and_story_do_not_scroll_sideways(open_context, viewport, request):
    site = build_newsroom()
    width = request.node.callspec.id
    page = open_context(viewport=viewport).new_page()

    page.goto("/")
    expect(page.get_by_role("link", name=site.lead.title).first).to_be_visible()
    screenshot(page, f"home-{width}")
    home_scrolls = scrolls_sideways(page)

    page.goto(site.lead.get_absolute_url())
    expect(page.locator("#binh-luan")).to_contain_text("cần lo đầu ra bền vững")
    screenshot(page, f"story-{width}")
    story_scrolls = scrolls_sideways(page)

    assert not home_scrolls, "the home page scrolls sideways"
    assert not story_scrolls, "the story page scrolls sideways"
