"""The attribution package: its lexicon from the component's config, errors naming file and
line, and source reading that leaves the document's state alone."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tidings.attribution import load_lexicon
from tidings.attribution.sources import SourceFinder
from tidings.datafiles import DataError, data_path

SENTENCE = "The harbour master squawked that the ferry would leave late."


def _lexicon_copy(tmp_path: Path, old: str, new: str) -> Path:
    folder = tmp_path / "cues"
    shutil.copytree(data_path("attribution"), folder)
    path = folder / "cues.yaml"
    text = path.read_text("utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), "utf-8")
    return folder


def _attributions(pipeline, text: str, component):
    nlp = pipeline.nlp
    with nlp.select_pipes(disable=["tidings_attribution"]):
        doc = nlp(text)
    return component(doc)._.attributions


def test_the_component_reads_the_lexicon_folder_its_config_names(pipeline, tmp_path):
    folder = _lexicon_copy(tmp_path, "verbs:\n  reports: [say,", "verbs:\n  reports: [squawk, say,")
    own = pipeline.nlp.create_pipe("tidings_attribution", config={"lexicon": str(folder)})
    bundled = pipeline.nlp.create_pipe("tidings_attribution")
    [found] = [a for a in _attributions(pipeline, SENTENCE, own) if a.cue.text == "squawked"]
    assert (found.source.text, found.content.text, found.stance) == (
        "The harbour master", "the ferry would leave late", "reports")
    assert not [a for a in _attributions(pipeline, SENTENCE, bundled) if a.cue.text == "squawked"]


def test_a_word_list_moved_to_the_data_file_steers_reading(pipeline, tmp_path):
    text = "The ministry failed to confirm that the convoy was hit."
    folder = _lexicon_copy(tmp_path, "negating_governors: [fail,", "negating_governors: [")
    own = pipeline.nlp.create_pipe("tidings_attribution", config={"lexicon": str(folder)})
    bundled = pipeline.nlp.create_pipe("tidings_attribution")
    [default] = [a for a in _attributions(pipeline, text, bundled) if a.cue.text == "confirm"]
    [edited] = [a for a in _attributions(pipeline, text, own) if a.cue.text == "confirm"]
    assert (default.stance, default.negated) == ("declines_to_confirm", True)
    assert (edited.stance, edited.negated) == ("confirms", False)


@pytest.mark.parametrize(("old", "new", "message", "needle"), [
    ("confirms: [confirm,", "confirmz: [confirm,", "unknown stance 'confirmz'", "confirmz:"),
    ('{words: "go on record", stance: reports}', '{words: "go on record", stance: reprots}',
     "unknown stance 'reprots'", "reprots"),
    ("  claims_responsibility: denies", "  claims_responsibility: refutes", "unknown stance 'refutes'",
     "refutes"),
    ("alleges: [claim, allege,", "alleges: [claim, claim, allege,", "listed twice", "claim, claim"),
])
def test_lexicon_errors_name_the_file_and_the_line(tmp_path, old, new, message, needle):
    folder = _lexicon_copy(tmp_path, old, new)
    with pytest.raises(DataError, match=message) as error:
        load_lexicon(folder)
    lines = (folder / "cues.yaml").read_text("utf-8").splitlines()
    assert error.value.file == folder / "cues.yaml"
    assert error.value.line == next(n for n, line in enumerate(lines, 1) if needle in line)


def test_a_word_list_that_is_not_a_list_of_words_is_refused(tmp_path):
    folder = _lexicon_copy(tmp_path, "quantifiers: [both, several]", "quantifiers: both")
    with pytest.raises(DataError, match="quantifiers: must be a list"):
        load_lexicon(folder)


def test_reading_a_source_phrase_changes_no_state(pipeline):
    doc = pipeline.nlp("The Springfield Gazette reported that the dam had cracked.")
    finder = SourceFinder(doc, load_lexicon())
    marks = list(finder.outlet_marks)
    gazette = next(t for t in doc if t.text == "Gazette")
    first = finder.phrase(gazette, range(0))
    assert finder.phrase(gazette, range(0)) == first
    assert finder.outlet_marks == marks
    assert first.outlet == "Springfield Gazette" and first.outlet_named == (0, "Springfield Gazette")


def test_a_media_description_refers_to_the_outlet_a_source_named_before(pipeline):
    doc = pipeline.nlp("Officials in the port said little. The Springfield Gazette reported that "
                       "the dam had cracked. The newspaper said repairs would take weeks.")
    [later] = [a for a in doc._.attributions if a.source is not None and a.source.text == "The newspaper"]
    assert later.outlet == "Springfield Gazette"
