"""Convert the Phoenix actor and agent dictionaries of petrarch2 into tidings' actor data.

Reads the TABARI-format dictionaries (MIT licence, Copyright (c) 2014 Open Event Data) from a
petrarch2 checkout's ``petrarch2/data/dictionaries/`` folder and writes, beside the curated
files in ``src/tidings/data/actors/``:

* ``phoenix_people.tsv`` (columns of ``people.tsv``): people with dated roles;
* ``phoenix_organizations.tsv`` (columns of ``organizations.tsv``): state organs, armed groups,
  intergovernmental bodies, NGOs, companies;
* ``phoenix_agents.tsv`` (columns of ``agents.tsv``): agent nouns.

The curated rows win: a Phoenix entry whose name or alias is already a curated name is left
out, and when its country or sectors differ it is listed in the conflict report. Names that
would fire on ordinary English words are dropped (see :class:`NoiseFilter`); every dropped
entry or alias is counted by rule in the summary printed at the end.

    python scripts/convert_petrarch_actors.py DICTIONARIES_DIR [--out DIR] [--report FILE]

The conflict report (default ``scripts/petrarch_conflicts/actors.tsv``) is small and kept in the
repository so that a change of the curated files or of the dictionaries shows up in review.

Needs ``wordfreq`` (``pip install -e '.[convert]'``) for the word-frequency rule.
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from petrarch_common import Tally, write_tsv
from phoenix_format import (Code, Entry, NoiseFilter, code_kinds, default_filter,
                            display_name, read_entries, sector_table, slug, split_code)

from tidings.datafiles import read_tsv

ACTORS_DIR = Path(__file__).resolve().parents[1] / "src" / "tidings" / "data" / "actors"
REPORTS = Path(__file__).resolve().parent / "petrarch_conflicts"
SOURCES = ("Phoenix.Countries.actors.txt", "Phoenix.International.actors.txt",
           "Phoenix.MilNonState.actors.txt")
PEOPLE_COLUMNS = ("id", "name", "aliases", "country", "sector", "role", "start", "end")
ORG_COLUMNS = ("id", "name", "aliases", "kind", "country", "sector", "start", "end")
AGENT_COLUMNS = ("term", "sector", "type", "number", "adopts")
MEMBER_SUFFIXES = ("man", "men", "woman", "women", "person", "people", "er", "ers", "or", "ors",
                   "ist", "ists", "ian", "ians", "ant", "ants", "ent", "ents", "ee", "ees",
                   "ive", "ives", "arch", "archs", "ite", "ites", "ier", "iers", "eer", "eers",
                   "ess", "esses", "ial", "ials")


@dataclass
class Actor:
    """A converted entry: display name, aliases and rows (country, sectors, start, end)."""

    name: str
    aliases: list[str]
    person: bool
    tenures: list[tuple[str, tuple[str, ...], dt.date | None, dt.date | None]]
    source: str


# --- Entries -> actors -------------------------------------------------------------------------


def is_person(entry: Entry, codes: list[tuple[str | None, tuple[str, ...], Code]]) -> bool:
    """People are the CountryInfo and IGO-ruler rows, or any entry with a dated or elite code."""
    comment = entry.comment.lower()
    if entry.source == SOURCES[2]:
        return False
    return ("countryinfo" in comment or "rulers" in comment
            or any(c.start or c.end or "ELI" in s for _, s, c in codes))


def to_actor(entry: Entry, sectors: dict[str, str], tally: Tally) -> Actor | None:
    """The actor an entry describes, or None (counted) when it is a country, a territory or has
    no usable code."""
    if not entry.codes:
        tally.note("entry without a code")
        return None
    codes = [(*split_code(c.code, sectors), c) for c in entry.codes]
    if all(not s and len(c.code) in (3, 6) for _, s, c in codes) and entry.source == SOURCES[0] \
            and not ("countryinfo" in entry.comment.lower()):
        tally.note("country or territory entry (countries.tsv and the gazetteer cover these)")
        return None
    person = is_person(entry, codes)
    dated = any(c.start or c.end for _, _, c in codes)
    tenures = []
    for country, found, code in codes:
        if not found and person:
            found = ("ELI",)
        if not found:
            continue
        if dated and person and found == ("ELI",) and not (code.start or code.end):
            continue  # "otherwise an elite": the loader already says so outside every tenure
        if code.start and code.end and code.end < code.start:
            tally.note("role ending before it starts (role dropped)")
            continue
        tenure = (country or "", found, code.start, code.end)
        if tenure not in tenures:
            tenures.append(tenure)
    if not tenures:
        tally.note("no code that maps to a tidings sector")
        return None
    name, acronyms = display_name(re.sub(r"^THE_", "", entry.root), organization=not person)
    aliases = [display_name(s, organization=not person)[0] for s in entry.synonyms]
    return Actor(name, _unique([*aliases, *acronyms], exclude=name), person, tenures, entry.source)


def _unique(items: Iterable[str], exclude: str = "") -> list[str]:
    out: list[str] = []
    for item in items:
        if item and item != exclude and item not in out:
            out.append(item)
    return out


def merge_duplicates(actors: list[Actor]) -> list[Actor]:
    """One actor per (name, person): entries listed twice in the dictionaries are merged."""
    merged: dict[tuple[str, bool], Actor] = {}
    for actor in actors:
        key = (actor.name, actor.person)
        if key in merged:
            first = merged[key]
            first.aliases = _unique([*first.aliases, *actor.aliases], exclude=first.name)
            first.tenures.extend(t for t in actor.tenures if t not in first.tenures)
        else:
            merged[key] = actor
    return list(merged.values())


def denoise(actors: list[Actor], noise: NoiseFilter, tally: Tally) -> list[Actor]:
    """Drop noisy forms; an actor whose every form is noisy is dropped; a form shared by actors
    of different countries is dropped from all of them."""
    owners: dict[str, set[str]] = {}
    for actor in actors:
        countries = ",".join(sorted({t[0] for t in actor.tenures}))
        for form in (actor.name, *actor.aliases):
            owners.setdefault(form, set()).add(countries)
    kept = []
    for actor in actors:
        forms = []
        for form in (actor.name, *actor.aliases):
            reason = noise.reason(form)
            if reason is None and len(owners[form]) > 1:
                reason = "name shared by actors of different countries"
            if reason:
                tally.note(f"form dropped: {reason}")
            else:
                forms.append(form)
        if not forms:
            tally.note("actor dropped: every name form is noise")
            continue
        actor.name, actor.aliases = forms[0], forms[1:]
        kept.append(actor)
    return kept


# --- Merging with the curated dictionary ----------------------------------------------------


@dataclass
class Curated:
    """The curated people and organisations: forms -> (id, countries, sectors), and ids."""

    forms: dict[str, tuple[str, frozenset[str], frozenset[str]]]
    ids: set[str]

    @classmethod
    def read(cls, actors_dir: Path) -> Curated:
        seen: dict[str, tuple[set[str], set[str], list[str]]] = {}
        for filename, columns in (("people.tsv", PEOPLE_COLUMNS),
                                  ("organizations.tsv", ORG_COLUMNS)):
            for _, row in read_tsv(actors_dir / filename, columns):
                countries, sectors, forms = seen.setdefault(row["id"], (set(), set(), []))
                countries.add(row["country"])
                sectors.update(s for s in row["sector"].split("|") if s)
                forms.extend([row["name"], *(a.strip() for a in row["aliases"].split("|"))])
        table = {form: (key, frozenset(c), frozenset(s))
                 for key, (c, s, forms) in seen.items() for form in forms if form}
        return cls(table, set(seen))


def merge(actors: list[Actor], curated: Curated, tally: Tally) -> tuple[list[Actor], list[list[str]]]:
    """Curated rows win. A Phoenix actor whose name (or a multi-word alias) is a curated form is
    left out, and listed as a conflict when its countries or sectors differ from the curated
    row's; a single-word alias that is a curated form is only removed from the Phoenix actor."""
    kept, conflicts = [], []
    for actor in actors:
        full = [f for f in (actor.name, *actor.aliases)
                if f in curated.forms and (f == actor.name or " " in f)]
        if full:
            key, countries, sectors = curated.forms[full[0]]
            mine_countries = {t[0] for t in actor.tenures} - {""}
            mine_sectors = {s for t in actor.tenures for s in t[1]}
            countries -= {""}
            tally.note("actor already curated (curated row kept)")
            if (mine_countries and countries and not mine_countries & countries) \
                    or not mine_sectors & sectors:
                conflicts.append([full[0], key, "|".join(sorted(countries)),
                                  "|".join(sorted(sectors)), "|".join(sorted(mine_countries)),
                                  "|".join(sorted(mine_sectors)), actor.source])
            continue
        taken = [a for a in actor.aliases if a in curated.forms]
        if taken:
            tally.note("form dropped: alias of a curated actor", len(taken))
            actor.aliases = [a for a in actor.aliases if a not in taken]
        kept.append(actor)
    return kept, conflicts


