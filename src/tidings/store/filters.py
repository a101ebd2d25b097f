"""Event filters, defined once: each with its name, kind, bound-parameter SQL and help.

The registry :data:`FILTERS` makes the API's query parameters (and their OpenAPI docs), the
options of ``tidings events``, the page's facets and :class:`~tidings.store.queries.EventQuery`'s
WHERE clause.  A value a user gives goes through :func:`parse` (``--type FOO`` is an error listing
the PLOVER types, ``--country Israel`` becomes ``ISR``) and reaches SQL only as a bound
parameter; words matched with ``ILIKE`` have their ``%``, ``_`` and ``\\`` escaped.
"""

from __future__ import annotations

import datetime as dt
import functools
import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ..datafiles import data_path, read_tsv
from ..model import EVENT_TYPES, MODALITIES, STANCES


class FilterError(ValueError):
    """A filter value that cannot be used, with a message naming the filter."""


@dataclass(frozen=True)
class Filter:
    """One way to select events.

    ``kind`` is one of text, choice, quad_class, date, country, bbox, flag; ``sql`` is a condition
    over ``events e`` (and ``articles a`` when ``articles``) whose ``?`` are bound to
    ``binds(value)``; ``facet`` is the SQL expression the page counts the selection by (over
    ``sources s`` for the first source's values), when the filter has a facet.
    """

    name: str
    kind: str
    sql: str
    help: str
    binds: Callable[[Any], list[Any]] = lambda value: [value]
    choices: tuple[Any, ...] = ()
    facet: str | None = None
    articles: bool = False


def like(words: str) -> str:
    """An ``ILIKE ... ESCAPE '\\'`` pattern matching ``words`` anywhere, wildcards escaped.

    >>> like("50%_off")
    '%50\\\\%\\\\_off%'
    """
    escaped = words.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _contains(*columns: str) -> str:
    return " OR ".join(f"{column} ILIKE ? ESCAPE '\\'" for column in columns)


_PARTICIPANT = ("EXISTS (SELECT 1 FROM event_actors x WHERE x.event_id = e.id AND {role} AND "
                f"({_contains('x.name', 'x.text')} OR x.actor_id = ?))")

QUAD_CLASSES = {1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict",
                4: "material conflict"}

FILTERS: dict[str, Filter] = {f.name: f for f in (
    Filter("text", "text", f"({_contains('e.sentence_text')})", "Words in the event's sentence.",
           lambda v: [like(v)]),
    Filter("actor", "text", _PARTICIPANT.format(role="TRUE"), "Name, mention text or id of any participant.",
           lambda v: [like(v), like(v), v]),
    Filter("recipient", "text", _PARTICIPANT.format(role="x.role = 'recipient'"),
           "Name, mention text or id of a recipient.", lambda v: [like(v), like(v), v]),
    Filter("type", "choice", "e.type = ?", "PLOVER event type, or STATEMENT (CAMEO 01-02, no PLOVER type).",
           choices=EVENT_TYPES, facet="e.type"),
    Filter("quad_class", "quad_class", "e.quad_class = ?",
           "; ".join(f"{n} {label}" for n, label in QUAD_CLASSES.items()) + ".",
           choices=tuple(QUAD_CLASSES), facet="e.quad_class"),
    Filter("country", "country",
           "(EXISTS (SELECT 1 FROM event_actors x WHERE x.event_id = e.id AND x.country = ?) "
           "OR e.place_country = ?)",
           "Country of a participant or of the place: ISO 3166 alpha-3 code (e.g. PER) or name.",
           lambda v: [v, v], facet="e.place_country"),
    Filter("since", "date", "coalesce(e.time_end, e.published) >= ?", "Events on or after this date (YYYY-MM-DD)."),
    Filter("until", "date", "coalesce(e.time_begin, e.published) <= ?", "Events on or before this date (YYYY-MM-DD)."),
    Filter("place", "text", f"({_contains('e.place_name', 'e.place_text')})",
           "Place name or its text in the article.", lambda v: [like(v), like(v)]),
    Filter("bbox", "bbox",
           "e.lat BETWEEN ? AND ? AND ((? <= ? AND e.lon BETWEEN ? AND ?) OR (? > ? AND (e.lon >= ? OR e.lon <= ?)))",
           "Map area: west,south,east,north in degrees (west > east crosses the antimeridian; south above "
           "north selects nothing).",
           lambda b: [b[1], b[3], *[b[0], b[2]] * 4]),
    Filter("source", "text",
           f"({_contains('e.outlet')} OR EXISTS (SELECT 1 FROM sources s WHERE s.event_id = e.id AND "
           f"({_contains('s.actor_name', 's.outlet')} OR s.actor_id = ?)))",
           "Source name or outlet, or the article's outlet.", lambda v: [like(v)] * 3 + [v]),
    Filter("stance", "choice", "EXISTS (SELECT 1 FROM sources s WHERE s.event_id = e.id AND s.stance = ?)",
           "Stance of a source (facet: of the first source).", choices=STANCES, facet="s.stance"),
    Filter("outlet", "text", "e.outlet = ?", "The article's outlet, exactly.", facet="e.outlet"),
    Filter("modality", "choice", "e.modality = ?", "How the text presents the event.",
           choices=MODALITIES, facet="e.modality"),
    Filter("story", "text", "(a.story_id = ? OR e.story_event_id = ?)", "Story id.", lambda v: [v, v],
           articles=True),
    Filter("article", "text", "e.article_id = ?", "Article id."),
    Filter("happened", "flag", "NOT e.negated AND e.modality IN ('asserted', 'reported_speech')",
           "Only events asserted as having happened.", lambda v: []),
)}
"""Every event filter, in the order the CLI and the docs list them."""


