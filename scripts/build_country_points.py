"""Write ``src/tidings/data/geo/country_points.tsv``: one representative point per country.

The point is the area centroid of the country's largest polygon (its mainland) in Natural
Earth's 1:50m shapes, read from the npm package ``world-atlas`` (see ``scripts/world_atlas.py``).
Such a point lies near where gazetteers put a country, unlike the population-weighted centre of
its cities, which sits in its most populous region.

    python scripts/build_country_points.py                 # npm pack world-atlas@2.0.2
    python scripts/build_country_points.py node_modules/world-atlas
"""

from __future__ import annotations

import sys
from pathlib import Path

from world_atlas import DATA, VERSION, decode, topology

OUT = DATA / "country_points.tsv"


def ring_centroid(ring: list[list[float]]) -> tuple[float, float, float]:
    """Area and centroid (lon, lat) of a closed ring, by the shoelace formula in degrees; a ring
    across the antimeridian is unwrapped first and its centroid wrapped back."""
    if max(x for x, _ in ring) - min(x for x, _ in ring) > 180:
        ring = [[x + 360 if x < 0 else x, y] for x, y in ring]
    area = cx = cy = 0.0
    for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1]):
        cross = x0 * y1 - x1 * y0
        area += cross
        cx += (x0 + x1) * cross
        cy += (y0 + y1) * cross
    area /= 2
    if area == 0:
        return 0.0, ring[0][0], ring[0][1]
    lon = cx / (6 * area)
    return abs(area), (lon + 180) % 360 - 180, cy / (6 * area)


def main(argv: list[str]) -> None:
    collection = decode(topology("countries-50m.json", Path(argv[0]) if argv else None), digits=3)
    largest: dict[str, tuple[float, float, float]] = {}  # iso3 -> (area, lon, lat)
    for feature in collection["features"]:
        iso3 = feature["properties"]["iso3"]
        if not iso3:
            continue
        for polygon in feature["geometry"]["coordinates"]:
            largest[iso3] = max(largest.get(iso3, (0.0, 0.0, 0.0)), ring_centroid(polygon[0]))
    lines = ["iso3\tlat\tlon\tsource"] + [
        f"{iso3}\t{lat:.3f}\t{lon:.3f}\tcentroid of the largest polygon, Natural Earth 1:50m via world-atlas {VERSION}"
        for iso3, (_, lon, lat) in sorted(largest.items())
    ]
    OUT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {len(largest)} countries to {OUT}")


if __name__ == "__main__":
    main(sys.argv[1:])