def assign_ids(actors: list[Actor], taken: set[str]) -> list[tuple[str, Actor]]:
    """A lower_case id per actor from its name, unique among ``taken`` and each other."""
    out = []
    used = set(taken)
    for actor in sorted(actors, key=lambda a: (a.name.lower(), a.name)):
        base = slug(actor.name)
        key, n = base, 1
        while key in used:
            n += 1
            key = f"{base}_{n}"
        used.add(key)
        out.append((key, actor))
    return out


# --- Writing ----------------------------------------------------------------------------------

HEADER = """\
# {what}: converted by scripts/convert_petrarch_actors.py from the Phoenix dictionaries of
# petrarch2 ({sources}; MIT licence, Copyright (c) 2014 Open Event Data; notice in
# data/SOURCES.md). Do not edit by hand: fix the curated file ({curated}), which wins, or the
# converter. Same columns as {curated}; roles are CAMEO sector codes with the dictionary's dates.
"""


def _date(day: dt.date | None) -> str:
    return day.isoformat() if day else ""


def people_rows(actors: list[tuple[str, Actor]]) -> Iterator[list[str]]:
    for key, actor in actors:
        for country, sectors, start, end in actor.tenures:
            yield [key, actor.name, "|".join(actor.aliases), country, "|".join(sectors), "",
                   _date(start), _date(end)]


