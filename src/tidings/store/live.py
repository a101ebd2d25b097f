"""Sharing one DuckDB file between ``tidings serve`` and ``tidings ingest``.

DuckDB lets one process write a file, or several read it, at a time.  So neither side keeps the
file open: the server's requests share a read-only connection that is closed as soon as no
request uses it (the next request reopens it and sees what was added), and an ingest opens the
file for each batch it checks or stores.  Each side waits for the other's short hold.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import duckdb

from ..model import Document
from . import IngestCounts, Store


class SharedReader:
    """Read-only cursors over ``path`` for concurrent requests, the file closed between them."""

    def __init__(self, path: str | Path, wait: float, *, threads: int | None = None,
                 memory_limit: str | None = None) -> None:
        self.path, self.wait = str(path), wait
        self._options = {"threads": threads, "memory_limit": memory_limit}
        self._guard = threading.Lock()
        self._store: Store | None = None
        self._users = 0
        Store(self.path, read_only=True, wait=wait).close()  # fails now, naming the file

    @contextlib.contextmanager
    def cursor(self) -> Iterator[duckdb.DuckDBPyConnection]:
        with self._guard:
            if self._store is None:
                self._store = Store(self.path, read_only=True, wait=self.wait, **self._options)
            self._users += 1
            cursor = self._store.con.cursor()
        try:
            yield cursor
        finally:
            cursor.close()
            with self._guard:
                self._users -= 1
                if self._users == 0 and self._store is not None:
                    self._store.close()
                    self._store = None


class BriefWriter:
    """The writing half of :class:`Store`, opening the file only for each call."""

    def __init__(self, path: str | Path, *, threads: int | None = None, wait: float = 0.0) -> None:
        self.path, self.threads, self.wait = str(path), threads, wait

    def _open(self) -> Store:
        return Store(self.path, threads=self.threads, wait=self.wait)

    def known_ids(self, ids: Iterable[str]) -> set[str]:
        ids = list(ids)
        if not ids or not Path(self.path).exists():
            return set()
        with self._open() as store:
            return store.known_ids(ids)

    def add(self, documents: Iterable[Document]) -> IngestCounts:
        with self._open() as store:
            return store.add(documents)

    def add_tables(self, tables: dict[str, Any]) -> IngestCounts:
        with self._open() as store:
            return store.add_tables(tables)

    def __enter__(self) -> BriefWriter:
        return self

    def __exit__(self, *exc: object) -> None:
        pass


