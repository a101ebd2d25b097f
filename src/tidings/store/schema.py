"""The ``events`` table derived from :class:`tidings.model.Event`: its columns, their SQL types
and the flattening of an event into a row all come from the model's fields.

A scalar field is a column of the same name; a nested record (``trigger``, ``location``,
``time``, ...) gives one column per field of its own, named with the record's prefix; a tuple of
records has a table of its own (participants, sources) or is one JSON column (``mentions``).  So adding a field to ``Event`` adds its
column, its value in every row, and its place in the flat exports and listings; a store made
before the field existed gets the column when it is next opened for writing.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import json
import types
import typing
from dataclasses import dataclass
from typing import Any

from ..model import Event

PREFIXES = {"trigger": "trigger_", "sentence": "sentence_", "location": "place_", "time": "time_",
            "magnitude": ""}
"""The column prefix of each nested record of an event."""

RENAMED = {"place_geonameid": "geonameid", "place_lat": "lat", "place_lon": "lon", "time_end_date": "time_end"}
"""Columns whose names predate the rule above (kept, so stored files and exports stay the same)."""

OWN_TABLES = ("actors", "recipients", "sources")
"""Event fields stored in tables of their own (``event_actors``, ``sources``)."""

SQL_TYPES = {str: "VARCHAR", int: "INTEGER", float: "DOUBLE", bool: "BOOLEAN", dt.date: "DATE"}
WIDER = {"geonameid": "BIGINT"}

ARTICLE_COLUMNS = (("article_id", "VARCHAR"), ("published", "DATE"), ("outlet", "VARCHAR"), ("url", "VARCHAR"))
"""What an event row repeats of its article (listings sort and filter on them without a join)."""

SUMMARY_COLUMNS = (("actors", "VARCHAR"), ("actor_countries", "VARCHAR"), ("recipients", "VARCHAR"),
                   ("recipient_countries", "VARCHAR"), ("sources", "VARCHAR"))
"""Participants' names and countries and the sources, one line each, for listings and exports."""

LATER_COLUMNS = (("story_event_id", "VARCHAR"),)
"""Columns the stories stage fills."""


@dataclass(frozen=True)
class Column:
    """A column of ``events`` read from an event by following ``path`` through its fields."""

    name: str
    sql_type: str
    path: tuple[str, ...]


def _plain_type(hint: Any) -> Any:
    """``X | None`` as ``X``; ``Literal`` of strings as ``str``."""
    if typing.get_origin(hint) in (typing.Union, types.UnionType):
        hint = next(a for a in typing.get_args(hint) if a is not type(None))
    if typing.get_origin(hint) is typing.Literal:
        return str
    return hint


def _sql_type(name: str, hint: Any) -> str:
    """A scalar's SQL type; a tuple of scalars is a list, a tuple of records JSON."""
    if typing.get_origin(hint) is tuple:
        item = _plain_type(typing.get_args(hint)[0])
        return "JSON" if dataclasses.is_dataclass(item) else SQL_TYPES[item] + "[]"
    return WIDER.get(name) or SQL_TYPES[hint]


@functools.cache
def model_columns() -> tuple[Column, ...]:
    """The columns an event's own fields give, in the model's order."""
    columns = []
    hints = typing.get_type_hints(Event)
    for field in dataclasses.fields(Event):
        hint = _plain_type(hints[field.name])
        if field.name in OWN_TABLES:
            continue
        if not dataclasses.is_dataclass(hint):
            columns.append(Column(field.name, _sql_type(field.name, hint), (field.name,)))
            continue
        inner = typing.get_type_hints(hint)
        for part in dataclasses.fields(hint):
            name = PREFIXES[field.name] + part.name
            name = RENAMED.get(name, name)
            columns.append(Column(name, _sql_type(name, _plain_type(inner[part.name])), (field.name, part.name)))
    return tuple(columns)


def events_columns() -> list[tuple[str, str]]:
    """Every column of ``events`` with its SQL type, in table order."""
    own = [(c.name, c.sql_type) for c in model_columns()]
    return [own[0], *ARTICLE_COLUMNS, *own[1:], *SUMMARY_COLUMNS, *LATER_COLUMNS]


FLAT_COLUMNS: tuple[str, ...] = tuple(name for name, _ in events_columns())
"""The flat row of an event (listings, CSV and Parquet exports): every column of ``events``."""

EVENT_COLUMNS = ", ".join(f"e.{name}" for name in FLAT_COLUMNS)


def events_table() -> str:
    """The ``CREATE TABLE`` of ``events``."""
    columns = ", ".join(f'"{name}" {kind}' + (" PRIMARY KEY" if name == "id" else "")
                        for name, kind in events_columns())
    return f"CREATE TABLE IF NOT EXISTS events ({columns});"


def model_values(event: Event) -> dict[str, Any]:
    """The values of an event's own columns."""
    values = {}
    for column in model_columns():
        value: Any = event
        for step in column.path:
            value = getattr(value, step) if value is not None else None
        if column.sql_type == "JSON":
            value = json.dumps([record.to_dict() for record in value], ensure_ascii=False)
        values[column.name] = list(value) if isinstance(value, tuple) else value
    return values


def model_record(row: dict[str, Any]) -> dict[str, Any]:
    """An event's own fields as its tidings JSON v1 has them, from its flat row: the inverse of
    :func:`model_values` (participants and sources come from their own tables)."""
    record: dict[str, Any] = {}
    for column in model_columns():
        value = row[column.name]
        if column.sql_type == "JSON" and isinstance(value, str):
            value = json.loads(value)
        if len(column.path) == 1:
            record[column.path[0]] = value
        else:
            record.setdefault(column.path[0], {})[column.path[1]] = value
    return {name: None if isinstance(value, dict) and all(v is None for v in value.values()) else value
            for name, value in record.items()}
