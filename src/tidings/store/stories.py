"""The story tables: their schema, the indexed reads that feed clustering, and set-wise writes.

Clustering itself is pure (:mod:`tidings.stories`); this module only moves rows.  A read for a
few ids or keys is a lookup in an ART index (DuckDB uses one for ``column = ANY(list)``, not
for joins), so its cost does not grow with the store; a read for many is a join.  Tables:

- ``article_identity``: a cache of each article's canonical URL, title key and MinHash
  signature, filled once per article (so a re-run hashes only new articles);
- ``story_bands``: the MinHash LSH index, one row per article and band (``key`` hashes the
  band's number and values), so near-duplicate candidates are index lookups on ``key``;
- ``story_keys``: per article, the keys that can link it to another, with the day that counts
  for the window: ``t:`` its title key, ``e:`` each specific event signature, ``o:`` its outlet
  key (``o:`` alone when unknown) and ``c:`` the outlet its notice credits (with the day of
  the original when the notice gives it);
- ``story_copies``: the earlier article each copy was found to copy directly, and how;
- ``article_stories``: per article, its story, the original it copies (if any), how it was
  linked, and the independent source it counts toward;
- ``stories`` and ``story_events``: the clusters and the merged events, with
  ``articles.story_id`` and ``events.story_event_id``;
- ``story_registry``: every story id ever given, the article it is anchored to, the update
  that gave it, and the id it was merged into (an alias) if any.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import duckdb
import pyarrow as pa

SCHEMA = """
CREATE TABLE IF NOT EXISTS article_identity (
    article_id VARCHAR PRIMARY KEY, canonical_url VARCHAR, title_key VARCHAR, minhash BLOB);
CREATE TABLE IF NOT EXISTS story_bands (key BIGINT, article_id VARCHAR);
CREATE TABLE IF NOT EXISTS story_keys (key VARCHAR, article_id VARCHAR, day DATE);
CREATE TABLE IF NOT EXISTS story_copies (article_id VARCHAR PRIMARY KEY, copy_of VARCHAR, relation VARCHAR);
CREATE TABLE IF NOT EXISTS story_registry (
    id VARCHAR PRIMARY KEY, anchor VARCHAR, given INTEGER, merged_into VARCHAR);
CREATE TABLE IF NOT EXISTS article_stories (
    article_id VARCHAR, story_id VARCHAR, duplicate_of VARCHAR, relation VARCHAR,
    source_key VARCHAR, source_name VARCHAR);
CREATE TABLE IF NOT EXISTS stories (
    id VARCHAR, title VARCHAR, first_seen DATE, last_seen DATE, n_articles INTEGER,
    n_sources INTEGER, article_ids VARCHAR[], outlets VARCHAR[], sources VARCHAR[]);
CREATE TABLE IF NOT EXISTS story_events (
    id VARCHAR, story_id VARCHAR, type VARCHAR, actor_ids VARCHAR[], recipient_ids VARCHAR[],
    place VARCHAR, time_begin DATE, time_end DATE, num_mentions INTEGER, num_articles INTEGER,
    num_sources INTEGER, sources VARCHAR[], first_reported_by VARCHAR, first_reported_at DATE,
    confirmed_by INTEGER, denied_by INTEGER, stances JSON, event_ids VARCHAR[],
    article_ids VARCHAR[]);
