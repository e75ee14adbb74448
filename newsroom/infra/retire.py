"""Which cached pages a write retires: versioned keys, bumped on every write that pages show.

A page is tagged with keys naming what it shows (`story-12`, `thread-12`, `section-3`, `home`,
`all`...; see `articles.page_keys` and `comments.page_keys`). Each key has a version in the
shared cache, the time of its last retirement in microseconds. A cached page records the
versions of its keys when it is stored and is served only while they are unchanged, so a write
retires exactly the pages that show it: an approval on story A leaves story B's page alone.

Writes say what they retire in one place, `newsroom.apps`, through `retire_on_write()`: saves,
deletions and many-to-many changes arrive as signals, and bulk `update()`/`bulk_create()`/
`bulk_update()` go through `RetiringQuerySet`, which asks the same function about each row.
A key is bumped at once and again after the transaction commits (a page rendered from the old
rows meanwhile is not kept), and shared caches in front of the site (Varnish, a CDN) are sent
a purge of the same keys after commit (`newsroom.infra.purge`).

`content_version()` is one more counter, moved on by every retirement: small caches inside the
app (a story's rules, a comment's target) key on it and so never outlive any write.

The keys' versions live in the cache PAGE_VERSIONS_CACHE names: without Redis, the folder of
drawn pages, not the one that counts rate limits. There is a version for every story read, and
losing one only means the pages kept under it are drawn again (a lost version is started anew,
never equal to the old one); so each expires after VERSION_SECONDS, and however many stories are
read, culling versions never drops a counter. Only EVERYTHING's, which every page carries, stays
in "shared" without expiry: losing it would have every page of the site drawn at once.
"""

import threading
import time
from contextlib import contextmanager

from django.conf import settings
from django.core.cache import caches
from django.core.exceptions import ImproperlyConfigured
from django.db import models, transaction
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete

from newsroom.infra import purge

VERSION_KEY = "pagecache:version"
KEY_PREFIX = "pagecache:key:"
LAST_RETIRED_KEY = "pagecache:last-retired"
MEMO_SECONDS = 0.5
MEMO_MAX_KEYS = 20_000  # versions remembered by a process before it forgets the old ones
VERSION_SECONDS = 3600  # pages are kept PAGE_CACHE_SECONDS: at most one more draw an hour
EVERYTHING = "all"  # every page carries it: retiring it retires the whole site

_memo = {"version": None, "read_at": 0.0, "read_us": 0}
_key_memo: dict[str, tuple[int, float, int]] = {}  # key -> (version, read at: monotonic, us)
_writes: dict[type, object] = {}  # model -> keys(instance)
_held: dict[str, tuple[dict, object]] = {}  # remembered(): name -> (versions, value)
_drawing = threading.local()  # drawing(): (monotonic time it began, the last retirement then)


def now_us() -> int:
    return time.time_ns() // 1000


@contextmanager
def drawing():
    """Draw a page within this block. It gives the time the last retirement had finished
    writing its keys when the block began (`now_us()` time; -1 when unknown): the versions the
    page reads are those of the shared cache then, not the process's memo, which may be
    MEMO_SECONDS behind another process's write (a memo read after that time still holds:
    one read, not one per key). `versions_for_keeping()` says whether the page may be kept.
    A block inside another gives the outer one's time."""
    outer = getattr(_drawing, "began", None)
    if outer is not None:
        yield outer[1]
        return
    shared = caches["shared"]
    last = shared.get(LAST_RETIRED_KEY)
    if last is None:  # none known (a new cache): as if one finished now, so the memo serves
        shared.add(LAST_RETIRED_KEY, now_us(), timeout=None)  # the drawings that follow
        last = shared.get(LAST_RETIRED_KEY)
    _drawing.began = (time.monotonic(), -1 if last is None else last)
    try:
        yield _drawing.began[1]
    finally:
        _drawing.began = None


def _usable(read_at, read_us, now) -> bool:
    """Whether a value read from the shared cache at `read_at` (monotonic; `read_us`, the
    epoch in microseconds, taken before the read) may be used now."""
    if now - read_at > MEMO_SECONDS:
        return False
    began = getattr(_drawing, "began", None)
    return began is None or read_at >= began[0] or (began[1] >= 0 and read_us > began[1])


