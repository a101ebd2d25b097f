"""The petrarch2 converters (scripts/convert_petrarch_actors.py, scripts/convert_cameo_verbs.py)
on tiny dictionaries written here in the petrarch format: the rows they write, the merge rule
(curated rows win, conflicts listed) and the noise filters. The converted rows are read back
with tidings' own loaders."""

from __future__ import annotations

import datetime as dt
import shutil
import sys
from pathlib import Path

import pytest

SCRIPTS = Path(__file__).resolve().parents[1] / "scripts"
sys.path.insert(0, str(SCRIPTS))

import convert_cameo_verbs as verbs  # noqa: E402
import convert_petrarch_actors as actors  # noqa: E402
from petrarch_common import Tally  # noqa: E402
from phoenix_format import NoiseFilter, display_name, parse_code, split_code  # noqa: E402

from tidings.actors import load_dictionary  # noqa: E402
from tidings.datafiles import data_path, read_tsv  # noqa: E402
from tidings.events import load_lexicon  # noqa: E402

# Word frequencies on the Zipf scale standing in for wordfreq's lists.
FREQUENCY = {"fisher": 4.6, "kappa": 3.1, "upbraid": 2.0, "scold": 2.8, "ponder": 3.0,
             "ship": 4.6, "ministr": 0.0}

COUNTRIES = """\
# header of a made-up country file
NORWAY_  [NOR]
+NORWEGIAN_
+BERGEN_

ASTRID_VALEBROK_  # CountryInfo.txt
+A._VALEBROK_
\t[NORELI 650101-990630]
\t[NORGOV 990630-050101]
\t[NORELI]
TORGEIR_BLANDSTAD_  # CountryInfo.txt
\t[NORGOVBUS >100201]
FISHER_  # CountryInfo.txt
\t[NORGOV 010101-020101]
HEDDA_MOLSTAD_  # CountryInfo.txt
\t[NORGOV 2004017-20061201]
\t[NORJUD 070101-080101]

# National Institutions
NORWEGIAN_COAST_WATCH_
\t[NORMIL]
"""
INTERNATIONAL = """\
KAPPA_\t[MNCNOR]\t# made-up company
GLOBAL_GRAIN_COUNCIL_\t[NGOAGR] # made-up NGO
UN_\t[IGOUNO]
"""
NONSTATE = """\
NORTHERN_DAWN_FRONT_(NDF)_ [NORREB] #  made up
+DAWN_FRONT_
"""
AGENTS = """\
!PERSON! = MAN, MEN, WOMAN, WOMEN
HARBOUR!PERSON! [~AGR]
COAST_GUARD {} [~MIL]
TAX_INSPECTOR [~GOV]
FOLLOWERS [~CVL]
THE [~GOV]
MINISTR [~GOV]
POLICE [~COP]
"""


def frequency(word: str) -> float:
    return FREQUENCY.get(word, 1.0)


def noise() -> NoiseFilter:
    return NoiseFilter(frequency, {"the", "of", "and", "about"}, {"Norway", "Oslo", "Norwegian", "Jordan"})


@pytest.fixture()
def dictionaries(tmp_path: Path) -> Path:
    folder = tmp_path / "dictionaries"
    folder.mkdir()
    for name, text in zip(actors.SOURCES, (COUNTRIES, INTERNATIONAL, NONSTATE)):
        (folder / name).write_text(text, encoding="utf-8")
    (folder / "Phoenix.agents.txt").write_text(AGENTS, encoding="utf-8")
    return folder


