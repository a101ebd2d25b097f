"""The Dask engine: the pipeline on a Dask cluster, results staged as Parquet, merged into DuckDB.

The client reads the inputs, skips articles already stored, and sends batches to the workers.
Each worker loads the pipeline once (a per-process cache), turns its batch into the store's
table rows (:func:`document_tables`) and writes them as one partition, a folder with a Parquet
file per table (written under a temporary name, then renamed), in a staging folder next to the
database.  The client only inserts finished partitions, a few at a time, with
:meth:`Store.add_tables` (DuckDB reads the Parquet files) and deletes them, so its core stays
free for a worker; partitions left by a killed run are merged first on the next run, and
stored articles are skipped, so every article ends up stored exactly once.
"""

from __future__ import annotations

import hashlib
import logging
import os
import shutil
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq

from .errors import InputError
from .model import Article
from .settings import Settings
from .store import IngestCounts, Store, document_tables
from .store.live import BriefWriter

ErrorCallback = Callable[[InputError], None]
ProgressCallback = Callable[[int], None]  # articles handled so far (processed or already stored)
PARTITION = ".partition"
MERGE_GROUP = 8  # finished partitions merged in one transaction (fewer commits, less client time)


def staging_dir(db: str) -> Path:
    """The folder next to ``db`` where workers leave their partitions."""
    path = Path(db)
    return path.with_name(path.name + ".staging")


class ModelCache:
    """The spaCy pipelines loaded in this process, one per model (its name and fallbacks): a
    Dask worker loads its model once and keeps it for every partition it processes, whatever
    the other settings (database, batch size) of each task.  :meth:`clear` forgets them."""

    def __init__(self) -> None:
        self._loaded: dict[tuple[str, ...], Any] = {}

    def get(self, settings: Settings) -> Any:
        """The pipeline of ``settings``' model, loaded on first use."""
        from . import nlp

        model = (settings.model, *settings.fallback_models)
        if model not in self._loaded:
            self._loaded[model] = nlp.load(settings)
        return self._loaded[model]

    def clear(self) -> None:
        self._loaded.clear()

    def __len__(self) -> int:
        return len(self._loaded)


MODELS = ModelCache()  # this process's loaded models


def load_model(settings: Settings) -> Any:
    """The spaCy pipeline of ``settings``, loaded once per process (see :class:`ModelCache`)."""
    return MODELS.get(settings)


def _warm(settings: Settings) -> None:
    """Load the model into this worker (returns nothing: a model is no message to send)."""
    load_model(settings)


def process_partition(articles: list[Article], settings: Settings, staging: str, name: str) -> dict[str, Any]:
    """Worker task: run the pipeline on ``articles`` and write one Parquet partition."""
    from .pipeline import Pipeline

    pipeline = Pipeline(settings, nlp=load_model(settings))  # other settings (db, batch size) may differ
    failed: list[InputError] = []
    tables = document_tables(pipeline.pipe(articles, on_error=failed.append))
    final = Path(staging) / f"{name}{PARTITION}"
    temporary = Path(staging) / f".{name}.{os.getpid()}.tmp"
    temporary.mkdir(parents=True, exist_ok=True)
    for table, rows in tables.items():
        pq.write_table(rows, temporary / f"{table}.parquet")
    os.replace(temporary, final)
    return {"path": str(final), "errors": [(e.path, e.reason, e.hint) for e in failed], "pid": os.getpid(),
            "articles": len(articles)}


def merge_partitions(store: Store | BriefWriter, paths: list[Path]) -> IngestCounts:
    """Store the rows of finished partitions in one transaction (DuckDB reads their Parquet
    files itself, skipping stored articles), then delete them."""
    tables: dict[str, list[Path]] = {}
    for path in paths:
        for part in sorted(path.glob("*.parquet")):
            tables.setdefault(part.stem, []).append(part)
    counts = store.add_tables(tables)
    for path in paths:
        shutil.rmtree(path)
    return counts


# A LocalCluster started here has no dashboard (bokeh is no dependency), so nothing would show
# what the workers' statistical profiler (a stack sample every 10 ms) and GIL monitor gather:
# both are switched off.  Its scheduler's HTTP endpoints listen on a free loopback port.
LOCAL_CLUSTER_CONFIG = {"distributed.worker.profile.enabled": False,
                        "distributed.admin.system-monitor.gil.enabled": False}


