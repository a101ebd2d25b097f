"""An ingest killed with SIGKILL mid-way and run again stores every article exactly once."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb

from tidings.store import Store

ARTICLES = 120


def _inputs(folder: Path) -> Path:
    path = folder / "many.jsonl"
    with path.open("w", encoding="utf-8") as out:
        for number in range(ARTICLES):
            out.write(json.dumps({"text": f"Dockworkers in port {number} walked out on Monday over pay. "
                                          f"The union said {number} members joined the strike.",
                                  "published": "2024-04-01"}) + "\n")
    return path


def _ingest(inputs: Path, db: Path, *extra: str) -> subprocess.Popen:
    command = [sys.executable, "-c", "from tidings.cli import main; main()", "ingest", str(inputs),
               "--db", str(db), "--batch-size", "4", *extra]
    return subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True)


def _kill_after_first_commit(process: subprocess.Popen, db: Path, timeout: float = 180) -> None:
    """SIGKILL the CLI process once it has committed articles.  An ingest opens the file only to
    check or store a batch, so the test looks in between (the ingest waits while it looks)."""
    deadline = time.monotonic() + timeout
    while not _committed(db) and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    assert process.poll() is None, process.stderr.read().decode()[-2000:]
    os.kill(process.pid, signal.SIGKILL)
    process.wait()


def _committed(db: Path) -> bool:
    """Whether ``db`` holds an article; False while the ingest holds the file or has not made it."""
    if not db.exists():
        return False
    try:
        with duckdb.connect(str(db), read_only=True) as con:
            return con.execute("SELECT count(*) FROM articles").fetchone()[0] > 0
    except duckdb.Error:
        return False


def _stored_ids(db: Path) -> list[str]:
    with Store(db, read_only=True) as store:
        return [row[0] for row in store.con.execute("SELECT id FROM articles").fetchall()]


def test_scale_killed_local_ingest_restarted_stores_each_article_once(tmp_path):
    killed_and_restarted(tmp_path)


def killed_and_restarted(tmp_path: Path, *extra: str) -> None:
    """Run the CLI ingest, SIGKILL it after its first commit, run it again, check the store."""
    inputs, db = _inputs(tmp_path), tmp_path / "killed.duckdb"
    first = _ingest(inputs, db, *extra)
    try:
        _kill_after_first_commit(first, db)
    finally:
        try:
            os.killpg(first.pid, signal.SIGKILL)  # the dask workers this run started
        except ProcessLookupError:
            pass
    partial = _stored_ids(db)
    assert 0 < len(partial) < ARTICLES
    second = _ingest(inputs, db, *extra)
    assert second.wait(timeout=300) == 0, second.stderr.read().decode()[-2000:]
    ids = _stored_ids(db)
    assert len(ids) == len(set(ids)) == ARTICLES
    with Store(db, read_only=True) as store:
        assert store.con.execute("SELECT count(*) FROM articles WHERE story_id IS NULL").fetchone()[0] == 0
