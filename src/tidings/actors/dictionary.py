"""The actor dictionary: the data files under ``data/actors/`` read, validated and compiled.

Countries (``countries.tsv`` on top of pycountry's names), people with dated tenures
(``people.tsv``), organisations (``organizations.tsv``), agent nouns (``agents.tsv``), sector
codes (``codes.tsv``), pronouns (``pronouns.tsv``) and the resolver's word lists and
thresholds (``grammar.yaml``); every problem is a :class:`~tidings.datafiles.DataError` naming
the file and line.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import metadata
from pathlib import Path

import pycountry

from ..compiled import Packed, compiled
from ..countries import country_names, country_rows, iso3_cell, split_cell
from ..datafiles import DataError, data_path, read_tsv
from .grammar import Grammar, load_grammar

DATA_DIR = data_path("actors")

KINDS = ("state", "person", "organization", "armed_group", "igo", "media", "group")
AGENT_TYPES = ("body", "collective", "member", "platform", "group")
PEOPLE = ("id", "name", "aliases", "country", "sector", "role", "start", "end")
ORGANIZATIONS = ("id", "name", "aliases", "kind", "country", "sector", "start", "end")
# Converted dictionaries (scripts/convert_petrarch_actors.py) read after the curated file of the
# same columns; curated rows win: a converted row never adds to a curated id or name. Of the
# converted agent nouns only state organs are taken ("border patrol", "ministry of oil"); the
# others ("passengers", "employer") would make every common noun an actor.
CONVERTED = {"people.tsv": "phoenix_people.tsv", "organizations.tsv": "phoenix_organizations.tsv",
             "agents.tsv": "phoenix_agents.tsv"}


@dataclass(frozen=True, slots=True)
class Tenure(Packed):
    """What a named actor was between two dates (end exclusive; open when None)."""

    country: str | None
    sector: tuple[str, ...]
    role: str
    start: dt.date | None
    end: dt.date | None

    def covers(self, day: dt.date) -> bool:
        return (self.start is None or self.start <= day) and (self.end is None or day < self.end)


@dataclass(frozen=True, slots=True)
class NamedActor(Packed):
    """A person or organisation of the dictionary, with its tenures."""

    id: str
    name: str
    kind: str
    tenures: tuple[Tenure, ...]

    def tenure_at(self, day: dt.date | None) -> tuple[Tenure, bool]:
        """The tenure in force on ``day`` and True, else the latest one begun before it and False.

        Without a date the latest tenure counts as in force.
        """
        latest = max(self.tenures, key=lambda t: t.start or dt.date.min)
        if day is None:
            return latest, True
        for tenure in self.tenures:
            if tenure.covers(day):
                return tenure, True
        before = [t for t in self.tenures if t.start is None or t.start <= day]
        return (max(before, key=lambda t: t.start or dt.date.min) if before else latest), False


@dataclass(frozen=True, slots=True)
class Agent(Packed):
    """An agent noun: "police", "air force", "officials", "drone", "group"."""

    term: tuple[str, ...]
    sector: str | None
    type: str  # body, member, platform, group
    plural: bool
    adopts: bool


@dataclass(frozen=True, slots=True)
class Meaning(Packed):
    """What a surface form denotes: a country (by name, demonym or capital) or a named actor."""

    form: str  # country, demonym, capital, seat, named
    target: str  # ISO3 code, ISO3-SECTOR (a seat) or named-actor id


@dataclass(frozen=True, slots=True)
class Pronoun(Packed):
    refers: str  # person, thing, any
    plural: bool
    gender: str = ""  # m, f, or "" for either


@dataclass(frozen=True)
class Dictionary:
    """Everything the resolver knows, compiled from the data files."""

    countries: dict[str, str]  # ISO3 -> name
    named: dict[str, NamedActor]
    forms: dict[tuple[str, ...], tuple[Meaning, ...]]  # token texts -> meanings
    agents: dict[tuple[str, ...], Agent]
    codes: dict[str, tuple[str, str]]  # sector code -> (label, kind)
    pronouns: dict[str, Pronoun]
    role_holders: dict[tuple[str, str], tuple[str, ...]]  # (ISO3, role) -> named ids
    grammar: Grammar  # word lists and thresholds of the resolver
    curated_forms: frozenset[tuple[str, ...]]  # forms of the curated files (entity patterns)
    given_names: dict[str, str]  # given name -> gender (m, f)

    @property
    def longest_agent(self) -> int:
        return max(len(term) for term in self.agents)


def _date(path: Path, line: int, text: str) -> dt.date | None:
    if not text:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise DataError(path, line, f"bad date {text!r} (want YYYY-MM-DD)") from None


def _sectors(path: Path, line: int, text: str, codes: dict[str, tuple[str, str]]) -> tuple[str, ...]:
    sectors = tuple(split_cell(text))
    unknown = [s for s in sectors if s not in codes]
    if unknown:
        raise DataError(path, line, f"unknown sector code(s) {unknown} (see codes.tsv)")
    return sectors


def _tokens(text: str) -> tuple[str, ...]:
    """A name split the way spaCy's English tokenizer splits it (for dictionary keys).

    Words of letters only that are no special case of the tokenizer split at spaces; the
    tokenizer itself is asked only about the rest (tens of thousands of names load fast)."""
    tokenizer, special = _tokenizer()
    words = text.split()
    if all(word.isalpha() and word not in special for word in words):
        return tuple(words)
    return tuple(t.text for t in tokenizer(text))


@lru_cache(maxsize=1)
def _tokenizer():  # noqa: ANN202 - spaCy's blank English tokenizer and its special cases
    import spacy

    tokenizer = spacy.blank("en").tokenizer
    return tokenizer, frozenset(tokenizer.rules)


def _name_forms(text: str) -> list[str]:
    """A name without a leading article, plus its capitalised variant ("al-Qaeda", "Al-Qaeda")."""
    text = re.sub(r"^(?:the|The)\s+", "", text)
    variants = [text]
    if text[:1].islower():
        variants.append(text[:1].upper() + text[1:])
    return variants


class _Forms(dict[tuple[str, ...], list[Meaning]]):
    """Surface forms (as token texts) and their meanings, in the order they were added.

    Once ``freeze_curated`` is called, later (converted) names may add new forms of two words
    or more only, and no titles: a form the curated files gave keeps its curated meanings."""

    curated: frozenset[tuple[str, ...]] | None = None

    def add(self, text: str, meaning: Meaning) -> None:
        for variant in _name_forms(text):
            key = _tokens(variant)
            if self.curated is not None and (key in self.curated or len(key) == 1
                                             or self._title(key)):
                continue  # a one-word converted name ("Foundation") is too often a common word
            meanings = self.setdefault(key, [])
            if meaning not in meanings:
                meanings.append(meaning)

    titles: frozenset[tuple[str, ...]] = frozenset()

    def freeze_curated(self, agents: dict[tuple[str, ...], Agent]) -> None:
        """From now on, names are converted ones: none may be a curated form or a title."""
        self.curated = frozenset(self)
        self.titles = frozenset(agents)

    def _title(self, key: tuple[str, ...]) -> bool:
        """True for a title ("Secretary of State"), bare or after a country ("US Secretary of
        State"): a converted office is no organisation; titles are agent nouns here."""
        lower = tuple(word.lower() for word in key)
        return any(lower[cut:] in self.titles and (cut == 0 or any(
            m.form in ("country", "demonym") for m in self.get(key[:cut], ())))
            for cut in range(len(key)))


def load_dictionary(data_dir: Path | str | None = None) -> Dictionary:
    """Read and validate the actor data files (cached per directory)."""
    return _load_dictionary(Path(data_dir) if data_dir else DATA_DIR)


@lru_cache(maxsize=4)
def _load_dictionary(data_dir: Path) -> Dictionary:
    """The folder's dictionary, compiled once per change of its files (see tidings.compiled)."""
    sources = [path for path in data_dir.iterdir() if path.suffix in (".tsv", ".yaml")]
    versions = [f"{package}={metadata.version(package)}" for package in ("pycountry", "spacy")]
    return compiled("actors", sources, lambda: _compile_dictionary(data_dir), versions)


def _compile_dictionary(data_dir: Path) -> Dictionary:
    codes = _load_codes(data_dir / "codes.tsv")
    forms = _Forms()
    countries = _load_countries(data_dir / "countries.tsv", forms)
    named: dict[str, NamedActor] = {}
    role_holders: dict[tuple[str, str], list[str]] = {}
    files = (("people.tsv", PEOPLE), ("organizations.tsv", ORGANIZATIONS))
    for filename, columns in files:
        _load_named(data_dir / filename, columns, codes, forms, named, role_holders)
    _load_seats(data_dir / "seats.tsv", codes, forms)
    forms.freeze_curated(_load_agents(data_dir / "agents.tsv", codes, {}))
    curated_ids = frozenset(named)
    for filename, columns in files:
        converted = data_dir / CONVERTED[filename]
        if converted.exists():
            _load_named(converted, columns, codes, forms, named, role_holders, curated_ids)
    agents = _load_agents(data_dir / "agents.tsv", codes, {})
    if (data_dir / CONVERTED["agents.tsv"]).exists():
        converted = _load_agents(data_dir / CONVERTED["agents.tsv"], codes, agents)
        agents.update((term, agent) for term, agent in converted.items()
                      if agent.sector and codes[agent.sector][1] == "state")
    return Dictionary(
        countries=countries,
        named=named,
        forms={key: tuple(meanings) for key, meanings in forms.items()},
        agents=agents,
        codes=codes,
        pronouns=_load_pronouns(data_dir / "pronouns.tsv"),
        role_holders={key: tuple(ids) for key, ids in role_holders.items()},
        grammar=load_grammar(data_dir / "grammar.yaml", set(codes)),
        curated_forms=forms.curated or frozenset(),
        given_names=_load_given_names(data_dir / "given_names.tsv"),
    )


def _load_codes(path: Path) -> dict[str, tuple[str, str]]:
    codes: dict[str, tuple[str, str]] = {}
    for line, row in read_tsv(path, ("code", "label", "kind")):
        if row["kind"] not in KINDS:
            raise DataError(path, line, f"unknown kind {row['kind']!r} (one of {KINDS})")
        codes[row["code"]] = (row["label"], row["kind"])
    return codes


def _load_countries(path: Path, forms: _Forms) -> dict[str, str]:
    """Country names (pycountry's, then the file's), adding names, demonyms and capitals to
    ``forms``."""
    for country in pycountry.countries:
        for name in (country.name, getattr(country, "common_name", ""),
                     getattr(country, "official_name", "")):
            if name and "," not in name:
                forms.add(name, Meaning("country", country.alpha_3))
    for row in country_rows(path):
        for name in (row.name, *row.aliases):
            forms.add(name, Meaning("country", row.iso3))
        for demonym in row.demonyms:
            forms.add(demonym, Meaning("demonym", row.iso3))
        for capital in row.capitals:
            forms.add(capital, Meaning("capital", row.iso3))
    return country_names(path)


def _load_named(path: Path, columns: tuple[str, ...], codes: dict[str, tuple[str, str]],
                forms: _Forms, named: dict[str, NamedActor],
                role_holders: dict[tuple[str, str], list[str]],
                kept: frozenset[str] = frozenset()) -> None:
    """People or organisations: one tenure per row, added to ``named`` and ``role_holders``;
    rows of an id in ``kept`` (curated) are passed over."""
    for line, row in read_tsv(path, columns):
        if row["id"] in kept:
            continue
        kind = row.get("kind", "person")
        tenure = _tenure(path, line, row, kind, codes)
        previous = named.get(row["id"])
        if previous and (previous.name, previous.kind) != (row["name"], kind):
            raise DataError(path, line, f"id {row['id']!r} reused with another name or kind")
        tenures = previous.tenures if previous else ()
        named[row["id"]] = NamedActor(row["id"], row["name"], kind, (*tenures, tenure))
        for name in (row["name"], *split_cell(row["aliases"])):
            forms.add(name, Meaning("named", row["id"]))
        if tenure.role and tenure.country:
            holders = role_holders.setdefault((tenure.country, tenure.role), [])
            if row["id"] not in holders:
                holders.append(row["id"])


def _tenure(path: Path, line: int, row: dict[str, str], kind: str,
            codes: dict[str, tuple[str, str]]) -> Tenure:
    """The checked tenure of a row of people.tsv or organizations.tsv."""
    if not re.fullmatch(r"[a-z0-9_]+|[A-Z]{3}-[A-Z]{3}", row["id"]):
        raise DataError(path, line, f"bad id {row['id']!r} (lower_case or ISO3-SECTOR)")
    if kind not in KINDS:
        raise DataError(path, line, f"unknown kind {kind!r} (one of {KINDS})")
    country = iso3_cell(path, line, row["country"], optional=True)
    sector = _sectors(path, line, row["sector"], codes)
    if not sector:
        raise DataError(path, line, "sector missing")
    if "-" in row["id"] and row["id"] != f"{country}-{sector[0]}":
        raise DataError(path, line, f"state organ id {row['id']!r} must be COUNTRY-SECTOR")
    tenure = Tenure(country, sector, row.get("role", ""),
                    _date(path, line, row["start"]), _date(path, line, row["end"]))
    if tenure.start and tenure.end and tenure.end < tenure.start:
        raise DataError(path, line, "end date before start date")
    return tenure


def _load_seats(path: Path, codes: dict[str, tuple[str, str]], forms: _Forms) -> None:
    """Seats of government and agency nicknames, each standing for a state organ."""
    for line, row in read_tsv(path, ("name", "actor")):
        country, _, sector = row["actor"].partition("-")
        iso3_cell(path, line, country)
        if sector not in codes:
            raise DataError(path, line, f"actor {row['actor']!r} must be ISO3-SECTOR (codes.tsv)")
        forms.add(row["name"], Meaning("seat", row["actor"]))


def _load_agents(path: Path, codes: dict[str, tuple[str, str]],
                 curated: dict[tuple[str, ...], Agent]) -> dict[tuple[str, ...], Agent]:
    """Agent nouns of ``path`` added to those of the ``curated`` file, which win."""
    agents = dict(curated)
    for line, row in read_tsv(path, ("term", "sector", "type", "number", "adopts")):
        term = tuple(row["term"].split())
        if not term or row["term"] != row["term"].lower():
            raise DataError(path, line, f"term {row['term']!r} must be lower-case words")
        if term in curated:
            continue
        if term in agents:
            raise DataError(path, line, f"term {row['term']!r} listed twice")
        sector = None if row["sector"] == "-" else _sectors(path, line, row["sector"], codes)[0]
        if (row["type"] not in AGENT_TYPES or row["number"] not in ("sg", "pl")
                or row["adopts"] not in ("yes", "no")):
            raise DataError(path, line, f"bad type/number/adopts (want {AGENT_TYPES}, sg|pl, yes|no)")
        agents[term] = Agent(term, sector, row["type"], row["number"] == "pl", row["adopts"] == "yes")
    return agents


def _load_pronouns(path: Path) -> dict[str, Pronoun]:
    pronouns: dict[str, Pronoun] = {}
    for line, row in read_tsv(path, ("pronoun", "refers", "number", "gender")):
        if (row["refers"] not in ("person", "thing", "any") or row["number"] not in ("sg", "pl")
                or row["gender"] not in ("m", "f", "-")):
            raise DataError(path, line, "refers must be person|thing|any, number sg|pl, gender m|f|-")
        pronouns[row["pronoun"]] = Pronoun(row["refers"], row["number"] == "pl",
                                           row["gender"].strip("-"))
    return pronouns


def _load_given_names(path: Path) -> dict[str, str]:
    names: dict[str, str] = {}
    for line, row in read_tsv(path, ("name", "gender")):
        if row["gender"] not in ("m", "f"):
            raise DataError(path, line, f"gender {row['gender']!r} must be m or f")
        names[row["name"]] = row["gender"]
    return names
