"""Most read: how readers of a story are counted, gathered and ranked.

**Counting.** The story page's script (`static/articles/js/reads.js`) sends one small POST, a
beacon, so pages served from the page cache are counted too. `count()` takes a beacon when the
user agent is no known bot or crawler, the story is published, and this browser (its
`browser_key`) has not been counted for this story today (Asia/Ho_Chi_Minh days): a marker
added to the shared cache with `add()`, so a replayed beacon counts once. That `add()` is the
beacon's one write; no database write.

**Gathering.** Each process adds up its reads per story and hour in memory and hands them to
the shared cache as one numbered batch every `READS_PUSH_SECONDS` (a quarter of a second, by
a thread of its own; a worker stopping hands over what it has). The shared cache cannot list
its keys, so batches take their numbers from one shared counter. At most every
`READS_FLUSH_SECONDS` the first beacon to find it due, or `manage.py flush_reads`, runs
`flush()`: it reads the batches numbered since the last flush, adds them to `StoryReads` in
one transaction, marks them read and deletes them. Batches handed over meanwhile have higher
numbers and wait for the next flush. Each process keeps its batches until a flush has marked
them read, and hands over again any the cache lost. A worker killed with SIGKILL loses at
most its last quarter-second of reads; a flusher killed between its commit and the mark
leaves those batches to be written again (counted twice, never lost).

**Ranking.** `most_read()`: the top stories of the last 24 hours and 7 days, site-wide or in
one section, from `StoryReads`; cached for a few minutes under the pages' content version.
"""

import atexit
import logging
import os
import re
import threading
import time
from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from django.conf import settings
from django.core.cache import caches
from django.db import DatabaseError, transaction
from django.db.models import F, Sum
from django.urls import reverse
from django.utils import timezone

from articles.models import Article, StoryReads
from newsroom.infra.pagecache import content_version
from newsroom.infra.readers import browser_key
from newsroom.infra.sqlite import serialized_writes

log = logging.getLogger(__name__)

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
PUSH_SECONDS = 0.25  # READS_PUSH_SECONDS unless set: how long a process keeps reads to itself
KEEP_SECONDS = 2 * 24 * 3600  # batches wait this long for a flush, at most
MAX_SCAN = 5000  # batches a flush reads at most (when it lost track of the last one written)
HOLE_SECONDS = 120  # how long a flush looks again for a batch numbered but not stored
RESEND_SECONDS = 2  # how often a process looks whether the cache dropped one of its batches,
MAX_SENT = 2000  # of the last this many
LOOK_SECONDS = 1  # each process looks whether a flush is due at most this often
FLUSH_LOCK_SECONDS = 120  # a flusher killed mid-way holds the others back this long
# The batch counter; {series: the last number a flush read}; {number missing: since when}.
SEQ, DONE, HOLES = "reads:batches", "reads:batches-read", "reads:batches-missing"
SERIES_KEPT = 10
FLUSHING, LAST_FLUSH, LOOK = "reads:flushing", "reads:last-flush", "reads:look"
MAX_ID = 2**63 - 1
SERIES_EPOCH = 1577836800  # 2020-01-01: batch numbers fit 63 bits until 2088


def is_bot(user_agent: str) -> bool:
    agent = user_agent.lower()
    if not agent.strip() or any(word in agent for word in BOT_WORDS):
        return True
    return "bot" in agent and BOT_WORD_END.search(agent) is not None


def count(request, response, pk: int) -> bool:
    """Count a read of story `pk` by the browser behind `request` (which may be given its
    browser cookie on `response`). True when it counted; nothing is said to the browser."""
    agent = request.META.get("HTTP_USER_AGENT", "")
    cross_site = request.META.get("HTTP_SEC_FETCH_SITE") == "cross-site"  # sent by another site
    if is_bot(agent) or cross_site or not is_visible(pk):
        return False
    now = timezone.now()
    day = timezone.localdate(now, timezone.get_default_timezone())
    seen = f"reads:seen:{day:%Y%m%d}:{browser_key(request, response)}:{pk}"
    if not _shared().add(seen, 1, timeout=_seconds_to_tomorrow(now)):
        return False
    _gather(_hour_number(now), pk)
    return True


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


def _seconds_to_tomorrow(now) -> int:
    local = timezone.localtime(now, timezone.get_default_timezone())
    midnight = (local + timedelta(days=1)).replace(hour=0, minute=0, second=0, microsecond=0)
    return int((midnight - local).total_seconds()) + 3600


