"""The pipeline: component wiring, paragraph-aware sentences, batches that survive bad articles."""

from __future__ import annotations

from dataclasses import replace

from spacy.language import Language

from tidings import Pipeline, Settings
from tidings.errors import InputError
from tidings.ingest import make_article
from tidings.nlp import CACHE_PREFIX, STAGES, release
from tidings.settings import describe


def test_pipeline_components_are_wired_without_problems(pipeline):
    names = pipeline.nlp.pipe_names
    assert names.index("tidings_paragraphs") < names.index("parser")
    assert [n for n in names if n in dict(STAGES)] == [name for name, _ in STAGES]
    problems = pipeline.nlp.analyze_pipes()["problems"]
    assert set(problems) >= {name for name, _ in STAGES}
    assert {name: missing for name, missing in problems.items() if missing} == {}


def test_pipeline_sentences_never_cross_paragraphs(pipeline):
    text = 'He said: "We will return.\n\nTroops left the town on Monday.\nRebels moved in.'
    doc = pipeline.nlp(text)
    starts = {s.start_char for s in doc.sents}
    assert text.index("Troops") in starts and text.index("Rebels") in starts


def test_pipeline_batch_reports_bad_article_and_keeps_the_rest():
    pipeline = Pipeline(Settings(max_chars=200, batch_size=4))
    good = [make_article(f"Police arrested {n} men in the capital on Monday.") for n in range(5)]
    too_long = replace(make_article("Word " * 100), source_path="long.txt")
    reported: list[InputError] = []
    documents = list(pipeline.pipe([*good[:2], too_long, *good[2:]], on_error=reported.append))
    assert [d.article.id for d in documents] == [a.id for a in good]
    assert [e.path for e in reported] == ["long.txt"] and "characters" in reported[0].reason


@Language.component("test_fail_on_zanzibar")
def _fail_on_zanzibar(doc):
    if "Zanzibar" in doc.text:
        raise ValueError("stage failed")
    return doc


def test_pipeline_article_failing_in_a_stage_is_reported_once_and_the_batch_goes_on():
    pipeline = Pipeline(Settings(batch_size=4))
    pipeline.nlp.add_pipe("test_fail_on_zanzibar", before="tidings_actors")
    texts = [f"Police arrested {n} men in the capital on Monday." for n in range(6)]
    texts[2] = "Police arrested 40 men in Zanzibar on Monday."
    articles = [replace(make_article(t), source_path=f"{n}.txt") for n, t in enumerate(texts)]
    reported: list[InputError] = []
    documents = list(pipeline.pipe(articles, on_error=reported.append))
    assert [d.article.id for d in documents] == [a.id for n, a in enumerate(articles) if n != 2]
    assert [e.path for e in reported] == ["2.txt"] and "stage failed" in reported[0].reason


def test_pipeline_accepts_plain_strings(pipeline):
    [doc] = pipeline.pipe(["Protesters marched through the city centre."])
    assert doc.article.text == "Protesters marched through the city centre."


def test_settings_are_all_documented():
    docs = describe()
    assert docs and all(text.strip() for text in docs.values()), docs


def test_release_drops_the_stages_per_doc_caches_and_nothing_else(pipeline):
    doc = pipeline.nlp(pipeline.make_doc(make_article(
        "Police arrested two men in Lyon on Friday, the prefect said.\n\nThe men were released.")))
    doc.user_data["caller.note"] = "kept"
    cached = [key for key in doc.user_data if isinstance(key, str) and key.startswith(CACHE_PREFIX)]
    assert cached  # the stages cached the text and token columns at least
    release(doc)
    assert not [key for key in doc.user_data if isinstance(key, str) and key.startswith(CACHE_PREFIX)]
    assert doc.user_data["caller.note"] == "kept"
