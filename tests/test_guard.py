"""The server's bounds: DuckDB's memory limit, a cap on queries at once, a statement timeout."""

from __future__ import annotations

import threading
import time

import duckdb
import pytest

from tidings.store import Store
from tidings.store.guard import Overloaded, QueryGuard

SLOW = "SELECT count(*) FROM range(100000000) a, range(100000) b WHERE a.range + b.range = -1"
"""A query that runs for minutes."""


def test_guard_stops_a_query_that_outlives_the_timeout():
    con = duckdb.connect()
    guard = QueryGuard(slots=1, timeout=0.3)
    started = time.monotonic()
    with pytest.raises(Overloaded, match="longer than 0.3 s"):
        with guard.run(con):
            con.execute(SLOW).fetchall()
    assert time.monotonic() - started < 10
    with guard.run(con):  # the slot is free again and the connection still works
        assert con.execute("SELECT 42").fetchall() == [(42,)]


def test_guard_refuses_a_query_when_every_slot_stays_taken():
    guard = QueryGuard(slots=1, timeout=0.3)
    holding, release = threading.Event(), threading.Event()

    def hold() -> None:
        with guard.run(duckdb.connect()):
            holding.set()
            release.wait(10)

    thread = threading.Thread(target=hold)
    thread.start()
    holding.wait(10)
    try:
        with pytest.raises(Overloaded, match="busy"):
            with guard.run(duckdb.connect()):
                pass
    finally:
        release.set()
        thread.join(10)
    with guard.run(duckdb.connect()):
        pass


def test_store_opens_with_the_memory_limit_and_threads_asked_for(db_path):
    Store(db_path).close()
    with Store(db_path, read_only=True, threads=1, memory_limit="256MB") as store:
        limit, threads = store.con.execute(
            "SELECT current_setting('memory_limit'), current_setting('threads')").fetchall()[0]
        assert threads == 1 and limit.replace(" ", "").upper() in ("256.0MIB", "244.1MIB", "256MB")
