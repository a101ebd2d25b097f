"""One DuckDB file, a running ``tidings serve`` and ``tidings ingest`` into it at the same time;
problems with the file itself are user errors (exit 2) with a hint, not internal errors."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import httpx
import pytest

FIRST = "Police detained two protest leaders in the capital on Monday, officials said."
LATER = ["Rebels attacked an army post near the border on Tuesday, the army said.",
         "Ministers met union leaders in the capital on Wednesday to end the strike."]


def tidings(*args: str, timeout: int = 600) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "tidings", *args], capture_output=True, text=True,
                          timeout=timeout)


def _jsonl(path: Path, texts: list[str], start: int) -> Path:
    path.write_text("".join(json.dumps({"text": t, "url": f"https://live.example/{start + n}"}) + "\n"
                            for n, t in enumerate(texts)), encoding="utf-8")
    return path


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _events(base: str) -> int:
    return httpx.get(f"{base}/api/events", timeout=30).json()["total"]


def test_ingest_into_the_file_a_running_server_serves(tmp_path):
    db = tmp_path / "live.duckdb"
    assert tidings("ingest", str(_jsonl(tmp_path / "a.jsonl", [FIRST], 0)), "--db", str(db)).returncode == 0
    port = _free_port()
    server = subprocess.Popen([sys.executable, "-m", "tidings", "serve", "--db", str(db), "--port", str(port)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(600):
            try:
                before = _events(base)
                break
            except httpx.TransportError:
                time.sleep(0.1)
        else:
            pytest.fail("tidings serve did not answer")
        ingest = subprocess.Popen([sys.executable, "-m", "tidings", "ingest",
                                   str(_jsonl(tmp_path / "b.jsonl", LATER, 1)), "--db", str(db)],
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        served = 0
        while ingest.poll() is None:  # the page keeps answering while the ingest runs
            assert httpx.get(f"{base}/api", timeout=90).status_code == 200
            served += 1
            time.sleep(0.2)
        out, err = ingest.communicate()
        assert ingest.returncode == 0, err
        assert "stored 2 new articles" in out and served > 0
        assert _events(base) > before  # a reload shows the new events
        assert httpx.get(f"{base}/api/articles", timeout=30).json()["total"] == 3
    finally:
        server.terminate()
        server.wait(30)


def test_file_problems_are_user_errors_with_a_hint(tmp_path):
    source = _jsonl(tmp_path / "a.jsonl", [FIRST], 0)
    cases = {
        "missing folder": tmp_path / "no" / "such" / "x.duckdb",
        "not DuckDB": tmp_path / "notes.duckdb",
        "a folder": tmp_path,
    }
    cases["not DuckDB"].write_text("just notes\n" * 100, encoding="utf-8")
    for name, db in cases.items():
        done = tidings("ingest", str(source), "--db", str(db))
        assert done.returncode == 2, (name, done.stderr)
        assert str(db) in done.stderr and "internal error" not in done.stderr and "(" in done.stderr, name
    locked = tmp_path / "locked.duckdb"
    with duckdb.connect(str(locked)):
        done = tidings("ingest", str(source), "--db", str(locked), "--lock-wait", "0.5")
    assert done.returncode == 2 and "in use by another process" in done.stderr, done.stderr


def test_permission_problem_is_a_user_error(tmp_path):
    folder = tmp_path / "closed"
    folder.mkdir(mode=0o500)
    probe = folder / "probe"
    try:
        probe.write_text("x")
        pytest.skip("running as a user who may write anywhere (root)")
    except PermissionError:
        pass
    done = tidings("ingest", str(_jsonl(tmp_path / "a.jsonl", [FIRST], 0)), "--db", str(folder / "x.duckdb"))
    assert done.returncode == 2 and "permission" in done.stderr.lower(), done.stderr


def test_ingest_of_nothing_creates_no_database_and_workers_are_checked(tmp_path):
    db = tmp_path / "never.duckdb"
    done = tidings("ingest", str(tmp_path / "nosuchdir"), "--db", str(db))
    assert done.returncode == 1 and "nosuchdir" in done.stderr
    assert not db.exists()
    done = tidings("ingest", str(tmp_path), "--db", str(db), "--engine", "dask", "--workers", "0", timeout=60)
    assert done.returncode == 2 and "--workers" in done.stderr
