"""Search over the archive: the index, the query, the ranking and the snippets, in one place.

What is indexed: each story's `search_text`, its title, standfirst and body (with the words
spoken in its video) folded by `articles.text.index_text`, one part a line. Folding happens
once, in Python, by the same `fold` that slugs use, so both databases see the same words and
"dan van", "dân vận" and "DÂN VẬN" meet at "dan van" (query and text alike).

The index lives beside the stories and database triggers keep it in step with every write
to `articles_article` (save, bulk `update()`, delete, a flush), so no write path can miss it:
- SQLite: a contentless FTS5 table (`articles_search`, one row per story, its rowid the
  story's id) with the three parts as columns. Contentless because the text is already
  stored in `search_text` and nothing reads it back from the index; the delete trigger hands
  FTS5 the old text it needs.
- PostgreSQL: a narrow table (`articles_search`) of weighted tsvectors (title A, standfirst
  B, body C) with a GIN index. Apart from the wide story rows, finding the newest stories
  holding a word reads a few small pages, not the stories' heap.
  No `unaccent` here: the text and the query are folded already, by the rule above.

The ranking: relevance (bm25 with the columns weighted 10/4/1 on SQLite, ts_rank_cd with
weights 1/0.4/0.1 on PostgreSQL), doubled for a story holding the words as a phrase, then
the newest, then the highest id, so pages never shift. The work is bounded: the stories
ranked are the CANDIDATES most recently added that hold every word; a query matching more
says so ("more than 1000 results: add a word"). Ranking every match of a word most stories
hold ("tỉnh") costs about a second on 100,000 stories, on either database; this costs a few
milliseconds.

Visibility is not decided here: ranked stories are joined with the caller's queryset
(`ArticleQuerySet.published()`).
"""

import itertools
import re
import unicodedata
from contextlib import contextmanager
from functools import cached_property

from django.db import connections
from django.db.models import F
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.text import Truncator

from articles.text import WordFinder, plain_text, search_words

INDEX = "articles_search"
VISIBLE_BY_ID = "article_visible_by_id_idx"  # (id, status, publish_at), on Article
_PLAIN_TABLE = re.compile(r'(FROM "articles_article")( WHERE | INNER JOIN | LEFT OUTER JOIN |$)')
CANDIDATES = 1000
MAX_WORDS = 12
PHRASE_BOOST = 2  # a story holding the words as a phrase: its score doubled
SNIPPET_CHARS = 220
SNIPPET_LEAD = 40


class Results:
    """The stories of `queryset` matching `query`, best first: what a paginator needs (a
    count and slices). Two queries in all: the ranked ids (through `queryset`), then one
    page's stories by id from `rows` (`queryset` unless given: by id alone, SQLite without
    statistics would read the visibility index instead of a dozen rows), each with a
    `search_snippet`: HTML, the matched words in <mark>."""

    def __init__(self, queryset, query, rows=None):
        self.queryset, self.rows = queryset, queryset if rows is None else rows
        self.words = search_words(query)[:MAX_WORDS]

    @cached_property
    def _ranked(self) -> tuple[list[int], bool]:
        return ranked_ids(self.queryset, self.words) if self.words else ([], False)

    @property
    def _ids(self) -> list[int]:
        return self._ranked[0]

    @property
    def capped(self) -> bool:
        """More stories match than are ranked (CANDIDATES)."""
        return self._ranked[1]

    def count(self) -> int:
        return len(self._ids)

    def __len__(self):
        return self.count()

    def __getitem__(self, index):
        if isinstance(index, slice):
            return self._stories(self._ids[index])
        return self._stories([self._ids[index]])[0]

    def _stories(self, ids):
        if not ids:
            return []
        loaded = self.rows.filter(pk__in=ids).defer(None).defer("search_text").order_by()
        by_pk = {story.pk: story for story in loaded}
        pattern = WordFinder(self.words)
        stories = [by_pk[pk] for pk in ids if pk in by_pk]
        for story in stories:
            text = f"{story.standfirst} {plain_text(story.body)}"
            story.search_snippet = snippet(text, pattern) or escape(
                Truncator(story.standfirst).words(40)
            )
        return stories


# The query.


