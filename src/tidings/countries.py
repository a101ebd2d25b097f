"""Countries as project data: pycountry's list plus ``data/actors/countries.tsv`` (short names,
aliases, demonyms, seats of government), read through :mod:`tidings.datafiles`.

Shared data, not a stage: the actors stage builds its names from it, the geo stage its
demonyms and country names, neither through the other.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pycountry

from .datafiles import DataError, data_path, read_tsv

COUNTRIES_FILE = data_path("actors", "countries.tsv")
COLUMNS = ("iso3", "name", "aliases", "demonyms", "capitals")


@dataclass(frozen=True, slots=True)
class CountryRow:
    """One row of the countries file."""

    iso3: str
    name: str
    aliases: tuple[str, ...]
    demonyms: tuple[str, ...]
    capitals: tuple[str, ...]


def split_cell(cell: str) -> list[str]:
    """The ``|``-separated values of a cell."""
    return [part.strip() for part in cell.split("|") if part.strip()]


def iso3_cell(path: Path, line: int, text: str, *, optional: bool = False) -> str | None:
    """A cell holding an ISO 3166-1 alpha-3 code (empty allowed when ``optional``)."""
    if not text and optional:
        return None
    if not re.fullmatch(r"[A-Z]{3}", text):
        raise DataError(path, line, f"bad country code {text!r} (want ISO 3166-1 alpha-3)")
    return text


@lru_cache(maxsize=4)
def country_rows(path: Path = COUNTRIES_FILE) -> tuple[CountryRow, ...]:
    """The checked rows of a countries file, in file order."""
    rows = []
    for line, row in read_tsv(path, COLUMNS):
        iso3 = iso3_cell(path, line, row["iso3"])
        if not row["name"]:
            raise DataError(path, line, "country name missing")
        rows.append(CountryRow(iso3, row["name"], tuple(split_cell(row["aliases"])),
                               tuple(split_cell(row["demonyms"])),
                               tuple(split_cell(row["capitals"]))))
    return tuple(rows)


def country_names(path: Path = COUNTRIES_FILE) -> dict[str, str]:
    """ISO3 -> the short name news uses ("Russia"): the file's name, else pycountry's."""
    names = {c.alpha_3: getattr(c, "common_name", c.name) for c in pycountry.countries}
    names.update((row.iso3, row.name) for row in country_rows(path))
    return names


def demonyms(path: Path = COUNTRIES_FILE) -> dict[str, str]:
    """Demonym (its words joined by single spaces) -> ISO3; a demonym listed twice goes to the
    later row."""
    return {" ".join(demonym.split()): row.iso3 for row in country_rows(path)
            for demonym in row.demonyms}