CREATE INDEX IF NOT EXISTS story_bands_key ON story_bands (key);
CREATE INDEX IF NOT EXISTS story_keys_key ON story_keys (key);
CREATE INDEX IF NOT EXISTS story_keys_article ON story_keys (article_id);
CREATE INDEX IF NOT EXISTS article_identity_url ON article_identity (canonical_url);
CREATE INDEX IF NOT EXISTS article_stories_article ON article_stories (article_id);
CREATE INDEX IF NOT EXISTS article_stories_story ON article_stories (story_id);
CREATE INDEX IF NOT EXISTS stories_id ON stories (id);
CREATE INDEX IF NOT EXISTS story_events_story ON story_events (story_id);
"""
LOOKUP_LIMIT = 5000  # up to this many values are looked up in an index (``= ANY``), more are joined

STORY_TABLES = ("article_identity", "story_bands", "story_keys", "story_copies", "story_registry",
                "article_stories", "stories", "story_events")
VERSION = "2"  # the layout of these tables; a store written by another is re-clustered whole

_ARTICLE = """
    SELECT a.id, a.url, a.title, a.outlet, a.original_outlet, a.wire, a.original_published, a.published,
           i.canonical_url, i.title_key, i.minhash
    FROM articles a LEFT JOIN {i} i ON i.article_id = a.id"""


@dataclass(frozen=True, slots=True)
class ArticleRow:
    """What clustering needs of one stored article."""

    id: str
    url: str | None
    title: str | None
    outlet: str | None
    original_outlet: str | None
    wire: str | None
    original_published: dt.date | None
    published: dt.date | None
    canonical_url: str | None
    title_key: str | None
    minhash: bytes | None


@dataclass(frozen=True, slots=True)
class EventRow:
    """What event merging needs of one stored event mention."""

    id: str
    article_id: str
    type: str
    actor_ids: tuple[str, ...]
    recipient_ids: tuple[str, ...]
    place: str | None
    time_begin: dt.date | None
    time_end: dt.date | None
    sentence_start: int
    sources: tuple[tuple[str | None, str], ...]  # (actor id or None for the outlet, stance)


@dataclass(frozen=True, slots=True)
class KeyHolder:
    """An article holding a linking key, with what orders it among the key's holders."""

    key: str
    id: str
    published: dt.date | None
    original_outlet: str | None
    wire: str | None


def ensure_schema(con: duckdb.DuckDBPyConnection) -> None:
    """Create the story tables if they are missing."""
    con.execute(SCHEMA)


def is_current(con: duckdb.DuckDBPyConnection) -> bool:
    """Whether the story tables were written in this layout (or hold nothing yet)."""
    found = con.execute("SELECT value FROM meta WHERE key = 'stories_version'").fetchall()
    if found:
        return found[0][0] == VERSION
    return not con.execute("SELECT count(*) FROM article_stories").fetchall()[0][0]


def mark_current(con: duckdb.DuckDBPyConnection) -> None:
    con.execute("INSERT OR REPLACE INTO meta VALUES ('stories_version', ?)", [VERSION])


@contextmanager
def _ids(con: duckdb.DuckDBPyConnection, ids: Iterable[str], name: str = "wanted_ids") -> Iterator[str]:
    """The ids as a one-column view ``name`` (``id``) for joins."""
    con.register(name, pa.table({"id": pa.array(sorted(set(ids)), pa.string())}))
    try:
        yield name
    finally:
        con.unregister(name)


@contextmanager
def _match(con: duckdb.DuckDBPyConnection, column: str, values: Iterable[str], name: str = "wanted_ids") -> Iterator[tuple[str, list]]:
    """A condition that ``column`` is one of ``values``, and its parameters: an index lookup for
    a few values, a join with a registered view ``name`` for many."""
    values = sorted(set(values))
    if len(values) <= LOOKUP_LIMIT:
        yield f"{column} = ANY(?::VARCHAR[])", [values]
        return
    with _ids(con, values, name) as view:
        yield f"{column} IN (SELECT id FROM {view})", []


def all_ids(con: duckdb.DuckDBPyConnection) -> list[str]:
    return [row[0] for row in con.execute("SELECT id FROM articles ORDER BY id").fetchall()]


def unclustered_ids(con: duckdb.DuckDBPyConnection) -> list[str]:
    """Articles that belong to no story yet (stored since the last update)."""
    return [row[0] for row in con.execute("SELECT id FROM articles WHERE story_id IS NULL ORDER BY id").fetchall()]


def articles(con: duckdb.DuckDBPyConnection, ids: Iterable[str] | None = None) -> list[ArticleRow]:
    """Stored articles (every one, or those named) with their cached identity."""
    if ids is None:
        return [ArticleRow(*row) for row in con.execute(_ARTICLE.format(i="article_identity") + " ORDER BY a.id").fetchall()]
    ids = list(ids)
    with _match(con, "article_id", ids) as (known, params), _match(con, "a.id", ids, "wanted_too") as (wanted, more):
        identity = f"(SELECT * FROM article_identity WHERE {known})"
        rows = con.execute(f"{_ARTICLE.format(i=identity)} WHERE {wanted} ORDER BY a.id", params + more).fetchall()
    return [ArticleRow(*row) for row in rows]