@pytest.fixture()
def curated(tmp_path: Path) -> Path:
    """A curated actor folder: the shipped codes, countries, pronouns, grammar, seats and given
    names, two curated rows."""
    folder = tmp_path / "actors"
    folder.mkdir()
    for name in ("codes.tsv", "countries.tsv", "pronouns.tsv", "grammar.yaml", "seats.tsv",
                 "given_names.tsv"):
        shutil.copy(data_path("actors", name), folder / name)
    (folder / "people.tsv").write_text(
        "# id\tname\taliases\tcountry\tsector\trole\tstart\tend\n"
        "torgeir_blandstad\tTorgeir Blandstad\tBlandstad\tSWE\tGOV\tminister\t2010-02-01\t\n",
        encoding="utf-8")
    (folder / "organizations.tsv").write_text(
        "# id\tname\taliases\tkind\tcountry\tsector\tstart\tend\n"
        "un\tUnited Nations\tUN\tigo\t\tIGO\t\t\n", encoding="utf-8")
    (folder / "agents.tsv").write_text(
        "# term\tsector\ttype\tnumber\tadopts\npolice\tCOP\tbody\tpl\tno\n"
        "inspector\tGOV\tmember\tsg\tno\n", encoding="utf-8")
    return folder


def converted(dictionaries: Path, curated: Path) -> tuple[dict, dict, list, Tally]:
    tally = Tally()
    people, organizations, conflicts = actors.convert_actors(dictionaries, curated, noise(), tally)
    return dict(people), dict(organizations), conflicts, tally


def test_codes_dates_and_names_are_read() -> None:
    assert parse_code("AFGGOV", "030101-041231").start == dt.date(2003, 1, 1)
    assert parse_code("AFGGOV", ">19270101").start == dt.date(1927, 1, 1)
    assert parse_code("AFGELI", "<991231").end == dt.date(1999, 12, 31)
    with pytest.raises(ValueError):
        parse_code("KORGOV", "2004017-20061201")
    sectors = {"GOV": "GOV", "BUS": "BUS", "NGO": "NGO", "HRI": "HRI", "MUS": "REL", "IMG": "IMG"}
    assert split_code("AFGGOVBUS", sectors) == ("AFG", ("GOV", "BUS"))
    assert split_code("NGOUSAHRI", sectors) == ("USA", ("NGO", "HRI"))
    assert split_code("IMGMUSALQ", sectors) == (None, ("IMG", "REL"))  # MUS: Muslim, not Mauritius
    assert split_code("MUSGOV", sectors) == ("MUS", ("GOV",))  # first: Mauritius
    assert display_name("ABU_BAKR_AL-BAGHDADI_", organization=False) == ("Abu Bakr al-Baghdadi", [])
    assert display_name("ADEN_ARMY_(AAIA)_", organization=True) == ("Aden Army", ["AAIA"])
    assert display_name("NATO", organization=True) == ("NATO", [])


def test_people_keep_dated_roles_and_curated_people_win(dictionaries: Path, curated: Path) -> None:
    people, _, conflicts, tally = converted(dictionaries, curated)
    astrid = people["astrid_valebrok"]
    assert astrid.aliases == ["A. Valebrok"]
    # the undated "otherwise elite" row adds nothing to dated roles and is left out
    assert astrid.tenures == [("NOR", ("ELI",), dt.date(1965, 1, 1), dt.date(1999, 6, 30)),
                              ("NOR", ("GOV",), dt.date(1999, 6, 30), dt.date(2005, 1, 1))]
    # the malformed date drops that role only
    assert people["hedda_molstad"].tenures == [("NOR", ("JUD",), dt.date(2007, 1, 1),
                                                dt.date(2008, 1, 1))]
    assert "torgeir_blandstad" not in people  # curated row wins ...
    assert conflicts == [["Torgeir Blandstad", "torgeir_blandstad", "SWE", "GOV", "NOR", "BUS|GOV",
                          actors.SOURCES[0]]]  # ... and the country conflict is listed
    assert tally["actor already curated (curated row kept)"] == 1
    assert tally["role line with a malformed date (role dropped)"] == 1