def content_version() -> int:
    """A counter every retirement moves on, re-read from the shared cache twice a second (and
    when a page is drawn after a retirement: `drawing()`)."""
    now = time.monotonic()
    if _memo["version"] is None or not _usable(_memo["read_at"], _memo["read_us"], now):
        shared, read_us = caches["shared"], now_us()
        version = shared.get(VERSION_KEY)
        if version is None:
            shared.add(VERSION_KEY, now_us(), timeout=None)
            version = shared.get(VERSION_KEY, 0)
        _memo.update(version=version, read_at=now, read_us=read_us)
    return _memo["version"]


def _stores(keys) -> dict[tuple[str, int | None], list[str]]:
    """{(cache alias, expiry): those of `keys` whose versions it holds, kept that long}."""
    found = {}
    for key in keys:
        where = (
            ("shared", None)
            if key == EVERYTHING
            else (settings.PAGE_VERSIONS_CACHE, VERSION_SECONDS)
        )
        found.setdefault(where, []).append(key)
    return found


def versions(keys, fresh=False) -> dict[str, int]:
    """{key: version} now; remembered for MEMO_SECONDS in this process unless `fresh` (or
    read before the page being drawn began: `drawing()`)."""
    now = time.monotonic()
    if len(_key_memo) > MEMO_MAX_KEYS:
        _forget_old_memos(now)
    found, stale = {}, []
    for key in keys:
        memo = None if fresh else _key_memo.get(key)
        if memo is not None and _usable(memo[1], memo[2], now):
            found[key] = memo[0]
        else:
            stale.append(key)
    read_us = now_us()  # before reading: a retirement meanwhile is not counted as seen
    for (alias, expiry), some in _stores(stale).items():
        store = caches[alias]
        stored = store.get_many([KEY_PREFIX + key for key in some])
        for key in some:
            version = stored.get(KEY_PREFIX + key)
            if version is None:  # never retired, or forgotten by the cache: start it now
                # (negative: a start, not a retirement; never equal to a forgotten version)
                store.add(KEY_PREFIX + key, -now_us(), timeout=expiry)
                version = store.get(KEY_PREFIX + key, 0)
            found[key] = version
            _key_memo[key] = (version, now, read_us)
    return found


def _forget_old_memos(now) -> None:
    for key, memo in list(_key_memo.items()):
        if now - memo[1] > MEMO_SECONDS:
            _key_memo.pop(key, None)  # (another thread may have dropped it meanwhile)
    if len(_key_memo) > MEMO_MAX_KEYS:  # all read within MEMO_SECONDS: read them again
        _key_memo.clear()


def unchanged_since_drawing_began() -> bool:
    """Whether no retirement has finished since the current `drawing()` block began (True
    outside one): rows loaded in it may be kept under versions read now."""
    began = getattr(_drawing, "began", None)
    if began is None:
        return True
    last = caches["shared"].get(LAST_RETIRED_KEY)
    return (-1 if last is None else last) == began[1]


def versions_for_keeping(keys, began_us) -> dict[str, int] | None:
    """{key: version} to keep a page showing `keys` under, asked at the end of the `drawing()`
    block that gave `began_us`; None when the page may show rows a retirement changed: one
    finished while it was drawn (any: one read, not one per key), or one of its keys retired by
    one not finished."""
    last = caches["shared"].get(LAST_RETIRED_KEY)
    if (-1 if last is None else last) != began_us:
        return None
    found = versions(keys)  # the memo only where read after `began_us`
    return None if any(version > began_us for version in found.values()) else found


def remembered(name, keys, compute, still=lambda value: True):
    """`compute()`, kept in this process while the versions of `keys` are those it was computed
    under (re-read at most twice a second) and `still(value)` holds: small things every page
    needs, such as the menu's sections or the time of the next scheduled story."""
    current = versions(keys)
    held = _held.get(name)
    if held is not None and held[0] == current and still(held[1]):
        return held[1]
    value = compute()
    _held[name] = (current, value)
    return value


def retire(keys) -> None:
    """Retire every page tagged with one of `keys`, now and again once the current
    transaction commits; shared caches in front of the site are purged after commit."""
    keys = frozenset(keys)
    if not keys:
        return
    _bump(keys)

    def committed():
        _bump(keys)
        purge.send(keys)
        # Another process may still serve the old page from its memo for MEMO_SECONDS, and a
        # shared cache refilled from it in that time would keep it: purge once more after.
        purge.send_later(keys, MEMO_SECONDS + 0.1)

    transaction.on_commit(committed)


def retire_everything() -> None:
    retire({EVERYTHING})


