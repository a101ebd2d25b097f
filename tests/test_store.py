"""Store: a real DuckDB file, written once per article, queried with bound parameters."""

from __future__ import annotations

import datetime as dt

import duckdb
import pytest

from tidings.errors import StoreError
from tidings.ingest import make_article
from tidings.model import ActorRef, Document, Event, EventTime, Magnitude, Place, Source, Span
from tidings.store import EventQuery, Store


def _document(text: str, published: str = "2020-05-06") -> Document:
    article = make_article(text, published=published, outlet="Example Post")
    start = text.index("attacked")
    actor = ActorRef("SDN-MIL", "Sudan military", "SDN", ("MIL",), 0, 8, text[0:8])
    target = ActorRef("rsf", "Rapid Support Forces", "SDN", ("REB",), start + 9, start + 14, text[start + 9:start + 14])
    event = Event(
        id=f"{article.id}-e1", type="ASSAULT", mode="firearms", context=(), cameo="190", quad_class=4,
        goldstein=-10.0, actors=(actor,), recipients=(target,),
        trigger=Span(start, start + 8, "attacked"), sentence=Span(0, len(text), text),
        location=Place(0, 1, "x", "Khartoum", 379252, "SDN", "Khartoum", 15.55, 32.53, "PPLC", "city"),
        location_role="site", time=EventTime(dt.date(2020, 5, 5), dt.date(2020, 5, 5), "day", "yesterday"),
        magnitude=Magnitude(count=3, dead=2), sources=(Source(None, "Example Post", "reports", None, level="article"),),
    )
    return Document(article=article, events=(event,))


def test_store_adds_each_article_once(db_path):
    docs = [_document("Soldiers attacked rebels near the city."), _document("Troops attacked militia camps.")]
    with Store(db_path) as store:
        first = store.add(docs)
        second = store.add(docs + docs)
        assert (first.added, first.skipped, first.events) == (2, 0, 2)
        assert (second.added, second.skipped) == (0, 4)
        assert store.count("articles") == 2 and store.count("events") == 2
        assert store.count("event_actors") == 4 and store.count("sources") == 2


def test_store_adds_tables_from_parquet_files_like_arrow_tables(db_path, tmp_path):
    import pyarrow.parquet as pq

    from tidings.store import document_tables

    first = [_document("Soldiers attacked rebels near the city.")]
    second = [_document("Troops attacked militia camps."), _document("Police attacked a march.")]
    files: dict[str, list] = {}
    for number, docs in enumerate((first, second)):
        for table, rows in document_tables(docs).items():
            path = tmp_path / f"{number}-{table}.parquet"
            pq.write_table(rows, path)
            files.setdefault(table, []).append(path)
    with Store(db_path) as store:
        store.add(first)  # already stored: skipped when the files come
        counts = store.add_tables(files)
        assert (counts.added, counts.skipped, counts.events) == (2, 1, 2)
        assert store.count("articles") == 3 and store.count("events") == 3
        assert store.count("event_actors") == 6 and store.count("sources") == 3
    arrow = tmp_path / "arrow.duckdb"
    with Store(arrow) as store:
        store.add_tables(document_tables(first + second))
        expected = store.con.sql("SELECT * FROM events ORDER BY id").fetchall()
    with Store(db_path, read_only=True) as store:
        assert store.con.sql("SELECT * FROM events ORDER BY id").fetchall() == expected


def test_store_round_trips_json_and_queries(db_path):
    doc = _document("Soldiers attacked rebels near the city.")
    with Store(db_path) as store:
        store.add([doc])
        assert store.document(doc.article.id) == doc.to_dict()
        rows = store.query_events(EventQuery(type="assault", country="sdn")).to_pylist()
        assert len(rows) == 1 and rows[0]["actors"] == "Sudan military" and rows[0]["dead"] == 2
        assert store.query_events(EventQuery(actor="Rapid")).num_rows == 1
        assert store.query_events(EventQuery(since=dt.date(2020, 5, 6))).num_rows == 0
        assert store.query_events(EventQuery(until=dt.date(2020, 5, 5))).num_rows == 1
        # a filter value is data, never SQL
        assert store.query_events(EventQuery(actor="x' OR '1'='1")).num_rows == 0


def test_store_read_only_refuses_writes_and_missing_files(db_path, tmp_path):
    with Store(db_path) as store:
        store.add([_document("Soldiers attacked rebels near the city.")])
    with Store(db_path, read_only=True) as store:
        assert store.count("articles") == 1
        with pytest.raises(duckdb.Error):
            store.con.execute("DELETE FROM articles")
    with pytest.raises(StoreError):
        Store(tmp_path / "missing.duckdb", read_only=True)


def test_store_refuses_other_schema_versions(db_path):
    Store(db_path).close()
    con = duckdb.connect(str(db_path))
    con.execute("UPDATE meta SET value = '99' WHERE key = 'schema_version'")
    con.close()
    with pytest.raises(StoreError, match="schema version 99"):
        Store(db_path)
