"""Smoke test: the benchmark runner works on a tiny size and reports its figures."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _quick(tmp_path, name: str, timeout: int) -> tuple[str, dict]:
    """Run one benchmark at its quick sizes; its printed report and its figures."""
    out = tmp_path / "results.json"
    done = subprocess.run([sys.executable, "-m", "benchmarks", "--quick", "--only", name, "--json", str(out)],
                          cwd=ROOT, capture_output=True, text=True, timeout=timeout)
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout, json.loads(out.read_text())[name]


def test_benchmarks_runner_quick_lsh_reports_rates(tmp_path):
    printed, lsh = _quick(tmp_path, "lsh", 300)
    assert "index_inserts_per_s" in printed
    assert lsh["articles"] > 0 and lsh["signatures_per_s"] > 0 and lsh["query_ms"] > 0
    assert lsh["mean_matches_per_query"] >= 1  # every probe finds at least itself


def test_benchmarks_runner_quick_pipeline_reports_both_ratios(tmp_path):
    _, figures = _quick(tmp_path, "pipeline", 600)
    assert figures["texts"] == 24
    assert figures["ratio_pipeline_vs_spacy"] > 0 and figures["ratio_pipeline_vs_spacy_indexed"] > 0
    assert figures["spacy_docs_per_s"] > 0 and figures["spacy_indexed_docs_per_s"] > 0
    assert 0 < figures["share_events_vs_spacy"] < 1


def test_benchmarks_runner_quick_scale_serves_and_exports_each_size(tmp_path):
    _, figures = _quick(tmp_path, "scale", 900)
    for size in (2000, 6000):
        assert 0 < figures[f"{size}_first_page_s"] < 5 and figures[f"{size}_server_peak_mb"] > 0
        assert figures[f"{size}_export_parquet_peak_mb"] > 0 and figures[f"{size}_store_batch_s"] > 0
    assert figures["ratio_deep_page_cursor_s_6000_vs_2000"] > 0


def test_benchmarks_runner_quick_stories_times_one_article_per_store_size(tmp_path):
    _, figures = _quick(tmp_path, "stories", 600)
    assert figures["small_articles"] < figures["middle_articles"] < figures["large_articles"]
    for size in ("small", "middle", "large"):
        assert figures[f"{size}_add_unrelated_s"] > 0 and figures[f"{size}_add_syndicated_copy_s"] > 0
