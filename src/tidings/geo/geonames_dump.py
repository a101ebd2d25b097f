"""The base index compiled from a full GeoNames dump (``tidings geonames FILE``), which later
loads prefer to the one compiled from packages."""

from __future__ import annotations

import gzip
import io
import zipfile
from collections.abc import Iterator
from pathlib import Path

from ..compiled import cache_dir
from ..errors import InputError
from .gazetteer import IMPORTED_NAME, Gazetteer, _usable_alias, load_gazetteer

# Feature codes kept from a full dump, by kind; populated places are kept when inhabited.
DUMP_KINDS = {
    "PCLI": "country", "PCLD": "country", "PCLF": "country", "PCLS": "country",
    "PCLIX": "country", "PCL": "country", "TERR": "country",
    "ADM1": "admin1", "ADM2": "admin2",
    "RGN": "region", "PEN": "region", "DSRT": "region", "PLAT": "region", "VAL": "region",
    "ISLS": "region", "PSTB": "point", "CONT": "continent",
    "SEA": "water", "GULF": "water", "STRT": "water", "OCN": "water",
}


def _dump_lines(path: Path) -> Iterator[str]:
    """Lines of a GeoNames dump, plain text or zipped (the first .txt member)."""
    if path.suffix == ".zip":
        with zipfile.ZipFile(path) as archive:
            members = [m for m in archive.namelist() if m.endswith(".txt")
                       and not m.lower().startswith("readme")]
            if not members:
                raise InputError(str(path), "no .txt member in the archive")
            with archive.open(members[0]) as raw:
                yield from io.TextIOWrapper(raw, encoding="utf-8")
    elif path.suffix == ".gz":
        with gzip.open(path, "rt", encoding="utf-8") as handle:
            yield from handle
    else:
        with open(path, encoding="utf-8") as handle:
            yield from handle


def build_from_geonames(path: str | Path) -> Gazetteer:
    """Compile the base index from a GeoNames dump (the 19 tab-separated columns)."""
    import pycountry

    path = Path(path)
    alpha3_of = {c.alpha_2: c.alpha_3 for c in pycountry.countries}
    alpha3_of["XK"] = "XKX"
    rows: list[list[str]] = []
    for number, line in enumerate(_dump_lines(path), start=1):
        row = line.rstrip("\n").split("\t")
        if len(row) != 19:
            raise InputError(str(path), f"line {number}: expected 19 tab-separated columns, "
                             f"found {len(row)}", "use allCountries.zip or a country file")
        code = row[7]
        if code in DUMP_KINDS or (row[6] == "P" and (int(row[14] or 0) > 0 or
                                                     code in ("PPLC", "PPLA"))):
            rows.append(row)
    gazetteer = Gazetteer(source=f"geonames: {path.name}")
    rank = {"country": 0, "admin1": 1, "admin2": 2}
    rows.sort(key=lambda r: rank.get(DUMP_KINDS.get(r[7], "city"), 3))
    admin1_of: dict[tuple[str, str], int] = {}
    for row in rows:
        (gid, name, ascii_name, alternates, lat, lon, _cls, code, alpha2, _cc2, admin1,
         *_rest) = row
        kind = DUMP_KINDS.get(code, "city")
        country = alpha3_of.get(alpha2, "")
        parent = -1 if kind in ("country", "admin1") else admin1_of.get((alpha2, admin1), -1)
        aliases = [ascii_name, *(a for a in alternates.split(",") if _usable_alias(a))]
        index = gazetteer.add(
            name, kind, gid=int(gid), feature=code, country=country, parent=parent,
            lat=float(lat), lon=float(lon), population=int(row[14] or 0), aliases=aliases,
        )
        if kind == "country" and country and gazetteer.country_entry(country) is None:
            gazetteer.names[f"iso3 {country.lower()}"] = index
        elif kind == "admin1":
            admin1_of[(alpha2, admin1)] = index
        if code == "PPLC" and country:
            gazetteer.names[f"capital of {country.lower()}"] = index
    return gazetteer


def import_geonames(path: str) -> int:
    """Upgrade the gazetteer from a full GeoNames dump; returns how many places it holds.

    Later loads use the imported index instead of the one compiled from packages.
    """
    gazetteer = build_from_geonames(path)
    gazetteer.save(cache_dir() / IMPORTED_NAME)
    load_gazetteer.cache_clear()
    return len(gazetteer)
