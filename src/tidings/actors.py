"""Actors: who acts in an article, resolved to canonical actors.

The ``tidings_actors`` component finds actor mentions and resolves each to a canonical actor:

* names from the actor dictionary (countries, capitals as governments, people with dated
  tenures, organisations, armed groups, news outlets) and other PERSON/ORG entities, which are
  kept as unresolved actors;
* agent nouns with a country or organisation modifier: "Egyptian police" (EGY-COP), "Israel's
  army" and "the army of Israel" (ISR-MIL), "Israeli drone" (ISR-MIL), "ISIS fighters" (isis),
  "British and American officials" (GBR-GOV, USA-GOV); titles before names ("Egyptian
  President ...");
* pronouns and definite descriptions ("he", "its", "the group", "the newspaper") that refer back
  to an earlier actor, chosen by agreement, recency and sentence role.

Actor ids: ``ISR`` (a country), ``ISR-MIL`` (a country's sector, CAMEO actor-type codes),
``COP`` (a sector of unknown country), a dictionary id (``isis``, ``benjamin_netanyahu``), or
``unk:<name>`` for an unresolved person or organisation. The dictionaries are data files under
``data/actors/`` (provenance in ``data/SOURCES.md``), validated on load.
"""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_left
from collections.abc import Callable, Hashable, Iterator
from dataclasses import dataclass, field, replace
from functools import lru_cache
from operator import attrgetter
from pathlib import Path

import pycountry
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token

from .errors import TidingsError
from .model import Actor, ActorRef
from .model import Span as TextSpan
from .nlp import TokenColumns, doc_text, entities, per_doc, sentences

DATA_DIR = Path(__file__).resolve().parent / "data" / "actors"
_text_of = attrgetter("text")  # a token's text (dictionary keys are tuples of them)

# Per-Doc cache (see nlp.per_doc): the head token's index of each actor mention's characters,
# (start, end) -> i. The events and attribution stages ask for the same mentions again and
# again; the parse it depends on does not change.
_ROOTS = "actors.roots"

KINDS = ("state", "person", "organization", "armed_group", "igo", "media", "group")
AGENT_TYPES = ("body", "collective", "member", "platform", "group")
NAME_LABELS = {"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC"}
SUBJECT_DEPS = {"nsubj", "nsubjpass", "csubj", "agent"}
ACTOR_PREPOSITIONS = {"by", "with", "between", "against", "and"}
OWNER_PREPOSITIONS = {"for", "of", "from", "at"}
# Prepositions after an agent noun that give it a country, with the name forms they take.
PLACING_PREPOSITIONS = {"of": ("country",), "in": ("country", "capital"),
                        "across": ("country",)}
DEFINITE = {"the", "this", "that", "these", "those"}
FORMER = {"former", "ex", "ex-", "then", "late"}
ARMED_SECTORS = {"REB", "INS", "SEP", "UAF", "IMG"}
PRONOUN_WINDOW = 2  # sentences back that a pronoun may reach
DESCRIPTION_WINDOW = 5  # sentences back that "the group" may reach


class ActorDataError(TidingsError):
    """A row of an actor data file that cannot be used: names the file and line."""

    def __init__(self, path: Path, line: int, reason: str) -> None:
        self.path, self.line, self.reason = path, line, reason
        super().__init__(f"{path}:{line}: {reason}")


# --- The dictionary ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Tenure:
    """What a named actor was between two dates (end exclusive; open when None)."""

    country: str | None
    sector: tuple[str, ...]
    role: str
    start: dt.date | None
    end: dt.date | None

    def covers(self, day: dt.date) -> bool:
        return (self.start is None or self.start <= day) and (self.end is None or day < self.end)


@dataclass(frozen=True, slots=True)
class NamedActor:
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
class Agent:
    """An agent noun: "police", "air force", "officials", "drone", "group"."""

    term: tuple[str, ...]
    sector: str | None
    type: str  # body, member, platform, group
    plural: bool
    adopts: bool


@dataclass(frozen=True, slots=True)
class Meaning:
    """What a surface form denotes: a country (by name, demonym or capital) or a named actor."""

    form: str  # country, demonym, capital, named
    target: str  # ISO3 code or named-actor id


@dataclass(frozen=True, slots=True)
class Pronoun:
    refers: str  # person, thing, any
    plural: bool


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

    @property
    def longest_agent(self) -> int:
        return max(len(term) for term in self.agents)


def _rows(path: Path, columns: tuple[str, ...]) -> Iterator[tuple[int, dict[str, str]]]:
    """The data rows of a TSV file as dicts, with line numbers; comments and blanks skipped."""
    if not path.exists():
        raise ActorDataError(path, 0, "file missing")
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        if len(cells) != len(columns):
            raise ActorDataError(
                path, number,
                f"expected {len(columns)} tab-separated columns ({', '.join(columns)}), "
                f"found {len(cells)}",
            )
        yield number, {name: cell.strip() for name, cell in zip(columns, cells)}


def _split(cell: str) -> list[str]:
    return [part.strip() for part in cell.split("|") if part.strip()]


def _date(path: Path, line: int, text: str) -> dt.date | None:
    if not text:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise ActorDataError(path, line, f"bad date {text!r} (want YYYY-MM-DD)") from None


def _iso3(path: Path, line: int, text: str, *, optional: bool = False) -> str | None:
    if not text and optional:
        return None
    if not re.fullmatch(r"[A-Z]{3}", text):
        raise ActorDataError(path, line, f"bad country code {text!r} (want ISO 3166-1 alpha-3)")
    return text


def _sectors(path: Path, line: int, text: str, codes: dict[str, tuple[str, str]]) -> tuple[str, ...]:
    sectors = tuple(_split(text))
    unknown = [s for s in sectors if s not in codes]
    if unknown:
        raise ActorDataError(path, line, f"unknown sector code(s) {unknown} (see codes.tsv)")
    return sectors


def _tokens(text: str) -> tuple[str, ...]:
    """A name split the way spaCy's English tokenizer splits it (for dictionary keys)."""
    return tuple(t.text for t in _tokenizer()(text))


@lru_cache(maxsize=1)
def _tokenizer():  # noqa: ANN202 - spaCy's blank English tokenizer
    import spacy

    return spacy.blank("en").tokenizer


