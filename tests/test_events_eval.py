"""The event lexicon loads and validates; the fixture evaluation stays above its floors."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tidings.evaluation import evaluate
from tidings.datafiles import DataError
from tidings.events import LEXICON_DIR, load_lexicon
from tidings.model import EVENT_TYPES, PLOVER_TYPES

FIXTURE = Path(__file__).parent / "fixtures" / "events.jsonl"


def test_events_lexicon_covers_every_plover_type():
    lexicon = load_lexicon()
    types = {e.type for table in (lexicon.verbs, lexicon.nouns) for es in table.values() for e in es}
    assert types == set(EVENT_TYPES)
    for table in (lexicon.verbs, lexicon.nouns):
        for entries in table.values():
            for entry in entries:
                assert entry.quad_class == lexicon.quad_class(entry.cameo) in (1, 2, 3, 4)
                assert -10 <= entry.goldstein <= 10


@pytest.mark.parametrize(("old", "new", "message"), [
    ("{lemma: attack, type: ASSAULT, cameo: \"190\"}",
     "{lemma: attack, type: ASSAIL, cameo: \"190\"}", "verb entry"),
    ("{lemma: attack, type: ASSAULT, cameo: \"190\"}",
     "{lemma: attack, type: ASSAULT, cameo: \"999\"}", "(attack): CAMEO code '999'"),
    ("{lemma: attack, type: ASSAULT, cameo: \"190\"}",
     "{lemma: attack, type: ASSAULT, cameo: \"190\", mode: bogus}", "mode 'bogus'"),
])
def test_events_lexicon_errors_name_file_and_entry(tmp_path, old, new, message):
    folder = tmp_path / "events"
    shutil.copytree(LEXICON_DIR, folder)
    triggers = folder / "triggers.yaml"
    text = triggers.read_text(encoding="utf-8")
    assert old in text
    triggers.write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(DataError) as error:
        load_lexicon(folder)
    assert error.value.file == triggers and error.value.message.startswith("verb entry")
    assert message in str(error.value)


def test_events_fixture_has_enough_varied_sentences():
    import json

    rows = [json.loads(line) for line in FIXTURE.read_text(encoding="utf-8").splitlines()]
    kinds = {e["type"] for row in rows for e in row["events"]}
    assert len(rows) >= 250 and kinds == set(PLOVER_TYPES)
    assert any(e["negated"] for row in rows for e in row["events"])
    assert {e["modality"] for row in rows for e in row["events"]} >= {
        "asserted", "planned", "hypothetical", "threatened", "requested", "reported_speech"}


def test_events_fixture_evaluation_meets_floors(pipeline):
    report = evaluate("events", str(FIXTURE), pipeline)
    assert report.scores["micro_f1"] >= 0.85, report.errors[:20]
    assert report.scores["micro_precision"] >= 0.90
    assert report.scores["actor_accuracy"] >= 0.90
    assert report.scores["recipient_accuracy"] >= 0.85
    assert report.scores["negation_accuracy"] >= 0.95
    assert set(report.tables["per_type"]) == set(PLOVER_TYPES)


def test_events_component_is_registered_without_problems(pipeline):
    assert "tidings_events" in pipeline.nlp.pipe_names
    assert pipeline.nlp.analyze_pipes()["problems"]["tidings_events"] == []
