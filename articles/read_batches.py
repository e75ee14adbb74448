"""Most read: reads gathered in each process, handed to the shared cache in batches, and
written to the database in one transaction at a time (`articles.readership` counts them).

**Gathering.** Each process keeps its reads, (hour, story, reader) with the reader a 64-bit
hash of the browser and the story, in memory and hands them to the shared cache as one
numbered batch every `READS_PUSH_SECONDS` (a quarter of a second, by a thread of its own; a
worker stopping hands over what it has). A beacon writes nothing, not even to the cache. The
shared cache cannot list its keys, so batches take their numbers from one shared counter.

**Flushing.** At most every `READS_FLUSH_SECONDS` the first beacon to find it due, or
`manage.py flush_reads`, runs `flush()`: it reads the batches numbered since the last flush
and, in one transaction, records each reader of the day not seen yet (`ReaderOfTheDay`) and
adds one read per such reader to `StoryReads`; then it marks the batches read and deletes
them. A browser is thus counted once per story and day (Asia/Ho_Chi_Minh days) however often
its reads arrive, in one batch or several, on one worker or many.

**Nothing lost, nothing twice.** Each process keeps its batches until a flush has marked
them read, and hands over again any the cache lost (a restarted Redis, a full file cache).
A worker killed with SIGKILL loses at most its last quarter-second of reads. A batch written
twice (a flusher killed between its commit and the mark, a batch handed over again) finds
its readers already recorded and adds nothing.
"""

import atexit
import logging
import os
import threading
import time
from collections import Counter, defaultdict
from datetime import UTC, datetime, timedelta

from django.conf import settings
from django.core.cache import caches
from django.db import DatabaseError, transaction
from django.db.models import F
from django.utils import timezone

from articles.models import Article, ReaderOfTheDay, StoryReads
from newsroom.infra.sqlite import serialized_writes

log = logging.getLogger(__name__)

PUSH_SECONDS = 0.25  # READS_PUSH_SECONDS unless set: how long a process keeps reads to itself
KEEP_SECONDS = 2 * 24 * 3600  # batches wait this long for a flush, at most
READERS_KEPT_DAYS = 3  # today's readers and those of the two days before (late batches)
MAX_SCAN = 5000  # batches a flush reads at most (when it lost track of the last one written)
HOLE_SECONDS = 120  # how long a flush looks again for a batch numbered but not stored
RESEND_SECONDS = 2  # how often a process looks whether the cache dropped one of its batches,
MAX_SENT = 2000  # of the last this many
LOOK_SECONDS = 1  # each process looks whether a flush is due at most this often
FLUSH_LOCK_SECONDS = 120  # a flusher killed mid-way holds the others back this long
CHUNK = 500  # readers looked up and recorded per query
# The batch counter; {series: the last number a flush read}; {number missing: since when}.
SEQ, DONE, HOLES = "reads:batches", "reads:batches-read", "reads:batches-missing"
SERIES_KEPT = 10
FLUSHING, LAST_FLUSH, LOOK = "reads:flushing", "reads:last-flush", "reads:look"
SERIES_EPOCH = 1577836800  # 2020-01-01: batch numbers fit 63 bits until 2088


def hour_number(now) -> int:
    """Hours since the epoch: Asia/Ho_Chi_Minh hours start on UTC hours."""
    return int(now.timestamp()) // 3600


def hour_time(number: int) -> datetime:
    return datetime.fromtimestamp(number * 3600, tz=UTC)


def _day(hour: int):
    return timezone.localdate(hour_time(hour), timezone.get_default_timezone())


def _shared():
    return caches["shared"]


def _batch(number) -> str:
    return f"reads:batch:{number}"


def _push_seconds() -> float:
    return getattr(settings, "READS_PUSH_SECONDS", PUSH_SECONDS)


# --- gathering: this process, then the shared cache ----------------------------------------


class _Gathered:
    """This process's reads not handed over yet, [(hour, story, reader)], and the batches it
    handed over that no flush has marked read yet (to store again if the cache dropped
    one), number -> reads."""

    def __init__(self):
        self.pid = os.getpid()
        self.reads = []
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


def gather(hour: int, story: int, reader: int) -> None:
    every = _push_seconds()
    with _lock:
        mine = _mine()
        mine.reads.append((hour, story, reader))
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
        reads, mine.reads = mine.reads, []
        cache = _shared()
        if reads:
            _send(cache, mine, reads)
        wait = RESEND_SECONDS if _push_seconds() > 0 else 0
        if mine.sent and time.monotonic() - mine.checked >= wait:
            _send_lost_again(cache, mine)
    return len(reads)