def ranked_ids(queryset, words) -> tuple[list[int], bool]:
    """The ids of `queryset`'s stories matching every one of `words`, best first, among the
    CANDIDATES newest matches; and whether more stories match."""
    visible = queryset.order_by().values(hit_id=F("pk"), hit_at=F("publish_at"))
    visible_sql, visible_params = visible.query.sql_with_params()
    connection = connections[queryset.db]
    if connection.vendor == "postgresql":
        ranked, params = _postgresql_query(words)
    else:
        ranked, params = _sqlite_query(words)
        # Whether readers may see each ranked story, read from an index rather than from the
        # story's wide row (there the status lies beyond the body): the planner knows this
        # only after ANALYZE. Only where the stories' table is named plainly (no alias).
        visible_sql = _PLAIN_TABLE.sub(rf'\1 INDEXED BY "{VISIBLE_BY_ID}"\2', visible_sql, 1)
    sql = (
        f"SELECT v.hit_id, s.found FROM ({ranked}) AS s JOIN ({visible_sql}) AS v "
        "ON v.hit_id = s.id ORDER BY s.score DESC, v.hit_at DESC, v.hit_id DESC"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [*params, *visible_params])
        rows = cursor.fetchall()
    return [pk for pk, _found in rows], bool(rows) and rows[0][1] > CANDIDATES


def _sqlite_query(words):
    """FTS5, bm25 with weighted columns. Ranked: the matches from the CANDIDATES-th newest
    one's rowid on (FTS5 reads a rowid range fast); those holding the phrase found in that
    range too (a phrase's own bm25 would need its frequency over the whole index: slow)."""
    every = " AND ".join(f'"{word}"' for word in words)
    params, boost = [every, CANDIDATES + 1, CANDIDATES], "1"
    phrase = ""
    if len(words) > 1:
        phrase = (
            f", phrase AS MATERIALIZED (SELECT rowid AS id FROM {INDEX} "
            f"WHERE {INDEX} MATCH %s AND rowid >= (SELECT id FROM lowest))"
        )
        boost = f"CASE WHEN {INDEX}.rowid IN (SELECT id FROM phrase) THEN %s ELSE 1 END"
        params.append(f'"{" ".join(words)}"')
    sql = (
        f"WITH newest AS (SELECT rowid FROM {INDEX} WHERE {INDEX} MATCH %s "
        "ORDER BY rowid DESC LIMIT %s), "
        "lowest AS MATERIALIZED (SELECT coalesce(min(rowid), 0) AS id FROM "
        f"(SELECT rowid FROM newest LIMIT %s)){phrase} "
        f"SELECT rowid AS id, -bm25({INDEX}, 10.0, 4.0, 1.0) * {boost} AS score, "
        f"(SELECT count(*) FROM newest) AS found "
        f"FROM {INDEX} WHERE {INDEX} MATCH %s AND rowid >= (SELECT id FROM lowest)"
    )
    return sql, [*params, *([PHRASE_BOOST] if phrase else []), every]


POSTGRESQL_WEIGHTS = [0.0, 0.1, 0.4, 1.0]  # ts_rank_cd's order: D, C (body), B, A (title)


def _postgresql_query(words):
    """ts_rank_cd of the words ANDed (plainto_tsquery), boosted where the phrase is
    (phraseto_tsquery)."""
    text = " ".join(words)
    score = "ts_rank_cd(%s::float4[], document, plainto_tsquery('simple'::regconfig, %s))"
    params = [POSTGRESQL_WEIGHTS, text]
    if len(words) > 1:
        score += (
            " * CASE WHEN document @@ phraseto_tsquery('simple'::regconfig, %s) THEN %s ELSE 1 END"
        )
        params += [text, PHRASE_BOOST]
    sql = (
        f"WITH newest AS (SELECT article_id FROM {INDEX} "
        "WHERE document @@ plainto_tsquery('simple'::regconfig, %s) "
        "ORDER BY article_id DESC LIMIT %s) "
        f"SELECT article_id AS id, {score} AS score, (SELECT count(*) FROM newest) AS found "
        f"FROM {INDEX} WHERE article_id IN "
        "(SELECT article_id FROM newest ORDER BY article_id DESC LIMIT %s)"
    )
    return sql, [text, CANDIDATES + 1, *params, CANDIDATES]


# Snippets: the text readers see, in its own accents, the matched words marked.