def _name_forms(text: str) -> list[str]:
    """A name without a leading article, plus its capitalised variant ("al-Qaeda", "Al-Qaeda")."""
    text = re.sub(r"^(?:the|The)\s+", "", text)
    variants = [text]
    if text[:1].islower():
        variants.append(text[:1].upper() + text[1:])
    return variants


def load_dictionary(data_dir: Path | str | None = None) -> Dictionary:
    """Read and validate the actor data files (cached per directory)."""
    return _load_dictionary(Path(data_dir) if data_dir else DATA_DIR)


@lru_cache(maxsize=4)
def _load_dictionary(data_dir: Path) -> Dictionary:
    codes: dict[str, tuple[str, str]] = {}
    path = data_dir / "codes.tsv"
    for line, row in _rows(path, ("code", "label", "kind")):
        if row["kind"] not in KINDS:
            raise ActorDataError(path, line, f"unknown kind {row['kind']!r} (one of {KINDS})")
        codes[row["code"]] = (row["label"], row["kind"])

    forms: dict[tuple[str, ...], list[Meaning]] = {}

    def add_form(text: str, meaning: Meaning) -> None:
        for variant in _name_forms(text):
            meanings = forms.setdefault(_tokens(variant), [])
            if meaning not in meanings:
                meanings.append(meaning)

    countries: dict[str, str] = {}
    for country in pycountry.countries:
        countries[country.alpha_3] = getattr(country, "common_name", country.name)
        for name in (country.name, getattr(country, "common_name", ""),
                     getattr(country, "official_name", "")):
            if name and "," not in name:
                add_form(name, Meaning("country", country.alpha_3))
    path = data_dir / "countries.tsv"
    for line, row in _rows(path, ("iso3", "name", "aliases", "demonyms", "capitals")):
        iso3 = _iso3(path, line, row["iso3"])
        if not row["name"]:
            raise ActorDataError(path, line, "country name missing")
        countries[iso3] = row["name"]
        for name in (row["name"], *_split(row["aliases"])):
            add_form(name, Meaning("country", iso3))
        for demonym in _split(row["demonyms"]):
            add_form(demonym, Meaning("demonym", iso3))
        for capital in _split(row["capitals"]):
            add_form(capital, Meaning("capital", iso3))

    named: dict[str, NamedActor] = {}
    role_holders: dict[tuple[str, str], list[str]] = {}
    people = ("id", "name", "aliases", "country", "sector", "role", "start", "end")
    organizations = ("id", "name", "aliases", "kind", "country", "sector", "start", "end")
    for filename, columns in (("people.tsv", people), ("organizations.tsv", organizations)):
        path = data_dir / filename
        for line, row in _rows(path, columns):
            if not re.fullmatch(r"[a-z0-9_]+|[A-Z]{3}-[A-Z]{3}", row["id"]):
                raise ActorDataError(path, line, f"bad id {row['id']!r} (lower_case or ISO3-SECTOR)")
            kind = row.get("kind", "person")
            if kind not in KINDS:
                raise ActorDataError(path, line, f"unknown kind {kind!r} (one of {KINDS})")
            country = _iso3(path, line, row["country"], optional=True)
            sector = _sectors(path, line, row["sector"], codes)
            if not sector:
                raise ActorDataError(path, line, "sector missing")
            if "-" in row["id"] and row["id"] != f"{country}-{sector[0]}":
                raise ActorDataError(path, line, f"state organ id {row['id']!r} must be COUNTRY-SECTOR")
            tenure = Tenure(country, sector, row.get("role", ""),
                            _date(path, line, row["start"]), _date(path, line, row["end"]))
            if tenure.start and tenure.end and tenure.end < tenure.start:
                raise ActorDataError(path, line, "end date before start date")
            previous = named.get(row["id"])
            if previous and (previous.name, previous.kind) != (row["name"], kind):
                raise ActorDataError(path, line, f"id {row['id']!r} reused with another name or kind")
            tenures = previous.tenures if previous else ()
            named[row["id"]] = NamedActor(row["id"], row["name"], kind, (*tenures, tenure))
            for name in (row["name"], *_split(row["aliases"])):
                add_form(name, Meaning("named", row["id"]))
            if tenure.role and country:
                holders = role_holders.setdefault((country, tenure.role), [])
                if row["id"] not in holders:
                    holders.append(row["id"])

    agents: dict[tuple[str, ...], Agent] = {}
    path = data_dir / "agents.tsv"
    for line, row in _rows(path, ("term", "sector", "type", "number", "adopts")):
        term = tuple(row["term"].split())
        if not term or row["term"] != row["term"].lower():
            raise ActorDataError(path, line, f"term {row['term']!r} must be lower-case words")
        if term in agents:
            raise ActorDataError(path, line, f"term {row['term']!r} listed twice")
        sector = None if row["sector"] == "-" else _sectors(path, line, row["sector"], codes)[0]
        if row["type"] not in AGENT_TYPES or row["number"] not in ("sg", "pl") or row["adopts"] not in ("yes", "no"):
            raise ActorDataError(path, line, f"bad type/number/adopts (want {AGENT_TYPES}, sg|pl, yes|no)")
        agents[term] = Agent(term, sector, row["type"], row["number"] == "pl", row["adopts"] == "yes")

    pronouns: dict[str, Pronoun] = {}
    path = data_dir / "pronouns.tsv"
    for line, row in _rows(path, ("pronoun", "refers", "number")):
        if row["refers"] not in ("person", "thing", "any") or row["number"] not in ("sg", "pl"):
            raise ActorDataError(path, line, "refers must be person|thing|any, number sg|pl")
        pronouns[row["pronoun"]] = Pronoun(row["refers"], row["number"] == "pl")

    return Dictionary(
        countries=countries,
        named=named,
        forms={key: tuple(meanings) for key, meanings in forms.items()},
        agents=agents,
        codes=codes,
        pronouns=pronouns,
        role_holders={key: tuple(ids) for key, ids in role_holders.items()},
    )


def _guarded(tokens: tuple[str, ...]) -> bool:
    """Short all-caps aliases ("IS", "US", "AP") that need mixed-case surroundings."""
    return len(tokens) == 1 and tokens[0].isupper() and len(tokens[0].strip(".")) <= 3


