"""Natural Earth country shapes from the npm package ``world-atlas`` (TopoJSON), decoded to
GeoJSON whose features carry the ISO 3166 alpha-3 code the store uses.

Used by the scripts that generate ``src/tidings/data/geo/countries.geojson`` and
``country_points.tsv``; tidings itself never reads the npm package.  The package comes from
``npm pack world-atlas@VERSION`` (only npm itself is needed, once, by whoever regenerates), or
from a folder given on the command line.
"""

from __future__ import annotations

import json
import subprocess
import tarfile
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pycountry

VERSION = "2.0.2"
DATA = Path(__file__).resolve().parents[1] / "src" / "tidings" / "data" / "geo"


def topology(name: str, package: Path | None = None) -> dict[str, Any]:
    """The TopoJSON ``name`` (e.g. ``countries-110m.json``) of world-atlas: from ``package`` (an
    unpacked package folder) or from the tarball npm packs."""
    if package is not None:
        return json.loads((package / name).read_text(encoding="utf-8"))
    with tempfile.TemporaryDirectory() as folder:
        subprocess.run(["npm", "pack", f"world-atlas@{VERSION}", "--silent"], cwd=folder, check=True,
                       stdout=subprocess.DEVNULL)
        [tarball] = Path(folder).glob("world-atlas-*.tgz")
        with tarfile.open(tarball) as archive:
            member = archive.extractfile(f"package/{name}")
            return json.loads(member.read().decode("utf-8"))


def _decode_arcs(topology: dict[str, Any], digits: int) -> list[list[tuple[float, float]]]:
    """Absolute, rounded coordinates of every arc of a quantized topology."""
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points: list[tuple[float, float]] = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            point = (round(x * sx + tx, digits), round(y * sy + ty, digits))
            if not points or points[-1] != point:
                points.append(point)
        arcs.append(points)
    return arcs


def _ring(indexes: list[int], arcs: list[list[tuple[float, float]]]) -> list[tuple[float, float]]:
    """A closed ring joined from arcs; ``~i`` means arc ``i`` reversed."""
    ring: list[tuple[float, float]] = []
    for index in indexes:
        points = arcs[index] if index >= 0 else arcs[~index][::-1]
        ring.extend(points[1:] if ring else points)
    return ring


def _polygons(geometry: dict[str, Any]) -> Iterator[list[list[int]]]:
    if geometry["type"] == "Polygon":
        yield geometry["arcs"]
    elif geometry["type"] == "MultiPolygon":
        yield from geometry["arcs"]


def _alpha3(numeric: str | None) -> str | None:
    country = pycountry.countries.get(numeric=numeric) if numeric else None
    return country.alpha_3 if country else None


def decode(topology: dict[str, Any], digits: int = 2) -> dict[str, Any]:
    """The ``countries`` object of a world-atlas topology as a GeoJSON FeatureCollection.

    >>> topology = {"transform": {"scale": [1, 1], "translate": [0, 0]},
    ...             "arcs": [[[0, 0], [1, 0], [0, 1], [-1, 0], [0, -1]]],
    ...             "objects": {"countries": {"geometries": [
    ...                 {"type": "Polygon", "id": "250", "arcs": [[0]], "properties": {"name": "France"}}]}}}
    >>> feature = decode(topology)["features"][0]
    >>> feature["properties"], feature["geometry"]["coordinates"][0][0][:3]
    ({'iso3': 'FRA', 'name': 'France'}, [[0, 0], [1, 0], [1, 1]])
    """
    arcs = _decode_arcs(topology, digits)
    features = []
    for geometry in topology["objects"]["countries"]["geometries"]:
        polygons = [[[list(p) for p in _ring(ring, arcs)] for ring in polygon]
                    for polygon in _polygons(geometry)]
        if not polygons:
            continue
        features.append({
            "type": "Feature",
            "properties": {"iso3": _alpha3(geometry.get("id")),
                           "name": geometry.get("properties", {}).get("name")},
            "geometry": {"type": "MultiPolygon", "coordinates": polygons},
        })
    return {"type": "FeatureCollection", "features": features}
