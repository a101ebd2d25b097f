"""The story tables: their schema, the reads that feed clustering, and the one write of a result.

Clustering itself is pure (:mod:`tidings.stories`); this module only moves rows.  Tables:

- ``article_identity``: a cache of each article's canonical URL, title key and MinHash
  signature, filled once per article (so a re-run hashes only new articles);
- ``article_stories``: per article, its story, the earlier article it copies (if any), how it
  was linked, and the independent source it counts toward;
- ``stories`` and ``story_events``: the clusters and the merged events, rewritten whole by every
  :func:`tidings.stories.update_stories`, together with ``articles.story_id`` and
  ``events.story_event_id``, in one transaction.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import duckdb
import pyarrow as pa

SCHEMA = """
CREATE TABLE IF NOT EXISTS article_identity (
    article_id VARCHAR PRIMARY KEY, canonical_url VARCHAR, title_key VARCHAR, minhash BLOB);
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
"""

STORY_TABLES = ("article_identity", "article_stories", "stories", "story_events")


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


def ensure_schema(con: duckdb.DuckDBPyConnection) -> None:
    """Create the story tables if they are missing."""
    con.execute(SCHEMA)


def articles(con: duckdb.DuckDBPyConnection) -> list[ArticleRow]:
    """Every stored article with its cached identity (None where not computed yet)."""
    rows = con.execute("""
        SELECT a.id, a.url, a.title, a.outlet, a.original_outlet, a.wire, a.original_published, a.published,
               i.canonical_url, i.title_key, i.minhash
        FROM articles a LEFT JOIN article_identity i ON i.article_id = a.id
        ORDER BY a.id""").fetchall()
    return [ArticleRow(*row) for row in rows]


def texts_without_identity(con: duckdb.DuckDBPyConnection, batch: int = 2000) -> Iterator[list[tuple[str, str, str | None, str | None]]]:
    """(id, text, url, title) of articles with no cached identity, ``batch`` at a time."""
    missing = [row[0] for row in con.execute("""
        SELECT a.id FROM articles a
        WHERE NOT EXISTS (SELECT 1 FROM article_identity i WHERE i.article_id = a.id)
        ORDER BY a.id""").fetchall()]
    for start in range(0, len(missing), batch):
        yield con.execute(
            "SELECT id, text, url, title FROM articles WHERE list_contains(?, id) ORDER BY id",
            [missing[start:start + batch]],
        ).fetchall()


def add_identities(con: duckdb.DuckDBPyConnection, rows: list[dict[str, Any]]) -> None:
    """Cache identities of articles (ignoring ones cached already)."""
    if rows:
        _insert(con, "article_identity", rows, "INSERT OR IGNORE INTO")


def events(con: duckdb.DuckDBPyConnection) -> list[EventRow]:
    """Every stored event mention with its actor ids, place key, time and source stances."""
    rows = con.execute("""
        SELECT e.id, e.article_id, e.type,
            coalesce((SELECT list(coalesce(x.actor_id, lower(x.text)) ORDER BY coalesce(x.actor_id, lower(x.text)))
                      FROM event_actors x WHERE x.event_id = e.id AND x.role = 'actor'), []),
            coalesce((SELECT list(coalesce(x.actor_id, lower(x.text)) ORDER BY coalesce(x.actor_id, lower(x.text)))
                      FROM event_actors x WHERE x.event_id = e.id AND x.role = 'recipient'), []),
            coalesce(CAST(e.geonameid AS VARCHAR), lower(e.place_name)),
            e.time_begin, e.time_end, e.sentence_start,
            coalesce((SELECT list({'actor': s.actor_id, 'stance': s.stance} ORDER BY s.position)
                      FROM sources s WHERE s.event_id = e.id), [])
        FROM events e ORDER BY e.article_id, e.sentence_start, e.id""").fetchall()
    return [
        EventRow(id, article, type, tuple(actors), tuple(recipients), place, begin, end, start or 0,
                 tuple((s["actor"], s["stance"]) for s in sources))
        for id, article, type, actors, recipients, place, begin, end, start, sources in rows
    ]


def replace_stories(
    con: duckdb.DuckDBPyConnection,
    *,
    stories: list[dict[str, Any]],
    story_events: list[dict[str, Any]],
    article_stories: list[dict[str, Any]],
    event_links: list[dict[str, Any]],
) -> None:
    """Replace every story row, and set ``articles.story_id`` and ``events.story_event_id``."""
    con.execute("BEGIN TRANSACTION")
    try:
        for table, rows in (("stories", stories), ("story_events", story_events),
                            ("article_stories", article_stories)):
            con.execute(f"DELETE FROM {table}")
            if rows:
                _insert(con, table, rows)
        _update(con, "articles", "story_id", "id",
                [{"key": r["article_id"], "value": r["story_id"]} for r in article_stories])
        _update(con, "events", "story_event_id", "id",
                [{"key": r["event_id"], "value": r["story_event_id"]} for r in event_links])
        con.execute("COMMIT")
    except Exception:
        con.execute("ROLLBACK")
        raise


def _update(con: duckdb.DuckDBPyConnection, table: str, column: str, key: str,
            rows: list[dict[str, Any]]) -> None:
    """Set ``column`` from (key, value) rows; rows not named get NULL. Only changed rows are written."""
    incoming = pa.Table.from_pylist(rows, schema=pa.schema([("key", pa.string()), ("value", pa.string())]))
    con.register("incoming_links", incoming)
    try:
        con.execute(f"""
            UPDATE {table} SET {column} = n.value
            FROM (SELECT t.{key} AS key, i.value FROM {table} t
                  LEFT JOIN incoming_links i ON i.key = t.{key}) n
            WHERE {table}.{key} = n.key AND {table}.{column} IS DISTINCT FROM n.value""")
    finally:
        con.unregister("incoming_links")


def _insert(con: duckdb.DuckDBPyConnection, table: str, rows: list[dict[str, Any]],
            verb: str = "INSERT INTO") -> None:
    columns = [r[1] for r in con.execute(f"PRAGMA table_info('{table}')").fetchall()]
    arrow = pa.Table.from_pylist([{c: row.get(c) for c in columns} for row in rows])
    con.register("incoming_rows", arrow)
    try:
        con.execute(f"{verb} {table} BY NAME SELECT * FROM incoming_rows")
    finally:
        con.unregister("incoming_rows")