def texts_without_identity(con: duckdb.DuckDBPyConnection, ids: Iterable[str],
                           batch: int = 2000) -> Iterator[list[tuple[str, str, str | None, str | None]]]:
    """(id, text, url, title) of the named articles with no cached identity, ``batch`` at a time."""
    ids = set(ids)
    with _match(con, "article_id", ids) as (condition, params):
        known = {row[0] for row in con.execute(f"SELECT article_id FROM article_identity WHERE {condition}",
                                               params).fetchall()}
    missing = sorted(ids - known)
    for start in range(0, len(missing), batch):
        yield con.execute("SELECT id, text, url, title FROM articles WHERE id = ANY(?::VARCHAR[]) ORDER BY id",
                          [missing[start:start + batch]]).fetchall()


def add_identities(con: duckdb.DuckDBPyConnection, rows: list[dict[str, Any]]) -> None:
    """Cache identities of articles (ignoring ones cached already)."""
    if rows:
        _insert(con, "article_identity", rows, "INSERT OR IGNORE INTO")


def add_index(con: duckdb.DuckDBPyConnection, bands: pa.Table, keys: pa.Table) -> None:
    """Add band rows (``key``, ``article_id``) and key rows (``key``, ``article_id``, ``day``)."""
    _insert_arrow(con, "story_bands", bands)
    _insert_arrow(con, "story_keys", keys)


def clear_index(con: duckdb.DuckDBPyConnection) -> None:
    con.execute("DELETE FROM story_bands")
    con.execute("DELETE FROM story_keys")


@contextmanager
def transaction(con: duckdb.DuckDBPyConnection) -> Iterator[None]:
    con.execute("BEGIN TRANSACTION")
    try:
        yield
    except BaseException:
        con.execute("ROLLBACK")
        raise
    con.execute("COMMIT")


def events(con: duckdb.DuckDBPyConnection, ids: Iterable[str] | None = None) -> list[EventRow]:
    """Stored event mentions (of every article, or of those named) with their actor ids, place
    key, time and source stances."""
    where = "" if ids is None else "SEMI JOIN wanted_ids w ON w.id = {t}.article_id"
    sql = f"""
        WITH ev AS (SELECT * FROM events {where.format(t='events')}),
        who AS (SELECT x.event_id, x.role, list(coalesce(x.actor_id, lower(x.text))
                       ORDER BY coalesce(x.actor_id, lower(x.text))) AS ids
                FROM event_actors x {where.format(t='x')} GROUP BY x.event_id, x.role),
        said AS (SELECT s.event_id, list({{'actor': s.actor_id, 'stance': s.stance}} ORDER BY s.position) AS stances
                 FROM sources s {where.format(t='s')} GROUP BY s.event_id)
        SELECT e.id, e.article_id, e.type, coalesce(a.ids, []), coalesce(r.ids, []),
               coalesce(CAST(e.geonameid AS VARCHAR), lower(e.place_name)),
               e.time_begin, e.time_end, e.sentence_start, coalesce(said.stances, [])
        FROM ev e LEFT JOIN who a ON a.event_id = e.id AND a.role = 'actor'
        LEFT JOIN who r ON r.event_id = e.id AND r.role = 'recipient'
        LEFT JOIN said ON said.event_id = e.id
        ORDER BY e.article_id, e.sentence_start, e.id"""
    if ids is None:
        rows = con.execute(sql).fetchall()
    else:
        with _ids(con, ids):
            rows = con.execute(sql).fetchall()
    return [
        EventRow(id, article, type, tuple(actors), tuple(recipients), place, begin, end, start or 0,
                 tuple((s["actor"], s["stance"]) for s in sources))
        for id, article, type, actors, recipients, place, begin, end, start, sources in rows
    ]


def _window(left: str, right: str, days: int) -> str:
    return f"({left} IS NULL OR {right} IS NULL OR abs(date_diff('day', {left}, {right})) <= {int(days)})"


def candidate_ids(con: duckdb.DuckDBPyConnection, *, urls: list[str], bands: list[int],
                  credits: list[tuple[str, dt.date | None]], window_days: int) -> set[str]:
    """Articles with one of the canonical ``urls``, sharing one of the LSH ``bands``, or whose
    outlet is a credited one of ``credits`` (outlet key, day), or unknown, within the window."""
    parts, params = [], []
    if urls:
        parts.append("SELECT article_id FROM article_identity WHERE canonical_url = ANY(?::VARCHAR[])")
        params.append(urls)
    if bands:
        parts.append("SELECT article_id FROM story_bands WHERE key = ANY(?::BIGINT[])")
        params.append(bands)
    if credits:
        parts.append(f"""
            SELECT k.article_id FROM (SELECT * FROM story_keys WHERE key = ANY(?::VARCHAR[])) k
            JOIN (SELECT unnest(?::VARCHAR[]) AS outlet, unnest(?::DATE[]) AS day) c
              ON k.key = 'o:' || c.outlet OR k.key = 'o:'
            WHERE {_window('k.day', 'c.day', window_days)}""")
        params.extend([sorted({f"o:{outlet}" for outlet, _ in credits} | {"o:"}),
                       [outlet for outlet, _ in credits], [day for _, day in credits]])
    if not parts:
        return set()
    return {row[0] for row in con.execute(" UNION ".join(parts), params).fetchall()}


