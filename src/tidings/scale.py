"""The Dask engine: the pipeline on a Dask cluster (stub, to be deepened)."""

from __future__ import annotations

from .settings import Settings
from .store import IngestCounts


def ingest_with_dask(paths: list[str], settings: Settings, *, scheduler: str | None = None,
                     workers: int = 2, on_error=None) -> IngestCounts:
    """Ingest ``paths`` into ``settings.db`` on a Dask cluster."""
    raise NotImplementedError("the Dask engine is not built yet")
