"""Evaluation of the geo stage: toponym recall and resolution accuracy on a JSONL fixture file.

Each line: ``{"text": ..., "places": [{"start", "end", "text", "lat", "lon", "geonameid",
"country", "kind", ...}], "ignore": [[start, end], ...]}``.  ``ignore`` marks toponyms left
unannotated (a prediction there is neither right nor wrong).  A gold toponym is *found* when a
predicted place overlaps it; it is *resolved* when that place lies within 161 km (100 miles)
of the gold point or carries the gold GeoNames id.
"""

from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path

from ..errors import InputError
from ..geo.resolve import haversine_km
from .metrics import PRF, Accuracy, Report

KM_LIMIT = 161.0


def _read(path: str) -> list[dict]:
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


def _overlap(a_start: int, a_end: int, b_start: int, b_end: int) -> int:
    return max(0, min(a_end, b_end) - max(a_start, b_start))


def evaluate(path: str, pipeline=None) -> Report:
    """Score the pipeline's places against the gold toponyms in ``path``."""
    from ..pipeline import Pipeline

    rows = _read(path)
    pipeline = pipeline or Pipeline()
    names = pipeline.nlp.pipe_names
    later = names[names.index("tidings_geo") + 1:] if "tidings_geo" in names else []
    with pipeline.nlp.select_pipes(disable=later):  # places need nothing that runs later
        found = [list(doc._.places or ()) for doc in pipeline.nlp.pipe(r["text"] for r in rows)]
    detection = PRF()
    within, within_all, exact = Accuracy(), Accuracy(), Accuracy()
    by_kind: dict[str, Accuracy] = defaultdict(Accuracy)
    report = Report(stage="places", items=0)
    for row, predicted in zip(rows, found):
        matched: set[int] = set()
        for gold in row["places"]:
            report.items += 1
            overlaps = [(_overlap(gold["start"], gold["end"], p.start, p.end), i)
                        for i, p in enumerate(predicted)]
            overlaps = [(size, i) for size, i in overlaps if size > 0]
            if not overlaps:
                detection.fn += 1
                within_all.add(False)
                report.errors.append(f"missed {gold['text']!r}: {row['text'][:90]}")
                continue
            detection.tp += 1
            index = max(overlaps)[1]
            matched.add(index)
            place = predicted[index]
            same_id = gold.get("geonameid") is not None and place.geonameid == gold["geonameid"]
            near = place.lat is not None and haversine_km(
                gold["lat"], gold["lon"], place.lat, place.lon) <= KM_LIMIT
            within.add(near or same_id)
            within_all.add(near or same_id)
            by_kind[gold.get("kind") or "unknown"].add(near or same_id)
            if gold.get("geonameid") is not None:
                exact.add(same_id)
            if not (near or same_id):
                report.confusion[(gold.get("country") or "-", place.country or "-")] += 1
                report.errors.append(
                    f"{gold['text']!r}: expected {gold.get('name')} ({gold.get('country')}), "
                    f"got {place.name} ({place.country}, {place.admin1})")
        ignored = [tuple(span) for span in row.get("ignore", ())]
        for i, place in enumerate(predicted):
            if i not in matched and not any(_overlap(s, e, place.start, place.end)
                                            for s, e in ignored):
                detection.fp += 1
    report.scores = {
        "accuracy_161km": round(within.value, 4),
        "accuracy_161km_all": round(within_all.value, 4),
        "exact_id_accuracy": round(exact.value, 4),
        "toponym_recall": round(detection.recall, 4),
        "toponym_precision": round(detection.precision, 4),
    }
    report.tables = {
        "detection": {"toponyms": detection.as_row()},
        "accuracy_161km_by_kind": {kind: {"accuracy": round(acc.value, 4), "total": acc.total}
                                   for kind, acc in sorted(by_kind.items())},
    }
    return report