def _send(cache, mine, reads):
    try:
        number = _next_batch()
        cache.set(_batch(number), reads, KEEP_SECONDS)
    except Exception:
        mine.reads.extend(reads)
        raise
    mine.sent[number] = reads
    if len(mine.sent) > MAX_SENT:  # no flush for a long while: keep the newest only
        del mine.sent[min(mine.sent)]


def _send_lost_again(cache, mine):
    """Forget the batches a flush marked read; send again, under new numbers, those no flush
    will read: dropped by the cache, or left in a series the cache lost the counter of, or
    all of them when the cache lost the flushes' marks (a batch written twice adds nothing)."""
    mine.checked = time.monotonic()
    state = cache.get_many([SEQ, DONE, HOLES])
    current, done, holes = state.get(SEQ), state.get(DONE) or {}, state.get(HOLES) or {}
    stored = cache.get_many([_batch(n) for n in mine.sent])
    for number in list(mine.sent):
        read_to = done.get(_series(number))
        if read_to is not None and number <= read_to and number not in holes:
            del mine.sent[number]  # written
        elif current is None or _series(number) < _series(current):
            _send(cache, mine, mine.sent.pop(number))  # no flush will read it
        elif _batch(number) not in stored:
            _send(cache, mine, mine.sent.pop(number))  # dropped


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
    """Write every gathered read to StoryReads: the number of reads counted, or None when
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
        counted = _write([read for reads in batches.values() for read in reads])
        if read_to is not None:  # first, so that no process sends these again
            missing = {n: holes.get(n, now) for n in numbers if _batch(n) not in batches}
            marks = {**(cache.get(DONE) or {}), _series(read_to): read_to}
            marks = dict(sorted(marks.items())[-SERIES_KEPT:])
            cache.set_many({DONE: marks, HOLES: missing}, KEEP_SECONDS)
        cache.delete_many(list(batches))
        return counted
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


def _write(reads) -> int:
    """Record the readers of the day not recorded yet and add one read for each: how many."""
    if not reads:
        return 0
    days = defaultdict(dict)  # day: {reader: (hour, story)}
    for hour, story, reader in reads:
        days[_day(hour)].setdefault(reader, (hour, story))
    with serialized_writes(), transaction.atomic():
        counts = Counter()
        for day, readers in days.items():
            counts.update(readers[reader] for reader in _first_seen(day, list(readers)))
        _add(counts)
        today = timezone.localdate(timezone=timezone.get_default_timezone())
        oldest = today - timedelta(days=READERS_KEPT_DAYS - 1)
        ReaderOfTheDay.objects.filter(day__lt=oldest).delete()
    return counts.total()


def _first_seen(day, readers: list[int]) -> list[int]:
    """Those of `readers` not recorded on `day` yet, now recorded."""
    known = set()
    for start in range(0, len(readers), CHUNK):
        chunk = readers[start : start + CHUNK]
        known.update(
            ReaderOfTheDay.objects.filter(day=day, reader__in=chunk).values_list(
                "reader", flat=True
            )
        )
    new = [reader for reader in readers if reader not in known]
    ReaderOfTheDay.objects.bulk_create(
        [ReaderOfTheDay(day=day, reader=reader) for reader in new],
        batch_size=CHUNK,
        ignore_conflicts=True,  # a second flusher, once the first one's lock ran out
    )
    return new


def _add(counts):
    """Add the reads, {(hour, story): n}, to StoryReads: rows made where missing, then
    `count + n` for each group of rows getting the same n (right whoever else writes)."""
    ids = {story for _, story in counts}
    existing = set(Article.objects.filter(pk__in=ids).values_list("pk", flat=True))
    groups = defaultdict(list)
    for (hour, story), reads in counts.items():
        if story in existing:  # a deleted story's reads go with it
            groups[hour, reads].append(story)
    rows = [
        StoryReads(article_id=story, hour=hour_time(hour), count=0)
        for (hour, _), stories in groups.items()
        for story in stories
    ]
    StoryReads.objects.bulk_create(rows, ignore_conflicts=True, batch_size=CHUNK)
    for (hour, reads), stories in groups.items():
        StoryReads.objects.filter(hour=hour_time(hour), article_id__in=stories).update(
            count=F("count") + reads
        )