def organization_rows(actors: list[tuple[str, Actor]], kinds: dict[str, str]) -> Iterator[list[str]]:
    for key, actor in actors:
        kind = kinds.get(actor.tenures[0][1][0], "organization")
        kind = "organization" if kind == "person" else kind
        for country, sectors, start, end in actor.tenures:
            yield [key, actor.name, "|".join(actor.aliases), kind, country, "|".join(sectors),
                   _date(start), _date(end)]


# --- Agents ---------------------------------------------------------------------------------------

AGENT_RE = re.compile(r"(?P<term>[^\[{]+?)\s*(?:\{(?P<plural>[^}]*)\})?\s*\[\s*~?(?P<code>[A-Z~]*)\s*[\]}]")


def read_agents(path: Path, tally: Tally) -> Iterator[tuple[str, bool, str]]:
    """(term, plural, CAMEO code) for every noun form of the agents file: substitution sets
    (``CATTLE!PERSON!``) expanded, ``{plurals}`` read, regular plurals added where none is given
    (``{}`` means none)."""
    sets: dict[str, list[str]] = {}
    for number, raw in enumerate(path.read_text(encoding="utf-8", errors="replace").splitlines(), 1):
        content = raw.partition("#")[0].strip()
        if not content:
            continue
        if match := re.fullmatch(r"(![A-Z]+!)\s*=\s*(.+)", content):
            sets[match.group(1)] = [v.strip() for v in match.group(2).split(",") if v.strip()]
            continue
        match = AGENT_RE.match(content)
        if match is None:
            tally.note("agent line not understood")
            print(f"{path.name}:{number}: not an agent line: {content!r}", file=sys.stderr)
            continue
        term, code = match.group("term").strip(), match.group("code").strip("~")
        marker = re.search(r"![A-Z]+!", term)
        if marker:
            for value in sets.get(marker.group(0), []):
                plural = value.endswith("S") or value.endswith("MEN")
                yield term.replace(marker.group(0), value), plural, code
            continue
        plurals, plural = match.group("plural"), regular_plural(term)
        yield term, plural is None and plurals is None, code
        if plurals is None:
            if plural:
                yield plural, True, code
        else:
            yield from ((p.strip(), True, code) for p in plurals.split(",") if p.strip("_ "))


