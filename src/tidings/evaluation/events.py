"""Evaluation of the events stage: ``tidings eval events FILE``.

The fixture file holds one JSON object per line::

    {"text": "...", "published": "2023-05-10",
     "events": [{"type": "ASSAULT", "actors": ["RUS"], "recipients": ["UKR"],
                 "negated": false, "modality": "asserted"}]}

Actors and recipients are ISO 3166 alpha-3 codes (matched against an actor's country) or
actor ids (matched against the id, case-insensitively); argument accuracy compares the
countries (and named ids) of the actors on each side, over paired events.  In each sentence, expected and
predicted events are paired greedily: same type first, best argument overlap first.  Paired
events of the same type are true positives; the rest are misses and false alarms, and pairs of
different types go into the confusion table.  The fixtures are coded in PLOVER, so events of
the STATEMENT type (CAMEO 01-02, which PLOVER leaves untyped) are not scored here.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from ..ingest import make_article
from ..model import PLOVER_TYPES, ActorRef, Event
from ..pipeline import Pipeline
from .metrics import PRF, Accuracy, Report

NONE = "NONE"


def _is_country(code: str) -> bool:
    return len(code) == 3 and code.isalpha() and code.isupper()


def _matches(code: str, ref: ActorRef) -> bool:
    return code.lower() == ref.id.lower() or (_is_country(code) and code == ref.country)


def same_actors(expected: Sequence[str], predicted: Sequence[ActorRef]) -> bool:
    """True when the expected actor ids are all found and the remaining predicted actors have
    exactly the expected countries.  Actors without a country that the fixture does not name
    ("protesters", "rebels") are not counted either way."""
    ids = {c.lower() for c in expected if not _is_country(c)}
    named = [r for r in predicted if r.id.lower() in ids]
    countries = {r.country for r in predicted if r not in named and r.country}
    return ({r.id.lower() for r in named} == ids
            and countries == {c for c in expected if _is_country(c)})


def _overlap(expected: dict[str, Any], event: Event) -> int:
    return (sum(any(_matches(c, r) for r in event.actors) for c in expected["actors"])
            + sum(any(_matches(c, r) for r in event.recipients) for c in expected["recipients"]))


def pair_events(expected: list[dict[str, Any]], predicted: list[Event]
                ) -> tuple[list[tuple[dict[str, Any], Event]], list[dict[str, Any]], list[Event]]:
    """Pair expected with predicted events of the same type, best argument overlap first;
    returns the pairs and what is left on each side."""
    candidates = sorted(
        ((i, j) for i, e in enumerate(expected) for j, p in enumerate(predicted)
         if e["type"] == p.type),
        key=lambda ij: -_overlap(expected[ij[0]], predicted[ij[1]]),
    )
    used_e: set[int] = set()
    used_p: set[int] = set()
    pairs = []
    for i, j in candidates:
        if i not in used_e and j not in used_p:
            used_e.add(i)
            used_p.add(j)
            pairs.append((expected[i], predicted[j]))
    return (pairs, [e for i, e in enumerate(expected) if i not in used_e],
            [p for j, p in enumerate(predicted) if j not in used_p])


def _describe(event: Event) -> str:
    actors = ",".join(a.country or a.id for a in event.actors)
    recipients = ",".join(r.country or r.id for r in event.recipients)
    flags = " neg" if event.negated else ""
    return f"{event.type} {actors}>{recipients}{flags} {event.modality} [{event.trigger.text}]"


def evaluate(path: str, pipeline: Pipeline | None = None) -> Report:
    """Score event coding on a fixture file: per-type P/R/F1, micro F1, argument accuracy."""
    rows = [json.loads(line) for line in Path(path).read_text(encoding="utf-8").splitlines()
            if line.strip()]
    pipeline = pipeline or Pipeline()
    articles = [make_article(row["text"], published=row.get("published")) for row in rows]
    per_type: dict[str, PRF] = {}
    micro = PRF()
    actor_acc, recipient_acc, negation_acc, modality_acc = (Accuracy() for _ in range(4))
    report = Report(stage="events", items=len(rows))
    for row, document in zip(rows, pipeline.pipe(articles)):
        expected = row["events"]
        predicted = [e for e in document.events if e.type in PLOVER_TYPES]
        pairs, missed, extra = pair_events(expected, predicted)
        for gold, event in pairs:
            per_type.setdefault(event.type, PRF()).tp += 1
            micro.tp += 1
            actor_acc.add(same_actors(gold["actors"], event.actors))
            recipient_acc.add(same_actors(gold["recipients"], event.recipients))
            negation_acc.add(gold.get("negated", False) == event.negated)
            modality_acc.add(gold.get("modality", "asserted") == event.modality)
            if not (same_actors(gold["actors"], event.actors)
                    and same_actors(gold["recipients"], event.recipients)):
                report.errors.append(f"args: {row['text']} | expected {gold} | got "
                                     f"{_describe(event)}")
        for gold in missed:
            per_type.setdefault(gold["type"], PRF()).fn += 1
            micro.fn += 1
        for event in extra:
            per_type.setdefault(event.type, PRF()).fp += 1
            micro.fp += 1
        for index in range(max(len(missed), len(extra))):
            gold_type = missed[index]["type"] if index < len(missed) else NONE
            got_type = extra[index].type if index < len(extra) else NONE
            report.confusion[(gold_type, got_type)] += 1
        if missed or extra:
            report.errors.append(
                f"type: {row['text']} | missed {[m['type'] for m in missed]} | extra "
                f"{[_describe(e) for e in extra]}")
    report.scores = {
        "micro_precision": round(micro.precision, 4), "micro_recall": round(micro.recall, 4),
        "micro_f1": round(micro.f1, 4),
        "actor_accuracy": round(actor_acc.value, 4),
        "recipient_accuracy": round(recipient_acc.value, 4),
        "negation_accuracy": round(negation_acc.value, 4),
        "modality_accuracy": round(modality_acc.value, 4),
        "matched_events": micro.tp,
    }
    report.tables = {"per_type": {kind: prf.as_row() for kind, prf in sorted(per_type.items())}}
    return report