def _richest_window(hits, size, everything):
    """The first of `hits` (an iterator of (match, word), in order) that starts the window of
    `size` characters holding the most different words; read only as far as needed: a window
    holding `everything` (how many words are sought) ends the search."""
    read, source = [], iter(hits)

    def has(index):  # whether there is a hit `index`, reading on as needed
        while len(read) <= index:
            hit = next(source, None)
            if hit is None:
                return False
            read.append(hit)
        return True

    best, most, inside, end, at = None, 0, {}, 0, 0
    while has(at):
        first, word = read[at]
        reach = first.start() + size
        end = max(end, at)  # a match longer than `size` leaves it behind
        while has(end) and read[end][0].end() <= reach:
            inside[read[end][1]] = inside.get(read[end][1], 0) + 1
            end += 1
        if best is None or len(inside) > most:
            best, most = first, len(inside)
            if most == everything:
                break
        # the window moves past `first`
        if inside.get(word) == 1:
            del inside[word]
        elif word in inside:
            inside[word] -= 1
        at += 1
    return best


def highlight(text, pattern) -> str:
    """`text` escaped, with what `pattern` (`articles.text.WordFinder`) finds in <mark>."""
    text = unicodedata.normalize("NFC", text)
    parts, at = [], 0
    for found in pattern.finditer(text):  # in the reader's accents
        parts += [escape(text[at : found.start()]), "<mark>", escape(found[0]), "</mark>"]
        at = found.end()
    parts.append(escape(text[at:]))
    return mark_safe("".join(parts))  # every piece of text is escaped above


def snippet(text, pattern, size=SNIPPET_CHARS) -> str | None:
    """About `size` characters of `text` around the place holding the most of the words
    (the first such place), highlighted; None when no word is in `text`."""
    text = " ".join(unicodedata.normalize("NFC", text).split())
    hits = ((hit, pattern.word(hit)) for hit in itertools.islice(pattern.finditer(text), 100))
    best = _richest_window(hits, size, len(pattern.words))
    if best is None:
        return None
    start = best.start()
    begin = 0 if start <= SNIPPET_LEAD else text.find(" ", start - SNIPPET_LEAD, start) + 1
    end = len(text)
    if begin + size < end:
        cut = text.rfind(" ", best.end(), begin + size)
        end = cut if cut > 0 else begin + size
    before = "… " if begin else ""
    after = " …" if end < len(text) else ""
    return mark_safe(before + highlight(text[begin:end], pattern) + after)


# The index's tables and triggers: the migration installs them, `rebuild` refills the index,
# `bulk_load` leaves it alone during a large import and builds it once at the end.


def _sqlite_parts(row):
    """SQL for the title, standfirst and body in `row`.search_text (`text.index_text`);
    text without line breaks is all body."""
    text = f"{row}.search_text"
    rest = f"substr({text}, instr({text}, char(10)) + 1)"
    return (
        f"substr({text}, 1, instr({text}, char(10)) - 1), "
        f"substr({rest}, 1, instr({rest}, char(10)) - 1), "
        f"substr({rest}, instr({rest}, char(10)) + 1)"
    )


_ADD = (
    f"INSERT INTO {INDEX}(rowid, title, standfirst, body) VALUES (new.id, {_sqlite_parts('new')});"
)
_REMOVE = (
    f"INSERT INTO {INDEX}({INDEX}, rowid, title, standfirst, body) "
    f"VALUES ('delete', old.id, {_sqlite_parts('old')});"
)
_PG_WRITE = f"""CREATE FUNCTION {INDEX}_write() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        DELETE FROM {INDEX} WHERE article_id = OLD.id;
    ELSE
        INSERT INTO {INDEX} (article_id, document)
        VALUES (NEW.id, {INDEX}_document(NEW.search_text))
        ON CONFLICT (article_id) DO UPDATE SET document = EXCLUDED.document;
    END IF;
    RETURN NULL;
END $$"""

