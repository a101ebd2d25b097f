"""Evaluate time expressions against a JSONL fixture file: ``tidings eval times FILE``.

Each line is one text with its publication date and the expressions expected in it::

    {"text": "Prices rose last month.", "published": "2018-02-04",
     "times": [{"text": "last month", "value": "2018-01", "kind": "relative"}]}

An expected expression may also give ``begin`` and ``end`` (ISO dates, or null), and
``occurrence`` (1 = first) when its text appears more than once.  Scores: span precision,
recall and F1 for exact and overlapping spans; value accuracy over the expected expressions
whose span was found; value F1 (a found span with the right value counts); interval accuracy
over expected expressions that give begin and end.  The table ``kinds`` breaks value results
down by the ``kind`` each expected expression names.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import InputError
from ..ingest import make_article
from ..model import TimeExpr
from .metrics import PRF, Accuracy, Report


@dataclass(frozen=True)
class Expected:
    """One expected expression: offsets in its text, value, optional interval and kind."""

    start: int
    end: int
    text: str
    value: str | None
    begin: str | None
    end_date: str | None
    has_interval: bool
    kind: str


def _locate(text: str, phrase: str, occurrence: int, where: str) -> int:
    start = -1
    for _ in range(occurrence):
        start = text.find(phrase, start + 1)
        if start < 0:
            raise InputError(where, f"expected expression {phrase!r} not in the text")
    return start


def load(path: str) -> list[tuple[dict[str, Any], list[Expected]]]:
    """The fixture items and their expected expressions, checked."""
    items = []
    lines = Path(path).read_text(encoding="utf-8").splitlines()
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        where = f"{path}:{number}"
        try:
            item = json.loads(line)
        except json.JSONDecodeError as error:
            raise InputError(where, f"not valid JSON ({error.msg})") from error
        if "text" not in item or "times" not in item:
            raise InputError(where, "each line needs 'text' and 'times'")
        expected = []
        for entry in item["times"]:
            start = _locate(item["text"], entry["text"], entry.get("occurrence", 1), where)
            expected.append(Expected(
                start, start + len(entry["text"]), entry["text"], entry.get("value"),
                entry.get("begin"), entry.get("end"), "begin" in entry or "end" in entry,
                entry.get("kind", "other"),
            ))
        items.append((item, expected))
    return items


def _overlaps(a: Expected, b: TimeExpr) -> bool:
    return a.start < b.end and b.start < a.end


def _pair(expected: list[Expected], found: list[TimeExpr]) -> list[tuple[Expected, TimeExpr]]:
    """One-to-one pairs of overlapping spans, the largest overlaps first."""
    options = sorted(
        ((min(e.end, f.end) - max(e.start, f.start), i, j)
         for i, e in enumerate(expected) for j, f in enumerate(found) if _overlaps(e, f)),
        reverse=True,
    )
    used_e: set[int] = set()
    used_f: set[int] = set()
    pairs = []
    for _, i, j in options:
        if i not in used_e and j not in used_f:
            used_e.add(i)
            used_f.add(j)
            pairs.append((expected[i], found[j]))
    return pairs


def _iso(value: Any) -> str | None:
    return value.isoformat() if value is not None else None


def evaluate(path: str, pipeline=None) -> Report:
    """Score the time stage of ``pipeline`` (a loaded one, or a new :class:`Pipeline`)."""
    from ..pipeline import Pipeline

    items = load(path)
    pipeline = pipeline or Pipeline()
    articles = [make_article(item["text"], published=item.get("published")) for item, _ in items]
    exact, overlap, value_f1 = PRF(), PRF(), PRF()
    value_accuracy, interval_accuracy = Accuracy(), Accuracy()
    kinds: dict[str, PRF] = {}
    report = Report(stage="times", items=len(items))
    for (item, expected), document in zip(items, pipeline.pipe(articles)):
        found = list(document.times)
        spans = {(f.start, f.end) for f in found}
        hits = sum((e.start, e.end) in spans for e in expected)
        exact.add(PRF(hits, len(found) - hits, len(expected) - hits))
        pairs = _pair(expected, found)
        overlap.add(PRF(len(pairs), len(found) - len(pairs), len(expected) - len(pairs)))
        right = 0
        for gold, guess in pairs:
            ok = gold.value == guess.value
            right += ok
            value_accuracy.add(ok)
            kinds.setdefault(gold.kind, PRF()).add(PRF(int(ok), int(not ok), int(not ok)))
            if not ok:
                report.confusion[(str(gold.value), str(guess.value))] += 1
                report.errors.append(
                    f"{item['text']!r}: {gold.text!r} expected {gold.value}, got "
                    f"{guess.value} for {guess.text!r}")
            if gold.has_interval:
                interval = (_iso(guess.begin), _iso(guess.end_date)) == (gold.begin, gold.end_date)
                interval_accuracy.add(interval)
                if not interval:
                    report.errors.append(
                        f"{item['text']!r}: {gold.text!r} expected {gold.begin}..{gold.end_date},"
                        f" got {_iso(guess.begin)}..{_iso(guess.end_date)}")
        paired_gold = {id(g) for g, _ in pairs}
        paired_found = {id(f) for _, f in pairs}
        for gold in expected:
            if id(gold) not in paired_gold:
                kinds.setdefault(gold.kind, PRF()).add(PRF(0, 0, 1))
                report.errors.append(f"{item['text']!r}: missed {gold.text!r} ({gold.value})")
        for guess in found:
            if id(guess) not in paired_found:
                report.errors.append(
                    f"{item['text']!r}: spurious {guess.text!r} ({guess.value})")
        value_f1.add(PRF(right, len(found) - right, len(expected) - right))
    report.scores = {
        "span_exact_f1": round(exact.f1, 4),
        "span_overlap_precision": round(overlap.precision, 4),
        "span_overlap_recall": round(overlap.recall, 4),
        "span_overlap_f1": round(overlap.f1, 4),
        "value_accuracy": round(value_accuracy.value, 4),
        "value_precision": round(value_f1.precision, 4),
        "value_recall": round(value_f1.recall, 4),
        "value_f1": round(value_f1.f1, 4),
        "interval_accuracy": round(interval_accuracy.value, 4),
        "expected": sum(len(e) for _, e in items),
    }
    report.tables = {
        "spans": {"exact": exact.as_row(), "overlap": overlap.as_row(), "value": value_f1.as_row()},
        "kinds": {kind: prf.as_row() for kind, prf in sorted(kinds.items())},
    }
    return report
