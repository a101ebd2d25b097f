"""Write ``src/tidings/data/geo/nominal_points.tsv``: the nominal centre of each country and
subdivision, by ISO code, as a gazetteer lists it.

The points are read from the PyPI package ``countrystatecity-countries`` (data of the
countries-states-cities database, ODbL 1.0), installed only to run this script::

    pip install countrystatecity-countries==2.0.1
    python scripts/build_nominal_points.py [DATA_DIR]

``DATA_DIR`` defaults to the installed package's ``data`` folder (``countries.json`` and
``by-country/XX/states.json``).
"""

from __future__ import annotations

import json
import sys
from importlib import resources
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "src" / "tidings" / "data" / "geo" / "nominal_points.tsv"
SOURCE = "countrystatecity-countries 2.0.1 (countries-states-cities database, ODbL 1.0)"


def _point(record: dict) -> tuple[float, float] | None:
    try:
        lat, lon = float(record["latitude"]), float(record["longitude"])
    except (KeyError, TypeError, ValueError):
        return None
    return (lat, lon) if -90 <= lat <= 90 and -180 <= lon <= 180 else None


def rows(data: Path) -> list[tuple[str, float, float]]:
    """(ISO code, lat, lon) of every country (ISO 3166-1 alpha-3) and subdivision (3166-2)."""
    found = []
    for country in json.loads((data / "countries.json").read_text(encoding="utf-8")):
        point = _point(country)
        if point and country.get("iso3"):
            found.append((country["iso3"], *point))
    for states in sorted((data / "by-country").glob("*/states.json")):
        for state in json.loads(states.read_text(encoding="utf-8")):
            point = _point(state)
            if point and state.get("iso3166_2"):
                found.append((state["iso3166_2"], *point))
    first = {}
    for code, lat, lon in found:  # a code listed twice keeps its first point
        first.setdefault(code, (lat, lon))
    return sorted((code, lat, lon) for code, (lat, lon) in first.items())


def main() -> None:
    data = Path(sys.argv[1]) if len(sys.argv) > 1 else \
        Path(str(resources.files("countrystatecity_countries"))) / "data"
    found = rows(data)
    header = [f"# Nominal centres of countries and subdivisions, from {SOURCE}.",
              "# Written by scripts/build_nominal_points.py; see data/SOURCES.md.",
              "# code\tlat\tlon"]
    lines = header + [f"{code}\t{lat:.4f}\t{lon:.4f}" for code, lat, lon in found]
    OUT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {len(found)} points to {OUT}")


if __name__ == "__main__":
    main()
