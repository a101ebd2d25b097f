"""The events stage on held-out wire-copy sentences: long, attributed, nominalised, several
events per sentence.  The rules were not tuned on these rows line by line; the floors sit a
little below the figures reached, to catch regressions in generalisation."""

from __future__ import annotations

import json
from pathlib import Path

from tidings.evaluation import evaluate
from tidings.model import PLOVER_TYPES

HELDOUT = Path(__file__).parent / "fixtures" / "events_heldout.jsonl"


def test_events_heldout_file_is_wire_copy_with_every_type():
    rows = [json.loads(line) for line in HELDOUT.read_text(encoding="utf-8").splitlines()]
    lengths = [len(row["text"].split()) for row in rows]
    assert len(rows) >= 120 and sum(lengths) / len(lengths) >= 25
    assert {e["type"] for row in rows for e in row["events"]} == set(PLOVER_TYPES)
    assert sum(not row["events"] for row in rows) >= 10  # sentences with nothing to code
    assert sum(len(row["events"]) > 1 for row in rows) >= 30


def test_events_heldout_evaluation_meets_floors(pipeline):
    report = evaluate("events", str(HELDOUT), pipeline)
    scores = report.scores
    assert scores["micro_precision"] >= 0.88, report.errors[:20]
    assert scores["micro_f1"] >= 0.75, report.errors[:20]
    assert scores["actor_accuracy"] >= 0.81, report.errors[:20]
    assert scores["recipient_accuracy"] >= 0.57, report.errors[:20]
