"""Flat exports: one row per event (Parquet, CSV) or one tidings JSON v1 document per line, each
written as it is read (DuckDB writes Parquet and CSV itself)."""

from __future__ import annotations

import json
from pathlib import Path

from ..store import EventQuery, Store
from . import exporter


@exporter("parquet")
def export_parquet(store: Store, query: EventQuery, out: Path) -> int:
    return store.write_events(query, out, "parquet")


@exporter("csv")
def export_csv(store: Store, query: EventQuery, out: Path) -> int:
    return store.write_events(query, out, "csv")


@exporter("jsonl")
def export_jsonl(store: Store, query: EventQuery, out: Path) -> int:
    """Whole documents (tidings JSON v1) of the articles that have a selected event, or all."""
    written = 0
    with out.open("w", encoding="utf-8") as handle:
        for document in store.documents(query):
            handle.write(json.dumps(document, ensure_ascii=False) + "\n")
            written += 1
    return written
