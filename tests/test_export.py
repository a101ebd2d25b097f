"""PLOVER JSON and GDELT-like TSV exports of the stored events, and their documentation."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from test_api import build_corpus
from tidings.export import EXPORTERS, export
from tidings.export.gdelt import COLUMNS, global_event_id
from tidings.store import EventQuery, Store

DOCS = Path(__file__).resolve().parents[1] / "docs" / "exports.md"


@pytest.fixture(scope="module")
def store(tmp_path_factory, pipeline):
    db = build_corpus(tmp_path_factory.mktemp("export") / "corpus.duckdb", pipeline)
    with Store(db, read_only=True) as opened:
        yield opened


def _plover(store: Store, tmp_path: Path, query: EventQuery | None = None) -> dict[str, dict]:
    out = tmp_path / "events.jsonl"
    written = export(store, "plover", out, query)
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert written == len(records)
    return {r["id"]: r for r in records}


def _gdelt(store: Store, tmp_path: Path, query: EventQuery | None = None) -> dict[int, dict[str, str]]:
    out = tmp_path / "events.tsv"
    export(store, "gdelt", out, query)
    rows = [line.split("\t") for line in out.read_text(encoding="utf-8").splitlines()]
    assert all(len(row) == len(COLUMNS) == 61 for row in rows)
    return {int(row[0]): dict(zip(COLUMNS, row)) for row in rows}


def test_export_plover_records_carry_who_what_where_and_sources(store, tmp_path):
    records = _plover(store, tmp_path)
    assert len(records) == store.count("events")
    shelling = records["t-shelling"]
    assert (shelling["event"], shelling["date"], shelling["date_resolution"]) == ("ASSAULT", "2024-02-18", "day")
    assert shelling["actor"]["name"] == "rebels" and shelling["actor"]["sector"] == ["REB"]
    assert shelling["recipient"]["country"] == "COD"
    assert shelling["location"]["name"] == "Goma" and shelling["location"]["lat"] == pytest.approx(-1.68)
    assert shelling["magnitude"] == {"dead": 5}
    assert shelling["sources"][0]["name"] == "United Nations" and shelling["sources"][0]["stance"] == "reports"
    text = store.document(shelling["article"]["id"])["text"]
    assert text[shelling["trigger"]["start"]:shelling["trigger"]["end"]] == "shelled"
    assert shelling["text"] in text
    assert records["t-firing"]["modality"] == "denied"


def test_export_follows_the_query(store, tmp_path):
    records = _plover(store, tmp_path, EventQuery(type="CONSULT"))
    assert records and {r["event"] for r in records.values()} == {"CONSULT"}
    rows = _gdelt(store, tmp_path, EventQuery(country="NOR"))
    assert {r["Actor1CountryCode"] for r in rows.values()} == {"NOR"}


def test_export_gdelt_columns_map_the_event(store, tmp_path):
    rows = _gdelt(store, tmp_path)
    assert len(rows) == store.count("events")
    shelling = rows[global_event_id("t-shelling")]
    assert (shelling["Day"], shelling["MonthYear"], shelling["Year"]) == ("20240218", "202402", "2024")
    assert (shelling["EventCode"], shelling["EventBaseCode"], shelling["EventRootCode"]) == ("194", "194", "19")
    assert (shelling["QuadClass"], shelling["GoldsteinScale"]) == ("4", "-10.0")
    assert (shelling["Actor1Code"], shelling["Actor1Name"], shelling["Actor1Type1Code"]) == ("CODREB", "REBELS", "REB")
    assert shelling["Actor2Name"] == "CIVILIANS"
    assert (shelling["ActionGeo_Type"], shelling["ActionGeo_Lat"], shelling["ActionGeo_Long"]) == ("4", "-1.6800", "29.2200")
    assert shelling["SOURCEURL"].startswith("https://news.example/")
    assert re.fullmatch(r"\d{14}", shelling["DATEADDED"])
    talks = rows[global_event_id("t-talks")]
    assert (talks["NumMentions"], talks["NumSources"], talks["NumArticles"]) == ("2", "2", "2")
    aid = rows[global_event_id("t-aid")]
    assert (aid["ActionGeo_Type"], aid["NumMentions"]) == ("1", "1")
    assert float(aid["FractionDate"]) == pytest.approx(2024 + 63 / 365, abs=1e-4)


def test_export_formats_and_gdelt_columns_are_documented():
    import tidings.export

    tidings.export.available()
    docs = DOCS.read_text(encoding="utf-8")
    for name in EXPORTERS:
        assert f"| `{name}` |" in docs, f"export format {name} is not in {DOCS.name}"
    documented = re.findall(r"^\| (\d+) \| (\w+) \|", docs, flags=re.M)
    assert [(int(n), c) for n, c in documented] == list(enumerate(COLUMNS, start=1))