def regular_plural(term: str) -> str | None:
    """The regular English plural of a term's head word (the last word, or the one before
    "OF"/"FOR"); None when the head already looks plural ("STUDENTS")."""
    words = term.rstrip("_").split("_")
    cut = next((i for i, w in enumerate(words) if w in ("OF", "FOR", "of", "for") and i), len(words))
    head, sep, last = "_".join(words[:cut - 1]), "_" if cut > 1 else "", words[cut - 1]
    tail = "_" + "_".join(words[cut:]) if cut < len(words) else ""
    lower = last.lower()
    if re.search(r"[^su]s$", lower):
        return None
    if lower.endswith("man"):
        last = last[:-3] + ("MEN" if last.isupper() else "men")
    elif re.search(r"[^aeiou]y$", lower):
        last = last[:-1] + ("IES" if last.isupper() else "ies")
    elif re.search(r"(s|x|z|ch|sh)$", lower):
        last += "ES" if last.isupper() else "es"
    else:
        last += "S" if last.isupper() else "s"
    return head + sep + last + tail


def agent_type(words: tuple[str, ...], curated_types: dict[str, str]) -> str:
    """The type of the head word (the last word before "of"/"for", else the last) in the curated
    agents, else member for people ("farmer", "clergymen") and body for institutions."""
    cut = next((i for i, w in enumerate(words) if w in ("of", "for") and i), len(words))
    head = words[cut - 1]
    for form in (head, head[:-1] if head.endswith("s") else head):
        if form in curated_types:
            return curated_types[form]
    if head.endswith(("ment", "ments")):
        return "body"
    return "member" if head.endswith(MEMBER_SUFFIXES) else "body"


def convert_agents(path: Path, sectors: dict[str, str], curated: dict[tuple[str, ...], dict[str, str]],
                   noise: NoiseFilter, tally: Tally) -> tuple[list[list[str]], list[list[str]]]:
    """Rows for phoenix_agents.tsv and the conflicts with the curated agents.tsv (rows by term)."""
    curated_types = {" ".join(term): row["type"] for term, row in curated.items() if len(term) == 1}
    from spacy.lang.en import English

    tokenizer = English().tokenizer
    rows: dict[tuple[str, ...], list[str]] = {}
    conflicts, reported = [], set()
    for term, plural, code in read_agents(path, tally):
        text = " ".join(w for w in term.lower().split("_") if w)
        words = tuple(t.text for t in tokenizer(text))
        if not re.fullmatch(r"[a-z][a-z .'-]*", text):
            tally.note("agent dropped: symbols or digits in the term")
            continue
        _, found = split_code(code, sectors)
        if not found:
            tally.note("agent dropped: no tidings sector for its code")
            continue
        reason = noise.reason(text) if len(words) > 1 else agent_noise(text, noise)
        if reason:
            tally.note(f"agent dropped: {reason}")
            continue
        if words in curated:
            tally.note("agent already curated (curated row kept)")
            if curated[words]["sector"] != found[0] and words not in reported:
                reported.add(words)
                conflicts.append([" ".join(words), "agents.tsv", "", curated[words]["sector"], "",
                                  found[0], path.name])
            continue
        if words in rows:
            continue
        rows[words] = [" ".join(words), found[0], agent_type(words, curated_types),
                       "pl" if plural else "sg", "no"]
    return sorted(rows.values()), conflicts


