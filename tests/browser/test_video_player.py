"""A reader watches a story's video in Chromium: a clip processed for real by the worker's job
(ffmpeg: tests/clips.py), with Vietnamese captions, on the watch page, /video/ and the story.

Debian's Chromium plays H.264/AAC MP4 and, since Chromium 142, says "maybe" to HLS, so
static/articles/js/video.js leaves its MP4 <source>s alone; the hls.js path is tested by
hiding that native HLS from the page. Each page also listens for Content-Security-Policy
violations: the site sends its policy (no 'unsafe-inline') to the live server's pages too.
"""

import re

import pytest
from django.conf import settings
from django.urls import include, path, re_path

from newsroom.infra import media
from tests.browser.content import build_video_newsroom
from tests.browser.helpers import DESKTOP, PHONE, expect, screenshot, scrolls_sideways

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

H264 = 'video/mp4; codecs="avc1.42E01E, mp4a.40.2"'
YOUTUBE_HOSTS = re.compile(
    r"^https?://([^/]+\.)?(youtube(-nocookie)?\.com|ytimg\.com|googlevideo\.com)/"
)

# Before any page script: keep every CSP violation, and every layout shift, on `window`.
WATCHERS = """
window.cspViolations = [];
document.addEventListener("securitypolicyviolation", (e) => {
  window.cspViolations.push(`${e.violatedDirective} ${e.blockedURI} (${e.sourceFile})`);
});
window.layoutShift = 0;
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) {
    if (!entry.hadRecentInput) { window.layoutShift += entry.value; }
  }
}).observe({ type: "layout-shift", buffered: true });
"""
# As in a browser with no HLS of its own (Firefox, Chromium before 142): hls.js takes over.
WITHOUT_NATIVE_HLS = """
const canPlayType = HTMLMediaElement.prototype.canPlayType;
HTMLMediaElement.prototype.canPlayType = function (type) {
  return /mpegurl/i.test(type) ? "" : canPlayType.call(this, type);
};
"""
PLAYER = """v => ({time: v.currentTime, paused: v.paused, src: v.currentSrc,
                  error: v.error && v.error.message})"""


def uploads(request, path):
    return media.serve(request, path, document_root=settings.MEDIA_ROOT)


# The live server answers MEDIA_URL itself (Django's _MediaFilesHandler) with whole files and
# no byte ranges, so no player could seek. The uploads go through the site's own SERVE_MEDIA
# view instead (newsroom/infra/media.py: 206 Partial Content), as in development.
urlpatterns = [re_path(r"^uploads/(?P<path>.*)$", uploads), path("", include("newsroom.urls"))]


@pytest.fixture(autouse=True)
def uploads_served_with_ranges(settings):
    settings.MEDIA_URL = "/uploads/"
    settings.ROOT_URLCONF = __name__


@pytest.fixture
def desk():
    return build_video_newsroom()


@pytest.fixture
def watched(open_context):
    """`watched(**context_options)`: a tab whose CSP violations and console errors are kept
    (`page.console_errors`) and checked by `assert_clean(page)`."""

    def open_(**options):
        context = open_context(**options)
        context.add_init_script(WATCHERS)
        page = context.new_page()
        page.console_errors = []
        page.on(
            "console",
            lambda m: m.type == "error" and page.console_errors.append(m.text),
        )
        return page

    return open_


def assert_clean(page, allowed_console_errors=()):
    violations = page.evaluate("window.cspViolations")
    errors = [e for e in page.console_errors if not any(a in e for a in allowed_console_errors)]
    assert not violations, f"CSP violations: {violations}"
    assert not errors, f"console errors: {errors}"


def watch_url(story):
    return story.video.get_absolute_url()


def tab_to(page, locator, most=40):
    """Press Tab until `locator` has the focus, as a keyboard user would; the presses taken."""
    for presses in range(1, most + 1):
        page.keyboard.press("Tab")
        if locator.evaluate("el => el === document.activeElement"):
            return presses
    raise AssertionError(f"{most} Tab presses never reached {locator}")


def plays(page, video, past=0.5):
    """Wait until the clip's playhead has passed `past` seconds, which means it plays. Polled
    from here: page.wait_for_function() needs the page's JavaScript, which may be off."""
    for _ in range(100):
        if video.evaluate("(v, t) => v.currentTime > t && !v.paused", past):
            return
        page.wait_for_timeout(100)
    raise AssertionError(f"the clip does not play: {video.evaluate(PLAYER)}")