def entity_patterns() -> list[dict]:
    """EntityRuler patterns for dictionary names, so every article labels them alike.

    Single-word country names, demonyms and capitals are left to the statistical NER ("Jordan",
    "Chad", "Washington" are also people); so are single-word aliases of people ("Sharon") and
    short all-caps aliases ("IS", "US").
    """
    dictionary = load_dictionary()
    labels = {"country": "GPE", "capital": "GPE", "demonym": "NORP"}
    patterns: list[dict] = []
    for tokens, meanings in dictionary.forms.items():
        meaning = meanings[0]
        if meaning.form == "named":
            actor = dictionary.named[meaning.target]
            label = "PERSON" if actor.kind == "person" else "ORG"
            if _guarded(tokens) or (len(tokens) == 1 and label == "PERSON"):
                continue
        else:
            label = labels[meaning.form]
            if len(tokens) == 1:
                continue
        # a phrase pattern (matched on ORTH); joined with spaces it tokenizes back to ``tokens``
        patterns.append({"label": label, "pattern": " ".join(tokens), "id": meaning.target})
    return patterns


# --- Resolution ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Identity:
    """A canonical actor as one mention resolves it."""

    id: str
    name: str
    country: str | None
    sector: tuple[str, ...]
    kind: str
    resolved: bool = True
    person: bool = False
    plural: bool = False
    role: str = ""


@dataclass(slots=True)
class Hit:
    """A dictionary name or named entity found in the text (token offsets)."""

    start: int
    end: int
    meanings: tuple[Meaning, ...] = ()
    label: str = ""
    identity: Identity | None = None  # set for entities resolved as a whole (unresolved, composed)
    title: AgentUse | None = None  # "Egyptian President" before a person's name

    def overlaps(self, other: Hit) -> bool:
        return self.start < other.end and other.start < self.end


@dataclass(slots=True)
class Mention:
    """An actor mention under construction (token offsets)."""

    start: int
    end: int
    head: int
    identity: Identity
    group: int | None = None  # mentions of one coordinated phrase share a group number
    refs: tuple[Identity, ...] = field(default_factory=tuple)  # antecedents of an anaphor
    use: AgentUse | None = None  # set while the mention is a generic agent noun ("police")


@dataclass(slots=True)
class AgentUse:
    """An agent noun in the text and what modifies it."""

    start: int
    end: int
    agent: Agent
    modifiers: list[Hit]
    inner: Agent | None = None  # an agent-noun modifier ("military" in "military officials")
    inherited: AgentUse | None = None


