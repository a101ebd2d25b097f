"""Attribution on held-out articles: twelve hand-written news stories (wire copy, features,
politics, courts, business) annotated before the rules were tuned on them.  The floors sit a
little below the measured scores, so a regression on unseen-style news fails here."""

from __future__ import annotations

import json
from pathlib import Path

from support import assert_floors

from tidings.evaluation import evaluate

HELDOUT = Path(__file__).resolve().parent / "fixtures" / "attribution_heldout.jsonl"


def test_attribution_heldout_is_articles():
    items = [json.loads(line) for line in HELDOUT.read_text("utf-8").splitlines()]
    assert len(items) == 12
    assert all(300 <= len(item["text"].split()) <= 600 for item in items)
    assert sum(len(item["attributions"]) for item in items) >= 200


def test_attribution_heldout_scores_meet_floors(pipeline):
    assert_floors(evaluate("attribution", str(HELDOUT), pipeline), {
        "cue_exact_f1": 0.93, "source_exact_f1": 0.92, "content_overlap_f1": 0.93,
        "stance_accuracy": 0.95})
