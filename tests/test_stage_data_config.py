"""A stage's config can point it at a user's own data folder."""

from __future__ import annotations

import shutil

from tidings.datafiles import data_path
from tidings.geo.toponyms import mentions_from_spans


def test_geo_component_reads_the_data_folder_its_config_names(pipeline, tmp_path):
    folder = tmp_path / "geo"
    shutil.copytree(data_path("geo"), folder)
    with (folder / "aliases.tsv").open("a", encoding="utf-8") as handle:
        handle.write("Zorvania\tEGY\t\n")
    custom = pipeline.nlp.create_pipe("tidings_geo", config={"data_dir": str(folder)})
    bundled = pipeline.nlp.get_pipe("tidings_geo")
    text = "Floods hit Zorvania on Monday."
    spans = [(text.index("Zorvania"), text.index(" on"))]

    def countries(geoparser) -> list[str | None]:
        resolver = geoparser.resolver
        return [p and p.country for p in resolver.resolve(text, mentions_from_spans(text, spans, resolver.rules))]

    assert countries(bundled) == [None]
    assert countries(custom) == ["EGY"]


def test_time_component_reads_the_data_folder_its_config_names(pipeline, tmp_path):
    folder = tmp_path / "time"
    shutil.copytree(data_path("time"), folder)
    lexicon = folder / "lexicon.yaml"
    lexicon.write_text(lexicon.read_text(encoding="utf-8").replace(
        "  january: 1\n", "  january: 1\n  zanuary: 1\n", 1), encoding="utf-8")
    custom = pipeline.nlp.create_pipe("tidings_time", config={"data_dir": str(folder)})
    bundled = pipeline.nlp.get_pipe("tidings_time")
    nlp = pipeline.nlp
    doc = nlp.make_doc("The port reopened on 5 Zanuary 2019.")
    for _, component in nlp.pipeline[:nlp.pipe_names.index("tidings_time")]:
        doc = component(doc)

    def values(tagger) -> list[str]:
        return [t.value for t in tagger(doc)._.times]

    assert "2019-01-05" not in values(bundled)
    assert values(custom) == ["2019-01-05"]