def _bump(keys):
    shared = caches["shared"]
    version = now_us()
    # the keys first, then when they were all written (`drawing()` trusts what was read after)
    for (alias, expiry), some in _stores(keys).items():
        caches[alias].set_many({KEY_PREFIX + key: version for key in some}, timeout=expiry)
    shared.set(LAST_RETIRED_KEY, now_us(), timeout=None)
    try:
        shared.incr(VERSION_KEY)
    except ValueError:
        shared.set(VERSION_KEY, version, timeout=None)
    _memo["version"] = None
    for key in keys:
        _key_memo.pop(key, None)


class RetiringQuerySet(models.QuerySet):
    """Bulk writes that skip the model's signals retire the pages of the rows they touch."""

    def update(self, **kwargs):
        keys = _keys_of_rows(self)
        changed = super().update(**kwargs)
        if changed:
            retire(keys | _keys_of_rows(self.model._default_manager.filter(pk__in=self._pks)))
        return changed

    def bulk_create(self, objs, *args, **kwargs):
        created = super().bulk_create(objs, *args, **kwargs)
        retire(set().union(*(_keys_of(obj) for obj in created)) if created else ())
        return created

    def bulk_update(self, objs, fields, *args, **kwargs):
        changed = super().bulk_update(objs, fields, *args, **kwargs)
        if changed:
            retire(set().union(*(_keys_of(obj) for obj in objs)))
        return changed


def _keys_of(instance) -> set:
    keys_of = _writes.get(type(instance)._meta.concrete_model)
    return set(keys_of(instance)) if keys_of else set()


def _keys_of_rows(queryset) -> set:
    """The keys of the rows `queryset` matches (it remembers their ids for after an update)."""
    if queryset.model._meta.concrete_model not in _writes:
        queryset._pks = []
        return set()
    rows = list(queryset._chain())
    queryset._pks = [row.pk for row in rows]
    return set().union(*(_keys_of(row) for row in rows)) if rows else set()


def retire_on_write(model, keys, new_shown=None) -> None:
    """Retire `keys(instance)` whenever `model` is saved or deleted, and when its many-to-many
    links change (the keys of the row, and of the rows linked or unlinked).

    `new_shown(instance)` says whether a new row is shown to readers at all (say, a comment only
    once approved); without it every new row is. The model's manager must build
    `RetiringQuerySet`s, so that bulk writes retire pages too.
    """
    if not isinstance(model._default_manager.all(), RetiringQuerySet):
        raise ImproperlyConfigured(f"{model.__name__}'s manager must use RetiringQuerySet.")
    _writes[model] = keys

    def saved(sender, instance, created: bool, raw=False, **kwargs):
        if created and new_shown is not None and not new_shown(instance):
            return
        retire(keys(instance))

    def deleting(sender, instance, **kwargs):
        instance._retires_on_delete = set(keys(instance))

    def deleted(sender, instance, **kwargs):
        retire(getattr(instance, "_retires_on_delete", None) or keys(instance))

    def linked(sender, instance, action, model, pk_set, **kwargs):
        if action == "pre_clear":  # which rows a clear() unlinks is not said afterwards
            instance._retires_on_clear = _linked_keys(sender, instance)
        if not action.startswith("post_"):
            return
        found = _keys_of(instance) | getattr(instance, "_retires_on_clear", set())
        if pk_set:
            found |= set().union(*map(_keys_of, model._default_manager.filter(pk__in=pk_set)))
        retire(found)

    uid = f"pagecache:{model._meta.label}"
    post_save.connect(saved, sender=model, weak=False, dispatch_uid=uid)
    pre_delete.connect(deleting, sender=model, weak=False, dispatch_uid=uid)
    post_delete.connect(deleted, sender=model, weak=False, dispatch_uid=uid)
    for field in model._meta.local_many_to_many:
        m2m_changed.connect(linked, sender=field.remote_field.through, weak=False, dispatch_uid=uid)


def _linked_keys(through, instance) -> set:
    """The keys of the rows `instance` is linked to through `through` (before a clear())."""
    links = [f for f in through._meta.get_fields() if f.many_to_one]
    own = next(f for f in links if isinstance(instance, f.related_model))
    other = next(f for f in links if f is not own)
    linked = through.objects.filter(**{own.name: instance}).values(other.attname)
    rows = other.related_model._default_manager.filter(pk__in=linked)
    return set().union(*map(_keys_of, rows))
