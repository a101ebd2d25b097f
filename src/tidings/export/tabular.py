"""Flat exports: one row per event (Parquet, CSV) or one tidings JSON v1 document per line."""

from __future__ import annotations

import json
from pathlib import Path

import pyarrow.csv
import pyarrow.parquet

from ..store import EventQuery, Store
from . import exporter


@exporter("parquet")
def export_parquet(store: Store, query: EventQuery, out: Path) -> int:
    table = store.query_events(query)
    pyarrow.parquet.write_table(table, out)
    return table.num_rows


@exporter("csv")
def export_csv(store: Store, query: EventQuery, out: Path) -> int:
    table = store.query_events(query)
    pyarrow.csv.write_csv(table, out)
    return table.num_rows


@exporter("jsonl")
def export_jsonl(store: Store, query: EventQuery, out: Path) -> int:
    """Whole documents (tidings JSON v1) of the articles that have a selected event, or all."""
    wanted = set(store.query_events(query).column("article_id").to_pylist()) if query != EventQuery() else None
    written = 0
    with out.open("w", encoding="utf-8") as handle:
        for document in store.documents():
            if wanted is None or document["article"]["id"] in wanted:
                handle.write(json.dumps(document, ensure_ascii=False) + "\n")
                written += 1
    return written