def test_countries_and_noise_are_dropped(dictionaries: Path, curated: Path) -> None:
    people, organizations, _, tally = converted(dictionaries, curated)
    names = {a.name for a in (*people.values(), *organizations.values())}
    assert "Norway" not in names and "Bergen" not in names  # the country entry and its places
    assert "Fisher" not in names  # a common English word
    assert tally["country or territory entry (countries.tsv and the gazetteer cover these)"] == 1
    assert tally["form dropped: common word"] == 1
    assert tally["actor dropped: every name form is noise"] == 2  # Fisher, and "UN": too short


def test_organizations_get_kind_country_sector_and_aliases(dictionaries: Path, curated: Path) -> None:
    _, organizations, _, _ = converted(dictionaries, curated)
    front = organizations["northern_dawn_front"]
    assert front.aliases == ["Dawn Front", "NDF"] and front.tenures == [("NOR", ("REB",), None, None)]
    assert organizations["kappa"].aliases == ["KAPPA"]
    assert organizations["kappa"].tenures == [("NOR", ("BUS",), None, None)]  # MNC -> BUS
    assert organizations["global_grain_council"].tenures == [("", ("NGO", "AGR"), None, None)]
    assert "un_2" not in organizations and "un" not in organizations  # "UN" is curated
    rows = list(actors.organization_rows(sorted(organizations.items()),
                                         actors.code_kinds(data_path("actors", "codes.tsv"))))
    kinds = {row[0]: row[3] for row in rows}
    assert kinds["northern_dawn_front"] == "armed_group" and kinds["kappa"] == "organization"
    assert kinds["norwegian_coast_watch"] == "state"


def test_converted_rows_load_with_the_actor_loader(dictionaries: Path, curated: Path,
                                                   tmp_path: Path) -> None:
    people, organizations, _, _ = converted(dictionaries, curated)
    for filename, columns, rows in (
            ("people.tsv", actors.PEOPLE_COLUMNS, actors.people_rows(sorted(people.items()))),
            ("organizations.tsv", actors.ORG_COLUMNS, actors.organization_rows(
                sorted(organizations.items()), actors.code_kinds(curated / "codes.tsv")))):
        extra = tmp_path / filename
        actors.write_tsv(extra, "# converted", columns, rows)
        with (curated / filename).open("a", encoding="utf-8") as out:  # as a loader listing
            out.write(extra.read_text(encoding="utf-8"))                 # both files reads them
    dictionary = load_dictionary(curated)
    astrid = dictionary.named["astrid_valebrok"]
    assert astrid.tenure_at(dt.date(2001, 1, 1))[0].sector == ("GOV",)
    assert dictionary.named["torgeir_blandstad"].tenures[0].country == "SWE"
    assert ("Dawn", "Front") in dictionary.forms


def test_agents_expand_sets_plurals_and_keep_curated(dictionaries: Path, curated: Path) -> None:
    tally = Tally()
    curated_rows = {tuple(row["term"].split()): row
                    for _, row in read_tsv(curated / "agents.tsv", actors.AGENT_COLUMNS)}
    rows, conflicts = actors.convert_agents(dictionaries / "Phoenix.agents.txt",
                                            actors.sector_table(curated / "codes.tsv"),
                                            curated_rows, noise(), tally)
    table = {row[0]: row[1:] for row in rows}
    assert table["harbourman"] == ["AGR", "member", "sg", "no"]
    assert table["harbourwomen"] == ["AGR", "member", "pl", "no"]
    assert table["coast guard"] == ["MIL", "body", "sg", "no"] and "coast guards" not in table
    assert table["tax inspectors"] == ["GOV", "member", "pl", "no"]  # type of curated "inspector"
    assert table["followers"] == ["CVL", "member", "pl", "no"] and "followerses" not in table
    assert "the" not in table and "ministr" not in table and "police" not in table
    assert conflicts == []
    assert tally["agent already curated (curated row kept)"] == 1


