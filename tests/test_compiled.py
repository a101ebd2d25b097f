"""Compiled data kept between runs (tidings.compiled): built once per change of its sources."""

import pickle
from dataclasses import dataclass

import pytest

from tidings.actors.dictionary import DATA_DIR, Meaning, _compile_dictionary
from tidings.compiled import Packed, compiled


@pytest.fixture
def cache(tmp_path, monkeypatch):
    monkeypatch.setenv("TIDINGS_CACHE_DIR", str(tmp_path / "cache"))
    return tmp_path / "cache"


@pytest.fixture
def words(tmp_path):
    """A source file and a build of it that counts its calls."""
    source = tmp_path / "words.txt"
    source.write_text("alpha beta")
    calls = []

    def build():
        calls.append(1)
        return source.read_text().split()
    return source, build, calls


def test_built_once_then_read_back_until_a_source_changes(cache, words):
    source, build, calls = words
    assert compiled("words", [source], build) == ["alpha", "beta"]
    assert compiled("words", [source], build) == ["alpha", "beta"]
    assert len(calls) == 1
    source.write_text("gamma")
    assert compiled("words", [source], build) == ["gamma"]
    assert len(calls) == 2
    assert len(list(cache.glob("words-*.pkl"))) == 1  # the older file is removed


def test_a_package_version_is_part_of_the_key(cache, words):
    source, build, calls = words
    compiled("words", [source], build, versions=["lib=1"])
    compiled("words", [source], build, versions=["lib=2"])
    assert len(calls) == 2


def test_a_corrupt_file_is_rebuilt(cache, words):
    source, build, calls = words
    compiled("words", [source], build)
    (stored,) = cache.glob("words-*.pkl")
    stored.write_bytes(b"not a pickle")
    assert compiled("words", [source], build) == ["alpha", "beta"]
    assert len(calls) == 2
    assert pickle.loads(stored.read_bytes()) == ["alpha", "beta"]


def test_an_unwritable_cache_still_gives_the_data(tmp_path, monkeypatch, words):
    blocker = tmp_path / "file"
    blocker.write_text("")
    monkeypatch.setenv("TIDINGS_CACHE_DIR", str(blocker / "cache"))  # below a file: cannot exist
    source, build, calls = words
    assert compiled("words", [source], build) == ["alpha", "beta"]
    assert compiled("words", [source], build) == ["alpha", "beta"]
    assert len(calls) == 2


@dataclass(frozen=True, slots=True)
class _Point(Packed):
    x: int
    y: tuple[str, ...]


def test_packed_dataclasses_round_trip():
    point = _Point(1, ("a",))
    assert pickle.loads(pickle.dumps(point)) == point
    meaning = Meaning("named", "someone")
    assert pickle.loads(pickle.dumps(meaning)) == meaning


def test_the_cached_actor_dictionary_equals_a_fresh_compilation(cache):
    fresh = _compile_dictionary(DATA_DIR)
    sources = list(DATA_DIR.iterdir())
    compiled("actors", sources, lambda: fresh)
    read_back = compiled("actors", sources, lambda: None)
    assert read_back is not fresh and read_back == fresh
    assert list(cache.glob("actors-*.pkl"))