def test_the_clip_plays_from_the_keyboard_with_its_vietnamese_captions(watched, desk):
    page = watched()
    ranges = []
    page.on("response", lambda r: r.url.endswith(".mp4") and ranges.append(r.status))
    response = page.goto(watch_url(desk.hosted))
    assert "'unsafe-inline'" not in response.headers["content-security-policy"]
    video = page.locator("video.js-video")
    can_play = video.evaluate(f"v => v.canPlayType('{H264}')")
    if not can_play:  # a Chromium built without proprietary codecs plays no H.264 at all
        pytest.skip(f"this Chromium cannot play H.264/AAC (canPlayType: {can_play!r})")

    presses = tab_to(page, video)  # focusable in the page's Tab order, no tabindex needed
    assert presses < 20, f"{presses} Tab presses to reach the player"
    page.keyboard.press("Space")
    plays(page, video)
    state = video.evaluate(PLAYER)
    assert state["src"].endswith("/360.mp4"), state  # native MP4, not hls.js
    page.keyboard.press("Space")
    expect(video).to_have_js_property("paused", True)

    # The Vietnamese track is on by default, loaded, and shows the line being said.
    track = page.locator("video track")
    expect(track).to_have_js_property("readyState", 2)  # LOADED
    captions = video.evaluate(
        """v => { const t = v.textTracks[0];
           return {count: v.textTracks.length, kind: t.kind, lang: t.language, label: t.label,
                   mode: t.mode, cues: Array.from(t.cues, c => c.text)}; }"""
    )
    assert captions == {
        "count": 1,
        "kind": "captions",
        "lang": "vi",
        "label": "Tiếng Việt",
        "mode": "showing",
        "cues": [
            "Xin chào quý vị và các bạn.",
            "Đây là bản tin thời sự Kon Tum.",
            "Cồng chiêng vang khắp núi rừng Tây Nguyên.",
        ],
    }
    assert 206 in ranges, ranges  # seekable: the file is answered a range at a time
    seekable = video.evaluate("v => v.seekable.length && v.seekable.end(0)")
    assert seekable == pytest.approx(4, abs=0.1)
    video.evaluate("v => { v.currentTime = 2; }")
    page.wait_for_function(
        "v => v.textTracks[0].activeCues.length && "
        "v.textTracks[0].activeCues[0].text === 'Đây là bản tin thời sự Kon Tum.'",
        arg=video.element_handle(),
    )

    # Off and on again, as the player's captions button does.
    seen = {}
    for mode in ["disabled", "showing", "hidden", "showing"]:
        seen[mode] = video.evaluate(
            "(v, mode) => { const t = v.textTracks[0]; t.mode = mode;"
            " return [t.mode, t.cues ? t.cues.length : null]; }",
            mode,
        )
    assert seen == {
        "disabled": ["disabled", None],  # off: no cues at all
        "hidden": ["hidden", 3],  # loaded, not drawn
        "showing": ["showing", 3],
    }
    assert_clean(page)


def test_hls_js_plays_the_stream_where_the_browser_has_no_hls_of_its_own(watched, desk):
    page = watched()
    page.context.add_init_script(WITHOUT_NATIVE_HLS)
    requested = []
    page.on("request", lambda r: requested.append(r.url))
    page.goto(watch_url(desk.hosted))
    video = page.locator("video.js-video")
    assert page.evaluate("Hls.isSupported()"), "no Media Source Extensions in this Chromium"

    video.focus()
    page.keyboard.press("Space")
    plays(page, video)

    assert video.evaluate(PLAYER)["src"].startswith("blob:")  # fed by hls.js through MSE
    assert any(u.endswith("/hls/master.m3u8") for u in requested)
    assert any(u.endswith(".ts") for u in requested), requested
    expect(page.locator("video track")).to_have_js_property("readyState", 2)
    assert_clean(page)  # no worker from blob:, media from blob: is allowed


def test_when_hls_js_fails_the_mp4_plays_instead(watched, desk):
    page = watched()
    page.context.add_init_script(WITHOUT_NATIVE_HLS)
    page.route("**/*.m3u8", lambda route: route.abort())
    page.goto(watch_url(desk.hosted))
    video = page.locator("video.js-video")

    video.focus()
    page.keyboard.press("Space")
    plays(page, video)

    assert video.evaluate(PLAYER)["src"].endswith("/360.mp4")
    expect(video.locator("source")).to_have_count(len(desk.hosted.video.sources))
    assert_clean(page, allowed_console_errors=["net::ERR_FAILED"])  # the aborted playlist


