"""Shared fixtures: one loaded pipeline per test session, the seed article, a tmp DuckDB path."""

from __future__ import annotations

from pathlib import Path

import pytest

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"


@pytest.fixture(scope="session")
def pipeline():
    from tidings import Pipeline

    return Pipeline()


@pytest.fixture(scope="session")
def seed_text() -> str:
    path = SEEDS / "000_5885ee432f9d8be1.txt"
    if not path.exists():
        pytest.fail(f"seed article missing: {path} (tests expect ../shared/seeds beside the repo)")
    return path.read_text(encoding="utf-8")


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