class ActorResolver:
    """Finds actor mentions and resolves them to canonical actors."""

    def __init__(self, nlp: Language, dictionary: Dictionary) -> None:
        self.dictionary = dictionary
        self.matcher = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.matcher.add("ACTOR_NAME", [Doc(nlp.vocab, words=list(key)) for key in dictionary.forms])
        self.longest_agent = dictionary.longest_agent
        self.agent_words = {word for term in dictionary.agents for word in term}
        # the last word of each agent term -> the length of the longest term it ends
        self.agent_heads: dict[str, int] = {}
        for term in dictionary.agents:
            self.agent_heads[term[-1]] = max(len(term), self.agent_heads.get(term[-1], 0))
        self._identities: dict[tuple[Hashable, ...], Identity] = {}  # see _memo

    # -- entry point --

    def __call__(self, doc: Doc) -> Doc:
        article = doc._.article
        day = getattr(article, "published", None)
        hits = self._find_names(doc)
        hit_at = {i: hit for hit in hits for i in range(hit.start, hit.end)}
        mentions, used, descriptions = self._agent_mentions(doc, hits, hit_at, day)
        mentions += self._name_mentions(doc, hits, used, day)
        mentions.sort(key=lambda m: (m.start, m.end))
        self._link_surnames(doc, mentions)
        self._attach_owners(doc, mentions, day)
        mentions += self._resolve_anaphora(doc, mentions, descriptions, day)
        mentions.sort(key=lambda m: (m.start, m.end))
        refs = _refs(doc, mentions)
        doc._.actor_mentions = refs
        doc._.actors = _actors(refs, mentions)
        return doc

    # -- names --

    def _find_names(self, doc: Doc) -> list[Hit]:
        """Dictionary names and named entities, longest first, without overlaps."""
        columns = TokenColumns.of(doc)
        tokens = columns.tokens
        candidates: list[Hit] = []
        named_entities: set[tuple[int, int]] = set()  # token ranges of entities that are names
        for ent in entities(doc):
            label = ent.label_
            if label not in NAME_LABELS:
                continue
            start, end = _trim(columns, ent.start, ent.end)
            words = tuple(map(_text_of, tokens[start:end]))
            if start >= end or not any(w[:1].isupper() for w in words):
                continue  # the statistical NER now and then tags a common noun ("warplanes")
            meanings = self.dictionary.forms.get(words, ())
            hit = Hit(start, end, meanings, label)
            if meanings:
                named_entities.add((start, end))
            else:
                if end - start == 1 and columns.lower[start] in self.agent_words:
                    continue  # "State" in "Secretary of State", "Army" alone
                hit.identity = self._compose_org(words) if label == "ORG" else None
                if hit.identity is None and label == "ORG" and self._agent_at(columns, end - 1):
                    continue  # "the Interior Ministry": an agent noun, found as such
                if hit.identity is None and label in ("PERSON", "ORG") and _proper(tokens[start:end]):
                    name = _text(doc, tokens, start, end)
                    hit.identity = Identity(
                        unresolved_id(name), name, None, (), "person" if label == "PERSON"
                        else "organization", resolved=False, person=label == "PERSON",
                    )
            candidates.append(hit)
        for _, start, end in self.matcher(doc):
            if (start, end) in named_entities:
                continue  # the same name as an entity, which is listed first and wins
            key = tuple(map(_text_of, tokens[start:end]))
            if _guarded(key) and _in_caps_text(tokens, start):
                continue
            candidates.append(Hit(start, end, self.dictionary.forms[key], "NAME"))
        # longest first; at equal length, dictionary names before entities
        candidates.sort(key=lambda h: (-(h.end - h.start), not h.meanings, h.start))
        chosen: list[Hit] = []
        taken: set[int] = set()  # the tokens of the chosen hits
        for hit in candidates:
            span = range(hit.start, hit.end)
            if not taken.isdisjoint(span):
                # a known name at the end of an unknown entity ("Hamas leader <known name>") wins
                for other in [c for c in chosen if c.overlaps(hit)]:
                    if (other.identity is not None and not other.identity.resolved and hit.meanings
                            and hit.end == other.end
                            and self.dictionary.named.get(hit.meanings[0].target) is not None):
                        chosen.remove(other)
                        taken.difference_update(range(other.start, other.end))
                if not taken.isdisjoint(span):
                    continue
            chosen.append(hit)
            taken.update(span)
        return sorted(chosen, key=lambda h: h.start)

    def _compose_org(self, words: tuple[str, ...]) -> Identity | None:
        """An organisation named as country + agent noun ("Israel Air Force", "Iraqi Army"),
        from its words."""
        for cut in range(len(words) - 1, 0, -1):
            meanings = self.dictionary.forms.get(words[:cut], ())
            country = next((m.target for m in meanings if m.form in ("country", "demonym")), None)
            if country is None:
                continue
            lower = tuple(w.lower() for w in words[cut:])
            for size in range(min(len(lower), self.longest_agent), 0, -1):
                agent = self.dictionary.agents.get(lower[-size:])
                if agent and agent.sector and agent.type in ("body", "collective", "member"):
                    return self._country_sector(country, agent.sector, plural=agent.plural)
            return None
        return None

    def _named(self, hit: Hit, day: dt.date | None, role: str = "") -> Identity | None:
        """The named actor a hit denotes at the date.

        A name several actors share ("Aoun") goes to the one in office, then to the one whose
        role matches the title before the name ("President Aoun"), then to the latest in office.
        """
        candidates = [self.dictionary.named[m.target] for m in hit.meanings if m.form == "named"]
        if not candidates:
            return None

        def rank(actor: NamedActor) -> tuple[bool, bool, int]:
            tenure, in_office = actor.tenure_at(day)
            return not in_office, role not in ("", tenure.role), -(tenure.start or dt.date.min).toordinal()

        return self._identity(min(candidates, key=rank), day)

    def _identity(self, actor: NamedActor, day: dt.date | None) -> Identity:
        tenure, in_office = actor.tenure_at(day)
        person = actor.kind == "person"
        sector = tenure.sector if in_office or not person else ("ELI",)
        return Identity(actor.id, actor.name, tenure.country, sector, actor.kind,
                        person=person, role=tenure.role if in_office else "")

    def _country(self, iso3: str, *, plural: bool = False) -> Identity:
        return self._memo(("country", iso3, plural), lambda: Identity(
            iso3, self.dictionary.countries.get(iso3, iso3), iso3, (), "state", plural=plural))

    def _country_sector(self, iso3: str | None, sector: str, *, plural: bool = False,
                        person: bool = False) -> Identity:
        def build() -> Identity:
            label, kind = self.dictionary.codes[sector]
            if iso3 is None:
                return Identity(sector, label, None, (sector,), kind, plural=plural, person=person)
            name = f"{self.dictionary.countries.get(iso3, iso3)} {label}"
            return Identity(f"{iso3}-{sector}", name, iso3, (sector,), kind, plural=plural, person=person)

        return self._memo(("sector", iso3, sector, plural, person), build)

    def _memo(self, key: tuple[Hashable, ...], build: Callable[[], Identity]) -> Identity:
        """The identity ``build`` makes, made once per ``key`` (what it depends on) and resolver:
        identities are immutable, and the same few are found in article after article."""
        identity = self._identities.get(key)
        if identity is None:
            identity = self._identities[key] = build()
        return identity

    def _role_holder(self, iso3: str, role: str, day: dt.date | None) -> Identity | None:
        """The person holding ``role`` ("president") in a country at the date."""
        for actor_id in self.dictionary.role_holders.get((iso3, role), ()):
            actor = self.dictionary.named[actor_id]
            tenure, in_office = actor.tenure_at(day)
            if in_office and tenure.role == role and tenure.country == iso3:
                return self._identity(actor, day)
        return None

    # -- agent nouns --

    def _agent_at(self, columns: TokenColumns, i: int) -> tuple[int, Agent] | None:
        """The longest agent term ending at token ``i``, with its first token."""
        longest = self.agent_heads.get(columns.lower[i])
        if longest is None or columns.pos[i] not in ("NOUN", "PROPN") or columns.tokens[i].tag_ == "JJ":
            return None
        for size in range(min(longest, i + 1), 0, -1):
            key = tuple(columns.lower[i - size + 1:i + 1])
            agent = self.dictionary.agents.get(key)
            if agent:
                return i - size + 1, agent
        return None

    def _agent_mentions(
        self, doc: Doc, hits: list[Hit], hit_at: dict[int, Hit], day: dt.date | None,
    ) -> tuple[list[Mention], set[int], list[AgentUse]]:
        """Mentions made of agent nouns; the name hits they used; definite descriptions."""
        columns = TokenColumns.of(doc)
        uses: list[AgentUse] = []
        agent_end: dict[int, AgentUse] = {}
        heads = self.agent_heads
        for i in [i for i, word in enumerate(columns.lower) if word in heads]:
            if i in hit_at:
                continue
            found = self._agent_at(columns, i)
            if found is None or any(j in hit_at for j in range(found[0], i + 1)):
                continue
            start, agent = found
            while uses and uses[-1].end > start:  # "Secretary" inside "Secretary of State"
                agent_end.pop(uses.pop().end - 1)
            use = AgentUse(start, i + 1, agent, [])
            self._collect_modifiers(columns, use, hit_at, agent_end)
            uses.append(use)
            agent_end[i] = use
        mentions: list[Mention] = []
        used: set[int] = set()
        descriptions: list[AgentUse] = []
        inner_ids = {id(inner) for u in uses for inner in _inner_uses(u, agent_end)}
        for use in uses:
            if id(use) in inner_ids:
                continue
            head = columns.tokens[use.end - 1]
            person_after = hit_at.get(use.end)
            if (use.agent.type == "member" and not use.agent.plural and person_after is not None
                    and self._is_person_hit(person_after)):
                person_after.title = use  # the country goes into the person's mention; an
                used.update(id(h) for h in use.modifiers if _national(h))  # organisation stays
                continue
            modifiers = use.modifiers or (use.inherited.modifiers if use.inherited else [])
            if not modifiers:
                if _definite(head) and use.agent.type not in ("platform", "collective"):
                    descriptions.append(use)
                    continue
                if use.agent.sector is None or use.agent.type not in ("body", "member", "collective"):
                    continue
                if head.dep_ in ("compound", "amod", "nmod") and self._agent_at(columns, head.head.i) is None:
                    continue  # "police station", "press conference"
                identity = self._country_sector(None, self._sector(use), plural=use.agent.plural,
                                                person=use.agent.type == "member")
                mentions.append(Mention(use.start, use.end, use.end - 1, identity, use=use))
                continue
            group = use.start if len(modifiers) > 1 else None
            for position, hit in enumerate(modifiers):
                identity = self._composed(hit, use, day)
                if identity is None:
                    continue
                used.add(id(hit))
                if hit.start >= use.end:  # "the army of Egypt"
                    start, end = _det_start(columns, use.start), hit.end
                elif position == len(modifiers) - 1:
                    start, end = hit.start, use.end
                else:
                    start, end = hit.start, hit.end
                if hit not in use.modifiers:  # inherited modifier: the noun alone
                    start, end = use.start, use.end
                mentions.append(Mention(start, end, use.end - 1, identity, group))
        return mentions, used, descriptions

    def _collect_modifiers(self, columns: TokenColumns, use: AgentUse, hit_at: dict[int, Hit],
                           agent_end: dict[int, AgentUse]) -> None:
        """Country or organisation modifiers of an agent noun, from the words before and after it."""
        tokens, lower = columns.tokens, columns.lower
        j = use.start - 1
        while j >= 0:
            hit = hit_at.get(j)
            if hit is not None:
                if not self._modifier_hit(hit):
                    break
                use.modifiers.insert(0, hit)
                j = hit.start - 1
                if (j >= 1 and lower[j] in ("and", ",", "or") and _national(hit)
                        and j - 1 in hit_at and _national(hit_at[j - 1])):
                    j -= 1  # "British and American officials"
                    continue
                if j >= 0 and tokens[j].tag_ == "POS":
                    break
                continue
            token = tokens[j]
            if token.tag_ == "POS" and j - 1 in hit_at:
                j -= 1
                continue
            if token.is_alpha and columns.pos[j] in ("ADJ", "NOUN", "PROPN", "VERB") and token.dep_ in (
                "amod", "compound", "nmod"
            ):  # "riot" in "riot police", "Interior" in "Interior Ministry"
                if use.inner is None:  # "military" in "military officials", noun or adjective
                    use.inner = agent_end[j].agent if j in agent_end else self.dictionary.agents.get(
                        (lower[j],))
                j -= 1
                continue
            break
        # "the army of Egypt"; "police in Georgia", "the government in Addis Ababa"
        after = use.end
        if (after + 1 < len(tokens) and lower[after] in PLACING_PREPOSITIONS
                and tokens[after].head.i == use.end - 1 and not use.modifiers):
            k = after + 1 + (lower[after + 1] == "the")
            hit = hit_at.get(k)
            forms = PLACING_PREPOSITIONS[lower[after]]
            if hit is not None and hit.start == k and any(m.form in forms for m in hit.meanings):
                use.modifiers.append(hit)
        if use.modifiers:
            return
        # "Egyptian military and police": share the modifier of the agent noun coordinated before
        j = use.start - 1
        if j >= 1 and lower[j] in ("and", ",", "or"):
            previous = agent_end.get(j - 1)
            if previous and (previous.modifiers or previous.inherited) and self._same_family(previous, use):
                use.inherited = previous if previous.modifiers else previous.inherited
        elif tokens[use.end - 1].dep_ == "conj":
            previous = agent_end.get(tokens[use.end - 1].head.i)
            if previous and previous.modifiers and self._same_family(previous, use):
                use.inherited = previous

    def _same_family(self, first: AgentUse, second: AgentUse) -> bool:
        """Both state organs, or both not ("police and protesters" do not share a country)."""
        def is_state(use: AgentUse) -> bool:
            sector = self._sector(use)
            return sector is None or self.dictionary.codes[sector][1] == "state"
        return is_state(first) == is_state(second)

    def _modifier_hit(self, hit: Hit) -> bool:
        if hit.identity is not None:
            return hit.identity.kind != "person"
        return any(m.form in ("country", "demonym", "named") for m in hit.meanings)

    def _is_person_hit(self, hit: Hit) -> bool:
        if hit.identity is not None:
            return hit.identity.person
        return any(m.form == "named" and self.dictionary.named[m.target].kind == "person"
                   for m in hit.meanings) or hit.label == "PERSON"

    def _sector(self, use: AgentUse) -> str | None:
        if use.agent.type == "platform":
            return "MIL"
        if use.agent.adopts and use.inner and use.inner.sector:
            return use.inner.sector
        return use.agent.sector

    def _composed(self, hit: Hit, use: AgentUse, day: dt.date | None) -> Identity | None:
        """The actor of an agent noun with a name modifier ("Israeli troops", "ISIS fighters")."""
        base = hit.identity or self._named(hit, day)
        if base is None:
            country = next((m.target for m in hit.meanings if m.form in ("country", "demonym", "capital")), None)
            if country is None:
                return None
            base = self._country(country)
        return self._owned(base, use, day)

    def _owned(self, owner: Identity, use: AgentUse, day: dt.date | None) -> Identity | None:
        """An agent noun belonging to an actor: a country's sector, or the organisation itself."""
        sector = self._sector(use)
        plural, person = use.agent.plural, use.agent.type == "member"
        if owner.kind == "person":  # "the Netanyahu government", "his troops"
            return self._country_sector(owner.country, sector, plural=plural) if sector and owner.country else None
        if owner.kind != "state" or sector is None or (owner.sector and use.agent.adopts):
            return replace(owner, plural=plural)  # "ISIS fighters", "Pentagon officials"
        if owner.country is None:
            return None
        if person and not plural:
            holder = self._role_holder(owner.country, " ".join(use.agent.term), day)
            if holder is not None:
                return holder
        return self._country_sector(owner.country, sector, plural=plural, person=person)

    def _attach_owners(self, doc: Doc, mentions: list[Mention], day: dt.date | None) -> None:
        """Generic agent nouns owned through a preposition: "a spokesman for the army"."""
        by_head = {m.head: m for m in mentions if m.use is None}
        for mention in mentions:
            if mention.use is None or not mention.use.agent.adopts:
                continue
            for child in TokenColumns.of(doc).tokens[mention.head].children:
                if child.dep_ != "prep" or child.lower_ not in OWNER_PREPOSITIONS:
                    continue
                owner = next((by_head[c.i] for c in child.children if c.dep_ == "pobj" and c.i in by_head), None)
                if owner is not None:
                    self._rebind(mention, owner, day)

    def _rebind(self, mention: Mention, owner: Mention, day: dt.date | None) -> None:
        """Give a generic agent-noun mention the actor(s) of its owner."""
        owned = [self._owned(x, mention.use, day) for x in owner.refs or (owner.identity,)]
        found = tuple(x for x in owned if x is not None)
        if found:
            mention.identity, mention.refs, mention.use = found[0], found if len(found) > 1 else (), None

    # -- names as mentions --

    def _name_mentions(self, doc: Doc, hits: list[Hit], used: set[int], day: dt.date | None) -> list[Mention]:
        columns = TokenColumns.of(doc)
        mentions: list[Mention] = []
        for hit in hits:
            if id(hit) in used:
                continue
            root = columns.tokens[_root_index(doc, hit.start, hit.end)]
            title = hit.title
            role = " ".join(title.agent.term) if title else ""
            identity = hit.identity or self._named(hit, day, role) or self._country_name(hit, root)
            if identity is None:
                continue
            start = hit.start
            if title is not None:
                start = min([title.start, *(m.start for m in title.modifiers if _national(m))])
                identity = self._titled(columns, identity, title, start, day)
            mentions.append(Mention(_det_start(columns, start) if start < hit.start else start,
                                    hit.end, root.i, identity))
        return mentions

    def _country_name(self, hit: Hit, root: Token) -> Identity | None:
        """A country name; a demonym used as a noun ("Israelis"); a capital acting ("Cairo said").
        ``root`` is the name's head token."""
        for meaning in hit.meanings:
            if meaning.form == "country":
                return self._country(meaning.target)
            if meaning.form == "demonym" and root.pos_ in ("NOUN", "PROPN") and root.dep_ not in (
                "amod", "compound", "nmod"
            ):
                return self._country(meaning.target, plural=root.tag_ in ("NNS", "NNPS"))
            if meaning.form == "demonym" and root.dep_ in ("amod", "compound", "nmod"):
                return self._country(meaning.target)  # "Israeli strikes", "Russian banks"
            if meaning.form == "capital" and _acting(root):
                return self._country_sector(meaning.target, "GOV")
        return None

    def _titled(self, columns: TokenColumns, identity: Identity, title: AgentUse, start: int,
                day: dt.date | None) -> Identity:
        """A person with a title before the name: country and sector for unknown people."""
        former = start > 0 and columns.lower[start - 1] in FORMER
        if identity.resolved:
            return replace(identity, sector=("ELI",)) if former and identity.person else identity
        country = None
        for hit in title.modifiers:
            composed = self._composed(hit, replace(title, agent=replace(title.agent, plural=False)), day)
            country = composed.country if composed else None
        sector = self._sector(title)
        return replace(identity, country=country, sector=("ELI",) if former else ((sector,) if sector else ()),
                       person=True, kind="person")

    def _link_surnames(self, doc: Doc, mentions: list[Mention]) -> None:
        """A lone surname of an earlier unresolved person is that person ("Ahmed Kamal ... Kamal")."""
        known: dict[str, Identity] = {}
        for mention in mentions:
            identity = mention.identity
            if identity.resolved or not identity.person:
                continue
            words = identity.name.split()
            if len(words) == 1 and words[0] in known:
                mention.identity = known[words[0]]
            elif len(words) > 1:
                known.setdefault(words[-1], identity)

    # -- pronouns and definite descriptions --

    def _resolve_anaphora(self, doc: Doc, mentions: list[Mention], descriptions: list[AgentUse],
                          day: dt.date | None) -> list[Mention]:
        """Mentions for pronouns and "the group"-style descriptions, pointing at their antecedents.

        A generic agent noun owned by a resolved possessive ("its fighters") takes the
        antecedent's actor at once, so that later pronouns see it.
        """
        covered = {i for m in mentions for i in range(m.start, m.end)}
        generic_by_head = {m.head: m for m in mentions if m.use is not None}
        columns = TokenColumns.of(doc)
        tokens = columns.tokens
        groups = _coordinated(tokens, mentions)
        pronouns = self.dictionary.pronouns
        anaphors: list[tuple[int, Pronoun | AgentUse]] = [
            (i, pronouns[lower]) for i, lower in enumerate(columns.lower)
            if lower in pronouns and i not in covered and tokens[i].tag_ in ("PRP", "PRP$")
        ]
        anaphors += [(use.end - 1, use) for use in descriptions]
        anaphors.sort(key=lambda a: a[0])
        sentence_of = _sentence_index(doc)
        starts = [m.start for m in mentions]  # mentions are sorted by start
        resolved: list[Mention] = []
        for i, anaphor in anaphors:
            earlier = mentions[:bisect_left(starts, i)]  # the others end after the anaphor
            antecedents = self._antecedents(columns, i, anaphor, earlier + resolved, groups,
                                            sentence_of)
            if isinstance(anaphor, AgentUse):
                start, end = _phrase_start(tokens[i], anaphor.start), anaphor.end
                if not antecedents:
                    if anaphor.agent.sector is None or anaphor.agent.type == "group":
                        continue
                    antecedents = (self._country_sector(
                        None, self._sector(anaphor), plural=anaphor.agent.plural,
                        person=anaphor.agent.type == "member"),)
            else:
                start, end = i, i + 1
                if not antecedents:
                    continue
            mention = Mention(start, end, i, antecedents[0], refs=antecedents)
            resolved.append(mention)
            owned = generic_by_head.get(tokens[i].head.i)
            if tokens[i].dep_ == "poss" and owned is not None and owned.use is not None:
                self._rebind(owned, mention, day)
        return resolved

    def _antecedents(
        self, columns: TokenColumns, i: int, anaphor: Pronoun | AgentUse, candidates: list[Mention],
        groups: dict[int, list[Mention]], sentence_of: list[int],
    ) -> tuple[Identity, ...]:
        """The best-scoring earlier actor (or coordinated actors) that agrees with the anaphor."""
        here = sentence_of[i]
        is_pronoun = isinstance(anaphor, Pronoun)
        window = PRONOUN_WINDOW if is_pronoun else DESCRIPTION_WINDOW
        best: tuple[float, tuple[Identity, ...]] = (float("-inf"), ())
        seen_groups: set[int] = set()
        for mention in candidates:
            if mention.end > i or here - sentence_of[mention.head] > window:
                continue
            identities = mention.refs or (mention.identity,)
            options = [(identities, len(identities) > 1 or identities[0].plural, mention.head)]
            if mention.group is None and mention.start in groups and mention.start not in seen_groups:
                seen_groups.add(mention.start)
                members = groups[mention.start]
                options.append((tuple(m.identity for m in members), True, members[0].head))
            for identities, plural, head in options:
                fit = self._agreement(anaphor, identities, plural)
                if fit is None:
                    continue
                score = fit + _salience(columns.tokens[head], here - sentence_of[head], i - head,
                                        is_pronoun)
                if score > best[0]:
                    best = (score, identities)
        if is_pronoun and anaphor.refers != "person":
            # a recent non-actor subject ("The tunnel ... It was used") takes "it"/"they" first
            for j in range(max(0, i - 80), i):
                if columns.pos[j] != "NOUN" or here - sentence_of[j] > window:
                    continue
                token = columns.tokens[j]
                if (token.dep_ in ("nsubj", "nsubjpass") and (token.tag_ == "NNS") == anaphor.plural
                        and not any(m.start <= j < m.end for m in candidates)):
                    score = _salience(token, here - sentence_of[j], i - j, True)
                    if score > best[0]:
                        best = (score, ())
        return best[1]

    def _agreement(self, anaphor: Pronoun | AgentUse, identities: tuple[Identity, ...],
                   plural: bool) -> float | None:
        """How well antecedent identities fit the anaphor (None: they cannot)."""
        first = identities[0]
        if isinstance(anaphor, Pronoun):
            if anaphor.refers == "person":
                return 0.0 if first.person and not plural else None
            if anaphor.refers == "thing":
                return 0.0 if not first.person and not plural else None
            if plural:
                return 0.0
            return -1.5 if first.kind in ("organization", "armed_group", "igo", "media", "state") \
                and not first.person else None
        agent = anaphor.agent
        if len(identities) > 1:
            return None
        sector = agent.sector
        if agent.type == "group":
            return 0.0 if first.kind in ("organization", "armed_group", "igo") else None
        if sector in ARMED_SECTORS:
            return 0.0 if first.kind == "armed_group" or ARMED_SECTORS & set(first.sector) else None
        if sector == "MED":
            return 0.0 if "MED" in first.sector or first.kind == "media" else None
        if sector is None or sector not in first.sector:
            return None
        if agent.type == "member" and not agent.plural:
            if not first.person:
                return None
            return 1.0 if first.role == " ".join(agent.term) else 0.0
        return None if first.person else 0.0