def test_noise_filter_rules() -> None:
    rules = noise()
    assert rules.reason("Al") == "too short"
    assert rules.reason("Abe") == "too short"
    assert rules.reason("ETA") is None  # a three-letter acronym is kept
    assert rules.reason("About") == "stop word"
    assert rules.reason("of the") == "stop word"
    assert rules.reason("Jordan") == "country or capital name"
    assert rules.reason("Fisher") == "common word"
    assert rules.reason("Fisher Rautio") is None  # only single words are judged by frequency
    assert rules.reason("Astrid Valebrok") is None


# --- Verbs ---------------------------------------------------------------------------------------

VERBS = """\
# made-up header
####### SYNONYM SETS #######

&ARMOUR
+TANK
+ARMOURED_CAR

####### VERB PATTERNS #######

---  SCOLD   [111]  ---
SCOLD
UPBRAID
+DRESS_DOWN {+DRESSES_DOWN} [111]
- * (FOR FAILURE)                [112]   # SCOLD
- TALKS * [---]                  # SCOLD
- * SHARPLY                      [:111]  # SCOLD

---  SHIP   [---]  ---
SHIP
- * &ARMOUR (TO)                 [0721]  # SHIP
- + * GRAIN                      [073]   # SHIP
- * GRAIN {RELIEF CONVOY}        [073]   # SHIP

---  PONDER   [010]  ---
PONDER
- * CAREFULLY OPTION             [014]   # PONDER

---  GRUMBLE   [110]  ---
GRUMBLE
- * (ABOUT WEATHER)              [010]   # GRUMBLE

---  UNLEASH   [---]  ---
UNLEASH
- * ONSLAUGHT                    [190]   # UNLEASH
- * TIRADE                       [111]   # UNLEASH

######## TRANSFORMATIONS ##########
- $ * WHATEVER [010]
"""


def convert_verbs(tmp_path: Path, curated: list[dict], event_nouns: frozenset[str] = frozenset()
                  ) -> tuple[list[dict], list, dict, Tally]:
    path = tmp_path / "CAMEO.test.txt"
    path.write_text(VERBS, encoding="utf-8")
    tally = Tally()
    synsets, blocks = verbs.read_dictionary(path)
    lemmas = verbs.Lemmas(lambda word: True)
    reader, coder = verbs.PatternReader(synsets, lemmas), verbs.Coder(data_path("events"))
    entries = verbs.convert(blocks, reader, coder, lemmas,
                            lambda e, head: not verbs.too_common(e, head, frequency, {"the"}), tally)
    lexicon = verbs.CuratedLexicon(curated, set(event_nouns), {"unleash"})
    kept, conflicts = verbs.merge(entries, lexicon, reader.classes, tally)
    return kept, conflicts, reader.classes, tally


def test_verbs_patterns_become_constrained_entries(tmp_path: Path) -> None:
    entries, conflicts, classes, tally = convert_verbs(tmp_path, [])
    keyed = {verbs.signature(e): e for e in entries}
    assert keyed[("scold", None, None, (), (), (), (), ())]["type"] == "ACCUSE"
    assert keyed[("upbraid", None, None, (), (), (), (), ())]["cameo"] == "111"
    dress = keyed[("dress", "down", None, (), (), (), (), ())]
    assert (dress["type"], dress["cameo"]) == ("ACCUSE", "111")
    blame = keyed[("scold", None, "for", (), (), ("failure",), (), ())]
    assert (blame["cameo"], blame["mode"]) == ("112", "accuse")
    assert ("upbraid", None, "for", (), (), ("failure",), (), ()) not in keyed  # pattern of SCOLD
    arms = keyed[("ship", None, "to", ("@cameo_armour",), (), (), (), ())]
    assert (arms["type"], arms["cameo"], arms["mode"]) == ("AID", "072", "military")  # 0721 -> 072
    assert arms["object_role"] == "theme" and arms["needs_actor"] is True
    assert {"tank", "car"} <= set(classes["cameo_armour"])
    option = keyed[("ponder", None, None, ("option",), (), (), (), ())]
    assert (option["type"], option["cameo"]) == (None, "014")  # a statement (PLOVER has no type), its code listed
    # "grumble" alone would code disapproval where its pattern codes a statement: left out
    assert [e["prep"] for e in entries if e["lemma"] == "grumble"] == ["about"]
    assert tally["bare entry of a verb that patterns code as a statement"] == 1
    assert len(entries) == 10
    assert tally["pattern left out: codes no event or only the reverse one"] == 2
    assert tally["pattern left out: roles reversed ($ after or + before the verb)"] == 1
    assert tally["pattern left out: more than one object"] == 1
    assert conflicts == []


