"""Store: documents in an embedded DuckDB file, and parameterised queries over them.

Only this module talks to DuckDB.  Each article is written with all its rows in one
transaction, and an article already stored is skipped, so an ingest that is killed and run
again ends with every article stored exactly once.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa

from ..errors import StoreError
from ..model import ActorRef, Article, Document, Event, Source
from .connect import connect
from .queries import EventQuery, Reader
from .schema import events_columns, events_table, model_values
from .stories import ensure_schema as ensure_story_schema

SCHEMA_VERSION = 3
"""2: events carry their article's ``published``, ``outlet`` and ``url``, and their participants'
and sources' names in one line each (listings and flat exports read ``events`` alone).
3: a source row keeps its actor's whole mention (sector, span), so the tables give back every
event as the tidings JSON v1 has it."""

SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key VARCHAR PRIMARY KEY, value VARCHAR);
CREATE TABLE IF NOT EXISTS articles (
    id VARCHAR PRIMARY KEY, url VARCHAR, outlet VARCHAR, title VARCHAR, published DATE,
    language VARCHAR, original_outlet VARCHAR, original_published DATE, wire VARCHAR,
    notice_start INTEGER, notice_end INTEGER, source_path VARCHAR, text VARCHAR,
    n_events INTEGER, story_id VARCHAR, ingested_at TIMESTAMP, document JSON);
{events}
CREATE TABLE IF NOT EXISTS event_actors (
    event_id VARCHAR, article_id VARCHAR, role VARCHAR, position INTEGER, actor_id VARCHAR,
    name VARCHAR, country VARCHAR, sector VARCHAR[], start INTEGER, "end" INTEGER, text VARCHAR);
CREATE INDEX IF NOT EXISTS event_actors_event ON event_actors (event_id);
CREATE TABLE IF NOT EXISTS sources (
    event_id VARCHAR, article_id VARCHAR, position INTEGER, actor_id VARCHAR, actor_name VARCHAR,
    actor_country VARCHAR, outlet VARCHAR, stance VARCHAR, cue_start INTEGER, cue_end INTEGER,
    cue_text VARCHAR, negated BOOLEAN, level VARCHAR, actor_sector VARCHAR[], actor_start INTEGER,
    actor_end INTEGER, actor_text VARCHAR);
CREATE INDEX IF NOT EXISTS sources_event ON sources (event_id);
CREATE TABLE IF NOT EXISTS quotes (
    article_id VARCHAR, position INTEGER, kind VARCHAR, speaker_id VARCHAR, speaker_name VARCHAR,
    speaker_start INTEGER, speaker_end INTEGER, cue_start INTEGER, cue_end INTEGER, cue_text VARCHAR,
    content_start INTEGER, content_end INTEGER, content_text VARCHAR);
CREATE TABLE IF NOT EXISTS actors (
    article_id VARCHAR, actor_id VARCHAR, name VARCHAR, country VARCHAR, sector VARCHAR[],
    kind VARCHAR, resolved BOOLEAN, mentions INTEGER);
CREATE TABLE IF NOT EXISTS places (
    article_id VARCHAR, position INTEGER, start INTEGER, "end" INTEGER, text VARCHAR, name VARCHAR,
    geonameid BIGINT, country VARCHAR, admin1 VARCHAR, lat DOUBLE, lon DOUBLE, feature VARCHAR,
    precision VARCHAR);
CREATE TABLE IF NOT EXISTS times (
    article_id VARCHAR, position INTEGER, start INTEGER, "end" INTEGER, text VARCHAR, value VARCHAR,
    type VARCHAR, "begin" DATE, end_date DATE, precision VARCHAR);
""".replace("{events}", events_table())

