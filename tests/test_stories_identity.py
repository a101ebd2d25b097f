"""Article identity: canonical URLs, title keys, outlet keys and the MinHash near-duplicate index."""

from __future__ import annotations

import numpy as np
import pytest

from tidings.story_identity import (NearDuplicateIndex, canonical_url, outlet_key, signatures, similarity,
                             title_key, word_shingles)


@pytest.mark.parametrize("url, expected", [
    ("https://www.example.org/world/item-1/", "example.org/world/item-1"),
    ("http://example.org/world/item-1?utm_medium=social&fbclid=abc", "example.org/world/item-1"),
    ("https://EXAMPLE.org/a?b=2&a=1#comments", "example.org/a?a=1&b=2"),
    ("example.org/a/", "example.org/a"),
    ("https://example.org:8080/a", "example.org:8080/a"),
])
def test_stories_canonical_url_drops_scheme_www_tracking_and_slash(url: str, expected: str) -> None:
    assert canonical_url(url) == expected


def test_stories_canonical_url_of_nothing_is_none() -> None:
    assert canonical_url(None) is None
    assert canonical_url("   ") is None


def test_stories_title_key_folds_case_accents_punctuation_and_outlet_suffix() -> None:
    assert title_key("Floods Close the Old Bridge at Dawn - The Valley Courier") == \
        title_key("floods close the old bridge at dawn!")
    assert title_key("Réunion talks stall again | Example") == "reunion talks stall again"


def test_stories_title_key_refuses_short_generic_titles() -> None:
    assert title_key("Live updates") is None
    assert title_key(None) is None


def test_stories_outlet_key_ignores_the_case_and_punctuation() -> None:
    assert outlet_key("The Harbor Herald") == outlet_key("harbor herald.") == "harborherald"
    assert outlet_key("") is None


def test_stories_shingles_of_short_text_are_the_text() -> None:
    assert word_shingles("Two words") == {b"two words"}
    assert len(word_shingles("one two three four five")) == 3


def test_stories_near_duplicate_index_finds_light_edits_not_strangers() -> None:
    base = " ".join(f"word{i} filler{i % 7}" for i in range(150))
    edited = base.replace("word40 ", "changed ").replace("word90 ", "altered ")
    stranger = " ".join(f"other{i} thing{i % 5}" for i in range(150))
    base_sig, edited_sig, stranger_sig = (np.frombuffer(s, dtype=np.uint32)
                                          for s in signatures([base, edited, stranger]))
    assert similarity(base_sig, edited_sig) > 0.8
    index = NearDuplicateIndex(0.5)
    index.add("base", base_sig)
    assert [key for key, _ in index.query(edited_sig)] == ["base"]
    assert index.query(stranger_sig) == []
