"""Incremental stories at scale: the time to store one small article and update the stories, in
stores of growing size.

    python -m benchmarks.bench_stories [--quick]

Each store is filled from ``benchmarks/corpus.py``'s story corpus (originals, syndicated copies,
edits, follow-ups, with hand-built events, so no NLP runs) and clustered once.  The largest store
is the middle one replicated with DuckDB SQL: every id gets a suffix, every date moves by
``REPLICA_DAYS`` per copy so copies never share a story window, and each copy's MinHash
signatures (and so its LSH bands) and canonical URLs differ from the original's, so copies are
not near-duplicates of each other: re-clustering the copied store gives the same stories.  Then a
few new articles are added one at a time (``Store.add`` and ``update_stories``, as the ingest
does after its NLP): unrelated ones, and a syndicated copy of a stored article.  Printed as JSON.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pyarrow as pa

from benchmarks.corpus import story_corpus
from tidings.ingest import make_article
from tidings.model import Document
from tidings.store import Store
from tidings.stories import update_stories
from tidings.story_identity import band_keys

REPLICA_DAYS = 1500
ID_COLUMNS = {"id", "article_id", "event_id", "story_id", "story_event_id", "copy_of", "anchor", "merged_into",
              "duplicate_of"}
LIST_ID_COLUMNS = {"article_ids", "event_ids"}
DATE_COLUMNS = {"published", "original_published", "time_begin", "time_end", "first_seen", "last_seen", "day",
                "first_reported_at"}
TABLES = ("articles", "events", "event_actors", "sources", "quotes", "actors", "places", "times",
          "story_keys", "story_copies", "story_registry", "article_stories", "stories", "story_events")


def build(path: Path, articles: int, seed: int = 41) -> dict[str, float]:
    """A store of about ``articles`` generated articles, clustered."""
    corpus = story_corpus(stories=int(articles / 2.7), unrelated=articles // 20, seed=seed)[:articles]
    with Store(path) as store:
        for start in range(0, len(corpus), 5000):
            store.add(item.document for item in corpus[start:start + 5000])
        started = time.perf_counter()
        update_stories(store)
        return {"articles": store.count("articles"), "first_clustering_s": time.perf_counter() - started}


def replicate(path: Path, copies: int) -> int:
    """Make ``copies`` - 1 more copies of every row (see the module's docstring); the article count."""
    with Store(path) as store:
        con = store.con
        for table in TABLES:
            columns = [row[1] for row in con.execute(f"PRAGMA table_info('{table}')").fetchall()]
            chosen = ", ".join(_copied(table, column) for column in columns)
            con.execute(f'INSERT INTO {table} SELECT {chosen} FROM {table} CROSS JOIN range(1, {copies}) r(k)')
        _replicate_identities(con, copies)
        return store.count("articles")


def _replicate_identities(con, copies: int) -> None:
    """Copies of the identity rows whose signatures differ in every value from the original's
    (XOR with the copy's number), with the LSH band rows of those signatures."""
    ids, urls, titles, blobs = zip(*con.execute(
        "SELECT article_id, canonical_url, title_key, minhash FROM article_identity WHERE minhash IS NOT NULL"
    ).fetchall())
    signatures = np.stack([np.frombuffer(blob, dtype=np.uint32) for blob in blobs])
    for k in range(1, copies):
        changed = signatures ^ np.uint32(k * 2654435761 % 2**32)
        suffixed = [f"{i}~r{k}" for i in ids]
        con.register("copied", pa.table({
            "article_id": suffixed, "canonical_url": [u and f"{u}/r{k}" for u in urls], "title_key": list(titles),
            "minhash": pa.array([row.tobytes() for row in changed], pa.binary())}))
        keys = np.stack([band_keys(row) for row in changed])
        con.register("copied_bands", pa.table({"key": keys.ravel(), "article_id": np.repeat(suffixed, keys.shape[1])}))
        con.execute("INSERT INTO article_identity BY NAME SELECT * FROM copied")
        con.execute("INSERT INTO story_bands BY NAME SELECT * FROM copied_bands")
        con.unregister("copied")
        con.unregister("copied_bands")


def _copied(table: str, column: str) -> str:
    quoted = f'"{column}"'
    if column in ID_COLUMNS:
        return f"{quoted} || '~r' || k"
    if column in LIST_ID_COLUMNS:
        return f"list_transform({quoted}, lambda x: x || '~r' || k)"
    if column in DATE_COLUMNS:
        return f"{quoted} + CAST(k * {REPLICA_DAYS} AS INTEGER)"
    return quoted


def add_one(path: Path, document: Document) -> float:
    """Seconds to open the store, add one document and update the stories."""
    started = time.perf_counter()
    with Store(path) as store:
        store.add([document])
        update_stories(store)
    return time.perf_counter() - started


def newcomers(path: Path, seed: int) -> tuple[list[Document], Document]:
    """Unrelated new articles, and a syndicated copy of a stored original."""
    unrelated = [item.document for item in story_corpus(stories=0, unrelated=3, seed=seed)]
    with Store(path, read_only=True) as store:
        text, outlet, published = store.con.execute(
            "SELECT text, outlet, published FROM articles WHERE original_outlet IS NULL ORDER BY id LIMIT 1").fetchone()
    copy = make_article(f"{text}\n\nThis article originally appeared on {outlet}.", outlet="Bench Reposts",
                        published=published, url=f"https://reposts.example/{seed}")
    return unrelated, Document(article=copy)


def measure(path: Path, seed: int) -> dict[str, float]:
    unrelated, copy = newcomers(path, seed)
    times = [add_one(path, document) for document in unrelated]
    return {"add_unrelated_s": statistics.median(times), "add_syndicated_copy_s": add_one(path, copy)}


def run(quick: bool = False) -> dict[str, float]:
    small, middle, copies = (200, 1000, 3) if quick else (1000, 20_000, 10)
    results: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as folder:
        for name, size in (("small", small), ("middle", middle)):
            path = Path(folder) / f"{name}.duckdb"
            built = build(path, size)
            results[f"{name}_articles"] = built["articles"]
            results[f"{name}_first_clustering_s"] = built["first_clustering_s"]
            for key, value in measure(path, seed=size).items():
                results[f"{name}_{key}"] = value
        large = Path(folder) / "middle.duckdb"
        started = time.perf_counter()
        results["large_articles"] = replicate(large, copies)
        results["large_replication_s"] = time.perf_counter() - started
        for key, value in measure(large, seed=7 * copies).items():
            results[f"large_{key}"] = value
    for size in ("middle", "large"):
        results[f"ratio_{size}_vs_small"] = results[f"{size}_add_unrelated_s"] / results["small_add_unrelated_s"]
    return results


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.bench_stories", description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="small sizes, for smoke tests")
    args = parser.parse_args(argv)
    json.dump(run(args.quick), sys.stdout, indent=2)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