def _refill_sources(con: duckdb.DuckDBPyConnection, batch: int = 500) -> None:
    """Source rows made anew from the stored documents (version 3 keeps more of each)."""
    con.execute("""
        DROP INDEX IF EXISTS sources_event;
        ALTER TABLE sources ADD COLUMN IF NOT EXISTS actor_sector VARCHAR[];
        ALTER TABLE sources ADD COLUMN IF NOT EXISTS actor_start INTEGER;
        ALTER TABLE sources ADD COLUMN IF NOT EXISTS actor_end INTEGER;
        ALTER TABLE sources ADD COLUMN IF NOT EXISTS actor_text VARCHAR;
        DELETE FROM sources;""")  # the index comes back with the schema
    ids = [row[0] for row in con.execute("SELECT id FROM articles ORDER BY id").fetchall()]
    for start in range(0, len(ids), batch):
        documents = con.execute("SELECT document::VARCHAR FROM articles WHERE id = ANY(?::VARCHAR[])",
                                [ids[start:start + batch]]).fetchall()
        rows = [row for (document,) in documents
                for row in _article_rows(Document.from_dict(json.loads(document)))["sources"]]
        if rows:
            refilled = pa.Table.from_pylist(rows)  # noqa: F841 - read by DuckDB below
            con.execute("INSERT INTO sources BY NAME SELECT * FROM refilled")


MIGRATIONS: dict[int, str | Callable[[duckdb.DuckDBPyConnection], None]] = {
    1: """
        ALTER TABLE events ADD COLUMN published DATE;
        ALTER TABLE events ADD COLUMN outlet VARCHAR;
        ALTER TABLE events ADD COLUMN url VARCHAR;
        UPDATE events SET published = a.published, outlet = a.outlet, url = a.url FROM articles a
            WHERE a.id = events.article_id;
        ALTER TABLE events ADD COLUMN actors VARCHAR;
        ALTER TABLE events ADD COLUMN actor_countries VARCHAR;
        ALTER TABLE events ADD COLUMN recipients VARCHAR;
        ALTER TABLE events ADD COLUMN recipient_countries VARCHAR;
        UPDATE events SET actors = x.actors, actor_countries = x.actor_countries,
            recipients = x.recipients, recipient_countries = x.recipient_countries
        FROM (SELECT event_id,
            string_agg(coalesce(name, text), '; ' ORDER BY position) FILTER (WHERE role = 'actor') AS actors,
            string_agg(DISTINCT country, ';' ORDER BY country) FILTER (WHERE role = 'actor') AS actor_countries,
            string_agg(coalesce(name, text), '; ' ORDER BY position) FILTER (WHERE role = 'recipient') AS recipients,
            string_agg(DISTINCT country, ';' ORDER BY country) FILTER (WHERE role = 'recipient') AS recipient_countries
            FROM event_actors GROUP BY event_id) x WHERE x.event_id = events.id;
        ALTER TABLE events ADD COLUMN sources VARCHAR;
        UPDATE events SET sources = s.sources FROM (SELECT event_id, string_agg(
            coalesce(actor_name, outlet, 'the article') || ':' || stance, '; ' ORDER BY position) AS sources
            FROM sources GROUP BY event_id) s WHERE s.event_id = events.id;
    """,
    2: _refill_sources,
}
"""The SQL (or the function) that brings a store of each older schema version to the next one."""

ARTICLE_TABLES = ("events", "event_actors", "sources", "quotes", "actors", "places", "times")


