"""Country shapes for the map: ``data/geo/countries.geojson``, shipped inside the package.

The file is generated once from Natural Earth's 1:110m countries (via the npm package
``world-atlas``) by ``scripts/build_country_shapes.py``; its provenance is in ``data/SOURCES.md``.
Each feature carries the ISO 3166 alpha-3 code (``iso3``) the store uses.
"""

from __future__ import annotations

import functools
import json
from typing import Any

from ..datafiles import DataError, data_path

SHAPES = ("geo", "countries.geojson")


@functools.lru_cache(maxsize=1)
def countries() -> dict[str, Any]:
    """The world's countries as a GeoJSON FeatureCollection.

    >>> shapes = countries()
    >>> len(shapes["features"]) > 150, {"iso3", "name"} <= set(shapes["features"][0]["properties"])
    (True, True)
    """
    path = data_path(*SHAPES)
    try:
        shapes = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise DataError(path, 0, f"cannot read the country shapes ({error})") from None
    if shapes.get("type") != "FeatureCollection" or not shapes.get("features"):
        raise DataError(path, 0, "expected a GeoJSON FeatureCollection of countries")
    return shapes
