"""What the command line prints: JSON Lines that parse, lists that line up, tables that fit 80
columns without cutting words, merged events and stories, GDELT without self-pairs, --version."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys

import pytest

from test_cli import demo_db, tidings  # noqa: F401 - the demo database, built once

ARTICLES = [
    {"text": "Police arrested two protest leaders in Tavir on Monday, officials said.",
     "url": "https://cli.example/1"},
    {"text": "Rebels attacked an army post near Orlo on Tuesday, the army said. "
             "The government denied that soldiers had fled.", "url": "https://cli.example/2"},
]


def _lines(result: subprocess.CompletedProcess) -> list[dict]:
    assert result.returncode == 0, result.stderr.decode()
    return [json.loads(line) for line in result.stdout.decode().splitlines()]


def test_extract_json_is_json_lines_one_document_each(tmp_path):
    source = tmp_path / "two.jsonl"
    source.write_text("".join(json.dumps(a) + "\n" for a in ARTICLES), encoding="utf-8")
    documents = _lines(tidings("extract", str(source), "--json"))
    assert [d["article"]["url"] for d in documents] == [a["url"] for a in ARTICLES]
    assert "JSON Lines" in tidings("extract", "--help").stdout.decode()
    assert "None" not in tidings("extract", str(source)).stdout.decode()  # no "≤ None" without a date


def test_events_json_lines_have_aligned_lists(demo_db):  # noqa: F811
    events = _lines(tidings("events", "--db", str(demo_db), "--format", "json"))
    assert events
    for event in events:
        for role in ("actors", "recipients", "sources"):
            assert isinstance(event[role], list)
        assert all(set(a) >= {"name", "country", "id"} and a["name"] for a in event["actors"])
        assert all(s["name"] and s["stance"] for s in event["sources"])


def test_tables_fit_80_columns_without_cutting_words(demo_db):  # noqa: F811
    events = _lines(tidings("events", "--db", str(demo_db), "--format", "json"))
    words = set()
    for event in events:
        text = " ".join([event["type"], event["trigger"], event["place"] or "",
                         *(p["name"] for p in event["actors"] + event["recipients"]),
                         *(f"{s['name']}: {s['stance']}" for s in event["sources"])])
        words |= set(re.findall(r"[\w'-]+", text))
    table = subprocess.run([sys.executable, "-m", "tidings", "events", "--db", str(demo_db)], capture_output=True,
                           text=True, env={**os.environ, "COLUMNS": "80"})
    rows = [line for line in table.stdout.splitlines() if line.startswith("│")]
    assert rows and all(len(line) <= 80 for line in table.stdout.splitlines())
    for line in rows:
        for cell in line.strip("│").split("│")[1:]:  # the first column holds dates
            for token in re.findall(r"[\w'-]+…?", cell):
                assert token in words or token.endswith("…"), (token, line)
    assert "None" not in table.stdout


def test_merged_events_and_stories(demo_db):  # noqa: F811
    merged = _lines(tidings("events", "--db", str(demo_db), "--merged", "--format", "json"))
    assert merged
    for event in merged:
        assert event["num_mentions"] >= event["num_articles"] >= event["num_sources"] >= 1
        assert isinstance(event["stances"], dict) and len(event["actors"]) == len(event["actor_ids"])
    stories = _lines(tidings("stories", "--db", str(demo_db), "--format", "json"))
    assert stories and all(s["n_articles"] >= s["n_sources"] >= 1 for s in stories)
    table = tidings("stories", "--db", str(demo_db)).stdout.decode()
    assert stories[0]["title"].split()[0] in table


def test_gdelt_has_no_self_pairs_and_help_says_what_each_format_writes(demo_db, tmp_path):  # noqa: F811
    out = tmp_path / "events.tsv"
    assert tidings("export", "--db", str(demo_db), "--format", "gdelt", "--out", str(out)).returncode == 0
    rows = [line.split("\t") for line in out.read_text(encoding="utf-8").splitlines()]
    assert rows
    for row in rows:
        actor1, actor2 = row[5:7], row[15:17]  # code and name of each side
        assert actor1 != actor2 or actor1 == ["", ""], row[:20]
    assert "documents" in tidings("export", "--help").stdout.decode()


def test_version():
    result = tidings("--version")
    assert result.returncode == 0 and re.fullmatch(r"tidings \S+\n", result.stdout.decode())


@pytest.mark.parametrize("command", [["stories"], ["events", "--merged"]])
def test_new_commands_name_a_missing_database(tmp_path, command):
    result = tidings(*command, "--db", str(tmp_path / "none.duckdb"))
    assert result.returncode == 2 and "none.duckdb" in result.stderr.decode()


def test_api_story_list_counts_independent_sources_as_the_stories_stage_did(demo_db):  # noqa: F811
    from tidings.store import Store
    from tidings.store.queries import Reader

    with Store(demo_db, read_only=True) as store:
        _, listed = Reader(store.con).stories(limit=100)
        counted = dict(store.con.execute("SELECT id, n_sources FROM stories").fetchall())
    assert listed and all(story["n_sources"] == counted[story["id"]] >= 1 for story in listed)
