"""The converted CAMEO verb dictionary, STATEMENT events and the senses of ASSAULT triggers,
on the project's own sentences."""

from __future__ import annotations

import shutil

import pytest

from tidings.datafiles import DataError
from tidings.events import LEXICON_DIR, load_lexicon
from tidings.ingest import make_article
from tidings.model import STATEMENT


def _events(pipeline, text: str):
    return pipeline.process(make_article(text, published="2024-03-06")).events


def test_converted_entries_follow_the_curated_ones_with_their_own_ids():
    lexicon = load_lexicon()
    converted = [t for t in lexicon.rules.values() if t.id.startswith("cameo.")]
    assert len(converted) > 1000 and all(t.main_clause and t.pos == "verb" for t in converted)
    for lemma, entries in lexicon.verbs.items():
        kinds = [t.id.startswith("cameo.") for t in entries]
        assert kinds == sorted(kinds), lemma  # curated first: they win ties
    assert {t.type for t in converted if t.cameo.startswith("01")} == {STATEMENT}


@pytest.mark.parametrize("line, message", [
    ("{not json", "not a JSON object"),
    ('{"lemma": "ponder", "type": null, "cameo": "190"}', "not a PLOVER type"),
    ('{"lemma": "ponder", "type": "AGREE", "cameo": "999"}', "not in cameo.yaml"),
])
def test_a_bad_dictionary_line_names_the_file_and_line(tmp_path, line, message):
    folder = tmp_path / "events"
    shutil.copytree(LEXICON_DIR, folder)
    path = folder / "triggers_cameo.jsonl"
    lines = path.read_text(encoding="utf-8").splitlines()
    path.write_text("\n".join(lines[:20] + [line] + lines[20:]), encoding="utf-8")
    with pytest.raises(DataError, match=message) as caught:
        load_lexicon.__wrapped__(folder)
    assert caught.value.line == 21 and caught.value.file == path


def test_an_expression_of_concern_is_a_statement(pipeline):
    [event] = _events(pipeline, "The Kenyan government expressed concern over the fighting.")
    assert event.type == STATEMENT and event.cameo.startswith("01")
    assert event.rules[0].startswith("cameo.express.")


def test_a_dictionary_verb_in_an_infinitive_or_relative_clause_codes_nothing(pipeline):
    events = _events(pipeline, "Egypt urged Israel to allow more trucks into the territory.")
    assert [e.trigger.text for e in events] == ["urged"]


def test_not_confirmed_or_addressed_negates_both_verbs(pipeline):
    events = _events(pipeline, "Chile and Peru have not confirmed or addressed the reports.")
    assert events and all(e.negated for e in events)


@pytest.mark.parametrize("text", [
    "Ecuador has addressed cooperation with Chile in the fight against terror.",
    "New ads targeting older voters began airing on Monday in Peru.",
])
def test_figurative_fights_and_targets_are_no_assault(pipeline, text):
    assert not [e for e in _events(pipeline, text) if e.type == "ASSAULT"]


def test_a_named_person_attacked_with_nothing_physical_is_criticism(pipeline):
    [event] = _events(pipeline, "Senator Maria Lopez attacked Governor John Reyes on Tuesday.")
    assert event.type == "ACCUSE" and "senses.verbal" in event.rules


def test_a_cyber_attack_is_never_assault(pipeline):
    events = _events(pipeline, "Russian hackers attacked the servers of Estonia's banks.")
    assert events and {e.type for e in events} == {"COERCE"} and events[0].mode == "cyber"


def test_a_physical_attack_stays_assault(pipeline):
    events = _events(pipeline, "Gunmen attacked a police station in Mali, killing four officers.")
    assert "ASSAULT" in {e.type for e in events}


def test_a_party_never_cooperates_with_itself(pipeline):
    events = _events(pipeline, "Cooperation between Chile and several unnamed states grew.")
    assert all({a.id for a in e.actors} != {r.id for r in e.recipients} for e in events)


@pytest.mark.parametrize("text", [
    "Senator Maria Lopez pressed her advantage in Chile's final weeks of campaigning.",
    "The Chilean president struck a conciliatory tone in Lima on Monday.",
])
def test_a_verb_with_an_idiom_object_is_no_event(pipeline, text):
    assert not [e for e in _events(pipeline, text) if e.type in ("REQUEST", "ASSAULT")]


def test_the_subject_of_a_reduced_passive_is_the_patient(pipeline):
    events = _events(pipeline, "A Chilean policeman shot dead near the border was buried.")
    [shot] = [e for e in events if e.trigger.text == "shot"]
    assert not shot.actors and [r.text for r in shot.recipients] == ["Chilean policeman"]


def test_blame_on_names_the_blamed_party(pipeline):
    events = _events(pipeline, "Chile blamed the shortage on Peru.")
    [blame] = [e for e in events if e.type == "ACCUSE"]
    assert {r.country for r in blame.recipients} == {"PER"}


@pytest.mark.parametrize("text", [
    "Did Chile attack Peru's border posts last week?",
    "It is not as though Chile accuses Peru of anything.",
])
def test_yes_no_questions_and_as_though_clauses_are_hypothetical(pipeline, text):
    events = _events(pipeline, text)
    assert events and all(e.modality == "hypothetical" and not e.happened for e in events)