def parse(name: str, raw: Any) -> Any:
    """A user's value for filter ``name``, checked and normalised; :class:`FilterError` naming
    the filter and what it accepts otherwise.  ``None`` and ``""`` mean 'no filter'."""
    if raw is None or raw == "":
        return None
    kind = FILTERS[name].kind
    return PARSERS[kind](name, raw)


def _choice(name: str, raw: Any) -> str:
    choices = FILTERS[name].choices
    found = {choice.lower(): choice for choice in choices}.get(str(raw).strip().lower())
    if found is None:
        raise FilterError(f"{name}: unknown value {raw!r}; choose from {', '.join(choices)}")
    return found


def _quad_class(name: str, raw: Any) -> int:
    try:
        value = int(raw)
    except (TypeError, ValueError):
        value = 0
    if value not in QUAD_CLASSES:
        raise FilterError(f"{name}: must be 1, 2, 3 or 4 ({FILTERS[name].help}), got {raw!r}")
    return value


def _date(name: str, raw: Any) -> dt.date:
    if isinstance(raw, dt.date):
        return raw
    try:
        return dt.date.fromisoformat(str(raw))
    except ValueError:
        raise FilterError(f"{name}: must be a date like 2018-02-04, got {raw!r}") from None


def _bbox(name: str, raw: Any) -> tuple[float, float, float, float]:
    """``west,south,east,north`` in degrees, checked."""
    if isinstance(raw, tuple):
        raw = ",".join(map(str, raw))
    try:
        west, south, east, north = (float(part) for part in str(raw).split(","))
    except ValueError:
        raise FilterError(f"{name}: expected west,south,east,north in degrees, got {raw!r}") from None
    if not all(math.isfinite(v) for v in (west, south, east, north)) or not (
        -180 <= west <= 180 and -180 <= east <= 180 and -90 <= south <= 90 and -90 <= north <= 90
    ):
        raise FilterError(f"{name}: longitudes must lie in [-180, 180] and latitudes in "
                          f"[-90, 90], got {raw!r}")
    return west, south, east, north


def _country(name: str, raw: Any) -> str:
    """An ISO 3166 alpha-3 code as given (upper-cased), or the code of a country's name."""
    text = str(raw).strip()
    if len(text) == 3 and text.isascii() and text.isalpha():
        return text.upper()
    code = country_codes().get(text.casefold())
    if code is None:
        raise FilterError(f"{name}: {raw!r} is not a country name we know; use its ISO 3166 "
                          "alpha-3 code (e.g. ISR for Israel, PER for Peru)")
    return code


@functools.cache
def country_names() -> dict[str, str]:
    """Country names as written (pycountry's names and the actors dictionary's names and
    aliases), with their ISO 3166 alpha-3 codes."""
    import pycountry

    names = {}
    for country in pycountry.countries:
        for attribute in ("name", "official_name", "common_name"):
            if getattr(country, attribute, None):
                names[getattr(country, attribute)] = country.alpha_3
    columns = ("iso3", "name", "aliases", "demonyms", "capitals")
    for _, row in read_tsv(data_path("actors", "countries.tsv"), columns):
        for known in (row["name"], *row["aliases"].split("|")):
            if known:
                names[known] = row["iso3"]
    return names


@functools.cache
def country_codes() -> dict[str, str]:
    """:func:`country_names` case folded."""
    return {name.casefold(): code for name, code in country_names().items()}


PARSERS: dict[str, Callable[[str, Any], Any]] = {
    "text": lambda name, raw: str(raw),
    "choice": _choice,
    "quad_class": _quad_class,
    "date": _date,
    "country": _country,
    "bbox": _bbox,
    "flag": lambda name, raw: bool(raw) or None,
}
"""How a value of each kind of filter is checked and normalised."""


def facet_expressions() -> dict[str, str]:
    """The facet expression of each filter that has one."""
    return {f.name: f.facet for f in FILTERS.values() if f.facet}
