"""Evaluate attribution: cue, source and content spans, and stances, against a JSONL fixture.

Each line of the fixture is one item::

    {"id": "s001", "text": "The ministry said troops fired on protesters.",
     "attributions": [{"cue": "said", "source": "The ministry",
                       "content": "troops fired on protesters", "stance": "reports"}]}

Spans are given as strings and found in the text (as whole words): the cue at its ``cue_nth``
occurrence (by default the k-th gold cue with the same text is its k-th occurrence), the source and content at the occurrence nearest the cue; or as ``[start, end]``
offsets.  ``source`` and ``content`` may be null.  Spans compare *exact* (same offsets once
edge punctuation is stripped) and by *overlap* (any shared character, one-to-one).  Stance
accuracy counts the gold cues a predicted cue overlaps.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path
from typing import Any

from ..ingest import make_article
from ..model import STANCES
from .metrics import PRF, Accuracy, Report

EDGE = " \t\n.,;:!?\"“”‘’'()—–-"
Offsets = tuple[int, int]


def evaluate(path: str, pipeline=None) -> Report:
    """Score the attribution stage on the fixture file at ``path``."""
    from ..pipeline import Pipeline

    pipeline = pipeline or Pipeline()
    items = [json.loads(line) for line in Path(path).read_text("utf-8").splitlines() if line.strip()]
    scores = {name: PRF() for name in (
        "cue_exact", "cue_overlap", "source_exact", "source_overlap", "content_exact", "content_overlap")}
    per_stance = {stance: PRF() for stance in STANCES}
    stance = Accuracy()
    confusion: Counter = Counter()
    errors: list[str] = []
    for item in items:
        text = item["text"]
        seen: Counter = Counter()
        gold = []
        for raw in item.get("attributions", ()):
            cue_key = raw["cue"] if isinstance(raw["cue"], str) else tuple(raw["cue"])
            gold.append(_gold(text, raw, item.get("id", "?"), raw.get("cue_nth", seen[cue_key])))
            seen[cue_key] += 1
        doc = pipeline.nlp.make_doc(text)
        doc._.article = make_article(text)
        doc = pipeline.nlp(doc)
        predicted = list(doc._.attributions or ())
        for field in ("cue", "source", "content"):
            gold_spans = {_trim(text, g[field]) for g in gold if g[field]}
            found = {_trim(text, (s.start, s.end)) for a in predicted if (s := getattr(a, field))}
            gold_spans.discard(None)
            found.discard(None)
            scores[f"{field}_exact"].add(_match(gold_spans, found, exact=True))
            scores[f"{field}_overlap"].add(_match(gold_spans, found, exact=False))
        for g in gold:
            match = max(predicted, key=lambda a: _shared(g["cue"], (a.cue.start, a.cue.end)), default=None)
            if match is None or not _shared(g["cue"], (match.cue.start, match.cue.end)):
                per_stance[g["stance"]].fn += 1
                errors.append(f"{item.get('id')}: missed cue {text[slice(*g['cue'])]!r}")
                continue
            ok = match.stance == g["stance"]
            stance.add(ok)
            confusion[(g["stance"], match.stance)] += 1
            if ok:
                per_stance[g["stance"]].tp += 1
            else:
                per_stance[g["stance"]].fn += 1
                per_stance[match.stance].fp += 1
                errors.append(f"{item.get('id')}: {text[slice(*g['cue'])]!r} is {g['stance']}, "
                              f"predicted {match.stance}")
        for a in predicted:
            if not any(_shared(g["cue"], (a.cue.start, a.cue.end)) for g in gold):
                per_stance[a.stance].fp += 1
                errors.append(f"{item.get('id')}: spurious cue {a.cue.text!r} ({a.stance})")
    report = Report(stage="attribution", items=len(items), confusion=confusion, errors=errors)
    for name, prf in scores.items():
        report.scores[f"{name}_precision"] = round(prf.precision, 4)
        report.scores[f"{name}_recall"] = round(prf.recall, 4)
        report.scores[f"{name}_f1"] = round(prf.f1, 4)
    report.scores["stance_accuracy"] = round(stance.value, 4)
    report.tables["spans"] = {name: prf.as_row() for name, prf in scores.items()}
    report.tables["stance"] = {name: prf.as_row() for name, prf in per_stance.items() if prf.tp + prf.fp + prf.fn}
    return report


def _gold(text: str, raw: dict[str, Any], item: str, nth: int) -> dict[str, Any]:
    """A gold attribution with its spans turned into offsets; the cue at its ``nth``
    occurrence (by default, a cue string's k-th gold entry is its k-th occurrence)."""
    if raw.get("stance") not in STANCES:
        raise ValueError(f"{item}: stance {raw.get('stance')!r} is not one of {', '.join(STANCES)}")
    cue = _locate(text, raw["cue"], item, "cue", nth=nth)
    return {"cue": cue, "stance": raw["stance"],
            "source": _locate(text, raw.get("source"), item, "source", near=cue[0]),
            "content": _locate(text, raw.get("content"), item, "content", near=cue[0])}


def _locate(text: str, value: Any, item: str, field: str, *, nth: int = 0,
            near: int | None = None) -> Offsets | None:
    if value is None:
        return None
    if isinstance(value, list):
        return value[0], value[1]
    starts = [m.start() for m in re.finditer(rf"(?<!\w){re.escape(value)}(?!\w)", text)]
    if not starts:
        raise ValueError(f"{item}: {field} {value!r} is not in the text")
    start = min(starts, key=lambda s: abs(s - near)) if near is not None else starts[min(nth, len(starts) - 1)]
    return start, start + len(value)


def _trim(text: str, span: Offsets | None) -> Offsets | None:
    if span is None:
        return None
    start, end = span
    while start < end and text[start] in EDGE:
        start += 1
    while end > start and text[end - 1] in EDGE:
        end -= 1
    return (start, end) if start < end else None


def _shared(a: Offsets, b: Offsets) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def _match(gold: set[Offsets], found: set[Offsets], *, exact: bool) -> PRF:
    """True positives pair gold and found spans one to one."""
    if exact:
        tp = len(gold & found)
        return PRF(tp=tp, fp=len(found) - tp, fn=len(gold) - tp)
    unused = set(found)
    tp = 0
    for g in sorted(gold):
        partner = next((f for f in sorted(unused) if _shared(g, f)), None)
        if partner is not None:
            unused.discard(partner)
            tp += 1
    return PRF(tp=tp, fp=len(unused), fn=len(gold) - tp)
