"""axe-core, run inside Chromium, finds nothing on the pages readers and staff land on.

Every violation counts, whatever its impact, under WCAG 2.0/2.1 A and AA and axe's best
practices. axe is injected as a script tag; the contexts bypass the site's Content Security
Policy for that, and only for that.
"""

import pytest
from django.urls import reverse

from tests.browser.content import add_video_stories, build_newsroom, with_listed_video
from tests.browser.helpers import PHONE, axe_violations

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def site():
    return build_newsroom()


def open_home(page, site):
    page.goto(reverse("articles:home"))


def open_section(page, site):
    page.goto(site.section.get_absolute_url())


def open_search_results(page, site):
    page.goto(reverse("articles:home"))
    page.get_by_role("searchbox", name="Tìm kiếm").fill("ca phe")
    page.get_by_role("searchbox", name="Tìm kiếm").press("Enter")
    page.wait_for_url("**/tim-kiem/?q=ca+phe")


def open_story_with_form_errors(page, site):
    page.goto(site.lead.get_absolute_url())
    page.get_by_role("button", name="Gửi bình luận").click()
    page.get_by_role("alert").filter(has_text="Bình luận chưa được gửi").wait_for()


def open_admin_login(page, site):
    page.goto(reverse("admin:login"))


def open_video_watch_page(page, site):
    desk = add_video_stories(site, ready=with_listed_video)
    page.goto(desk.hosted.video.get_absolute_url())
    page.get_by_text("Lời thoại").click()  # the transcript, open (it scrolls)


def open_video_list(page, site):
    add_video_stories(site, ready=with_listed_video)
    page.goto(reverse("articles:videos"))


def open_youtube_watch_page(page, site):
    desk = add_video_stories(site, ready=with_listed_video)
    page.goto(desk.youtube.video.get_absolute_url())


PAGES = {
    "home": open_home,
    "section": open_section,
    "search-results": open_search_results,
    "story-with-comments-and-form-errors": open_story_with_form_errors,
    "admin-login": open_admin_login,
    "video-watch-with-transcript": open_video_watch_page,
    "video-list": open_video_list,
    "video-watch-youtube": open_youtube_watch_page,
}


@pytest.mark.parametrize("name", PAGES)
def test_page_has_no_axe_violations_on_desktop_or_phone(open_context, site, name):
    page = open_context(bypass_csp=True).new_page()
    PAGES[name](page, site)

    on_desktop = axe_violations(page)
    page.set_viewport_size(PHONE)
    on_phone = axe_violations(page)

    assert not on_desktop, "\n".join(on_desktop)
    assert not on_phone, "\n".join(on_phone)
