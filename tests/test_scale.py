"""The Dask engine: same rows as the local engine, staged partitions merged once, restarts."""

from __future__ import annotations

import json
from pathlib import Path

from support import load_corpus_module

from tidings.cli import ingest_locally
from tidings.model import Document
from tidings.scale import ingest_with_dask, process_partition, staging_dir
from tidings.settings import Settings
from tidings.store import ARTICLE_TABLES, Store

corpus_module = load_corpus_module()


def write_inputs(folder: Path, count: int, seed: int = 5) -> Path:
    """A JSON Lines file of ``count`` generated articles."""
    maker = corpus_module.CorpusMaker(seed)
    path = folder / "articles.jsonl"
    with path.open("w", encoding="utf-8") as out:
        for number in range(count):
            out.write(json.dumps({"text": maker.text(sentences=2), "outlet": f"Outlet {number % 3}",
                                  "published": f"2024-02-{1 + number % 27:02d}"}) + "\n")
    return path


def table_rows(db: Path) -> dict[str, list]:
    """Every row of every article table, without ingest times and story links, sorted."""
    with Store(db, read_only=True) as store:
        rows = {"articles": sorted(store.con.execute(
            "SELECT * EXCLUDE (ingested_at, story_id) FROM articles").fetchall(), key=str)}
        for table in ARTICLE_TABLES:
            exclude = " EXCLUDE (story_event_id)" if table == "events" else ""
            rows[table] = sorted(store.con.execute(f"SELECT *{exclude} FROM {table}").fetchall(), key=str)
    return rows


def test_scale_document_json_round_trip_keeps_every_field():
    for item in corpus_module.story_corpus(stories=4, unrelated=2, seed=2):
        document = item.document
        assert Document.from_dict(json.loads(document.to_json()), document.article.source_path) == document


def test_scale_dask_engine_matches_local_engine_and_merges_leftovers_once(tmp_path, pipeline):
    inputs = write_inputs(tmp_path, 12)
    local_db, dask_db = tmp_path / "local.duckdb", tmp_path / "dask.duckdb"
    settings = Settings(db=str(dask_db), batch_size=4)
    errors: list = []
    local = ingest_locally([str(inputs)], Settings(db=str(local_db), batch_size=4), on_error=errors.append)
    assert local.added == 12 and not errors

    # A partition left behind by a killed run (processed, never merged), plus a half-written one.
    from tidings.ingest import read_paths

    staging = staging_dir(str(dask_db))
    staging.mkdir()
    first_three = list(read_paths([str(inputs)]))[:3]
    process_partition(first_three, settings, str(staging), "leftover")
    (staging / ".half-written.123.tmp").mkdir()
    (staging / ".half-written.123.tmp" / "articles.parquet").write_bytes(b"PAR1")

    progress: list[int] = []
    counts = ingest_with_dask([str(inputs)], settings, workers=2, on_error=errors.append,
                              on_progress=progress.append)
    assert not errors
    assert (counts.added, counts.events) == (12, local.events)
    assert progress == sorted(progress) and progress[-1] == 12  # the 3 merged leftovers count as handled
    assert not staging.exists()
    assert table_rows(dask_db) == table_rows(local_db)

    again = ingest_with_dask([str(inputs)], settings, workers=1, on_error=errors.append)
    assert (again.added, again.skipped) == (0, 12)
    assert table_rows(dask_db) == table_rows(local_db)


def test_even_tail_deals_out_the_last_batches_smaller():
    from tidings.scale import _even_tail

    batches = [list(range(start, start + 10)) for start in range(0, 50, 10)]
    dealt = list(_even_tail(iter(batches), workers=2))
    assert dealt[:3] == batches[:3]  # the last two batches (20 articles) become four of five
    assert [len(b) for b in dealt[3:]] == [5, 5, 5, 5]
    assert [a for b in dealt for a in b] == list(range(50))
    assert list(_even_tail(iter([[1]]), workers=4)) == [[1]]
    assert list(_even_tail(iter([]), workers=2)) == []
