"""Store: a real DuckDB file, written once per article, queried with bound parameters."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json

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


def test_store_upgrades_a_schema_1_file_to_the_rows_a_new_ingest_writes(db_path, tmp_path):
    docs = [_document("Soldiers attacked rebels near the city."), _document("Troops attacked militia camps.")]
    with Store(db_path) as store:
        store.add(docs)
        expected = store.count("events")
        added = ["published", "outlet", "url", "actors", "actor_countries", "recipients", "recipient_countries", "sources"]
        for column in ("published", "outlet", "actors", "actor_countries", "recipients", "sources"):
            assert store.con.sql(f"SELECT count({column}) FROM events").fetchall()[0][0] == expected
        for column in added:  # what a schema 1 file holds
            store.con.execute(f"ALTER TABLE events DROP COLUMN {column}")
        store.con.execute("UPDATE meta SET value = '1' WHERE key = 'schema_version'")
    with pytest.raises(StoreError, match="open it once for writing"):
        Store(db_path, read_only=True)
    with Store(db_path) as store:
        columns = [d[0] for d in store.con.sql("SELECT * FROM events").description]
        assert set(added) <= set(columns)
        fresh = Store(tmp_path / "fresh.duckdb")
        fresh.add(docs)
        want = fresh.con.sql(f"SELECT {', '.join(columns)} FROM events ORDER BY id").fetchall()
        fresh.close()
        assert store.con.sql(f"SELECT {', '.join(columns)} FROM events ORDER BY id").fetchall() == want
        assert len(want) == expected


def test_store_upgrades_a_schema_2_file_to_sources_that_keep_their_actors_mention(db_path, tmp_path):
    docs = [_document("Soldiers attacked rebels near the city."), _document("Troops attacked militia camps.")]
    army = ActorRef("SDN-MIL", "Sudan military", "SDN", ("MIL",), 0, 8, "Soldiers")
    said = Source(army, None, "confirms", Span(0, 8, "Soldiers"))
    docs[0] = dataclasses.replace(docs[0], events=(dataclasses.replace(
        docs[0].events[0], sources=(*docs[0].events[0].sources, said)),))
    kept = ["actor_sector", "actor_start", "actor_end", "actor_text"]
    with Store(db_path) as store:
        store.add(docs)
        store.con.execute("DROP INDEX sources_event")
        for column in kept:  # what a schema 2 file holds
            store.con.execute(f"ALTER TABLE sources DROP COLUMN {column}")
        store.con.execute("CREATE INDEX sources_event ON sources (event_id)")
        store.con.execute("UPDATE meta SET value = '2' WHERE key = 'schema_version'")
    with Store(db_path) as store, Store(tmp_path / "fresh.duckdb") as fresh:
        fresh.add(docs)
        query = "SELECT * FROM sources ORDER BY event_id, position"
        want = fresh.con.sql(query).fetchall()
        assert store.con.sql(query).fetchall() == want
        assert want and any(row[-1] for row in want)  # an actor's mention text kept


def test_store_gives_back_each_event_as_its_json_from_the_tables(db_path):
    from tidings.store.queries import Reader

    docs = [_document("Soldiers attacked rebels near the city."), _document("Troops attacked militia camps.")]
    army = ActorRef("SDN-MIL", "Sudan military", "SDN", ("MIL",), 0, 8, "Soldiers")
    first = dataclasses.replace(docs[0].events[0], mentions=(Span(30, 36, "attack"),), sources=(
        *docs[0].events[0].sources, Source(army, None, "confirms", Span(0, 8, "Soldiers"), negated=True)))
    second = dataclasses.replace(docs[1].events[0], location=None, time=None, magnitude=None)
    docs = [dataclasses.replace(docs[0], events=(first,)), dataclasses.replace(docs[1], events=(second,))]
    with Store(db_path) as store:
        store.add(docs)
        listed = Reader(store.con).nested_events([second.id, first.id, "no-such-event"])
    assert [event["id"] for event in listed] == [second.id, first.id]
    for event, doc in zip(listed, reversed(docs)):
        assert event.pop("article")["id"] == doc.article.id and event.pop("story_event_id") is None
        assert event == json.loads(json.dumps(doc.events[0].to_dict()))


def test_store_events_columns_follow_the_model(db_path, tmp_path):
    import dataclasses

    import pyarrow.parquet as pq

    from tidings.export import export
    from tidings.store.schema import OWN_TABLES, model_columns

    doc = _document("Soldiers attacked rebels near the city.")
    event = doc.events[0]
    paths = {column.path for column in model_columns()}
    for field in dataclasses.fields(event):
        value = getattr(event, field.name)
        if field.name in OWN_TABLES:
            continue
        if dataclasses.is_dataclass(value):
            assert {(field.name, f.name) for f in dataclasses.fields(value)} <= paths, field.name
        else:
            assert (field.name,) in paths, field.name
    with Store(db_path) as store:
        store.add([doc])
        store.con.execute("ALTER TABLE events DROP COLUMN rule")  # a file made before the field
    with Store(db_path) as store:  # opening it for writing gives it the column
        assert store.con.execute("SELECT rule FROM events").fetchall() == [(None,)]
        store.add([_document("Troops attacked militia camps.")])
        out = tmp_path / "events.parquet"
        export(store, "parquet", out)
    table = pq.read_table(out)
    assert {c.name for c in model_columns()} <= set(table.column_names)
    row = {name: values[1] for name, values in table.to_pydict().items()}
    assert row["trigger_text"] == "attacked" and row["place_name"] == "Khartoum" and row["dead"] == 2
    assert row["lat"] == 15.55 and row["time_end"] == dt.date(2020, 5, 5) and row["rule"] == ""
