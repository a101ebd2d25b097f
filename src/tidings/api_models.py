"""The API's response shapes, derived from the model: a listed event is a
:class:`tidings.model.Event` (the tidings JSON v1 shape) with its article, so
``/openapi.json`` documents what the listing returns and follows the model when it grows (flat
rows, one field per column of the ``events`` table, are what the exports give)."""

from __future__ import annotations

import datetime as dt
import typing
from dataclasses import MISSING, fields
from typing import Any

from pydantic import BaseModel, Field, create_model

from .model import Event


class ArticleRef(BaseModel):
    """The article an event was found in."""

    id: str
    url: str | None = None
    outlet: str | None = None
    title: str | None = None
    published: dt.date | None = None
    story_id: str | None = Field(default=None, description="The story the article belongs to.")


def _event_fields() -> dict[str, Any]:
    hints = typing.get_type_hints(Event)
    return {f.name: (hints[f.name], ... if f.default is MISSING else f.default) for f in fields(Event)}


ListedEvent = create_model(
    "ListedEvent", __doc__=(
        "One event in the tidings JSON v1 shape (as `tidings extract --json` gives it), with its "
        "article and, once stories are clustered, the id of the happening it reports across the "
        "story."),
    **_event_fields(), article=(ArticleRef, ...),
    story_event_id=(str | None, Field(default=None, description="The happening across the story.")),
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
    events: list[ListedEvent]  # type: ignore[valid-type]
    facets: dict[str, list[FacetValue]] | None = Field(
        default=None, description="With facets=true: each filter's most frequent values in the selection.")