def crediting_ids(con: duckdb.DuckDBPyConnection, outlets: list[tuple[str, dt.date | None]],
                  window_days: int) -> set[str]:
    """Articles whose notice credits one of ``outlets`` (outlet key, day; any outlet for the key
    ``""``, an unknown outlet) within the window, and that are published no earlier (undated
    ones last): those that may copy an article of it, since an original precedes its copies."""
    if not outlets:
        return set()
    names = [outlet for outlet, _ in outlets]
    held = "key LIKE 'c:%'" if "" in names else "key = ANY(?::VARCHAR[])"
    rows = con.execute(f"""
        SELECT k.article_id FROM (SELECT * FROM story_keys WHERE {held}) k
        JOIN articles a ON a.id = k.article_id
        JOIN (SELECT unnest(?::VARCHAR[]) AS outlet, unnest(?::DATE[]) AS day) m
          ON k.key = 'c:' || m.outlet OR m.outlet = ''
        WHERE {_window('k.day', 'm.day', window_days)}
          AND (a.published IS NULL OR m.day <= a.published)""",
        ([] if "" in names else [[f"c:{name}" for name in names]]) + [names, [day for _, day in outlets]]).fetchall()
    return {row[0] for row in rows}


def key_holders(con: duckdb.DuckDBPyConnection, keys: Iterable[str]) -> list[KeyHolder]:
    """Every article holding one of ``keys``."""
    with _match(con, "key", keys) as (condition, params):
        held = con.execute(f"SELECT key, article_id FROM story_keys WHERE {condition}", params).fetchall()
    with _match(con, "id", {i for _, i in held}) as (condition, params):
        rows = {row[0]: row[1:] for row in con.execute(
            f"SELECT id, published, original_outlet, wire FROM articles WHERE {condition}", params).fetchall()}
    return [KeyHolder(key, i, *rows[i]) for key, i in sorted(held) if i in rows]


def keys_of(con: duckdb.DuckDBPyConnection, ids: Iterable[str], kinds: tuple[str, ...] = ("t:", "e:")) -> set[str]:
    """The keys of ``kinds`` that the named articles hold."""
    with _match(con, "article_id", ids) as (condition, params):
        rows = con.execute(f"SELECT DISTINCT key FROM story_keys WHERE {condition} AND list_contains(?, left(key, 2))",
                           params + [list(kinds)]).fetchall()
    return {row[0] for row in rows}


def copies(con: duckdb.DuckDBPyConnection, ids: Iterable[str]) -> dict[str, tuple[str, str]]:
    """The stored (copy_of, relation) of those named articles that copy another."""
    with _match(con, "article_id", ids) as (condition, params):
        rows = con.execute(f"SELECT article_id, copy_of, relation FROM story_copies WHERE {condition}", params).fetchall()
    return {id: (copy_of, relation) for id, copy_of, relation in rows}


def story_of(con: duckdb.DuckDBPyConnection, ids: Iterable[str]) -> dict[str, str]:
    """The current story id of those named articles that have one."""
    with _match(con, "article_id", ids) as (condition, params):
        rows = con.execute(f"SELECT article_id, story_id FROM article_stories WHERE {condition}", params).fetchall()
    return dict(rows)


def members(con: duckdb.DuckDBPyConnection, story_ids: Iterable[str]) -> set[str]:
    """The articles of the named stories."""
    with _match(con, "story_id", story_ids) as (condition, params):
        rows = con.execute(f"SELECT article_id FROM article_stories WHERE {condition}", params).fetchall()
    return {row[0] for row in rows}


def registry(con: duckdb.DuckDBPyConnection, story_ids: Iterable[str]) -> dict[str, tuple[str, int]]:
    """(anchor article, update number) of the named story ids that were given."""
    with _match(con, "id", story_ids) as (condition, params):
        rows = con.execute(f"SELECT id, anchor, given FROM story_registry WHERE {condition}", params).fetchall()
    return {id: (anchor, given) for id, anchor, given in rows}


