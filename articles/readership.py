"""Most read: how readers of a story are counted and ranked.

**Counting.** The story page's script (`static/articles/js/reads.js`) sends one small POST, a
beacon, so pages served from the page cache are counted too. `count()` takes a beacon when the
user agent is no known bot or crawler, the story is published and the beacon was not sent
from another site, and gathers it with a hash of the browser (its `browser_key`) and the
story; `articles.read_batches` writes the reads in batches, counting each browser once per
story and day. The beacon itself writes nothing.

**Ranking.** `most_read()`: the top stories of the last 24 hours and 7 days, site-wide or in
one section, from `StoryReads`; cached for a few minutes under the pages' content version.
"""

import hashlib
import re
import time
from dataclasses import dataclass

from django.core.cache import caches
from django.db.models import Sum
from django.urls import reverse
from django.utils import timezone

from articles.models import Article
from articles.read_batches import gather, hour_number, hour_time
from newsroom.infra.readers import browser_key
from newsroom.infra.retire import content_version

# User agents that are no reader: search engines, link previews (Facebook, Zalo, Telegram…),
# monitors, headless browsers and scripts, as lower-case words found anywhere in the agent,
# and "…bot" ending a word (Googlebot/2.1, bingbot, coccocbot-web, TelegramBot; not a Cubot
# phone). Zalo's in-app browser says "Zalo" and is a reader; its link preview fetcher is
# caught by "bot", "crawl" or "preview".
BOT_WORDS = (
    "crawl", "spider", "slurp", "preview", "headless", "phantomjs", "lighthouse", "pagespeed",
    "facebookexternalhit", "facebot", "meta-external", "whatsapp", "skypeuri", "embedly",
    "python-requests", "python-urllib", "python-httpx", "aiohttp", "httpclient", "okhttp",
    "go-http-client", "java/", "libwww", "curl", "wget", "scrapy", "axios", "node-fetch",
    "undici", "feedfetcher", "monitor", "uptime", "pingdom", "statuscake", "archive.org",
    "ia_archiver", "mediapartners", "adsbot", "inspectiontool",
)  # fmt: skip
BOT_WORD_END = re.compile(r"(?<!cu)bot\b")
TOP = 5  # stories per "Đọc nhiều" list
WINDOWS = {"day": 24, "week": 7 * 24}  # list name: hours it covers, this one included
LISTS_SECONDS = 300  # how long the lists are kept before they are ranked again
VISIBLE_SECONDS, HIDDEN_SECONDS = 300, 15  # how long "is this story published?" is kept,
MAX_REMEMBERED = 100_000  # for at most this many stories
MAX_ID = 2**63 - 1


def is_bot(user_agent: str) -> bool:
    agent = user_agent.lower()
    if not agent.strip() or any(word in agent for word in BOT_WORDS):
        return True
    return "bot" in agent and BOT_WORD_END.search(agent) is not None


def count(request, response, pk: int) -> bool:
    """Gather a read of story `pk` by the browser behind `request` (which may be given its
    browser cookie on `response`); False when it cannot count. Whether this browser read
    the story today already is settled when the reads are written; nothing is said to the
    browser."""
    agent = request.META.get("HTTP_USER_AGENT", "")
    cross_site = request.META.get("HTTP_SEC_FETCH_SITE") == "cross-site"  # sent by another site
    if is_bot(agent) or cross_site or not is_visible(pk):
        return False
    gather(hour_number(timezone.now()), pk, reader(browser_key(request, response), pk))
    return True


def reader(browser: str, pk: int) -> int:
    """This browser as a reader of story `pk`: a signed 64-bit hash, kept for two days."""
    digest = hashlib.blake2b(f"{browser}:{pk}".encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big", signed=True)


_visible = {"version": None, "stories": {}}  # this process's: story -> (visible, until)


def is_visible(pk: int) -> bool:
    """Whether readers may see story `pk` now (`published()`). Each process remembers it for
    the pages' content version (a story taken down changes it), a scheduled story for a few
    seconds only."""
    if not 0 < pk <= MAX_ID:
        return False
    version, now = content_version(), time.monotonic()
    if _visible["version"] != version:
        _visible.update(version=version, stories={})
    known = _visible["stories"].get(pk)
    if known is None or known[1] < now:
        visible = Article.objects.published().filter(pk=pk).exists()
        if len(_visible["stories"]) >= MAX_REMEMBERED:
            _visible["stories"] = {}
        until = now + (VISIBLE_SECONDS if visible else HIDDEN_SECONDS)
        known = _visible["stories"][pk] = (visible, until)
    return known[0]


# --- ranking ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Read:
    """One line of a "Đọc nhiều" list."""

    title: str
    url: str
    reads: int


def most_read(section_id=None) -> dict[str, list[Read]]:
    """{"day": top stories of the last 24 hours, "week": of the last 7 days}, site-wide or in
    one section; published stories only."""
    cache = caches["default"]
    key = f"reads:top:{content_version()}:{section_id or 'all'}"
    lists = cache.get(key)
    if lists is None:
        now = timezone.now()
        lists = {name: _top(now, hours, section_id) for name, hours in WINDOWS.items()}
        cache.set(key, lists, LISTS_SECONDS)
    return lists


def _top(now, hours, section_id) -> list[Read]:
    since = hour_time(hour_number(now) - hours + 1)
    stories = Article.objects.published().filter(reads__hour__gte=since)
    if section_id:
        stories = stories.filter(section_id=section_id)
    rows = (
        stories.values("pk", "slug", "title")
        .annotate(total=Sum("reads__count"))
        .order_by("-total", "-publish_at", "-pk")[:TOP]
    )
    return [
        Read(row["title"], reverse("articles:detail", kwargs={"slug": row["slug"]}), row["total"])
        for row in rows
    ]
