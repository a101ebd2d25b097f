"""Evaluation of the geo stage: toponym recognition and resolution against gold toponyms.

Gold comes in one of the formats of :mod:`tidings.evaluation.place_corpora` (``jsonl``, the
project's fixtures; ``geovirus``; ``tudloc``).  A JSONL line is ``{"text": ..., "places":
[{"start", "end", "text", "lat", "lon", "geonameid", "country", "kind", ...}], "ignore":
[[start, end], ...]}``; ``ignore`` marks toponyms left unannotated (a prediction there is
neither right nor wrong).

Scores:
- recognition: a gold toponym is *found* when a predicted place overlaps it (precision, recall
  and F1; ``exact_*`` count only predictions with the gold span's bounds);
- ``accuracy_161km``: of the found toponyms, those resolved within 161 km (100 miles) of the gold
  point or to the gold GeoNames id; ``accuracy_161km_all`` counts the missed ones as wrong;
- ``accuracy_161km_gold_spans``: the gold spans resolved by :func:`tidings.geo.resolve_places`
  (one result per span, unknown names counted as wrong);
- ``gazetteer_coverage``: share of gold names the gazetteer holds; ``gazetteer_coverage_161km``:
  share with a candidate within 161 km (the best resolution could do).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from ..geo import default_resolver, resolve_places
from ..geo.resolve import haversine_km
from ..geo.toponyms import mentions_from_spans
from ..model import Place
from .metrics import PRF, Accuracy, Report
from .place_corpora import READERS

KM_LIMIT = 161.0
FORMATS = tuple(READERS)


def _overlap(a_start: int, a_end: int, b_start: int, b_end: int) -> int:
    return max(0, min(a_end, b_end) - max(a_start, b_start))


def _right(gold: dict, place: Place | None) -> bool:
    """Within 161 km of the gold point, or the gold GeoNames id."""
    if place is None:
        return False
    if gold.get("geonameid") is not None and place.geonameid == gold["geonameid"]:
        return True
    return place.lat is not None and haversine_km(
        gold["lat"], gold["lon"], place.lat, place.lon) <= KM_LIMIT


@dataclass
class _Tally:
    """What the evaluator counts while it goes through the rows."""

    report: Report
    detection: PRF = field(default_factory=PRF)
    exact_spans: PRF = field(default_factory=PRF)
    within: Accuracy = field(default_factory=Accuracy)
    within_all: Accuracy = field(default_factory=Accuracy)
    exact_id: Accuracy = field(default_factory=Accuracy)
    gold_spans: Accuracy = field(default_factory=Accuracy)
    covered: Accuracy = field(default_factory=Accuracy)
    covered_near: Accuracy = field(default_factory=Accuracy)
    by_kind: dict[str, Accuracy] = field(default_factory=lambda: defaultdict(Accuracy))

    def recognised(self, row: dict, predicted: list[Place]) -> None:
        """Score the places found in one row against its gold toponyms."""
        matched: set[int] = set()
        for gold in row["places"]:
            self.report.items += 1
            overlaps = [(_overlap(gold["start"], gold["end"], p.start, p.end), i)
                        for i, p in enumerate(predicted)]
            size, index = max(overlaps, default=(0, -1))
            if size == 0:
                self.detection.fn += 1
                self.within_all.add(False)
                self.report.errors.append(f"missed {gold['text']!r}: {row['text'][:90]}")
                continue
            self.detection.tp += 1
            matched.add(index)
            place = predicted[index]
            right = _right(gold, place)
            for accuracy in (self.within, self.within_all, self.by_kind[gold.get("kind") or "-"]):
                accuracy.add(right)
            if gold.get("geonameid") is not None:
                self.exact_id.add(place.geonameid == gold["geonameid"])
            if not right:
                self.report.confusion[(gold.get("country") or "-", place.country or "-")] += 1
                self.report.errors.append(
                    f"{gold['text']!r}: expected {gold.get('name') or gold['text']} "
                    f"({gold.get('country') or (gold['lat'], gold['lon'])}), "
                    f"got {place.name} ({place.country}, {place.admin1})")
        ignored = [tuple(span) for span in row.get("ignore", ())]
        for i, place in enumerate(predicted):
            if i not in matched and not any(_overlap(s, e, place.start, place.end)
                                            for s, e in ignored):
                self.detection.fp += 1
                self.report.errors.append(f"spurious {place.text!r} ({place.name}, "
                                          f"{place.country}): {row['text'][:90]}")
        self._exact(row, predicted, ignored)

    def _exact(self, row: dict, predicted: list[Place], ignored: list[tuple]) -> None:
        gold = {(g["start"], g["end"]) for g in row["places"]}
        found = {(p.start, p.end) for p in predicted
                 if not any(_overlap(s, e, p.start, p.end) for s, e in ignored)}
        self.exact_spans.add(PRF(tp=len(gold & found), fp=len(found - gold),
                                 fn=len(gold - found)))

    def given_spans(self, row: dict, resolved: list[Place | None]) -> None:
        """Score the resolution of one row's gold spans."""
        for gold, place in zip(row["places"], resolved):
            self.gold_spans.add(_right(gold, place))

    def coverage(self, row: dict, candidates: list[list[tuple[float, float]]]) -> None:
        """Count the gold names with candidates, and with one near the gold point."""
        for gold, points in zip(row["places"], candidates):
            self.covered.add(bool(points))
            self.covered_near.add(any(haversine_km(gold["lat"], gold["lon"], lat, lon)
                                      <= KM_LIMIT for lat, lon in points))

    def finish(self) -> Report:
        report = self.report
        report.scores = {
            "toponym_precision": round(self.detection.precision, 4),
            "toponym_recall": round(self.detection.recall, 4),
            "toponym_f1": round(self.detection.f1, 4),
            "exact_span_f1": round(self.exact_spans.f1, 4),
            "accuracy_161km": round(self.within.value, 4),
            "accuracy_161km_all": round(self.within_all.value, 4),
            "accuracy_161km_gold_spans": round(self.gold_spans.value, 4),
            "exact_id_accuracy": round(self.exact_id.value, 4),
            "gazetteer_coverage": round(self.covered.value, 4),
            "gazetteer_coverage_161km": round(self.covered_near.value, 4),
        }
        report.tables = {
            "detection": {"toponyms": self.detection.as_row(),
                          "exact spans": self.exact_spans.as_row()},
            "accuracy_161km_by_kind": {
                kind: {"accuracy": round(acc.value, 4), "total": acc.total}
                for kind, acc in sorted(self.by_kind.items())},
        }
        return report


