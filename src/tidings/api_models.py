"""The API's response shapes, derived from the model: an event row has one field per column of
the ``events`` table, which :mod:`tidings.store.schema` makes from :class:`tidings.model.Event`,
so ``/openapi.json`` documents what the listing returns and follows the model when it grows."""

from __future__ import annotations

import datetime as dt
from typing import Any

from pydantic import BaseModel, Field, create_model

from .store.schema import events_columns

PYTHON_TYPES: dict[str, Any] = {"VARCHAR": str, "INTEGER": int, "BIGINT": int, "DOUBLE": float,
                                "BOOLEAN": bool, "DATE": dt.date, "VARCHAR[]": list[str]}
"""The Python type of each SQL type the ``events`` table uses."""

EventRow = create_model(
    "EventRow", __doc__="One event, flat: its own fields, its article's, and one-line summaries.",
    **{name: (PYTHON_TYPES[kind] | None, None) for name, kind in events_columns()},
)


class FacetValue(BaseModel):
    """One value of a facet and how many selected events have it."""

    value: str | int
    count: int


class EventsPage(BaseModel):
    """A page of the event listing."""

    ok: bool
    total: int = Field(description="Events the filters select.")
    limit: int
    offset: int
    sort: str
    next_cursor: str | None = Field(description="Pass as cursor for the next page; null after the last.")
    events: list[EventRow]  # type: ignore[valid-type]
    facets: dict[str, list[FacetValue]] | None = Field(
        default=None, description="With facets=true: each filter's most frequent values in the selection.")
