"""Most read in a real browser: the read beacon is sent once a day, never without JavaScript."""

import pytest

from tests.articles.test_most_read import flush, reads_of
from tests.factories import ArticleFactory, SectionFactory

DESKTOP_CHROME = (
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/131.0.0.0 Safari/537.36"
)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_browser_sends_one_beacon_a_day_and_none_without_javascript(open_context):
    """Chromium (headless, so told to say it is a desktop Chrome: "HeadlessChrome" is a bot
    here) sends the beacon once: a reload sends none, the browser remembers today's stories.
    Another browser counts again; with JavaScript off nothing is sent."""
    story = ArticleFactory(section=SectionFactory(), title="Đọc trong trình duyệt")
    beacons = []
    reader = open_context(user_agent=DESKTOP_CHROME)
    reader.on("requestfinished", lambda r: "/luot-doc/" in r.url and beacons.append(r))
    page = reader.new_page()
    csp = []
    page.on("console", lambda m: "Content Security Policy" in m.text and csp.append(m.text))

    with page.expect_request_finished(lambda r: "/luot-doc/" in r.url):
        page.goto(story.get_absolute_url())
    page.reload()
    page.wait_for_load_state("networkidle")
    other = open_context(user_agent=DESKTOP_CHROME).new_page()
    with other.expect_request_finished(lambda r: "/luot-doc/" in r.url):
        other.goto(story.get_absolute_url())
    no_js = open_context(user_agent=DESKTOP_CHROME, java_script_enabled=False).new_page()
    no_js.goto(story.get_absolute_url())
    flush()

    assert [b.method for b in beacons] == ["POST"]
    assert beacons[0].response().status == 204
    assert reads_of(story) == 2
    assert not csp