def _found_places(pipeline, texts: list[str]) -> list[list[Place]]:
    names = pipeline.nlp.pipe_names
    later = names[names.index("tidings_geo") + 1:] if "tidings_geo" in names else []
    with pipeline.nlp.select_pipes(disable=later):  # places need nothing that runs later
        return [list(doc._.places or ()) for doc in pipeline.nlp.pipe(texts)]


def _candidate_points(resolver, text: str, spans: list[tuple[int, int]]
                      ) -> list[list[tuple[float, float]]]:
    """The coordinates of every gazetteer candidate of each span."""
    g = resolver.gazetteer
    return [[(g.lat[e], g.lon[e]) for e in resolver.candidates(mention).entries]
            for mention in mentions_from_spans(text, spans, resolver.rules)]


def evaluate(path: str, pipeline=None, fmt: str = "jsonl") -> Report:
    """Score the pipeline's places against the gold toponyms in ``path`` (format ``fmt``)."""
    from ..pipeline import Pipeline

    if fmt not in READERS:
        raise KeyError(f"unknown places format {fmt!r}; choose from {', '.join(READERS)}")
    rows = READERS[fmt](path)
    pipeline = pipeline or Pipeline()
    resolver = default_resolver()
    tally = _Tally(Report(stage="places", items=0))
    for row, predicted in zip(rows, _found_places(pipeline, [r["text"] for r in rows])):
        spans = [(g["start"], g["end"]) for g in row["places"]]
        tally.recognised(row, predicted)
        tally.given_spans(row, resolve_places(row["text"], spans))
        tally.coverage(row, _candidate_points(resolver, row["text"], spans))
    return tally.finish()
