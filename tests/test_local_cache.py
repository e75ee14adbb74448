"""Each worker's memory cache is bounded by what it holds, not by how many entries."""

import pickle

from newsroom.infra.localcache import SizedLocMemCache


def cache(name, max_bytes, max_entries=1_000_000):
    store = SizedLocMemCache(
        name, {"OPTIONS": {"MAX_BYTES": max_bytes, "MAX_ENTRIES": max_entries}}
    )
    store.clear()
    return store


def test_many_small_pieces_are_all_kept():
    store = cache("small-pieces", max_bytes=2_000_000)

    store.set_many({f"card-{n}": "x" * 500 for n in range(3_000)})

    assert len(store.get_many([f"card-{n}" for n in range(3_000)])) == 3_000


def test_large_pages_beyond_the_budget_drop_the_least_recently_used():
    store = cache("large-pages", max_bytes=1_000_000)
    page = "p" * 300_000
    for n in range(3):
        store.set(f"page-{n}", page)
    store.get("page-0")  # read lately: kept

    store.set("page-3", page)

    assert store.get("page-1") is None
    assert store.get("page-0") == page and store.get("page-3") == page
    assert store.stored_bytes <= 1_000_000


def test_what_it_holds_is_counted_through_replacements_deletions_and_clearing():
    store = cache("counted", max_bytes=1_000_000)
    store.set("a", "x" * 1000)
    store.set("a", "y" * 10)  # replaced
    store.set("b", 1)
    store.incr("b", 10**30)  # a larger number
    store.delete("missing")

    assert store.stored_bytes == len(pickle.dumps("y" * 10, pickle.HIGHEST_PROTOCOL)) + len(
        pickle.dumps(1 + 10**30, pickle.HIGHEST_PROTOCOL)
    )
    store.delete("a")
    store.clear()
    assert store.stored_bytes == 0


def test_the_entry_bound_still_holds():
    store = cache("entries", max_bytes=10_000_000, max_entries=30)

    store.set_many({f"k{n}": n for n in range(100)})

    assert len([k for k in (f"k{n}" for n in range(100)) if store.get(k) is not None]) <= 30
    assert store.stored_bytes == sum(
        len(pickle.dumps(n, pickle.HIGHEST_PROTOCOL))
        for n in range(100)
        if store.get(f"k{n}") is not None
    )
