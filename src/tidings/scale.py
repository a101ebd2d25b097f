"""The Dask engine: the pipeline on a Dask cluster, results staged as Parquet, merged into DuckDB.

The client reads the inputs, skips articles already stored, and sends batches to the workers.
Each worker loads the pipeline once (a per-process cache) and writes its batch's documents as
one Parquet partition (written under a temporary name, then renamed) in a staging folder next
to the database.  The client merges each finished partition with :meth:`Store.add` and then
deletes it; partitions left by a killed run are merged first on the next run, and ``Store.add``
skips stored articles, so every article ends up stored exactly once.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from .errors import InputError
from .model import Article, Document
from .settings import Settings
from .store import IngestCounts, Store

ErrorCallback = Callable[[InputError], None]
_PIPELINES: dict[Settings, Any] = {}  # one loaded Pipeline per worker process and settings


def staging_dir(db: str) -> Path:
    """The folder next to ``db`` where workers leave their Parquet partitions."""
    path = Path(db)
    return path.with_name(path.name + ".staging")


def process_partition(articles: list[Article], settings: Settings, staging: str, name: str) -> dict[str, Any]:
    """Worker task: run the pipeline on ``articles`` and write one Parquet partition."""
    from .pipeline import Pipeline

    pipeline = _PIPELINES.get(settings)
    if pipeline is None:
        pipeline = _PIPELINES[settings] = Pipeline(settings)
    failed: list[InputError] = []
    documents = list(pipeline.pipe(articles, on_error=failed.append))
    table = pa.table({
        "id": [d.article.id for d in documents],
        "source_path": [d.article.source_path for d in documents],
        "document": [d.to_json() for d in documents],
    }, schema=pa.schema([("id", pa.string()), ("source_path", pa.string()), ("document", pa.string())]))
    final = Path(staging) / f"{name}.parquet"
    temporary = final.with_name(f".{name}.{os.getpid()}.tmp")
    pq.write_table(table, temporary)
    os.replace(temporary, final)
    return {"path": str(final), "errors": [(e.path, e.reason, e.hint) for e in failed], "pid": os.getpid()}


def merge_partition(store: Store, path: Path) -> IngestCounts:
    """Store the documents of one partition (skipping stored ones), then delete it."""
    table = pq.read_table(path)
    documents = [Document.from_dict(json.loads(doc), source)
                 for doc, source in zip(table.column("document").to_pylist(), table.column("source_path").to_pylist())]
    counts = store.add(documents)
    path.unlink()
    return counts


@contextmanager
def _client(scheduler: str | None, workers: int) -> Iterator[Any]:
    from distributed import Client, LocalCluster

    if scheduler:
        with Client(scheduler) as client:
            yield client
        return
    with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None,
                      silence_logs=logging.ERROR) as cluster, Client(cluster) as client:
        yield client


def _fresh_batches(paths: list[str], settings: Settings, store: Store, total: IngestCounts,
                   report: ErrorCallback) -> Iterator[list[Article]]:
    """Batches of articles not stored yet, in input order; inputs that fail are reported."""
    from .ingest import read_paths

    seen: set[str] = set()
    batch: list[Article] = []

    def fresh(chunk: list[Article]) -> list[Article]:
        known = store.known_ids(a.id for a in chunk) | seen
        kept = [a for a in chunk if a.id not in known and not seen.add(a.id)]  # type: ignore[func-returns-value]
        total.skipped += len(chunk) - len(kept)
        return kept

    for item in read_paths(paths, settings):
        if isinstance(item, InputError):
            report(item)
            continue
        batch.append(item)
        if len(batch) >= settings.batch_size:
            if kept := fresh(batch):
                yield kept
            batch = []
    if batch and (kept := fresh(batch)):
        yield kept


def _add(total: IngestCounts, counts: IngestCounts) -> None:
    total.added += counts.added
    total.skipped += counts.skipped
    total.events += counts.events


def ingest_with_dask(paths: list[str], settings: Settings, *, scheduler: str | None = None,
                     workers: int = 2, on_error: ErrorCallback | None = None) -> IngestCounts:
    """Ingest ``paths`` into ``settings.db`` on a Dask cluster (a LocalCluster unless ``scheduler``)."""
    from distributed import wait

    def report(error: InputError) -> None:
        if on_error is None:
            raise error
        on_error(error)

    staging = staging_dir(settings.db)
    staging.mkdir(parents=True, exist_ok=True)
    total = IngestCounts()
    with Store(settings.db) as store:
        for leftover in sorted(staging.glob("*.parquet")):
            _add(total, merge_partition(store, leftover))

        def merge(future: Any) -> None:
            result = future.result()
            for path, reason, hint in result["errors"]:
                report(InputError(path, reason, hint))
            _add(total, merge_partition(store, Path(result["path"])))

        with _client(scheduler, workers) as client:
            limit = 2 * max(len(client.scheduler_info()["workers"]), 1)
            pending: set[Any] = set()
            for batch in _fresh_batches(paths, settings, store, total, report):
                if len(pending) >= limit:
                    done, pending = wait(pending, return_when="FIRST_COMPLETED")
                    for future in sorted(done, key=lambda f: f.key):
                        merge(future)
                name = hashlib.sha1("".join(a.id for a in batch).encode()).hexdigest()[:20]
                pending.add(client.submit(process_partition, batch, settings, str(staging), name, pure=False))
            for future in sorted(pending, key=lambda f: f.key):
                merge(future)
    for stray in staging.glob(".*.tmp"):
        stray.unlink()
    if not any(staging.iterdir()):
        staging.rmdir()
    return total
