"""Exporters, registered by name: ``tidings export --format NAME`` and the API's downloads.

An exporter takes a :class:`Store`, an :class:`EventQuery` and an output path, writes the
file and returns the number of records written.  A format is one module here.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from pathlib import Path

from ..store import EventQuery, Store

Exporter = Callable[[Store, EventQuery, Path], int]
EXPORTERS: dict[str, Exporter] = {}
EXPORTER_MODULES = ("tabular", "plover", "gdelt")


def exporter(name: str) -> Callable[[Exporter], Exporter]:
    """Register an exporter under ``name``."""

    def register(function: Exporter) -> Exporter:
        EXPORTERS[name] = function
        return function

    return register


def available() -> list[str]:
    for module in EXPORTER_MODULES:
        importlib.import_module(f"{__name__}.{module}")
    return sorted(EXPORTERS)


def export(store: Store, fmt: str, out: str | Path, query: EventQuery | None = None) -> int:
    """Write what ``query`` selects from ``store`` to ``out`` in format ``fmt``."""
    names = available()
    if fmt not in EXPORTERS:
        raise ValueError(f"unknown export format {fmt!r}; choose from {', '.join(names)}")
    return EXPORTERS[fmt](store, query or EventQuery(), Path(out))
