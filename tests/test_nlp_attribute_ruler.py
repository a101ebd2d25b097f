"""The indexed attribute ruler gives exactly what spaCy's AttributeRuler gives, pattern for
pattern: on the installed model's own patterns over every fixture text and the seed, and on
hand-made patterns that reach each way a pattern can be filed."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import spacy
from spacy.pipeline import AttributeRuler
from spacy.tokens import Doc, Token

from tidings.nlp import IndexedAttributeRuler, index_attribute_ruler, resolve_model_name
from tidings.settings import Settings

FIXTURES = Path(__file__).parent / "fixtures"
ANNOTATIONS = ("tag_", "pos_", "dep_", "lemma_")


def _annotations(doc: Doc) -> list[tuple[str, ...]]:
    return [tuple(getattr(t, name) for name in ANNOTATIONS) + (str(t.morph),) for t in doc]


def _fixture_texts() -> list[str]:
    texts = []
    for path in sorted(FIXTURES.glob("*.jsonl")):
        texts += [json.loads(line)["text"] for line in path.read_text(encoding="utf-8").splitlines()
                  if line.strip()]
    return texts


def test_model_patterns_give_spacys_annotations_on_every_fixture_and_the_seed(seed_text):
    name = resolve_model_name(Settings())
    reference, indexed = spacy.load(name), spacy.load(name)
    index_attribute_ruler(indexed)
    assert isinstance(indexed.get_pipe("attribute_ruler"), IndexedAttributeRuler)
    assert indexed.pipe_names == reference.pipe_names
    texts = [*_fixture_texts(), seed_text, "", "  \n\n  ", "Y'all gonna do nothin' 'bout it, ain't ya?"]
    differing = [
        text for text, expected, got in zip(texts, reference.pipe(texts), indexed.pipe(texts))
        if _annotations(expected) != _annotations(got)
    ]
    assert len(texts) > 1000
    assert differing == []


# Words with tags and dependency labels set by hand, so that every pattern below has something
# to match and something to miss.
WORDS = ["They", "'re", "gon", "na", "ship", "it", " ", "to", "Y'", "all", "nothin'", "today", "."]
TAGS = ["PRP", "VBP", "VBG", "TO", "VB", "PRP", "_SP", "IN", "PRP", "DT", "NN", "NN", "."]
DEPS = ["nsubj", "aux", "ROOT", "aux", "xcomp", "dobj", "dep", "prep", "nsubj", "appos", "pobj",
        "npadvmod", "punct"]
HEADS = [2, 2, 2, 4, 2, 4, 5, 4, 10, 8, 7, 2, 2]

PATTERNS = [
    # one token, filed under one value, under several values, and under two attributes at once
    {"patterns": [[{"TAG": "PRP"}]], "attrs": {"POS": "PRON"}},
    {"patterns": [[{"TAG": {"IN": ["VB", "VBP", "VBG"]}}]], "attrs": {"POS": "VERB"}},
    {"patterns": [[{"tag": "VBP", "LOWER": {"IN": ["'re", "are"]}}]],
     "attrs": {"POS": "AUX", "LEMMA": "be"}},
    # TEXT is ORTH; a flag is a value like any other
    {"patterns": [[{"TEXT": "It"}], [{"ORTH": "it", "IS_SPACE": False}]], "attrs": {"MORPH": "Case=Acc"}},
    {"patterns": [[{"IS_SPACE": True, "DEP": {"NOT_IN": [""]}}]], "attrs": {"POS": "SPACE"}},
    # a later pattern wins over an earlier one on the same token
    {"patterns": [[{"LOWER": "today"}]], "attrs": {"POS": "NOUN"}},
    {"patterns": [[{"LOWER": "today", "DEP": "npadvmod"}]], "attrs": {"POS": "ADV"}},
    # conditions that are not values: tested once the token is found
    {"patterns": [[{"TAG": "NN", "LOWER": {"REGEX": "in'$"}}]], "attrs": {"LEMMA": "nothing"}},
    {"patterns": [[{"TAG": {"NOT_IN": ["TO"]}, "DEP": {"IN": ["aux", "auxpass"]}}]],
     "attrs": {"POS": "AUX"}},
    # no value required at all: tried at every token
    {"patterns": [[{"LOWER": {"REGEX": "^y'?$"}}]], "attrs": {"MORPH": "Person=2"}},
    # two tokens, found through the first and through the second, the second one changed
    {"patterns": [[{"LOWER": "gon"}, {"LOWER": "na"}]], "attrs": {"LEMMA": "to"}, "index": 1},
    {"patterns": [[{"LOWER": {"REGEX": "^y'?$"}}, {"LOWER": "all"}]], "attrs": {"LEMMA": "you"}},
    {"patterns": [[{"DEP": "punct"}, {"LOWER": "never"}]], "attrs": {"POS": "X"}},  # runs off the end
    # what the index cannot read goes to spaCy's Matcher: operators, other predicates, extensions
    {"patterns": [[{"LOWER": "to"}, {"IS_SPACE": False, "OP": "?"}, {"LOWER": "y'"}]],
     "attrs": {"POS": "ADP"}},
    {"patterns": [[{"LENGTH": {">=": 6}}]], "attrs": {"MORPH": "Long=Yes"}},
    {"patterns": [[{"_": {"checked": True}}]], "attrs": {"MORPH": "Checked=Yes"}},
    {"patterns": [[{"LIKE_NUM": False, "LOWER": "they"}]], "attrs": {"LEMMA": "they"}},
]
MISSING = {12}  # the patterns above that match nowhere in WORDS


@pytest.fixture(scope="module")
def vocab():
    if not Token.has_extension("checked"):
        Token.set_extension("checked", default=False)
    return spacy.blank("en").vocab


def _doc(vocab) -> Doc:
    doc = Doc(vocab, words=WORDS, spaces=[True] * len(WORDS), tags=TAGS, deps=DEPS, heads=HEADS)
    doc[11]._.checked = True
    return doc


def test_hand_made_patterns_give_spacys_matches_and_annotations(vocab):
    reference, indexed = AttributeRuler(vocab), IndexedAttributeRuler(vocab)
    for ruler in (reference, indexed):
        ruler.add_patterns(PATTERNS)
    expected_doc, got_doc = _doc(vocab), _doc(vocab)
    expected = reference.match(expected_doc)
    assert indexed.match(got_doc) == expected
    assert set(range(len(PATTERNS))) - {number for number, *_ in expected} == MISSING
    assert _annotations(indexed(got_doc)) == _annotations(reference(expected_doc))


def test_patterns_added_or_cleared_after_use_are_seen(vocab):
    ruler = IndexedAttributeRuler(vocab)
    ruler.add([[{"LOWER": "today"}]], {"POS": "NOUN"})
    assert [t.pos_ for t in ruler(_doc(vocab))][11] == "NOUN"
    ruler.add([[{"LOWER": "today"}]], {"POS": "ADV"})
    assert [t.pos_ for t in ruler(_doc(vocab))][11] == "ADV"
    ruler.clear()
    assert ruler.match(_doc(vocab)) == []


def test_indexed_ruler_keeps_spacys_serialisation(vocab, tmp_path):
    ruler = IndexedAttributeRuler(vocab)
    ruler.add_patterns(PATTERNS[:3])
    ruler.to_disk(tmp_path / "ruler")
    loaded = IndexedAttributeRuler(vocab).from_disk(tmp_path / "ruler")
    assert loaded.patterns == ruler.patterns
    assert loaded.match(_doc(vocab)) == ruler.match(_doc(vocab))


def test_a_pipeline_without_an_attribute_ruler_is_left_as_it_is():
    nlp = spacy.blank("en")
    index_attribute_ruler(nlp)
    assert nlp.pipe_names == []


def test_matches_stay_the_same_when_the_remembered_lookups_are_dropped(vocab, monkeypatch):
    monkeypatch.setattr("tidings.nlp._OPENED_KEPT", 2)
    reference, indexed = AttributeRuler(vocab), IndexedAttributeRuler(vocab)
    for ruler in (reference, indexed):
        ruler.add_patterns(PATTERNS)
    for _ in range(2):
        assert indexed.match(_doc(vocab)) == reference.match(_doc(vocab))
    assert len(indexed._index.opened) <= 2


def test_load_indexes_the_ruler_with_or_without_the_stages(pipeline):
    from tidings.nlp import STAGES, load

    bare = load(stages=False)
    assert isinstance(bare.get_pipe("attribute_ruler"), IndexedAttributeRuler)
    assert isinstance(pipeline.nlp.get_pipe("attribute_ruler"), IndexedAttributeRuler)
    assert not set(bare.pipe_names) & {name for name, _ in STAGES}
    assert bare.pipe_names == [n for n in pipeline.nlp.pipe_names if n not in dict(STAGES) and n != "tidings_names"]