def agent_noise(word: str, noise: NoiseFilter) -> str | None:
    """Single-word agents: stop words, and stems or misspellings that are no English word."""
    if word in noise.stop_words or len(word) < 3:
        return "stop word or too short"
    if noise.frequency(word) == 0:
        return "not an English word (a stem or misspelling)"
    return None


# --- Main -----------------------------------------------------------------------------------------


def convert_actors(folder: Path, actors_dir: Path, noise: NoiseFilter, tally: Tally
                   ) -> tuple[list[tuple[str, Actor]], list[tuple[str, Actor]], list[list[str]]]:
    """People and organisations with ids, and the conflicts with the curated files."""
    sectors = sector_table(actors_dir / "codes.tsv")
    actors = []
    for name in SOURCES:
        for entry in read_entries(folder / name, tally):
            actor = to_actor(entry, sectors, tally)
            if actor is not None:
                actors.append(actor)
    curated = Curated.read(actors_dir)
    actors, conflicts = merge(denoise(merge_duplicates(actors), noise, tally), curated, tally)
    with_ids = assign_ids(actors, curated.ids)
    return ([(k, a) for k, a in with_ids if a.person], [(k, a) for k, a in with_ids if not a.person],
            conflicts)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("dictionaries", type=Path, help="petrarch2/data/dictionaries folder")
    parser.add_argument("--out", type=Path, default=ACTORS_DIR, help="folder of the actor data")
    parser.add_argument("--report", type=Path, default=REPORTS / "actors.tsv",
                        help="where to write the conflicts with the curated files")
    args = parser.parse_args(argv)
    tally = Tally()
    noise = default_filter(args.out)
    people, organizations, conflicts = convert_actors(args.dictionaries, args.out, noise, tally)
    curated_agents = {tuple(row["term"].split()): row
                      for _, row in read_tsv(args.out / "agents.tsv", AGENT_COLUMNS)}
    agents, agent_conflicts = convert_agents(args.dictionaries / "Phoenix.agents.txt",
                                             sector_table(args.out / "codes.tsv"), curated_agents,
                                             noise, tally)
    sources = ", ".join(SOURCES)
    counts = {
        "phoenix_people.tsv": write_tsv(
            args.out / "phoenix_people.tsv",
            HEADER.format(what="People", sources=sources, curated="people.tsv"),
            PEOPLE_COLUMNS, people_rows(people)),
        "phoenix_organizations.tsv": write_tsv(
            args.out / "phoenix_organizations.tsv",
            HEADER.format(what="Organisations", sources=sources, curated="organizations.tsv"),
            ORG_COLUMNS, organization_rows(organizations, code_kinds(args.out / "codes.tsv"))),
        "phoenix_agents.tsv": write_tsv(
            args.out / "phoenix_agents.tsv",
            HEADER.format(what="Agent nouns", sources="Phoenix.agents.txt", curated="agents.tsv"),
            AGENT_COLUMNS, agents),
    }
    write_tsv(args.report, "# Phoenix entries whose name is curated with other countries or sectors",
              ("name", "curated_id", "curated_countries", "curated_sectors", "phoenix_countries",
               "phoenix_sectors", "source"), conflicts + agent_conflicts)
    for filename, rows in counts.items():
        print(f"{filename}: {rows} rows")
    print(f"people: {len(people)}, organisations: {len(organizations)}, agents: {len(agents)}; "
          f"conflicts: {len(conflicts) + len(agent_conflicts)} (in {args.report})")
    tally.print()


if __name__ == "__main__":
    main()