def test_without_javascript_the_player_its_sources_and_the_transcript_are_there(watched, desk):
    page = watched(java_script_enabled=False)
    page.goto(watch_url(desk.hosted))

    video = page.locator("video")
    expect(video).to_have_attribute("controls", "")
    sources = video.locator("source")
    expect(sources).to_have_count(len(desk.hosted.video.sources))
    expect(sources.first).to_have_attribute("type", "video/mp4")
    expect(sources.first).to_have_attribute("src", re.compile(r"/360\.mp4$"))
    expect(video.locator("track")).to_have_attribute("srclang", "vi")
    assert not video.evaluate("v => v.currentSrc.startsWith('blob:')")

    # The browser's own player needs no script of the page's: the keyboard still plays it.
    tab_to(page, video)
    page.keyboard.press("Space")
    plays(page, video)

    transcript = page.locator("details.transcript")
    expect(transcript.locator("> div")).to_be_hidden()
    transcript.get_by_text("Lời thoại").click()
    expect(transcript).to_contain_text("Xin chào quý vị và các bạn.")
    expect(transcript.locator("[lang=vi]")).to_be_visible()

    # A YouTube video is a link to YouTube.
    page.goto(watch_url(desk.youtube))
    expect(page.get_by_role("link", name="Xem video trên YouTube")).to_have_attribute(
        "href", "https://www.youtube.com/watch?v=dQw4w9WgXcQ"
    )
    expect(page.locator("iframe")).to_have_count(0)


def test_youtube_loads_only_when_the_reader_clicks_play(watched, desk):
    page = watched()
    youtube = []
    page.context.route(
        YOUTUBE_HOSTS, lambda route: (youtube.append(route.request.url), route.abort())
    )

    for url in [desk.youtube.get_absolute_url(), watch_url(desk.youtube)]:
        youtube.clear()
        page.goto(url)
        page.wait_for_load_state("networkidle")
        expect(page.locator("iframe")).to_have_count(0)
        assert youtube == [], "YouTube was asked before the reader clicked"

        page.get_by_role("link", name="Xem video trên YouTube").click()

        frame = page.locator(".youtube-embed iframe")
        expect(frame).to_have_attribute(
            "src", "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1&rel=0"
        )
        expect(frame).to_have_attribute("title", desk.youtube.title)
        expect(frame).to_be_focused()
        assert page.url.endswith(url), "the click left the page"
        for _ in range(50):  # the frame's own request, made (and aborted here) a moment later
            if youtube:
                break
            page.wait_for_timeout(100)
        assert youtube and all(u.startswith("https://www.youtube-nocookie.com/") for u in youtube)
        assert_clean(page, allowed_console_errors=["net::ERR_FAILED"])  # the aborted frame


def test_video_list_cards_lead_to_the_watch_page(watched, desk):
    page = watched()
    page.goto("/video/")

    cards = page.locator("ul.video-grid > li.video-card")
    expect(cards).to_have_count(5)  # the clip, its three copies, the YouTube one
    first = cards.first
    expect(first.get_by_role("heading", level=2)).to_have_text(desk.hosted.title)
    expect(first.locator(".video-duration")).to_have_text("Thời lượng 0:04")
    expect(first.get_by_role("link")).to_have_count(2)  # the title, the section
    # The whole card is the title's link: a click on the thumbnail goes to the video.
    thumb = first.locator(".video-thumb").bounding_box()
    page.mouse.click(thumb["x"] + thumb["width"] / 2, thumb["y"] + thumb["height"] / 2)
    page.wait_for_url(f"**{watch_url(desk.hosted)}")

    more = page.locator(".more-videos li.video-card")
    expect(more).to_have_count(4)
    expect(more.first.get_by_role("heading", level=3)).to_be_visible()
    assert_clean(page)


def layout(page):
    """Lay the page out fully (lazy images, fonts), then what shifted and what overflows."""
    page.evaluate("document.fonts.ready")
    page.mouse.wheel(0, 10_000)
    page.wait_for_load_state("networkidle")
    page.evaluate("window.scrollTo(0, 0)")
    return page.evaluate("window.layoutShift"), scrolls_sideways(page)


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_video_pages_neither_shift_nor_scroll_sideways(watched, desk, viewport, request):
    width = request.node.callspec.id
    page = watched(viewport=viewport)
    pages = {
        "watch": watch_url(desk.hosted),
        "videos": "/video/",
        "story-lead-video": desk.hosted.get_absolute_url(),
        "story-youtube": desk.youtube.get_absolute_url(),
    }
    problems = []
    for name, url in pages.items():
        page.goto(url)
        shift, sideways = layout(page)
        screenshot(page, f"video-{name}-{width}")
        # The player's box is 16:9 from the start (width and height, before any metadata).
        for box in page.locator("video, .youtube-embed").all():
            size = box.bounding_box()
            if abs(size["height"] - size["width"] * 9 / 16) > 2:
                problems.append(f"{name}: player box {size['width']}×{size['height']}")
        if shift > 0.01:
            problems.append(f"{name}: layout shift {shift:.3f}")
        if sideways:
            problems.append(f"{name}: scrolls sideways")
        assert_clean(page)
    assert not problems, "\n".join(problems)
