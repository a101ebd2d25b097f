"""Readers of toponym corpora (GeoVirus XML, TUD-Loc folders) and ``tidings eval places
--format``, on small files in those formats with the project's own sentences."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tidings.errors import InputError
from tidings.evaluation import evaluate
from tidings.evaluation.place_corpora import read_geovirus, read_tudloc

FIXTURES = Path(__file__).resolve().parent / "fixtures"
GEOVIRUS = FIXTURES / "places_geovirus.xml"
TUDLOC = FIXTURES / "places_tudloc"


def test_geovirus_reader_finds_names_at_offsets_counted_from_one(capsys):
    rows = read_geovirus(str(GEOVIRUS))
    assert len(rows) == 4
    for row in rows:
        assert all(row["text"][p["start"]:p["end"]] == p["text"] for p in row["places"])
    assert [p["text"] for p in rows[0]["places"]] == ["Kisumu", "Kenya", "Uganda"]
    assert rows[2]["places"][1]["lat"] == pytest.approx(-6.75)
    # the last article names Quito at Lima's offsets: reported and skipped, Lima kept
    assert [p["text"] for p in rows[3]["places"]] == ["Lima"]
    assert "Quito" in capsys.readouterr().err


def test_geovirus_reader_rejects_other_files_clearly(tmp_path):
    bad = tmp_path / "not.xml"
    bad.write_text("<articles><article>", encoding="utf-8")
    with pytest.raises(InputError, match="not GeoVirus XML"):
        read_geovirus(str(bad))
    empty = tmp_path / "empty.xml"
    empty.write_text("<articles/>", encoding="utf-8")
    with pytest.raises(InputError, match="no <article>"):
        read_geovirus(str(empty))


def test_tudloc_reader_strips_tags_and_keeps_tags_without_points_out(tmp_path):
    rows = read_tudloc(str(TUDLOC))
    assert len(rows) == 2
    first = rows[0]
    assert "<" not in first["text"]
    assert [p["text"] for p in first["places"]] == ["Valparaiso", "Valparaiso", "Chile", "Santiago"]
    assert [first["text"][s:e] for s, e in first["ignore"]] == ["Old Harbour Market"]
    assert {p["kind"] for p in rows[1]["places"]} == {"country", "unit"}
    archive = tmp_path / "tud.zip"
    with zipfile.ZipFile(archive, "w") as zipped:
        for path in TUDLOC.iterdir():
            zipped.write(path, f"corpus/0-all/{path.name}")
    assert read_tudloc(str(archive)) == rows


def test_tudloc_reader_needs_its_coordinates(tmp_path):
    folder = tmp_path / "texts"
    shutil.copytree(TUDLOC, folder)
    (folder / "coordinates.csv").unlink()
    with pytest.raises(InputError, match="coordinates.csv"):
        read_tudloc(str(folder))


def test_places_evaluation_reads_geovirus_and_scores_every_measure(pipeline):
    report = evaluate("places", str(GEOVIRUS), pipeline, fmt="geovirus")
    scores = report.scores
    assert report.items == 9
    for name in ("toponym_precision", "toponym_recall", "toponym_f1", "accuracy_161km",
                 "accuracy_161km_gold_spans", "gazetteer_coverage", "gazetteer_coverage_161km"):
        assert 0.0 <= scores[name] <= 1.0
    assert scores["toponym_recall"] >= 0.8, report.errors
    assert scores["accuracy_161km_gold_spans"] >= 0.8, report.errors
    assert scores["gazetteer_coverage"] == 1.0


def test_places_evaluation_of_tudloc_leaves_unpointed_tags_unscored(pipeline):
    report = evaluate("places", str(TUDLOC), pipeline, fmt="tudloc")
    assert report.items == 6
    assert report.tables["accuracy_161km_by_kind"]["country"]["total"] >= 1


def test_unknown_format_is_refused(pipeline):
    with pytest.raises(KeyError, match="geovirus"):
        evaluate("places", str(GEOVIRUS), pipeline, fmt="gml")
    with pytest.raises(KeyError, match="jsonl"):
        evaluate("events", str(GEOVIRUS), pipeline, fmt="geovirus")


def test_cli_eval_places_with_a_corpus_format():
    run = subprocess.run([sys.executable, "-m", "tidings", "eval", "places", "--format",
                          "geovirus", str(GEOVIRUS), "--json"], capture_output=True, timeout=600)
    assert run.returncode == 0, run.stderr.decode()
    report = json.loads(run.stdout)
    assert report["items"] == 9 and "accuracy_161km_gold_spans" in report["scores"]
    refused = subprocess.run([sys.executable, "-m", "tidings", "eval", "places", "--format",
                              "gml", str(GEOVIRUS)], capture_output=True, timeout=600)
    assert refused.returncode != 0
    assert b"geovirus" in refused.stdout + refused.stderr
    assert b"Traceback" not in refused.stderr
