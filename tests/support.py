"""Helpers shared by several test modules (fixtures live in conftest.py)."""

from __future__ import annotations

import datetime as dt
import importlib.util
import sys
from pathlib import Path

CORPUS_FILE = Path(__file__).resolve().parents[1] / "benchmarks" / "corpus.py"


def load_corpus_module():
    """``benchmarks/corpus.py`` (the generated-corpus maker), imported by path."""
    spec = importlib.util.spec_from_file_location("tidings_bench_corpus", CORPUS_FILE)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def countries(refs) -> set[str]:
    """The countries of actor references."""
    return {r.country for r in refs}


def only(events, kind: str):
    """The one event of type ``kind``; fails naming what was found otherwise."""
    found = [e for e in events if e.type == kind]
    assert len(found) == 1, [(e.type, e.trigger.text) for e in events]
    return found[0]


def assert_floors(report, floors: dict[str, float]) -> None:
    """Every named score of an evaluation report is at least its floor; fails listing the
    scores below their floors and a few of the report's misses."""
    low = {name: round(report.scores[name], 3) for name, floor in floors.items()
           if report.scores[name] < floor}
    assert not low, (low, report.errors[:20])


def run_through(pipeline, last: str, published: dt.date | None):
    """A function running spaCy and the tidings components up to ``last`` (not the later
    stages) on a text, as an article published on ``published`` unless told otherwise."""
    from tidings.ingest import make_article

    nlp = pipeline.nlp
    components = nlp.pipeline[:nlp.pipe_names.index(last) + 1]

    def run(text: str, published: dt.date | None = published):
        doc = nlp.make_doc(text)
        doc._.article = make_article(text, published=published)
        for _, component in components:
            doc = component(doc)
        return doc

    return run