@contextmanager
def local_cluster(workers: int) -> Iterator[Any]:
    """A Dask LocalCluster of ``workers`` single-threaded worker processes, as the engine runs one."""
    import dask
    from distributed import LocalCluster

    with dask.config.set(LOCAL_CLUSTER_CONFIG), LocalCluster(
            n_workers=workers, threads_per_worker=1, processes=True, dashboard_address="127.0.0.1:0",
            silence_logs=logging.ERROR) as cluster:
        yield cluster


@contextmanager
def _client(scheduler: str | None, workers: int) -> Iterator[Any]:
    from distributed import Client

    if scheduler:
        with Client(scheduler) as client:
            yield client
        return
    with local_cluster(workers) as cluster, Client(cluster) as client:
        yield client


def _fresh_batches(paths: list[str], settings: Settings, store: Store | BriefWriter, total: IngestCounts,
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


def _even_tail(batches: Iterable[list[Article]], workers: int) -> Iterator[list[Article]]:
    """``batches`` as they come, except that the articles of the last ``workers`` batches are
    dealt out as ``2 * workers`` smaller ones, so that the workers finish together instead of
    one running the last full batch alone."""
    held: deque[list[Article]] = deque()
    for batch in batches:
        held.append(batch)
        if len(held) > workers:
            yield held.popleft()
    rest = [article for batch in held for article in batch]
    size = max(-(-len(rest) // (2 * workers)), 1)
    for start in range(0, len(rest), size):
        yield rest[start:start + size]


def _add(total: IngestCounts, counts: IngestCounts) -> None:
    total.added += counts.added
    total.skipped += counts.skipped
    total.events += counts.events


def ingest_with_dask(paths: list[str], settings: Settings, *, scheduler: str | None = None,
                     workers: int = 2, on_error: ErrorCallback | None = None,
                     on_progress: ProgressCallback | None = None) -> IngestCounts:
    """Ingest ``paths`` into ``settings.db`` on a Dask cluster (a LocalCluster unless ``scheduler``);
    ``on_progress`` hears how many articles are handled each time a partition finishes."""
    from distributed import wait

    def report(error: InputError) -> None:
        if on_error is None:
            raise error
        on_error(error)

    staging = staging_dir(settings.db)
    staging.mkdir(parents=True, exist_ok=True)
    total = IngestCounts()
    with BriefWriter(settings.db, threads=1, wait=settings.lock_wait) as store:  # a server may read between
        for leftover in sorted(staging.glob(f"*{PARTITION}")):  # one by one: they may overlap
            _add(total, merge_partitions(store, [leftover]))
        finished: list[Path] = []
        processed = 0

        def collect(futures: Iterable[Any], *, at_least: int) -> None:
            """Note finished partitions and their errors; merge them once ``at_least`` wait."""
            nonlocal processed
            for future in sorted(futures, key=lambda f: f.key):
                result = future.result()
                for path, reason, hint in result["errors"]:
                    report(InputError(path, reason, hint))
                finished.append(Path(result["path"]))
                processed += result["articles"]
                if on_progress is not None:
                    on_progress(processed + total.skipped)
            if finished and len(finished) >= at_least:
                _add(total, merge_partitions(store, finished))
                finished.clear()

        with _client(scheduler, workers) as client:
            client.run(_warm, settings)  # every worker loads the model now, side by side
            cluster_size = max(len(client.scheduler_info()["workers"]), 1)
            limit = 2 * cluster_size
            pending: set[Any] = set()
            batches = _fresh_batches(paths, settings, store, total, report)
            for batch in _even_tail(batches, cluster_size):
                if len(pending) >= limit:
                    done, pending = wait(pending, return_when="FIRST_COMPLETED")
                    collect(done, at_least=MERGE_GROUP)
                name = hashlib.sha1("".join(a.id for a in batch).encode()).hexdigest()[:20]
                pending.add(client.submit(process_partition, batch, settings, str(staging), name, pure=False))
            collect(pending, at_least=1)
    for stray in staging.glob(".*.tmp"):
        shutil.rmtree(stray)
    if not any(staging.iterdir()):
        staging.rmdir()
    return total
