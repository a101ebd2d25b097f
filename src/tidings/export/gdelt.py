"""A GDELT 2.0-like event table: the 61 tab-separated columns of GDELT's event export.

The column mapping, and where tidings departs from GDELT, is documented in ``docs/exports.md``.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from pathlib import Path
from typing import Any

from ..store import EventQuery, Store
from ..store.queries import Reader
from . import exporter

ACTOR_FIELDS = ("Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code",
                "Religion2Code", "Type1Code", "Type2Code", "Type3Code")
GEO_FIELDS = ("Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID")
COLUMNS: tuple[str, ...] = (
    "GlobalEventID", "Day", "MonthYear", "Year", "FractionDate",
    *(f"Actor1{f}" for f in ACTOR_FIELDS), *(f"Actor2{f}" for f in ACTOR_FIELDS),
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
    "NumMentions", "NumSources", "NumArticles", "AvgTone",
    *(f"{who}Geo_{f}" for who in ("Actor1", "Actor2", "Action") for f in GEO_FIELDS),
    "DATEADDED", "SOURCEURL",
)
"""GDELT 2.0's event columns, in its order."""

GEO_TYPES = {"country": 1, "admin1": 5, "admin2": 4, "city": 4, "point": 4}
"""GDELT geo types (1 country, 2 US state, 3 US city, 4 world city, 5 world state) by precision."""

CODE_PART = re.compile(r"^[A-Z]{3}$")
WHITESPACE = re.compile(r"[\t\r\n]+")
"""Tabs and line breaks inside a cell, written as a space (GDELT's files have no escaping)."""


def global_event_id(event_id: str) -> int:
    """A stable 60-bit integer for a tidings event id (GDELT ids are integers).

    >>> global_event_id("abc") == global_event_id("abc") != global_event_id("abd")
    True
    """
    return int(hashlib.sha1(event_id.encode("utf-8")).hexdigest()[:15], 16)


def _actor(participant: dict[str, Any] | None) -> list[Any]:
    if participant is None:
        return [""] * len(ACTOR_FIELDS)
    country = participant["country"] or ""
    types = [s.upper() for s in participant["sector"] or [] if CODE_PART.match(s.upper())]
    name = (participant["name"] or participant["text"] or "").upper()
    return [country + "".join(types), name, country, "", "", "", "", *(types + ["", "", ""])[:3]]


def _action_geo(row: dict[str, Any]) -> list[Any]:
    if not row["place_name"]:
        return [""] * len(GEO_FIELDS)
    geo_type = GEO_TYPES.get(row["place_precision"] or "", "")
    if row["place_country"] == "USA" and geo_type in (4, 5):
        geo_type = 3 if geo_type == 4 else 2
    full_name = ", ".join(p for p in (row["place_name"], row["place_admin1"], row["place_country"]) if p)
    adm1 = f"{row['place_country']}{row['place_admin1']}" if row["place_country"] and row["place_admin1"] else (
        row["place_country"] or "")
    return [geo_type, full_name, row["place_country"] or "", adm1, "", _number(row["lat"]),
            _number(row["lon"]), row["geonameid"] if row["geonameid"] is not None else ""]


def _number(value: float | None) -> str:
    return "" if value is None else f"{value:.4f}"


def gdelt_row(row: dict[str, Any]) -> list[Any]:
    """The 61 GDELT columns of one event from :meth:`Reader.records`."""
    date = dt.date.fromisoformat(row["date"]) if row["date"] else None
    day_columns = ["", "", "", ""] if date is None else [
        date.strftime("%Y%m%d"), date.strftime("%Y%m"), date.year,
        f"{date.year + (date.timetuple().tm_yday - 1) / 365:.4f}"]
    actor1 = (row["actor_list"] or [None])[0]
    actor2 = next((r for r in row["recipient_list"] or [] if _key(r) != _key(actor1)), None)  # no self-pairs
    cameo = row["cameo"] or ""
    added = dt.datetime.fromisoformat(row["ingested_at"]).strftime("%Y%m%d%H%M%S") if row["ingested_at"] else ""
    return [
        global_event_id(row["id"]), *day_columns,
        *_actor(actor1), *_actor(actor2),
        int(bool(row["in_lead"])), cameo, cameo[:3], cameo[:2], row["quad_class"],
        "" if row["goldstein"] is None else row["goldstein"],
        row["mentions"], row["mention_outlets"], row["mention_articles"], "",
        *[""] * len(GEO_FIELDS), *[""] * len(GEO_FIELDS), *_action_geo(row),
        added, row["url"] or "",
    ]


def _key(participant: dict[str, Any] | None) -> str | None:
    """What makes two participants the same actor: their id, else their name."""
    return participant and (participant["id"] or participant["name"] or participant["text"])


@exporter("gdelt")
def export_gdelt(store: Store, query: EventQuery, out: Path) -> int:
    """Write the selected events as GDELT 2.0-like TSV (no header row, like GDELT's files)."""
    written = 0
    with out.open("w", encoding="utf-8", newline="") as handle:
        for row in Reader(store.con).records(query):
            written += 1
            handle.write("\t".join(WHITESPACE.sub(" ", str(cell)) for cell in gdelt_row(row)) + "\n")
    return written