def test_frequent_verbs_need_a_constraint(tmp_path: Path) -> None:
    _, _, _, tally = convert_verbs(tmp_path, [])
    assert tally["entry left out: frequent or light verb without a constraint"] == 0
    entry = {"lemma": "ship", "type": "AID", "cameo": "070"}
    assert not verbs.too_common(entry, True, frequency, set())  # 4.6: kept for a head verb,
    assert verbs.too_common(entry, False, frequency, set())  # too frequent for a synonym
    assert not verbs.too_common({"lemma": "scold", "type": "ACCUSE", "cameo": "111"}, False,
                                frequency, set())
    assert verbs.too_common({"lemma": "the", "type": "ACCUSE", "cameo": "111"}, True, frequency,
                            {"the"})
    assert not verbs.too_common(dict(entry, object=["aid"]), False, frequency, set())


def test_curated_triggers_win_and_conflicts_are_listed(tmp_path: Path) -> None:
    curated = [{"lemma": "scold", "type": "ACCUSE", "cameo": "111"},
               {"lemma": "upbraid", "type": "REJECT", "cameo": "120"},
               {"lemma": "dress", "particle": "down", "type": "ACCUSE", "cameo": "110"}]
    entries, conflicts, _, tally = convert_verbs(tmp_path, curated)
    # every entry of a curated verb goes, the pattern "scold for failure" too: a converted entry
    # with more constraints would outrank the curated ones
    assert not {e["lemma"] for e in entries} & {"scold", "upbraid", "dress"}
    assert {e["lemma"] for e in entries} == {"ship", "ponder", "unleash", "grumble"}
    rows = {row[0]: row[1:] for row in conflicts}
    assert sorted(rows) == ["dress", "upbraid"]
    assert rows["upbraid"] == ["", "REJECT 120", "ACCUSE 111"]  # same signature, other type
    assert rows["dress"] == ["particle=down", "ACCUSE 110", "ACCUSE 111"]  # same type, other code
    assert tally["entry of a curated verb (curated senses kept)"] == 4


def test_support_verbs_with_event_nouns_are_left_to_the_noun_triggers(tmp_path: Path) -> None:
    entries, _, _, tally = convert_verbs(tmp_path, [], frozenset({"onslaught"}))
    objects = [e["object"] for e in entries if e["lemma"] == "unleash"]
    assert objects == [["tirade"]]  # "unleashed an onslaught": the noun trigger codes it
    assert tally["support verb with an event noun (the curated noun trigger codes it)"] == 1


def test_converted_verbs_load_with_the_event_lexicon(tmp_path: Path) -> None:
    entries, _, classes, _ = convert_verbs(tmp_path, [])
    folder = tmp_path / "events"
    shutil.copytree(data_path("events"), folder)
    (folder / "triggers_cameo.jsonl").write_text(verbs.render(entries, classes), encoding="utf-8")
    lexicon = load_lexicon(folder)
    [upbraid] = lexicon.verbs["upbraid"]
    assert (upbraid.type, upbraid.cameo, upbraid.needs_actor) == ("ACCUSE", "111", True)
    assert upbraid.id == "cameo.upbraid.1" and upbraid.main_clause
    ship = lexicon.verbs["ship"][0]
    assert "tank" in ship.objects and ship.prep == "to"
    assert {t.type for t in lexicon.verbs["ponder"]} == {"STATEMENT"}  # CAMEO 01, type null
