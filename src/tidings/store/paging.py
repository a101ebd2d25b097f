"""Sort orders of event listings, and keyset (cursor) pagination over them.

A listing is ordered by its sort column, then by a fixed tie-break that makes the order total
(publication date, article, trigger offset, event id).  A cursor holds the order's values for
the last row of a page; the next page is the rows that come strictly after them, so a deep page
costs what the first one does, where an offset makes the database sort and skip every row
before it.  Every value comes back bound, cast to its column's type.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

EVENT_DATE = "coalesce(e.time_begin, e.published)"
"""The date an event is counted under: when it happened, else when it was reported."""


@dataclass(frozen=True)
class OrderKey:
    """One column of a listing's order: its SQL over ``events e``, its type and direction."""

    expression: str
    sql_type: str
    descending: bool = False

    def clause(self) -> str:
        return f"{self.expression} {'DESC' if self.descending else 'ASC'} NULLS LAST"


SORT_COLUMNS: dict[str, OrderKey] = {
    "date": OrderKey(EVENT_DATE, "DATE"),
    "published": OrderKey("e.published", "DATE"),
    "type": OrderKey("e.type", "VARCHAR"),
    "quad_class": OrderKey("e.quad_class", "INTEGER"),
    "goldstein": OrderKey("e.goldstein", "DOUBLE"),
    "outlet": OrderKey("e.outlet", "VARCHAR"),
    "place": OrderKey("e.place_name", "VARCHAR"),
    "country": OrderKey("e.place_country", "VARCHAR"),
    "dead": OrderKey("e.dead", "INTEGER"),
}
"""Columns an event listing may be sorted by (prefix ``-`` for descending)."""

SORT_KEYS: tuple[str, ...] = tuple(k for name in SORT_COLUMNS for k in (name, f"-{name}"))

TIE_BREAK = (OrderKey("e.published", "DATE"), OrderKey("e.article_id", "VARCHAR"),
             OrderKey("e.trigger_start", "INTEGER"), OrderKey("e.id", "VARCHAR"))
"""What orders events whose sort values are equal; ``e.id`` makes the order total."""

PARSERS: dict[str, Callable[[Any], Any]] = {
    "DATE": lambda v: dt.date.fromisoformat(v) if isinstance(v, str) else _refuse(v),
    "VARCHAR": lambda v: v if isinstance(v, str) else _refuse(v),
    "INTEGER": lambda v: v if isinstance(v, int) and not isinstance(v, bool) else _refuse(v),
    "DOUBLE": lambda v: float(v) if isinstance(v, (int, float)) and not isinstance(v, bool) else _refuse(v),
}
"""How a cursor's JSON value is checked and turned into a value of each column type."""


def _refuse(value: Any) -> Any:
    raise ValueError(f"unexpected value {value!r}")


def order_keys(sort: str) -> tuple[OrderKey, ...]:
    """The whole order of a listing sorted by ``sort`` (``-`` prefix: descending)."""
    name = sort.lstrip("-")
    if name not in SORT_COLUMNS:
        raise ValueError(f"cannot sort by {sort!r}; choose from {', '.join(SORT_KEYS)}")
    first = SORT_COLUMNS[name]
    first = OrderKey(first.expression, first.sql_type, descending=sort.startswith("-"))
    return (first, *(key for key in TIE_BREAK if key.expression != first.expression))


def order_by(sort: str) -> str:
    """The ORDER BY list of a listing sorted by ``sort``."""
    return ", ".join(key.clause() for key in order_keys(sort))


def after(sort: str, values: list[Any]) -> tuple[str, list[Any]]:
    """The condition 'comes strictly after the row whose order values are ``values``', with
    NULLs last in either direction, and its parameters."""
    keys = order_keys(sort)
    terms, params = [], []
    for index, key in enumerate(keys):
        value = values[index]
        if value is None:
            continue  # nothing sorts after NULL within this key
        equal, equal_params = _equal_to(keys[:index], values[:index])
        test = "<" if key.descending else ">"
        terms.append(" AND ".join([*equal, f"({key.expression} IS NULL OR {key.expression} {test} "
                                            f"CAST(? AS {key.sql_type}))"]))
        params += [*equal_params, value]
    return "(" + (" OR ".join(f"({t})" for t in terms) or "FALSE") + ")", params


def _equal_to(keys: tuple[OrderKey, ...], values: list[Any]) -> tuple[list[str], list[Any]]:
    tests, params = [], []
    for key, value in zip(keys, values):
        if value is None:
            tests.append(f"{key.expression} IS NULL")
        else:
            tests.append(f"{key.expression} = CAST(? AS {key.sql_type})")
            params.append(value)
    return tests, params


def key_columns(sort: str) -> str:
    """The order values of a row, selected as ``k0, k1, ...`` (to make the next cursor)."""
    return ", ".join(f"{key.expression} AS k{n}" for n, key in enumerate(order_keys(sort)))


def encode_cursor(sort: str, values: tuple[Any, ...]) -> str:
    """An opaque cursor for the rows after the one with order ``values``."""
    plain = [v.isoformat() if isinstance(v, dt.date) else v for v in values]
    text = json.dumps({"sort": sort, "after": plain}, separators=(",", ":"))
    return base64.urlsafe_b64encode(text.encode("utf-8")).decode("ascii").rstrip("=")


def decode_cursor(sort: str, cursor: str) -> list[Any]:
    """The order values a cursor holds, checked against the listing's sort and column types;
    :class:`ValueError` naming the problem otherwise."""
    try:
        data = json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
        made_for, values = data["sort"], data["after"]
    except (binascii.Error, ValueError, TypeError, KeyError, UnicodeDecodeError):
        raise ValueError("cursor: not a cursor this API gave out") from None
    if made_for != sort:
        raise ValueError(f"cursor: made for sort {made_for!r}, not {sort!r}; start again without it")
    keys = order_keys(sort)
    if not isinstance(values, list) or len(values) != len(keys):
        raise ValueError("cursor: not a cursor this API gave out")
    try:
        return [None if v is None else PARSERS[k.sql_type](v) for k, v in zip(keys, values)]
    except ValueError:
        raise ValueError("cursor: not a cursor this API gave out") from None
