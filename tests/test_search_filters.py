"""Search filters match their words literally: ``%`` and ``_`` are not wildcards."""

from __future__ import annotations

import pytest

from test_api import build_corpus
from tidings.store import EventQuery, Store


@pytest.fixture(scope="module")
def store(tmp_path_factory, pipeline):
    db = build_corpus(tmp_path_factory.mktemp("like") / "corpus.duckdb", pipeline)
    with Store(db, read_only=True) as opened:
        yield opened


@pytest.mark.parametrize("field", ["actor", "recipient", "place", "source", "text"])
@pytest.mark.parametrize("pattern", ["%", "_", "%_%"])
def test_wildcard_characters_match_only_themselves(store, field, pattern):
    assert store.query_events(EventQuery()).num_rows > 0
    assert store.query_events(EventQuery(**{field: pattern})).num_rows == 0


def test_plain_words_still_match_anywhere(store):
    everything = store.query_events(EventQuery()).to_pylist()
    word = everything[0]["trigger_text"]
    assert store.query_events(EventQuery(text=word.upper())).num_rows >= 1
