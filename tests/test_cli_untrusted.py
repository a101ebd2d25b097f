"""Untrusted input through the command line: a gzip bomb refused in bounded memory and time,
bad JSONL records skipped in both engines with the rest stored, nothing stored that breaks a
later step."""

from __future__ import annotations

import gzip
import json
import subprocess
import sys

import duckdb
import pytest

BOMB_BYTES = 1 << 30  # 1 GiB of zeros, about 1 MB compressed


def _peak_rss_of(command: list[str]) -> tuple[subprocess.CompletedProcess, float, float]:
    """Run ``command``; its result, its peak resident memory in MB and its wall time in s."""
    script = (
        "import json, resource, subprocess, sys, time\n"
        "start = time.monotonic()\n"
        "done = subprocess.run(sys.argv[1:], capture_output=True, text=True)\n"
        "print(json.dumps([done.returncode, done.stdout, done.stderr, time.monotonic() - start,\n"
        "                  resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024]))\n"
    )
    out = subprocess.run([sys.executable, "-c", script, *command], capture_output=True, text=True, timeout=300)
    code, stdout, stderr, seconds, peak_mb = json.loads(out.stdout)
    return subprocess.CompletedProcess(command, code, stdout, stderr), peak_mb, seconds


def test_gzip_bomb_is_refused_in_bounded_memory_and_time(tmp_path):
    bomb = tmp_path / "bomb.txt.gz"
    zeros = bytes(1 << 20)
    with gzip.GzipFile(bomb, "wb", compresslevel=6) as out:
        for _ in range(BOMB_BYTES >> 20):
            out.write(zeros)
    assert bomb.stat().st_size < 2 << 20  # far under the compressed-size limit, as the attack needs
    done, peak_mb, seconds = _peak_rss_of([sys.executable, "-m", "tidings", "ingest", str(bomb),
                                           "--db", str(tmp_path / "b.duckdb")])
    print(f"gzip bomb of {BOMB_BYTES >> 20} MB: refused in {seconds:.1f} s, peak memory {peak_mb:.0f} MB")
    assert done.returncode == 1, done.stderr
    assert "over the limit" in done.stderr and str(bomb) in done.stderr
    assert peak_mb < 1024 and seconds < 60


LINES = [
    {"text": "Police in the capital detained two protest leaders on Monday, officials said.",
     "url": "https://a.example/1", "published": "2021-03-04"},
    {"text": "Rebels attacked an army post near the border on Tuesday.", "url": 12345},
    '{"text": "Soldiers seized a depot \\ud800 near the port on Wednesday."}',
    {"text": "Ministers met union leaders in the capital on Thursday.", "url": "http://example.com:80a/"},
    {"text": "Firefighters rescued twelve workers from a collapsed mine on Friday.",
     "url": "https://a.example/5", "published": "2021-03-08"},
]


def _jsonl(path) -> None:
    path.write_text("\n".join(line if isinstance(line, str) else json.dumps(line) for line in LINES) + "\n",
                    encoding="utf-8")


@pytest.mark.parametrize("engine", ["local", "dask"])
def test_bad_jsonl_records_are_skipped_the_rest_stored_and_the_next_run_is_clean(tmp_path, engine):
    source, db = tmp_path / "mixed.jsonl", tmp_path / "m.duckdb"
    _jsonl(source)
    command = [sys.executable, "-m", "tidings", "ingest", str(source), "--db", str(db), "--engine", engine,
               "--workers", "1"]
    first = subprocess.run(command, capture_output=True, text=True, timeout=600)
    assert first.returncode == 1, first.stderr
    for line in (2, 3, 4):
        assert f"{source}:{line}:" in first.stderr
    with duckdb.connect(str(db), read_only=True) as con:
        assert sorted(con.execute("SELECT url FROM articles").fetchall()) == [("https://a.example/1",),
                                                                              ("https://a.example/5",)]
    good = tmp_path / "good.jsonl"
    good.write_text(json.dumps({"text": "Engineers reopened the bridge on Saturday.",
                                "url": "https://a.example/6"}) + "\n", encoding="utf-8")
    second = subprocess.run([*command[:4], str(good), *command[5:]], capture_output=True, text=True, timeout=600)
    assert second.returncode == 0, second.stderr


def test_a_bad_url_already_in_the_store_breaks_no_later_step(tmp_path):
    """A store written before URLs were checked may hold one; the stories step passes over it."""
    db = tmp_path / "old.duckdb"
    first, second = tmp_path / "first.jsonl", tmp_path / "second.jsonl"
    first.write_text(json.dumps(LINES[0]) + "\n", encoding="utf-8")
    second.write_text(json.dumps(LINES[4]) + "\n", encoding="utf-8")
    command = [sys.executable, "-m", "tidings", "ingest", "--db", str(db)]
    assert subprocess.run([*command, str(first)], capture_output=True, timeout=600).returncode == 0
    with duckdb.connect(str(db)) as con:
        con.execute("UPDATE articles SET url = 'http://example.com:80a/'")
        con.execute("DELETE FROM article_identity")  # as if never clustered
    again = subprocess.run([*command, str(second)], capture_output=True, text=True, timeout=600)
    assert again.returncode == 0, again.stderr
    stories = subprocess.run([sys.executable, "-m", "tidings", "stories", "--db", str(db), "--format", "json"],
                             capture_output=True, text=True, timeout=120)
    assert stories.returncode == 0 and len(stories.stdout.splitlines()) == 2