def _salience(head: Token, sentences_back: int, tokens_back: int, pronoun: bool) -> float:
    """Prefer subjects and recent mentions; for descriptions ("the group") recency counts most."""
    score = -(3.0 if pronoun else 1.5) * sentences_back - 0.01 * tokens_back
    dep = head.dep_
    if dep == "conj":
        dep = head.head.dep_
    if dep in SUBJECT_DEPS:
        score += 2.0 if pronoun else 1.0
    elif dep in ("dobj", "pobj", "poss", "appos"):
        score += 0.5
    return score


def _coordinated(tokens: list[Token], mentions: list[Mention]) -> dict[int, list[Mention]]:
    """Mentions joined by "and"/"or" ("Israel and Egypt"), keyed by the first one's start."""
    by_head = {m.head: m for m in mentions}
    groups: dict[int, list[Mention]] = {}
    for mention in mentions:
        token = tokens[mention.head]
        if token.dep_ == "conj" and token.head.i in by_head:
            first = by_head[token.head.i]
            while tokens[first.head].dep_ == "conj" and tokens[first.head].head.i in by_head:
                first = by_head[tokens[first.head].head.i]
            members = groups.setdefault(first.start, [first])
            members.append(mention)
    return groups


def _inner_uses(use: AgentUse, agent_end: dict[int, AgentUse]) -> Iterator[AgentUse]:
    """Agent nouns that only modify this one ("military" in "military officials")."""
    if use.inner is None:
        return
    for end, other in agent_end.items():
        if other is not use and other.agent is use.inner and use.start > end >= use.start - 3:
            yield other