def _hour_number(now) -> int:
    """Hours since the epoch: Asia/Ho_Chi_Minh hours start on UTC hours."""
    return int(now.timestamp()) // 3600


def _hour_time(number: int) -> datetime:
    return datetime.fromtimestamp(number * 3600, tz=UTC)


def _shared():
    return caches["shared"]


def _batch(number) -> str:
    return f"reads:batch:{number}"


def _push_seconds() -> float:
    return getattr(settings, "READS_PUSH_SECONDS", PUSH_SECONDS)


# --- gathering: this process, then the shared cache ----------------------------------------


class _Gathered:
    """This process's reads: those not handed over yet, (hour, story) -> reads, and the
    batches it handed over that no flush has written yet (to store again if the cache
    dropped one), number -> reads."""

    def __init__(self):
        self.pid = os.getpid()
        self.reads = Counter()
        self.sent = {}
        self.checked = 0.0
        self.pusher = None


_lock = threading.Lock()
_gathered = _Gathered()


def _mine() -> _Gathered:
    """This process's reads (a forked child starts with none of its parent's)."""
    global _gathered
    if _gathered.pid != os.getpid():
        _gathered = _Gathered()
    return _gathered


def _gather(hour, pk):
    every = _push_seconds()
    with _lock:
        mine = _mine()
        mine.reads[hour, pk] += 1
        if every > 0 and mine.pusher is None:
            mine.pusher = threading.Thread(
                target=_pushing, args=(every,), name="reads-pusher", daemon=True
            )
            mine.pusher.start()
            atexit.register(push)
    if every <= 0:
        push()


def _pushing(every):
    while True:
        time.sleep(every)
        try:
            push()
        except Exception:  # the reads stay gathered for the next try
            log.exception("Read counts could not reach the shared cache.")


def push() -> int:
    """Hand this process's gathered reads to the shared cache as one batch; how many."""
    with _lock:
        mine = _mine()
        reads, mine.reads = mine.reads, Counter()
        cache = _shared()
        if reads:
            _send(cache, mine, reads)
        wait = RESEND_SECONDS if _push_seconds() > 0 else 0
        if mine.sent and time.monotonic() - mine.checked >= wait:
            _send_lost_again(cache, mine)
    return reads.total()


def _send(cache, mine, reads):
    try:
        number = _next_batch()
        cache.set(_batch(number), dict(reads), KEEP_SECONDS)
    except Exception:
        mine.reads.update(reads)
        raise
    mine.sent[number] = dict(reads)
    if len(mine.sent) > MAX_SENT:  # no flush for a long while: keep the newest only
        del mine.sent[min(mine.sent)]


def _send_lost_again(cache, mine):
    """Forget the batches a flush wrote; send again, under new numbers, those no flush will
    read: dropped by the cache (a restarted Redis, a file cache full to its MAX_ENTRIES
    dropping entries at random), or left in a series the cache lost the counter of. When
    the cache lost the flushes' marks, wait: sending again could count twice."""
    mine.checked = time.monotonic()
    state = cache.get_many([SEQ, DONE, HOLES])
    current, done, holes = state.get(SEQ), state.get(DONE), state.get(HOLES) or {}
    if done is None and current is not None:
        return
    done = done or {}
    stored = cache.get_many([_batch(n) for n in mine.sent])
    for number in list(mine.sent):
        read_to = done.get(_series(number))
        if read_to is not None and number <= read_to and number not in holes:
            del mine.sent[number]  # written
        elif current is None or _series(number) < _series(current):
            _send(cache, mine, Counter(mine.sent.pop(number)))  # no flush will read it
        elif _batch(number) not in stored:
            _send(cache, mine, Counter(mine.sent.pop(number)))  # dropped


def _series(number) -> int:
    return number >> 32


def _next_batch() -> int:
    """The next batch number. A series of numbers (the first ever, or after the cache lost
    its counter) starts at the time in seconds since 2020 times 2³²: above, and told apart
    from, every number handed out before."""
    cache = _shared()
    try:
        return cache.incr(SEQ)
    except ValueError:
        start = (int(time.time()) - SERIES_EPOCH) << 32
        if cache.add(SEQ, start, None):
            return start
        return cache.incr(SEQ)