def _article_rows(doc: Document) -> dict[str, list[dict[str, Any]]]:
    """The rows of every table for one document."""
    a = doc.article
    s = a.syndication
    rows: dict[str, list[dict[str, Any]]] = {table: [] for table in ("articles", *ARTICLE_TABLES)}
    rows["articles"].append({
        "id": a.id, "url": a.url, "outlet": a.outlet, "title": a.title, "published": a.published,
        "language": a.language, "original_outlet": s.original_outlet if s else None,
        "original_published": s.original_published if s else None, "wire": s.wire if s else None,
        "notice_start": s.notice.start if s and s.notice else None,
        "notice_end": s.notice.end if s and s.notice else None, "source_path": a.source_path,
        "text": a.text, "n_events": len(doc.events), "story_id": None,
        "ingested_at": dt.datetime.now(dt.timezone.utc).replace(tzinfo=None),
        "document": doc.to_json(),
    })
    for event in doc.events:
        rows["events"].append(_event_row(a, event))
        for role, refs in (("actor", event.actors), ("recipient", event.recipients)):
            for position, ref in enumerate(refs):
                rows["event_actors"].append({
                    "event_id": event.id, "article_id": a.id, "role": role, "position": position,
                    "actor_id": ref.id, "name": ref.name, "country": ref.country,
                    "sector": list(ref.sector), "start": ref.start, "end": ref.end, "text": ref.text,
                })
        for position, source in enumerate(event.sources):
            rows["sources"].append({
                "event_id": event.id, "article_id": a.id, "position": position,
                "actor_id": source.actor.id if source.actor else None,
                "actor_name": source.actor.name if source.actor else None,
                "actor_country": source.actor.country if source.actor else None,
                "outlet": source.outlet, "stance": source.stance,
                "cue_start": source.cue.start if source.cue else None,
                "cue_end": source.cue.end if source.cue else None,
                "cue_text": source.cue.text if source.cue else None,
                "negated": source.negated, "level": source.level,
                "actor_sector": list(source.actor.sector) if source.actor else None,
                "actor_start": source.actor.start if source.actor else None,
                "actor_end": source.actor.end if source.actor else None,
                "actor_text": source.actor.text if source.actor else None,
            })
    for position, quote in enumerate(doc.quotes):
        rows["quotes"].append({
            "article_id": a.id, "position": position, "kind": quote.kind,
            "speaker_id": quote.speaker.id if quote.speaker else None,
            "speaker_name": quote.speaker.name if quote.speaker else None,
            "speaker_start": quote.speaker_span.start if quote.speaker_span else None,
            "speaker_end": quote.speaker_span.end if quote.speaker_span else None,
            "cue_start": quote.cue.start if quote.cue else None,
            "cue_end": quote.cue.end if quote.cue else None,
            "cue_text": quote.cue.text if quote.cue else None,
            "content_start": quote.content.start, "content_end": quote.content.end,
            "content_text": quote.content.text,
        })
    for actor in doc.actors:
        rows["actors"].append({
            "article_id": a.id, "actor_id": actor.id, "name": actor.name, "country": actor.country,
            "sector": list(actor.sector), "kind": actor.kind, "resolved": actor.resolved,
            "mentions": len(actor.mentions),
        })
    for position, place in enumerate(doc.places):
        rows["places"].append({"article_id": a.id, "position": position, **place.to_dict()})
    for position, time in enumerate(doc.times):
        row = {"article_id": a.id, "position": position, **time.to_dict()}
        row["begin"], row["end_date"] = time.begin, time.end_date
        rows["times"].append(row)
    return rows


def _names(refs: tuple[ActorRef, ...]) -> str | None:
    return "; ".join(ref.name or ref.text for ref in refs) or None


def _countries(refs: tuple[ActorRef, ...]) -> str | None:
    return ";".join(sorted({ref.country for ref in refs if ref.country})) or None


def _source_line(sources: tuple[Source, ...]) -> str | None:
    """Who says so, in one line: ``name:stance; name:stance``."""
    return "; ".join(f"{(s.actor.name if s.actor else None) or s.outlet or 'the article'}:{s.stance}"
                     for s in sources) or None


def _event_row(article: Article, event: Event) -> dict[str, Any]:
    """An event's row: its own fields (:mod:`.schema`), its article's, and one-line summaries."""
    return {
        **model_values(event), "article_id": article.id, "published": article.published,
        "outlet": article.outlet, "url": article.url, "actors": _names(event.actors),
        "actor_countries": _countries(event.actors), "recipients": _names(event.recipients),
        "recipient_countries": _countries(event.recipients), "sources": _source_line(event.sources),
        "story_event_id": None,
    }


def document_tables(documents: Iterable[Document]) -> dict[str, pa.Table]:
    """The rows of every table for ``documents``, as Arrow tables (pure: no database needed)."""
    rows: dict[str, list[dict[str, Any]]] = {t: [] for t in ("articles", *ARTICLE_TABLES)}
    for doc in documents:
        for table, table_rows in _article_rows(doc).items():
            rows[table].extend(table_rows)
    return {table: pa.Table.from_pylist(table_rows) for table, table_rows in rows.items() if table_rows}


@dataclass
class IngestCounts:
    """What one call of :meth:`Store.add` did."""

    added: int = 0
    skipped: int = 0
    events: int = 0