# --- Small helpers on tokens ------------------------------------------------------------------


def _national(hit: Hit) -> bool:
    """True for a country name or demonym ("Egypt", "Egyptian")."""
    return hit.identity is None and any(m.form in ("country", "demonym") for m in hit.meanings)


def _trim(columns: TokenColumns, start: int, end: int) -> tuple[int, int]:
    """An entity's token range without a leading "the" and trailing spaces, punctuation, "'s"."""
    while start < end and columns.lower[start] == "the":
        start += 1
    tokens = columns.tokens
    while end > start and (tokens[end - 1].is_space or tokens[end - 1].is_punct
                           or tokens[end - 1].tag_ == "POS"):
        end -= 1
    return start, end


def _proper(tokens: list[Token]) -> bool:
    """True when a name's tokens read as a proper name (a proper noun or an acronym in them)."""
    return any(t.tag_ in ("NNP", "NNPS") or (t.is_upper and len(t) > 1) for t in tokens)


def _text(doc: Doc, tokens: list[Token], start: int, end: int) -> str:
    """The text of the non-empty token range ``[start, end)``, as ``doc[start:end].text``."""
    start_char, end_char = _char_range(tokens, start, end)
    return doc_text(doc)[start_char:end_char]


def _char_range(tokens: list[Token], start: int, end: int) -> tuple[int, int]:
    """The characters of the non-empty token range ``[start, end)``: ``doc[start:end]``'s
    ``start_char`` and ``end_char``, without building the Span and its Tokens."""
    last = tokens[end - 1]
    return tokens[start].idx, last.idx + len(last)


