"""The actor dictionary: validated data files, coverage of leaders, EntityRuler patterns."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from tidings.actors import DATA_DIR, entity_patterns, load_dictionary
from tidings.datafiles import DataError

G20 = "ARG AUS BRA CAN CHN FRA DEU IND IDN ITA JPN MEX RUS SAU ZAF KOR TUR GBR USA".split()
MENA = "DZA BHR EGY IRN IRQ ISR JOR KWT LBN LBY MAR OMN PSE QAT SAU SYR TUN ARE YEM".split()


@pytest.mark.parametrize("day", ["2001-06-01", "2010-06-01", "2018-01-01", "2024-01-01"])
def test_actors_dictionary_has_a_leader_in_office_for_g20_and_mena(day):
    dictionary = load_dictionary()
    date = dt.date.fromisoformat(day)
    in_office = set()
    for actor in dictionary.named.values():
        tenure, current = actor.tenure_at(date)
        if actor.kind == "person" and current and "GOV" in tenure.sector:
            in_office.add(tenure.country)
    assert sorted(set(G20 + MENA) - in_office) == []


def test_actors_dictionary_tenure_outside_office_is_the_latest_before():
    actor = load_dictionary().named["benjamin_netanyahu"]
    tenure, current = actor.tenure_at(dt.date(2022, 1, 1))
    assert not current and tenure.end == dt.date(2021, 6, 13)
    assert actor.tenure_at(dt.date(2023, 1, 1)) == (actor.tenures[-1], True)
    assert actor.tenure_at(None)[1] is True


def _broken_copy(tmp_path: Path, filename: str, line: str) -> Path:
    data = tmp_path / "actors"
    shutil.copytree(DATA_DIR, data)
    with (data / filename).open("a", encoding="utf-8") as handle:
        handle.write(line + "\n")
    return data


@pytest.mark.parametrize(("filename", "line", "reason"), [
    ("people.tsv", "new_leader\tNew Leader\t\tEGY\tGOV\tpresident\t2019-02-30\t", "bad date"),
    ("people.tsv", "new_leader\tNew Leader\t\tEGY\tXYZ\tpresident\t2019-02-03\t", "unknown sector"),
    ("organizations.tsv", "some_group\tSome Group\t\tgang\t\tREB\t\t", "unknown kind"),
    ("agents.tsv", "watchmen\tCOP\tmember", "expected 5 tab-separated columns"),
    ("countries.tsv", "Xyz\tNowhere\t\t\t", "bad country code"),
])
def test_actors_dictionary_errors_name_file_and_line(tmp_path, filename, line, reason):
    data = _broken_copy(tmp_path, filename, line)
    last = len((data / filename).read_text(encoding="utf-8").splitlines())
    with pytest.raises(DataError) as error:
        load_dictionary(data)
    assert f"{filename}:{last}:" in str(error.value) and reason in str(error.value)


def test_actors_entity_patterns_skip_ambiguous_short_names():
    patterns = {tuple(p["pattern"].split()): p["label"] for p in entity_patterns()}
    assert patterns[("Ansar", "Beit", "al", "-", "Maqdis")] == "ORG"
    assert patterns[("Islamic", "State")] == "ORG"
    assert patterns[("Abdel", "Fattah", "el", "-", "Sisi")] == "PERSON"
    assert patterns[("Saudi", "Arabia")] == "GPE"
    for ambiguous in [("IS",), ("US",), ("Jordan",), ("Chad",), ("Washington",), ("Sharon",)]:
        assert ambiguous not in patterns


def test_actors_entity_patterns_correct_the_statistical_labels(pipeline):
    doc = pipeline.nlp("Fighters of Ansar Beit al-Maqdis ambushed a patrol near the coast.")
    assert [(e.text, e.label_) for e in doc.ents if "Maqdis" in e.text] == [
        ("Ansar Beit al-Maqdis", "ORG")
    ]


def test_actors_component_reads_the_data_folder_its_config_names(pipeline, tmp_path):
    data = _broken_copy(tmp_path, "organizations.tsv",
                        "zorvan_league\tZorvan League\t\tarmed_group\t\tREB\t\t")
    nlp = pipeline.nlp
    custom = nlp.create_pipe("tidings_actors", config={"data_dir": str(data)})
    bundled = nlp.get_pipe("tidings_actors")
    doc = nlp.make_doc("Fighters of the Zorvan League attacked a checkpoint near the river.")
    for _, component in nlp.pipeline[:nlp.pipe_names.index("tidings_actors")]:
        doc = component(doc)
    assert "zorvan_league" not in [m.id for m in bundled(doc)._.actor_mentions]
    assert "zorvan_league" in [m.id for m in custom(doc)._.actor_mentions]


def _grammar_copy(tmp_path: Path, old: str, new: str) -> tuple[Path, int]:
    """A copy of the actor data with a line of grammar.yaml changed, and that line's number."""
    data = tmp_path / "actors"
    shutil.copytree(DATA_DIR, data)
    lines = (data / "grammar.yaml").read_text(encoding="utf-8").splitlines()
    number = next(n for n, line in enumerate(lines, 1) if line.startswith(old))
    lines[number - 1] = new
    (data / "grammar.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return data, number


@pytest.mark.parametrize(("old", "new", "reason"), [
    ("armed_sectors:", "armed_sectors: [REB, XYZ]", "unknown sector code(s) ['XYZ']"),
    ("pronoun_window:", "pronoun_window: two", "pronoun_window: must be a number"),
    ("  in:", "  in: [country, river]", "placing_prepositions.in: name forms are"),
    ("definite:", "definite: : the", "not valid YAML"),
])
def test_actors_grammar_errors_name_file_and_line(tmp_path, old, new, reason):
    data, line = _grammar_copy(tmp_path, old, new)
    with pytest.raises(DataError) as error:
        load_dictionary(data)
    assert error.value.file == data / "grammar.yaml" and reason in error.value.message
    assert error.value.line == line


def test_actors_grammar_every_key_has_a_comment_with_an_example():
    lines = (DATA_DIR / "grammar.yaml").read_text(encoding="utf-8").splitlines()
    for number, line in enumerate(lines):
        if line and not line.startswith(("#", " ")):
            comments = []
            for above in reversed(lines[:number]):
                if not above.startswith("#"):
                    break
                comments.append(above)
            assert any(c.startswith("# Example:") for c in comments), line


def test_actors_grammar_thresholds_come_from_the_data_folder(pipeline, tmp_path):
    data, _ = _grammar_copy(tmp_path, "pronoun_window:", "pronoun_window: 1")
    nlp = pipeline.nlp
    text = "Erdogan arrived in Berlin on Monday. The talks lasted hours. He said the visit was overdue."
    doc = nlp.make_doc(text)
    for _, component in nlp.pipeline[:nlp.pipe_names.index("tidings_actors")]:
        doc = component(doc)

    def said(resolver) -> dict[str, str]:
        return {m.text: m.id for m in resolver(doc)._.actor_mentions}

    assert said(nlp.get_pipe("tidings_actors")).get("He") == "recep_tayyip_erdogan"
    assert "He" not in said(nlp.create_pipe("tidings_actors", config={"data_dir": str(data)}))
