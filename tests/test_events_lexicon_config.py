"""The event lexicon's data: every grammar key explained with an example, limits checked on load,
and a user's own lexicon folder taken from the component's config."""

from __future__ import annotations

import re
import shutil

import pytest

from tidings.datafiles import DataError
from tidings.events import LEXICON_DIR, load_lexicon
from tidings.ingest import make_article


def test_every_grammar_key_has_a_comment_with_an_example():
    lines = (LEXICON_DIR / "grammar.yaml").read_text(encoding="utf-8").splitlines()
    unexplained = []
    for number, line in enumerate(lines):
        key = re.match(r"([a-z_]+):", line)
        if key is None:
            continue
        above = number - 1
        while above >= 0 and lines[above].startswith("#"):
            above -= 1
        comment = " ".join(lines[above + 1:number])
        if '"' not in comment:  # an example is a quoted phrase
            unexplained.append(key.group(1))
    assert unexplained == []


def test_limits_must_be_positive_whole_numbers(tmp_path):
    folder = tmp_path / "events"
    shutil.copytree(LEXICON_DIR, folder)
    grammar = folder / "grammar.yaml"
    text = grammar.read_text(encoding="utf-8")
    grammar.write_text(text.replace("modality_steps: 8", "modality_steps: eight"), encoding="utf-8")
    with pytest.raises(DataError, match=r"limits: \['modality_steps'\]"):
        load_lexicon(folder)


def test_component_reads_the_lexicon_folder_of_its_config(pipeline, tmp_path):
    """A copy of the lexicon where "shelled" codes a protest instead of an assault."""
    folder = tmp_path / "events"
    shutil.copytree(LEXICON_DIR, folder)
    triggers = folder / "triggers.yaml"
    text = triggers.read_text(encoding="utf-8")
    entry = '{lemma: shell, type: ASSAULT, cameo: "194", mode: artillery}'
    assert entry in text
    triggers.write_text(text.replace(entry, '{lemma: shell, type: PROTEST, cameo: "140"}'),
                        encoding="utf-8")
    nlp = pipeline.nlp
    own = nlp.create_pipe("tidings_events", config={"lexicon": str(folder)})
    assert own.lexicon is load_lexicon(folder) and own.lexicon is not load_lexicon()
    text = "Russian forces shelled the city of Kharkiv."
    later = nlp.pipe_names[nlp.pipe_names.index("tidings_events"):]
    with nlp.select_pipes(disable=later):
        doc = nlp(pipeline.make_doc(make_article(text, published="2024-03-06")))
    shipped = nlp.get_pipe("tidings_events")
    assert [e.type for e in shipped(doc)._.events] == ["ASSAULT"]
    assert [e.type for e in own(doc)._.events] == ["PROTEST"]


def test_every_trigger_entry_has_a_stable_unique_id():
    lexicon = load_lexicon()
    entries = [t for table in (lexicon.verbs, lexicon.nouns) for es in table.values() for t in es]
    assert len({t.id for t in entries}) == len(entries) == len(lexicon.rules)
    for entry in entries:
        pos, lemma, number = entry.id.rsplit(".", 2)
        assert pos in (entry.pos, "cameo") and number.isdigit()
        assert lemma == (entry.lemma if pos == entry.pos else re.sub(r"[^a-z0-9_-]+", "_",
                                                                      entry.lemma))
    assert load_lexicon.__wrapped__(LEXICON_DIR).rules.keys() == lexicon.rules.keys()  # re-read


def test_an_entry_may_name_its_own_id_and_ids_are_unique(tmp_path):
    folder = tmp_path / "events"
    shutil.copytree(LEXICON_DIR, folder)
    triggers = folder / "triggers.yaml"
    text = triggers.read_text(encoding="utf-8")
    entry = '{lemma: shell, type: ASSAULT, cameo: "194", mode: artillery}'
    triggers.write_text(text.replace(entry, entry[:-1] + ", id: assault.shelling}"), encoding="utf-8")
    assert load_lexicon(folder).rules["assault.shelling"].lemma == "shell"
    triggers.write_text(text.replace(entry, entry[:-1] + ", id: verb.kill.1}"), encoding="utf-8")
    with pytest.raises(DataError, match="'verb.kill.1' is used twice"):
        load_lexicon.__wrapped__(folder)


def test_an_event_carries_the_ids_of_the_rules_that_made_it(pipeline):
    text = "Rebels shelled the town. Egypt and Qatar held talks in Cairo."
    events = pipeline.process(make_article(text, published="2024-03-06")).events
    rules = load_lexicon().rules
    for event in events:
        entry = rules[event.rules[0]]
        assert entry.type == event.type
        assert event.trigger.text.lower().startswith(entry.lemma[:4])
        assert all(r.startswith(("arguments.", "senses.")) for r in event.rules[1:])
        assert event.rules[1:]
    assert {e.type for e in events} == {"ASSAULT", "CONSULT"}
