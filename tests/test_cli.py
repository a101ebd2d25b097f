"""The CLI end to end, as a user runs it: real processes, real files, a real DuckDB file."""

from __future__ import annotations

import csv
import io
import json
import random
import re
import subprocess
import sys

import duckdb
import pyarrow.parquet as pq
import pytest

SUBJECTS = ["Kenyan police", "The Nigerian army", "Turkish warplanes", "Chilean protesters",
            "The Indian government", "French officials", "Brazilian troops", "The Iraqi ministry"]
VERBS = ["attacked", "arrested", "met", "criticised", "praised", "threatened", "helped", "accused"]
OBJECTS = ["rebels near the border", "opposition leaders", "a delegation from Ghana",
           "militants in the north", "aid workers", "the ruling party", "local journalists"]
DAYS = ["on Monday", "on Tuesday", "last week", "yesterday", "earlier this month"]


def tidings(*args: str, stdin: bytes | None = None, timeout: int = 900) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "tidings", *args], input=stdin, capture_output=True,
                          timeout=timeout)


def generated_corpus(folder, count: int, seed: int = 7) -> None:
    """Short articles from templates, one file each, with a publication date line."""
    rng = random.Random(seed)
    for n in range(count):
        sentences = [f"{rng.choice(SUBJECTS)} {rng.choice(VERBS)} {rng.choice(OBJECTS)} {rng.choice(DAYS)}."
                     for _ in range(3)]
        date = f"2021-{1 + n % 12:02d}-{1 + n % 28:02d}"
        (folder / f"a{n:04d}.txt").write_text(f"Report {n}\nPublished: {date}\n\n" + " ".join(sentences),
                                               encoding="utf-8")


def test_cli_ingest_thousand_articles_twice_with_bad_files(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    generated_corpus(corpus, 1000)
    (corpus / "empty.txt").write_bytes(b"")
    (corpus / "binary.txt").write_bytes(b"\x00\xff\x10" * 50)
    (corpus / "latin1.txt").write_bytes("Caf\xe9 owners protested in Lyon.".encode("latin-1"))
    (corpus / "broken.html").write_bytes(b"<html><body><div><<<</body>")
    db = tmp_path / "t.duckdb"

    first = tidings("ingest", str(corpus), "--db", str(db))
    err = first.stderr.decode()
    assert first.returncode == 1, err  # some inputs were bad
    for name in ("empty.txt", "binary.txt", "latin1.txt", "broken.html"):
        assert name in err
    assert "Traceback" not in err
    # the progress bar (bytes of input) reached the end, counting the articles
    assert re.search(r"ingest .* ([\d.]+)/\1 kB 1000 articles", err), err
    assert "stored 1000 new articles" in first.stdout.decode()

    second = tidings("ingest", str(corpus), "--db", str(db))
    assert "stored 0 new articles" in second.stdout.decode() and "1000 already stored" in second.stdout.decode()
    con = duckdb.connect(str(db), read_only=True)
    assert con.execute("SELECT count(*), count(DISTINCT id) FROM articles").fetchall() == [(1000, 1000)]
    assert con.execute("SELECT count(*) FROM articles WHERE published IS NULL").fetchall() == [(0,)]
    con.close()


def test_cli_extract_seed_json(seed_text, tmp_path):
    path = tmp_path / "seed.txt"
    path.write_text(seed_text, encoding="utf-8")
    result = tidings("extract", str(path), "--json")
    assert result.returncode == 0, result.stderr.decode()
    data = json.loads(result.stdout)
    assert data["tidings"] == "1" and data["text"] == seed_text
    assert data["article"]["published"] == "2018-02-04"
    assert data["article"]["syndication"]["original_outlet"] == "Behold Israel"
    assert data["events"], "the seed article has events"


def test_cli_extract_stdin_and_bad_input(tmp_path):
    result = tidings("extract", "-", "--json", "--published", "2022-01-05",
                     stdin="Militants attacked a police station in the city.".encode())
    assert result.returncode == 0, result.stderr.decode()
    assert json.loads(result.stdout)["article"]["published"] == "2022-01-05"
    bad = tidings("extract", str(tmp_path / "missing.txt"))
    assert bad.returncode == 1 and "missing.txt" in bad.stderr.decode() and "Traceback" not in bad.stderr.decode()
    wrong = tidings("extract", "-", "--published", "soon", stdin=b"Text.")
    assert wrong.returncode == 2 and "--published" in wrong.stderr.decode()


def _json_lines(output: bytes) -> list[dict]:
    return [json.loads(line) for line in output.decode().splitlines()]


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory):
    db = tmp_path_factory.mktemp("demo") / "demo.duckdb"
    result = tidings("demo", "--db", str(db))
    assert result.returncode == 0, result.stderr.decode()
    assert "tidings serve --db" in result.stdout.decode()
    return db


def test_cli_demo_events_and_filters(demo_db):
    rows = _json_lines(tidings("events", "--db", str(demo_db), "--format", "json", "--limit", "500").stdout)
    assert rows and all(r["type"] for r in rows)
    some_type = rows[0]["type"]
    filtered = _json_lines(tidings("events", "--db", str(demo_db), "--type", some_type, "--format", "json").stdout)
    assert filtered and {r["type"] for r in filtered} == {some_type}
    lines = tidings("events", "--db", str(demo_db), "--format", "csv").stdout.decode()
    table = list(csv.DictReader(io.StringIO(lines)))
    assert len(table) == min(len(rows), 100) and table[0]["id"] == rows[0]["id"]
    bad = tidings("events", "--db", str(demo_db), "--since", "last tuesday")
    assert bad.returncode == 2 and "--since" in bad.stderr.decode()


@pytest.mark.parametrize("fmt", ["parquet", "csv", "jsonl"])
def test_cli_export_formats(demo_db, tmp_path, fmt):
    out = tmp_path / f"events.{fmt}"
    result = tidings("export", "--db", str(demo_db), "--format", fmt, "--out", str(out))
    assert result.returncode == 0, result.stderr.decode()
    assert out.exists() and out.stat().st_size > 0
    if fmt == "parquet":
        assert pq.read_table(out).num_rows > 0
    if fmt == "jsonl":
        docs = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
        assert docs and all(d["tidings"] == "1" for d in docs)


def test_cli_missing_database_is_clear(tmp_path):
    result = tidings("events", "--db", str(tmp_path / "none.duckdb"))
    assert result.returncode == 2 and "none.duckdb" in result.stderr.decode() and "tidings ingest" in result.stderr.decode()
