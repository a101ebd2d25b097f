"""The attribution evaluator and the floors on the hand-written fixture."""

from __future__ import annotations

import json
from pathlib import Path

from support import assert_floors

from tidings.evaluation import evaluate

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "attribution.jsonl"


def test_attribution_fixture_is_large_enough():
    items = [json.loads(line) for line in FIXTURE.read_text("utf-8").splitlines()]
    sentences = [i for i in items if "\n" not in i["text"]]
    articles = [i for i in items if "\n" in i["text"]]
    assert len(sentences) >= 150 and len(articles) >= 10


def test_attribution_scores_meet_floors(pipeline):
    assert_floors(evaluate("attribution", str(FIXTURE), pipeline), {
        "cue_overlap_f1": 0.90, "source_overlap_f1": 0.85, "content_overlap_f1": 0.85,
        "stance_accuracy": 0.90})


def test_attribution_evaluator_counts_misses(pipeline, tmp_path):
    path = tmp_path / "gold.jsonl"
    path.write_text(json.dumps({"id": "x", "text": "The army said the road was open.", "attributions": [
        {"cue": "said", "source": "The army", "content": "the road was open", "stance": "denies"},
        {"cue": "road", "source": None, "content": None, "stance": "reports"}]}) + "\n", "utf-8")
    report = evaluate("attribution", str(path), pipeline)
    assert report.tables["spans"]["cue_exact"]["tp"] == 1 and report.tables["spans"]["cue_exact"]["fn"] == 1
    assert report.scores["stance_accuracy"] == 0.0 and report.confusion[("denies", "reports")] == 1
