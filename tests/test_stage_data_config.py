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