class Store:
    """A tidings DuckDB file.

    >>> import tempfile, os
    >>> store = Store(os.path.join(tempfile.mkdtemp(), "t.duckdb"))
    >>> store.count("articles")
    0
    """

    def __init__(self, path: str | Path, *, read_only: bool = False, threads: int | None = None,
                 memory_limit: str | None = None, wait: float = 0.0) -> None:
        """Open (or create) the file; ``threads`` caps DuckDB's own threads (the Dask engine's
        client uses 1, leaving the cores to the workers), ``memory_limit`` its memory (e.g.
        ``"1GB"``; beyond it DuckDB spills to disk or fails the query); while another process
        holds the file, wait up to ``wait`` seconds.  A file that cannot be used is a
        :class:`StoreError`."""
        self.path = str(path)
        if read_only and not Path(self.path).exists():
            raise StoreError(self.path, "no such tidings database",
                             f"create it with: tidings ingest PATH --db {self.path}")
        config = {key: value for key, value in (("threads", threads), ("memory_limit", memory_limit))
                  if value}
        self.con = connect(self.path, read_only=read_only, config=config, wait=wait)
        if not read_only:
            self._migrate()
            self.con.execute(SCHEMA)
            self._add_model_columns()
            ensure_story_schema(self.con)
            self.con.execute(
                "INSERT INTO meta VALUES ('schema_version', ?) ON CONFLICT DO NOTHING",
                [str(SCHEMA_VERSION)],
            )
        self._check_version()

    def _migrate(self) -> None:
        """Bring a store of an older schema version up to this one, one version at a time."""
        if not self._one("SELECT 1 FROM duckdb_tables() WHERE table_name = 'meta'"):
            return
        row = self._one("SELECT value FROM meta WHERE key = 'schema_version'")
        version = int(row[0]) if row else SCHEMA_VERSION
        while version in MIGRATIONS and version < SCHEMA_VERSION:
            self.con.execute("BEGIN TRANSACTION")
            step = MIGRATIONS[version]
            if callable(step):
                step(self.con)
            else:
                self.con.execute(step)
            version += 1
            self.con.execute("UPDATE meta SET value = ? WHERE key = 'schema_version'", [str(version)])
            self.con.execute("COMMIT")

    def _add_model_columns(self) -> None:
        """Give ``events`` the columns of fields added to the model since the file was made."""
        present = {row[0] for row in self.con.execute(
            "SELECT column_name FROM duckdb_columns() WHERE table_name = 'events'").fetchall()}
        for name, kind in events_columns():
            if name not in present:
                self.con.execute(f'ALTER TABLE events ADD COLUMN "{name}" {kind}')

    def _check_version(self) -> None:
        try:
            row = self._one("SELECT value FROM meta WHERE key = 'schema_version'")
        except duckdb.CatalogException:
            self.con.close()
            raise StoreError(self.path, "a DuckDB file, but not a tidings database",
                             "give a file made by tidings ingest") from None
        if row is None or int(row[0]) != SCHEMA_VERSION:
            found = row[0] if row else "none"
            self.con.close()
            upgrade = found != "none" and int(found) in MIGRATIONS
            raise StoreError(self.path, f"schema version {found}, this tidings expects {SCHEMA_VERSION}",
                             "open it once for writing (any `tidings ingest` into it) to upgrade it"
                             if upgrade else "re-ingest into a new file")

    def _one(self, sql: str, params: list[Any] | None = None) -> tuple | None:
        """The first row of a query, reading the result to its end (DuckDB needs that)."""
        rows = self.con.execute(sql, params or []).fetchall()
        return rows[0] if rows else None

    def close(self) -> None:
        self.con.close()

    def cursor(self) -> Store:
        """This store over a new cursor of its connection, for one thread's queries."""
        other = object.__new__(Store)
        other.path, other.con = self.path, self.con.cursor()
        return other

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def has_article(self, article_id: str) -> bool:
        return self._one("SELECT 1 FROM articles WHERE id = ?", [article_id]) is not None

    def known_ids(self, ids: Iterable[str]) -> set[str]:
        """Which of ``ids`` are already stored."""
        ids = list(ids)
        if not ids:
            return set()
        rows = self.con.execute("SELECT id FROM articles WHERE list_contains(?, id)", [ids]).fetchall()
        return {r[0] for r in rows}

    def add(self, documents: Iterable[Document]) -> IngestCounts:
        """Store documents not stored yet, all in one transaction."""
        documents = list(documents)
        unique = {doc.article.id: doc for doc in documents}
        known = self.known_ids(unique)
        counts = self.add_tables(document_tables(d for i, d in unique.items() if i not in known))
        counts.skipped = len(documents) - counts.added
        return counts

    def add_tables(self, tables: dict[str, pa.Table | list[Path]]) -> IngestCounts:
        """Store the rows of :func:`document_tables`, skipping articles already stored, in one
        transaction.  Each table is an Arrow table or a list of Parquet files holding one (the
        Dask engine's workers write those, and the client only inserts them here)."""
        counts = IngestCounts()
        sources = {name: source for name, source in tables.items()
                   if (source.num_rows if isinstance(source, pa.Table) else source)}
        if "articles" not in sources:
            return counts
        self.con.execute("BEGIN TRANSACTION")
        try:
            self._register("incoming_articles", sources["articles"])
            incoming = self._one("SELECT count(*) FROM incoming_articles")[0]
            self.con.execute(
                "CREATE OR REPLACE TEMP TABLE fresh_ids AS SELECT DISTINCT id FROM incoming_articles "
                "WHERE id NOT IN (SELECT id FROM articles)"
            )
            for table in (*ARTICLE_TABLES, "articles"):
                if table in sources:
                    key = "id" if table == "articles" else "article_id"
                    self._register("incoming", sources[table])
                    self.con.execute(
                        f"INSERT INTO {table} BY NAME SELECT * FROM incoming "
                        f"WHERE {key} IN (SELECT id FROM fresh_ids)"
                    )
            counts.added = self._one("SELECT count(*) FROM fresh_ids")[0]
            counts.skipped = incoming - counts.added
            counts.events = self._one(
                "SELECT coalesce(sum(n_events), 0) FROM articles WHERE id IN (SELECT id FROM fresh_ids)"
            )[0]
            self.con.execute("DROP TABLE fresh_ids")
            self.con.execute("COMMIT")
        except Exception:
            self.con.execute("ROLLBACK")
            raise
        finally:
            for name in ("incoming", "incoming_articles"):
                self.con.execute(f"DROP VIEW IF EXISTS {name}")
        return counts

    def _register(self, name: str, source: pa.Table | list[Path]) -> None:
        """Make ``source`` readable as the view ``name``."""
        self.con.execute(f"DROP VIEW IF EXISTS {name}")
        if isinstance(source, pa.Table):
            self.con.register(name, source)
            return
        files = ", ".join("'" + str(path).replace("'", "''") + "'" for path in source)
        self.con.execute(f"CREATE TEMP VIEW {name} AS SELECT * FROM read_parquet([{files}], union_by_name = true)")

    def count(self, table: str) -> int:
        if table not in ("articles", *ARTICLE_TABLES):
            raise ValueError(f"unknown table {table!r}")
        return self._one(f"SELECT count(*) FROM {table}")[0]

    def document(self, article_id: str) -> dict[str, Any] | None:
        """The stored tidings JSON v1 of one article."""
        row = self._one("SELECT document FROM articles WHERE id = ?", [article_id])
        return json.loads(row[0]) if row else None

    def documents(self, query: EventQuery | None = None, batch: int = 500) -> Iterator[dict[str, Any]]:
        """The stored tidings JSON v1 documents, oldest first, read ``batch`` at a time: all of
        them, or those of the articles that have an event ``query`` selects."""
        sql, params = "SELECT document FROM articles", []
        if query is not None and query.where()[0] != "TRUE":
            selection, params = query.selection()
            sql += f" WHERE id IN (SELECT e.article_id FROM events e WHERE e.id IN ({selection}))"
        cursor = self.con.execute(f"{sql} ORDER BY published, id", params)
        while rows := cursor.fetchmany(batch):
            yield from (json.loads(document) for (document,) in rows)

    def write_events(self, query: EventQuery, out: Path, file_format: str) -> int:
        """Write the flat rows ``query`` selects to a Parquet or CSV file by DuckDB's own
        ``COPY`` (no row passes through Python); the number of rows written."""
        options = {"parquet": "FORMAT parquet", "csv": "FORMAT csv, HEADER true"}[file_format]
        sql, params = Reader(self.con).flat(query)
        path = str(out).replace("'", "''")
        return self.con.execute(f"COPY ({sql}) TO '{path}' ({options})", params).fetchall()[0][0]

    def query_events(self, query: EventQuery | None = None) -> pa.Table:
        """Events matching ``query``, one row each, with actor and recipient names."""
        query = query or EventQuery()
        reader = Reader(self.con)
        if query.limit is not None:
            return pa.Table.from_pylist(reader.page(query).rows)
        sql, params = reader.flat(query)
        return self.con.sql(sql, params=params).to_arrow_table()
