"""Bounds on what a server's queries may take: how many run at once, and for how long.

DuckDB has no statement timeout of its own; :class:`QueryGuard` interrupts a connection whose
query outlives the timeout, and refuses a query that waits longer than that for a free slot.
Both end in :class:`Overloaded`, which the API answers with 503 and its message.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterator
from typing import Any

import duckdb


class Overloaded(Exception):
    """A query was refused or stopped to keep the server within its bounds."""


class QueryGuard:
    """At most ``slots`` guarded queries at once, each stopped after ``timeout`` seconds."""

    def __init__(self, slots: int, timeout: float) -> None:
        self.slots = slots
        self.timeout = timeout
        self._free = threading.BoundedSemaphore(slots)

    @contextlib.contextmanager
    def run(self, connection: Any) -> Iterator[None]:
        """Hold a slot while the block runs queries on ``connection``; interrupt them after the
        timeout.  Raises :class:`Overloaded` when no slot frees up in time or on interruption."""
        if not self._free.acquire(timeout=self.timeout):
            raise Overloaded(f"the server is busy ({self.slots} queries running for over "
                             f"{self.timeout:g} s); try again shortly")
        timer = threading.Timer(self.timeout, connection.interrupt)
        timer.start()
        try:
            yield
        except duckdb.InterruptException:
            raise Overloaded(f"the query took longer than {self.timeout:g} s and was stopped; "
                             "narrow the filters, or page with the cursor instead of a deep offset") from None
        finally:
            timer.cancel()
            self._free.release()
