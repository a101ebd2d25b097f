"""Every component declares what it reads and writes: spaCy's pipeline analysis finds nothing
missing in the real pipeline, and finds what is missing when an upstream component is left out."""

from __future__ import annotations

import pytest


def problems(nlp) -> dict[str, list[str]]:
    found = nlp.analyze_pipes(pretty=False)["problems"]
    return {name: missing for name, missing in found.items() if missing}


def test_pipeline_analysis_finds_no_problem_in_the_real_pipeline(pipeline):
    assert "tidings_event_places" in pipeline.nlp.pipe_names
    assert problems(pipeline.nlp) == {}


@pytest.mark.parametrize(("removed", "stage", "missing"), [
    (["tidings_actors"], "tidings_events", "doc._.actor_mentions"),
    (["tidings_geo"], "tidings_event_places", "doc._.places"),
    (["tidings_time"], "tidings_event_times", "doc._.times"),
    (["tidings_events"], "tidings_event_places", "doc._.events"),
    (["ner", "tidings_names"], "tidings_events", "doc.ents"),  # both set entities
])
def test_pipeline_analysis_reports_a_missing_upstream_component(pipeline, removed, stage, missing):
    with pipeline.nlp.select_pipes(disable=removed):
        found = problems(pipeline.nlp)
    assert missing in found.get(stage, []), found
