"""The event filters as the API's query parameters: one parameter per filter of the registry
(:data:`tidings.store.filters.FILTERS`), typed and documented from it, so ``/openapi.json`` lists
every filter with its choices."""

from __future__ import annotations

import datetime as dt
import inspect
import re
from typing import Annotated, Any, Literal

from fastapi import HTTPException, Query
from pydantic import BeforeValidator, StringConstraints

from .store import EventQuery
from .store.filters import FILTERS, Filter, FilterError, country_names, parse
from .store.paging import SORT_KEYS


LONGITUDE = r"-?(?:180(?:\.0+)?|(?:1[0-7]\d|\d{1,2})(?:\.\d+)?)"
LATITUDE = r"-?(?:90(?:\.0+)?|[1-8]?\d(?:\.\d+)?)"
BBOX = rf"^{LONGITUDE},{LATITUDE},{LONGITUDE},{LATITUDE}$"
"""``west,south,east,north`` in degrees, each in range; west above east crosses the antimeridian."""


def _iso_date(value: Any) -> Any:
    """Only ``YYYY-MM-DD`` is a date here (pydantic alone would read ``0`` as 1970-01-01)."""
    if value is not None and not (isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value)):
        raise ValueError("expected a date like 2018-02-04")
    return value


IsoDate = Annotated[dt.date | None, BeforeValidator(_iso_date)]

CountryCode = Annotated[str, StringConstraints(pattern=r"^[A-Za-z]{3}$")]
"""Any three letters are read as an ISO 3166 alpha-3 code (one no event has selects nothing)."""


def _country_type() -> Any:
    """An alpha-3 code or one of the country names the filter knows (listed in the schema)."""
    return CountryCode | Literal[tuple(sorted(country_names()))]  # type: ignore[valid-type]


def _annotation(definition: Filter) -> Any:
    """The type and ``Query`` of one filter's parameter."""
    described = {"description": definition.help}
    kinds: dict[str, Any] = {
        "text": Annotated[str | None, Query(max_length=200, **described)],
        "choice": Annotated[Literal[definition.choices] | None, Query(**described)],  # type: ignore[valid-type]
        "quad_class": Annotated[int | None, Query(ge=1, le=4, **described)],
        "date": Annotated[IsoDate, Query(**described)],
        "country": Annotated[_country_type() | None, Query(**described)],
        "bbox": Annotated[str | None, Query(max_length=100, pattern=BBOX, **described)],
        "flag": Annotated[bool, Query(**described)],
    }
    return kinds[definition.kind]


def _parameters() -> list[inspect.Parameter]:
    keyword = inspect.Parameter.KEYWORD_ONLY
    found = [inspect.Parameter(name, keyword, annotation=_annotation(definition),
                               default=False if definition.kind == "flag" else None)
             for name, definition in FILTERS.items()]
    sort = Annotated[Literal[SORT_KEYS], Query(description="Sort column; '-' for descending.")]  # type: ignore[valid-type]
    return [*found, inspect.Parameter("sort", keyword, annotation=sort, default="published")]


def event_filters(**given: Any) -> EventQuery:
    """The event filters every listing and aggregate takes, as an :class:`EventQuery`; a value
    no filter accepts is a 422 naming the filter (crossed bounds are valid and select nothing)."""
    sort = given.pop("sort")
    try:
        values = {name: parse(name, value) for name, value in given.items()}
    except FilterError as error:
        raise HTTPException(422, str(error)) from None
    values["happened"] = bool(values["happened"])
    return EventQuery(**values, sort=sort)


event_filters.__signature__ = inspect.Signature(_parameters(), return_annotation=EventQuery)  # type: ignore[attr-defined]