SCHEMA = {
    "sqlite": {
        "tables": [
            f"CREATE VIRTUAL TABLE {INDEX} USING fts5(title, standfirst, body, content='', "
            "tokenize='unicode61 remove_diacritics 0')"
        ],
        "triggers": [
            f"CREATE TRIGGER {INDEX}_insert AFTER INSERT ON articles_article BEGIN {_ADD} END",
            f"CREATE TRIGGER {INDEX}_delete AFTER DELETE ON articles_article BEGIN {_REMOVE} END",
            f"CREATE TRIGGER {INDEX}_update AFTER UPDATE OF search_text ON articles_article "
            f"WHEN old.search_text IS NOT new.search_text BEGIN {_REMOVE} {_ADD} END",
        ],
        "drop_triggers": [
            f"DROP TRIGGER IF EXISTS {INDEX}_{event}" for event in ("insert", "delete", "update")
        ],
        "drop_tables": [f"DROP TABLE IF EXISTS {INDEX}"],
        "rebuild": [
            f"INSERT INTO {INDEX}({INDEX}) VALUES ('delete-all')",
            f"INSERT INTO {INDEX}(rowid, title, standfirst, body) "
            f"SELECT id, {_sqlite_parts('articles_article')} FROM articles_article",
        ],
    },
    "postgresql": {
        "tables": [
            # Part 1, 2 or 3 of a search_text (text without line breaks is all body, part 3).
            f"CREATE FUNCTION {INDEX}_part(text, integer) RETURNS tsvector LANGUAGE sql "
            "IMMUTABLE AS $$ SELECT to_tsvector('simple'::regconfig, CASE "
            "WHEN strpos($1, E'\\n') > 0 THEN split_part($1, E'\\n', $2) "
            "WHEN $2 = 3 THEN $1 ELSE '' END) $$",
            f"CREATE FUNCTION {INDEX}_document(text) RETURNS tsvector LANGUAGE sql IMMUTABLE "
            f"AS $$ SELECT setweight({INDEX}_part($1, 1), 'A') "
            f"|| setweight({INDEX}_part($1, 2), 'B') || setweight({INDEX}_part($1, 3), 'C') $$",
            f"CREATE TABLE {INDEX} (article_id integer PRIMARY KEY, document tsvector NOT NULL)",
            f"CREATE INDEX {INDEX}_document_idx ON {INDEX} USING gin (document)",
            _PG_WRITE,
            f"CREATE FUNCTION {INDEX}_clear() RETURNS trigger LANGUAGE plpgsql "
            f"AS $$ BEGIN TRUNCATE {INDEX}; RETURN NULL; END $$",
        ],
        "triggers": [
            f"CREATE TRIGGER {INDEX}_write AFTER INSERT OR DELETE ON articles_article "
            f"FOR EACH ROW EXECUTE FUNCTION {INDEX}_write()",
            f"CREATE TRIGGER {INDEX}_update AFTER UPDATE OF search_text ON articles_article "
            "FOR EACH ROW WHEN (OLD.search_text IS DISTINCT FROM NEW.search_text) "
            f"EXECUTE FUNCTION {INDEX}_write()",
            f"CREATE TRIGGER {INDEX}_clear AFTER TRUNCATE ON articles_article "
            f"FOR EACH STATEMENT EXECUTE FUNCTION {INDEX}_clear()",
        ],
        "drop_triggers": [
            f"DROP TRIGGER IF EXISTS {INDEX}_{name} ON articles_article"
            for name in ("write", "update", "clear")
        ],
        "drop_tables": [
            f"DROP TABLE IF EXISTS {INDEX}",
            *(f"DROP FUNCTION IF EXISTS {INDEX}_{name}" for name in ("write", "clear")),
            *(f"DROP FUNCTION IF EXISTS {INDEX}_{name}" for name in ("document", "part")),
        ],
        "rebuild": [
            f"TRUNCATE {INDEX}",
            f"INSERT INTO {INDEX} (article_id, document) "
            f"SELECT id, {INDEX}_document(search_text) FROM articles_article",
            f"ANALYZE {INDEX}",  # the planner's estimates of common and rare words
        ],
    },
}


def _run(connection, *parts):
    schema = SCHEMA["postgresql" if connection.vendor == "postgresql" else "sqlite"]
    with connection.cursor() as cursor:
        for part in parts:
            for statement in schema[part]:
                cursor.execute(statement)


def install(connection) -> None:
    """Create the index and the triggers that keep it, and fill it."""
    _run(connection, "tables", "triggers", "rebuild")


def uninstall(connection) -> None:
    _run(connection, "drop_triggers", "drop_tables")


def rebuild(connection) -> None:
    """Fill the index again from every story's search_text, in one statement (to repair)."""
    _run(connection, "rebuild")


@contextmanager
def bulk_load(connection):
    """Stories written inside go unindexed; the index is built at the end, in one statement
    (much faster than a row at a time for a large import)."""
    _run(connection, "drop_triggers")
    try:
        yield
    finally:
        _run(connection, "triggers", "rebuild")
        if connection.vendor == "postgresql":  # as autovacuum would, a minute later
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE articles_article")