def _slug(name: str) -> str:
    return re.sub(r"[^0-9a-z]+", "_", name.lower()).strip("_")


def unresolved_id(name: str) -> str:
    """The id of an actor known only by its name: ``unk:<slug>``, the same in every stage."""
    return "unk:" + _slug(name)


def _in_caps_text(tokens: list[Token], i: int) -> bool:
    """True when the words around token ``i`` are in capitals too (a headline, not a name)."""
    neighbours = [tokens[j] for j in (i - 1, i + 1) if 0 <= j < len(tokens) and tokens[j].is_alpha]
    return any(t.is_upper and len(t) > 1 for t in neighbours)


def _definite(head: Token) -> bool:
    children = list(head.children)
    return any(c.dep_ == "det" and c.lower_ in DEFINITE for c in children) and not any(
        c.dep_ == "prep" and c.lower_ == "of" for c in children
    )


def _phrase_start(head: Token, start: int) -> int:
    """Where a noun phrase begins: its determiner and adjectives before ``start`` included."""
    left = [c.i for c in head.children if c.i < start and c.dep_ in ("det", "amod", "compound")]
    return min([start, *left])


def _root_index(doc: Doc, start: int, end: int) -> int:
    """``doc[start:end].root.i``; a one-token range is its own root, found without a Span."""
    return start if end - start == 1 else doc[start:end].root.i