# --- flushing: the shared cache, then the database -----------------------------------------


def flush_if_due() -> int:
    """Flush when the last flush is `READS_FLUSH_SECONDS` old: the number of reads written.

    A database error leaves the counts in the cache for the next flush."""
    now, every = timezone.now().timestamp(), settings.READS_FLUSH_SECONDS
    memo = caches["default"]  # each process's own, unless it is Redis: then everyone's
    if 0 < (memo.get(LOOK) or 0) - now <= every + LOOK_SECONDS:
        return 0
    memo.set(LOOK, now + LOOK_SECONDS, every + LOOK_SECONDS)
    last = _shared().get(LAST_FLUSH)
    if last is not None and 0 <= now - last < every:
        memo.set(LOOK, last + every, every + LOOK_SECONDS)
        return 0
    try:
        return flush(force=False) or 0
    except DatabaseError:
        log.warning("Read counts not written yet; the next flush tries.", exc_info=True)
        return 0


def flush(force=True) -> int | None:
    """Write every gathered read to StoryReads: the number of reads written, or None when
    another flush is running. Without `force`, only when the last flush is
    `READS_FLUSH_SECONDS` old."""
    push()
    cache = _shared()
    if not cache.add(FLUSHING, 1, FLUSH_LOCK_SECONDS):
        return None
    try:
        now = timezone.now().timestamp()
        last = cache.get(LAST_FLUSH)
        if not force and last is not None and 0 <= now - last < settings.READS_FLUSH_SECONDS:
            return 0
        cache.set(LAST_FLUSH, now, KEEP_SECONDS)
        read_to, numbers, holes = _numbers_to_read(cache, now)
        batches = cache.get_many([_batch(n) for n in numbers])
        pending = Counter()
        for reads in batches.values():
            pending.update(reads)
        _write(pending)
        if read_to is not None:  # first, so that no process sends these again
            missing = {n: holes.get(n, now) for n in numbers if _batch(n) not in batches}
            marks = {**(cache.get(DONE) or {}), _series(read_to): read_to}
            marks = dict(sorted(marks.items())[-SERIES_KEPT:])
            cache.set_many({DONE: marks, HOLES: missing}, KEEP_SECONDS)
        cache.delete_many(list(batches))
        return pending.total()
    finally:
        cache.delete(FLUSHING)


def _numbers_to_read(cache, now) -> tuple[int | None, list[int], dict[int, float]]:
    """(the number read up to; the numbers to read: those of the series since the last flush,
    MAX_SCAN at most, and those missing then, a push under way or a batch to be sent again,
    for HOLE_SECONDS; {such a number: when first missed})."""
    state = cache.get_many([SEQ, DONE, HOLES])
    last = state.get(SEQ)
    if last is None:
        return None, [], {}
    done = (state.get(DONE) or {}).get(_series(last))
    if done is not None:
        numbers = range(done + 1, min(last, done + MAX_SCAN) + 1)
    else:  # a new series, or the last flush's mark lost: its latest numbers
        numbers = range(max(_series(last) << 32, last - MAX_SCAN + 1), last + 1)
    holes = {n: t for n, t in (state.get(HOLES) or {}).items() if now - t < HOLE_SECONDS}
    return max(numbers, default=done), sorted({*holes, *numbers}), holes


def _write(pending):
    """Add the reads to StoryReads: rows made where missing, then `count + n` for each group
    of rows getting the same n (right whoever else writes at the same time)."""
    if not pending:
        return
    with serialized_writes(), transaction.atomic():
        ids = {pk for _, pk in pending}
        existing = set(Article.objects.filter(pk__in=ids).values_list("pk", flat=True))
        groups = defaultdict(list)
        for (hour, pk), reads in pending.items():
            if pk in existing:  # a deleted story's reads go with it
                groups[hour, reads].append(pk)
        rows = [
            StoryReads(article_id=pk, hour=_hour_time(hour), count=0)
            for (hour, _), pks in groups.items()
            for pk in pks
        ]
        StoryReads.objects.bulk_create(rows, ignore_conflicts=True, batch_size=500)
        for (hour, reads), pks in groups.items():
            StoryReads.objects.filter(hour=_hour_time(hour), article_id__in=pks).update(
                count=F("count") + reads
            )


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
    since = _hour_time(_hour_number(now) - hours + 1)
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
