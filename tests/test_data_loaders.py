"""Every data loader reports a malformed file as one DataError naming the file and the line."""

from __future__ import annotations

import re
import shutil

import pytest

from tidings.datafiles import DataError, data_path
from tidings.geo import gazetteer
from tidings.geo.rules import load_rules
from tidings.ingest import notices
from tidings.story_identity import _identity_rules


def _copy_with(tmp_path, name: str, old: str, new: str):
    """A copy of a bundled data file with ``old`` replaced by ``new`` where it first starts a
    line (else where it first occurs), and the number of that line."""
    text = data_path(*name.split("/")).read_text(encoding="utf-8")
    found = re.search(rf"(?m)^{re.escape(old)}", text)
    at = found.start() if found else text.index(old)
    path = tmp_path / name.split("/")[-1]
    path.write_text(text[:at] + new + text[at + len(old):], encoding="utf-8")
    return path, text[:at].count("\n") + 1


def _raises_at(load, path, line: int, reason: str) -> None:
    with pytest.raises(DataError) as error:
        load(path)
    assert (error.value.file, error.value.line) == (path, line)
    assert reason in error.value.message


def test_geo_rules_bad_weights_name_the_line(tmp_path):
    path, line = _copy_with(tmp_path, "geo/rules.yaml", "weights:", "weights: {}\nunused:")
    _raises_at(load_rules, path, line, "weights: missing or not numbers")


def test_geo_rules_bad_yaml_names_the_line(tmp_path):
    path, line = _copy_with(tmp_path, "geo/rules.yaml", "roles:", "roles: [site\n")
    _raises_at(load_rules, path, line + 2, "not valid YAML")


def test_geo_supplement_bad_coordinates_name_the_line(tmp_path):
    rows = gazetteer.supplement_rows()
    first = "\t".join(rows[0][c] for c in gazetteer.SUPPLEMENT_COLUMNS)
    broken = first.replace(f"\t{rows[0]['lat']}\t", "\t95.5\t", 1)
    path, line = _copy_with(tmp_path, "geo/supplement.tsv", first, broken)
    _raises_at(gazetteer.supplement_rows, path, line, "coordinates out of range")


def test_geo_supplement_header_is_checked(tmp_path):
    path, line = _copy_with(tmp_path, "geo/supplement.tsv", "name\taliases", "place\taliases")
    _raises_at(gazetteer.supplement_rows, path, line, "header must be")


def test_stories_identity_bad_list_names_the_file(tmp_path):
    path, line = _copy_with(tmp_path, "stories/identity.yaml", "  min_words: 4", "  min_words: few")
    _raises_at(_identity_rules, path, line, "min_words: must be a whole number")


def test_notices_pattern_without_its_group_names_the_entry_line(tmp_path):
    entry = notices._patterns()["syndication"][0]
    path, _ = _copy_with(tmp_path, "notices.yaml", "(?P<outlet>", "(?P<place>")
    line = next(n for n, text in enumerate(path.read_text().splitlines(), 1)
                if text.endswith(f"id: {entry.id}"))
    _raises_at(notices._patterns, path, line, f"syndication.{entry.id}: pattern lacks group(s) ['outlet']")


def test_notices_unknown_group_names_the_line(tmp_path):
    path, line = _copy_with(tmp_path, "notices.yaml", "wire:", "wires:")
    _raises_at(notices._patterns, path, line, "unknown group 'wires'")


def test_bundled_files_load(tmp_path):
    for name in ("geo/rules.yaml", "stories/identity.yaml", "notices.yaml"):
        shutil.copy(data_path(*name.split("/")), tmp_path / name.split("/")[-1])
    assert load_rules(tmp_path / "rules.yaml") == load_rules()
    assert _identity_rules(tmp_path / "identity.yaml") == _identity_rules()
    assert notices._patterns(tmp_path / "notices.yaml").keys() == notices._patterns().keys()