def _det_start(columns: TokenColumns, start: int) -> int:
    """Extend a span start over a definite article just before it."""
    return start - 1 if start > 0 and columns.lower[start - 1] in DEFINITE else start


def _acting(token: Token) -> bool:
    """True when a place name stands for its government ("Cairo said", "talks with Cairo",
    "warned Tehran"); after a locative preposition ("in Cairo") it is a place."""
    while token.dep_ == "conj":
        token = token.head
    if token.dep_ in SUBJECT_DEPS or token.dep_ in ("poss", "dobj", "dative"):
        return True  # "Cairo said", "Moscow's response", "accused Moscow", "told Beijing"
    return token.dep_ == "pobj" and token.head.lower_ in ACTOR_PREPOSITIONS


def _sentence_index(doc: Doc) -> list[int]:
    """The number of each token's sentence."""
    index: list[int] = []
    for number, sentence in enumerate(sentences(doc)):
        index += [number] * (sentence.end - sentence.start)
    return index


def _refs(doc: Doc, mentions: list[Mention]) -> list[ActorRef]:
    """The ActorRefs of the mentions (one per antecedent of a plural anaphor), in characters."""
    tokens, text = TokenColumns.of(doc).tokens, doc_text(doc)
    refs: list[ActorRef] = []
    for mention in mentions:
        start, end = _char_range(tokens, mention.start, mention.end)
        said = text[start:end]
        refs += [ActorRef(identity.id, identity.name, identity.country, identity.sector,
                          start, end, said)
                 for identity in mention.refs or (mention.identity,)]
    return refs


def _actors(refs: list[ActorRef], mentions: list[Mention]) -> list[Actor]:
    """One Actor per id, in order of first mention, with every mention's span."""
    identities = {i.id: i for m in mentions for i in (m.refs or (m.identity,))}
    spans: dict[str, list[TextSpan]] = {}
    for ref in refs:
        spans.setdefault(ref.id, []).append(TextSpan(ref.start, ref.end, ref.text))
    return [
        Actor(actor_id, identities[actor_id].name, identities[actor_id].country,
              identities[actor_id].sector, identities[actor_id].kind, identities[actor_id].resolved,
              tuple(found))
        for actor_id, found in spans.items()
    ]


# --- The component and the functions other stages call ---------------------------------------


@Language.factory(
    "tidings_actors",
    assigns=["doc._.actors", "doc._.actor_mentions"],
    requires=["doc.ents", "token.dep", "token.tag"],
    default_config={"data_dir": None},
)
def make_actors(nlp: Language, name: str, data_dir: str | None) -> ActorResolver:
    """The actor resolver, with the bundled dictionary unless ``data_dir`` names another."""
    return ActorResolver(nlp, load_dictionary(data_dir))


def mentions_in(doc: Doc, start: int, end: int) -> list[ActorRef]:
    """Actor mentions lying within the character range ``[start, end)``."""
    return [m for m in doc._.actor_mentions or () if m.start >= start and m.end <= end]


def actor_for_token(doc: Doc, token: Token) -> ActorRef | None:
    """The actor mention covering a token (the one it heads first, then the shortest)."""
    covering = [m for m in doc._.actor_mentions or ()
                if m.start <= token.idx < m.end]
    if not covering:
        return None
    return min(covering, key=lambda m: (_root(doc, m).i != token.i, m.end - m.start))


def actor_for_span(doc: Doc, span: Span) -> list[ActorRef]:
    """Every actor of a noun phrase, coordinated ones included ("British and American officials").

    Actors inside the phrase's prepositional or clausal modifiers ("talks *with Egypt*") are
    not the phrase's own and are left out.
    """
    found: list[ActorRef] = []
    refs = mentions_in(doc, span.start_char, span.end_char)
    if not refs:
        return found
    root = span.root.i  # Span.root is worked out anew on every access
    start, end = span.start, span.end
    for ref in refs:
        token = _root(doc, ref)
        while token.i != root and start <= token.head.i < end and token.dep_ not in (
            "prep", "pobj", "relcl", "acl", "advcl", "ccomp", "xcomp", "agent"
        ):
            token = token.head
        if token.i == root and all((f.id, f.start) != (ref.id, ref.start) for f in found):
            found.append(ref)
    return found


def country_ref(iso3: str, start: int, end: int, text: str) -> ActorRef:
    """A country as the actor of a text span another stage found (a place name)."""
    countries = load_dictionary().countries
    return ActorRef(iso3, countries.get(iso3, iso3), iso3, (), start, end, text)


def placed(ref: ActorRef, iso3: str) -> ActorRef | None:
    """A sector of unknown country ("students", "protesters") placed in a country, or None
    when the actor is armed or more than a bare sector."""
    dictionary = load_dictionary()
    if ref.country is not None or ref.id not in dictionary.codes or ref.id in ARMED_SECTORS:
        return None
    name = f"{dictionary.countries.get(iso3, iso3)} {dictionary.codes[ref.id][0]}"
    return replace(ref, id=f"{iso3}-{ref.id}", name=name, country=iso3)


def _root(doc: Doc, ref: ActorRef) -> Token:
    """The head token of a mention; where it is, is kept per Doc (see :data:`_ROOTS`)."""
    roots: dict[tuple[int, int], int] = per_doc(doc, _ROOTS, lambda _: {})
    where = roots.get((ref.start, ref.end))
    if where is None:
        where = roots[ref.start, ref.end] = doc.char_span(
            ref.start, ref.end, alignment_mode="expand").root.i
    return doc[where]