def next_update(con: duckdb.DuckDBPyConnection) -> int:
    return con.execute("SELECT coalesce(max(given), 0) + 1 FROM story_registry").fetchall()[0][0]


def story_count(con: duckdb.DuckDBPyConnection) -> int:
    return con.execute("SELECT count(*) FROM stories").fetchall()[0][0]


@dataclass(frozen=True)
class StoryRows:
    """The recomputed rows of a set of articles and of the stories they now form."""

    article_ids: list[str]
    replaced_stories: list[str]
    stories: list[dict[str, Any]]
    story_events: list[dict[str, Any]]
    article_stories: list[dict[str, Any]]
    copies: list[dict[str, Any]]
    event_links: list[dict[str, Any]]
    registry: list[dict[str, Any]]
    merged: dict[str, str]  # story id given up -> the id it was merged into


def write(con: duckdb.DuckDBPyConnection, rows: StoryRows) -> None:
    """Replace the rows of ``rows.article_ids`` and of the stories they leave, set-wise: story
    rows, links, ``articles.story_id`` and ``events.story_event_id``."""
    for table, key, ids in (("stories", "id", rows.replaced_stories), ("story_events", "story_id", rows.replaced_stories),
                            ("article_stories", "article_id", rows.article_ids),
                            ("story_copies", "article_id", rows.article_ids)):
        with _match(con, key, ids) as (condition, params):
            con.execute(f"DELETE FROM {table} WHERE {condition}", params)
    for table, table_rows in (("stories", rows.stories), ("story_events", rows.story_events),
                              ("article_stories", rows.article_stories), ("story_copies", rows.copies)):
        if table_rows:
            _insert(con, table, table_rows)
    if rows.registry:
        _insert(con, "story_registry", rows.registry, "INSERT OR REPLACE INTO")
    _merge_aliases(con, rows.merged)
    _update(con, "articles", "story_id", "id",
            [{"key": r["article_id"], "value": r["story_id"]} for r in rows.article_stories])
    _update(con, "events", "story_event_id", "id",
            [{"key": r["event_id"], "value": r["story_event_id"]} for r in rows.event_links])


def _merge_aliases(con: duckdb.DuckDBPyConnection, merged: dict[str, str]) -> None:
    """Record that each given-up id now names another story (and so do the ids merged into it)."""
    if not merged:
        return
    con.register("merged_ids", pa.table({"old": list(merged), "new": list(merged.values())},
                                        schema=pa.schema([("old", pa.string()), ("new", pa.string())])))
    try:
        con.execute("""
            UPDATE story_registry SET merged_into = m.new FROM merged_ids m
            WHERE story_registry.id = m.old OR story_registry.merged_into = m.old""")
    finally:
        con.unregister("merged_ids")


def _update(con: duckdb.DuckDBPyConnection, table: str, column: str, key: str,
            rows: list[dict[str, Any]]) -> None:
    """Set ``column`` from (key, value) rows, for the keys named only, in one statement."""
    if not rows:
        return
    incoming = pa.Table.from_pylist(rows, schema=pa.schema([("key", pa.string()), ("value", pa.string())]))
    con.register("incoming_links", incoming)
    try:
        with _match(con, f"{table}.{key}", [row["key"] for row in rows]) as (condition, params):
            con.execute(f"""
                UPDATE {table} SET {column} = i.value FROM incoming_links i
                WHERE {table}.{key} = i.key AND {table}.{column} IS DISTINCT FROM i.value AND {condition}""",
                        params)
    finally:
        con.unregister("incoming_links")


def _insert(con: duckdb.DuckDBPyConnection, table: str, rows: list[dict[str, Any]],
            verb: str = "INSERT INTO") -> None:
    columns = [r[1] for r in con.execute(f"PRAGMA table_info('{table}')").fetchall()]
    _insert_arrow(con, table, pa.Table.from_pylist([{c: row.get(c) for c in columns} for row in rows]), verb)


def _insert_arrow(con: duckdb.DuckDBPyConnection, table: str, rows: pa.Table, verb: str = "INSERT INTO") -> None:
    if not rows.num_rows:
        return
    con.register("incoming_rows", rows)
    try:
        con.execute(f"{verb} {table} BY NAME SELECT * FROM incoming_rows")
    finally:
        con.unregister("incoming_rows")
