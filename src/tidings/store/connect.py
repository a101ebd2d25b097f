"""Opening a tidings DuckDB file: wait a while for another process's lock, and turn DuckDB's
errors about the file (locked, missing folder, no permission, not a DuckDB file) into a
:class:`StoreError` naming the file and saying what to do."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import duckdb

from ..errors import StoreError

LOCKED = ("Conflicting lock", "Could not set lock")
RETRY_SECONDS = 0.05

PROBLEMS = (
    ("No such file or directory", "its folder does not exist", "create the folder first, or give another --db"),
    ("Permission denied", "permission denied", "choose a file you may write, or check its permissions"),
    ("not a valid DuckDB database", "not a DuckDB database file", "give a file made by tidings ingest"),
    ("Read-only file system", "the file system is read-only", "give a --db on a writable disk"),
)


def connect(path: str, *, read_only: bool, config: dict[str, Any], wait: float) -> duckdb.DuckDBPyConnection:
    """A connection to ``path``; while another process holds the file, retry for ``wait`` seconds."""
    deadline = time.monotonic() + wait
    while True:
        try:
            return duckdb.connect(path, read_only=read_only, config=config)
        except duckdb.IOException as error:
            message = str(error)
            if any(sign in message for sign in LOCKED):
                if time.monotonic() < deadline:
                    time.sleep(RETRY_SECONDS)
                    continue
                raise StoreError(path, "in use by another process that writes to it",
                                 "wait for that ingest to finish, then run again") from None
            raise _store_error(path, message) from None
        except duckdb.Error as error:
            raise _store_error(path, str(error)) from None


def _store_error(path: str, message: str) -> StoreError:
    for sign, reason, hint in PROBLEMS:
        if sign in message:
            return StoreError(path, reason, hint)
    if Path(path).is_dir():
        return StoreError(path, "is a folder, not a DuckDB file", "give a file name, e.g. news.duckdb")
    return StoreError(path, f"cannot open the database ({message})")
