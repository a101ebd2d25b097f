"""The time stage on news sentences written after its rules: floors a little under what it
reaches, so that a change that loses ground on unseen wording fails."""

from __future__ import annotations

from pathlib import Path

import pytest

from tidings.evaluation.times import evaluate

FIXTURES = Path(__file__).resolve().parent / "fixtures"
# fixture -> (least expressions, value F1 floor, overlapping-span F1 floor)
FLOORS = {
    "times_unseen.jsonl": (70, 0.97, 0.97),
    "times_heldout2.jsonl": (150, 0.96, 0.97),
    "times_heldout3.jsonl": (50, 0.96, 0.97),
}


@pytest.mark.parametrize("name", sorted(FLOORS))
def test_time_heldout_fixture_meets_floors(pipeline, name):
    least, value_floor, span_floor = FLOORS[name]
    report = evaluate(str(FIXTURES / name), pipeline)
    assert report.scores["expected"] >= least
    assert report.scores["value_f1"] >= value_floor, report.errors
    assert report.scores["span_overlap_f1"] >= span_floor, report.errors
