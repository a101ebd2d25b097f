"""Attribution lexicon: loads, is large enough, and refuses malformed entries."""

from __future__ import annotations

from pathlib import Path

import pytest

from tidings.attribution import load_lexicon
from tidings.datafiles import DataError
from tidings.model import STANCES

DATA = Path(__file__).resolve().parents[1] / "src" / "tidings" / "data" / "attribution"


def test_attribution_lexicon_has_150_cues_with_known_stances():
    lexicon = load_lexicon()
    assert lexicon.size >= 150
    stances = {e.stance for table in (lexicon.verbs, lexicon.nouns, lexicon.adverbs) for e in table.values()}
    stances |= {entry.stance for entry, _ in lexicon.phrases}
    assert stances == set(STANCES)


def test_attribution_lexicon_inflects_lemmas():
    lexicon = load_lexicon()
    assert lexicon.verbs["said"].stance == "reports"
    assert lexicon.verbs["denying"].stance == "denies"
    assert lexicon.verbs["admitted"].stance == "confirms"
    assert lexicon.nouns["allegations"].stance == "alleges"


def _copy_with(tmp_path: Path, old: str, new: str) -> Path:
    (tmp_path / "cues.yaml").write_text((DATA / "cues.yaml").read_text("utf-8").replace(old, new, 1), "utf-8")
    (tmp_path / "outlets.yaml").write_text((DATA / "outlets.yaml").read_text("utf-8"), "utf-8")
    return tmp_path


@pytest.mark.parametrize(("old", "new", "message"), [
    ("confirms: [confirm,", "confirmz: [confirm,", "unknown stance"),
    ("alleges: [claim, allege,", "alleges: [claim, claim, allege,", "listed twice"),
    ('{words: "according to", stance: reports, frame: true}',
     '{words: "according to", stance: reports, frame: true, colour: red}', "unknown keys"),
])
def test_attribution_lexicon_validation_names_the_entry(tmp_path, old, new, message):
    with pytest.raises(DataError, match=message):
        load_lexicon(_copy_with(tmp_path, old, new))
