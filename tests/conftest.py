"""Shared fixtures: one loaded pipeline per test session, the seed article, a tmp DuckDB path.

The seed article lives outside the repository, in ``../shared/seeds`` beside the checkout (or
under ``$TIDINGS_SHARED``); tests that need it skip, saying so, when it is absent.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

SHARED = Path(os.environ.get("TIDINGS_SHARED") or Path(__file__).resolve().parents[2] / "shared")
SEEDS = SHARED / "seeds"
SEED = SEEDS / "000_5885ee432f9d8be1.txt"


def read_seed() -> str:
    """The seed article's text; skips the calling test when ../shared is not beside the checkout."""
    if not SEED.exists():
        pytest.skip(f"seed article not found at {SEED} (../shared absent)")
    return SEED.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def pipeline():
    from tidings import Pipeline

    return Pipeline()


@pytest.fixture(scope="session")
def seed_text() -> str:
    return read_seed()


@pytest.fixture(scope="session")
def seed_document(pipeline, seed_text):
    from tidings.ingest import make_article

    return pipeline.process(make_article(seed_text, source_path="seed.txt"))


@pytest.fixture(scope="session")
def parse(pipeline):
    """Run spaCy and the stages up to geo on a text (later stages do not change places)."""
    names = pipeline.nlp.pipe_names
    later = names[names.index("tidings_geo") + 1:]

    def run(text: str):
        with pipeline.nlp.select_pipes(disable=later):
            return pipeline.nlp(text)
    return run


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "test.duckdb"
