"""Readers of annotated toponym corpora, each giving rows of the places evaluator's JSONL shape:
``{"text": ..., "places": [{"start", "end", "text", "lat", "lon"}, ...]}``.

- ``jsonl``: the project's own fixture files (see :mod:`tidings.evaluation.places`).
- ``geovirus``: the GeoVirus XML (``<article>`` with ``<text>`` and ``<location>`` elements
  giving ``name``, character ``start``/``end``, ``lat`` and ``lon``).  The distributed file
  counts offsets from 1, so the name is looked for at its offsets and one character earlier.
- ``tudloc``: TUD-Loc 2013, a folder (or its zip) of ``textN.txt`` files with inline tags
  (``<CITY>``, ``<COUNTRY>``, ...) and a ``coordinates.csv`` (``docId;idx;offset;latitude;
  longitude;sourceId``) giving the point of the ``idx``-th tag, at ``offset`` in the text
  without tags.

A record that cannot be read (offsets outside the text, a name that does not match the text,
coordinates that are not numbers) is reported on stderr and skipped; the rest is scored.
"""

from __future__ import annotations

import csv
import io
import json
import re
import sys
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path
from xml.etree import ElementTree

from ..errors import InputError

Row = dict


def _skip(path: str, where: str, reason: str) -> None:
    sys.stderr.write(f"{path}: {where}: {reason}; skipped\n")


def read_jsonl(path: str) -> list[Row]:
    """The project's fixture format, one JSON object a line."""
    rows = []
    for number, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as error:
            raise InputError(path, f"line {number}: {error.msg}") from None
        if not isinstance(row.get("text"), str) or not isinstance(row.get("places"), list):
            raise InputError(path, f"line {number}: needs \"text\" and a \"places\" list")
        rows.append(row)
    return rows


def _gold_place(text: str, start: int, end: int, lat: str, lon: str) -> dict:
    """A gold toponym, checked against its text (ValueError says what is wrong)."""
    if not 0 <= start < end <= len(text):
        raise ValueError(f"offsets {start}-{end} outside the text")
    latitude, longitude = float(lat), float(lon)
    if not (-90 <= latitude <= 90 and -180 <= longitude <= 180):
        raise ValueError(f"coordinates out of range: {lat}, {lon}")
    return {"start": start, "end": end, "text": text[start:end], "lat": latitude,
            "lon": longitude}


_GEOVIRUS_SHIFTS = (1, 0)  # offsets counted from 1 (the distributed file), or from 0


def read_geovirus(path: str) -> list[Row]:
    """GeoVirus: one row per ``<article>`` element."""
    try:
        root = ElementTree.parse(path).getroot()
    except ElementTree.ParseError as error:
        raise InputError(path, f"not GeoVirus XML: {error}") from None
    rows = []
    for number, article in enumerate(root.iter("article"), start=1):
        text = article.findtext("text")
        if not text:
            _skip(path, f"article {number}", "no <text>")
            continue
        places = []
        for location in article.iter("location"):
            fields = {f: (location.findtext(f) or "").strip()
                      for f in ("name", "start", "end", "lat", "lon")}
            try:
                start, end = int(fields["start"]), int(fields["end"])
                shift = next((s for s in _GEOVIRUS_SHIFTS
                              if text[start - s:end - s] == fields["name"]), None)
                if shift is None:
                    raise ValueError("the name is not at its offsets")
                places.append(_gold_place(text, start - shift, end - shift,
                                          fields["lat"], fields["lon"]))
            except ValueError as error:
                _skip(path, f"article {number} location {fields['name']!r}", str(error))
        rows.append({"text": text, "places": sorted(places, key=lambda p: p["start"])})
    if not rows:
        raise InputError(path, "no <article> with a <text>", "is this the GeoVirus XML?")
    return rows


_TAG = re.compile(r"<(/?)([A-Z]+)(?:\s[^>]*)?>")


def _untag(tagged: str) -> tuple[str, dict[int, tuple[int, str]]]:
    """The text without inline tags, and the end and tag name of each tagged span by start."""
    parts, spans, opened, length, last = [], {}, [], 0, 0
    for match in _TAG.finditer(tagged):
        parts.append(tagged[last:match.start()])
        length += match.start() - last
        last = match.end()
        if match.group(1):
            if opened:
                start, tag = opened.pop()
                spans[start] = (length, tag)
        else:
            opened.append((length, match.group(2)))
    parts.append(tagged[last:])
    return "".join(parts), spans


def _tudloc_files(path: str) -> dict[str, str]:
    """Name -> content of the texts and coordinates.csv of the first folder holding both."""
    source = Path(path)
    if source.is_dir():
        members = {p.relative_to(source).as_posix(): p for p in source.rglob("*") if p.is_file()}
        read: Callable[[str], str] = lambda m: members[m].read_text(encoding="utf-8")  # noqa: E731
    elif zipfile.is_zipfile(source):
        archive = zipfile.ZipFile(source)
        members = {m: m for m in archive.namelist()}
        read = lambda m: archive.read(m).decode("utf-8")  # noqa: E731
    else:
        raise InputError(path, "neither a folder nor a zip archive", "give TUD-Loc's folder or zip")
    tables = sorted(m for m in members if m.endswith("coordinates.csv"))
    if not tables:
        raise InputError(path, "no coordinates.csv", "is this TUD-Loc 2013?")
    folder = tables[0][: -len("coordinates.csv")]
    texts = {m[len(folder):]: read(m) for m in members
             if m.startswith(folder) and m.endswith(".txt") and "/" not in m[len(folder):]}
    texts["coordinates.csv"] = read(tables[0])
    return texts


def _coordinate_rows(path: str, table: str) -> Iterator[dict[str, str]]:
    reader = csv.DictReader(io.StringIO(table), delimiter=";")
    need = {"docId", "idx", "offset", "latitude", "longitude"}
    if not need <= set(reader.fieldnames or ()):
        raise InputError(path, f"coordinates.csv needs the columns {', '.join(sorted(need))}")
    yield from reader


def read_tudloc(path: str) -> list[Row]:
    """TUD-Loc 2013: one row per text; a tag with coordinates is a gold toponym (its tag is the
    ``kind``), a tag without is left out of the scores (``ignore``)."""
    files = _tudloc_files(path)
    points: dict[str, list[dict[str, str]]] = {}
    for record in _coordinate_rows(path, files.pop("coordinates.csv")):
        points.setdefault(record["docId"], []).append(record)
    rows = []
    for name in sorted(files, key=lambda n: (len(n), n)):
        text, spans = _untag(files[name])
        places, ignore = [], []
        for record in points.get(name, ()):
            start = int(record["offset"])
            if start not in spans:
                _skip(path, f"{name} offset {start}", "no tag starts there")
                continue
            end, tag = spans[start]
            if not (record["latitude"] and record["longitude"]):
                ignore.append([start, end])
                continue
            try:
                place = _gold_place(text, start, end, record["latitude"], record["longitude"])
            except ValueError as error:
                _skip(path, f"{name} offset {start}", str(error))
                continue
            places.append({**place, "kind": tag.lower()})
        rows.append({"text": text, "places": places, "ignore": ignore})
    return rows


READERS: dict[str, Callable[[str], list[Row]]] = {
    "jsonl": read_jsonl, "geovirus": read_geovirus, "tudloc": read_tudloc,
}
