"""Events: who did what to whom, coded in PLOVER and CAMEO from the dependency parse.

The lexicon under ``data/events/`` (validated on load, compiled once into dicts) maps verb and
noun triggers to a PLOVER type, mode and CAMEO code (``triggers.yaml``), and says how the
grammar around a trigger gives its arguments, modality, negation and magnitude
(``grammar.yaml``).  :class:`EventCoder` (the ``tidings_events`` component) walks the tokens
once, looks each lemma up, and reads arguments off the parse:

- verbs: actor = subject (active) or by-agent (passive), else the controller of an
  infinitive or gerund ("urged Iran to halt", "continue to destroy"); recipient = object or a
  recipient preposition (against, on, with, at, to ...);
- nouns: actor = possessor or a modifier naming an actor ("Israeli strikes", "Hamas attack"),
  a "by" phrase, or the subject of a light verb ("launched an offensive", "claimed
  responsibility for the attacks"); recipient = a recipient preposition;
- "between X and Y", "X and Y agreed": every participant is both actor and recipient;
- the owner of a thing acted on is its recipient ("back Finland's membership", "demands from
  ECOWAS"); a possessive pronoun gives way to the phrase's own actor ("his Russian counterpart");
- with no recipient named, the country of the place the event is attached to stands for it
  ("abducted students from a school in northern Nigeria"), unless it is the actor's own;
- events said without their usual verb are read off a verb's clause (`clause` entries): threats
  ("warned of serious consequences", "reserved the right to respond"), aimed at the target of
  the promised response; judgements ("called the move illegal"), aimed at whoever made the
  event judged;
- a nominal event takes the subject of the verb it is the circumstance of ("praised X during a
  visit"), or undergoes it ("drew criticism from the UN", "came under fire");
- a clause with no modality cue is reported speech when the parse hangs it under a speech verb,
  or a speech verb on it, whichever side the attribution stands on.

Actor mentions come from the actors stage (:func:`tidings.actors.actor_for_span`,
:func:`tidings.actors.actor_for_token`), places and times from the geo and time stages.
"""

from __future__ import annotations

import functools
import re
from bisect import bisect_right
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import yaml
from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from . import actors as actor_stage
from . import geo, time
from .errors import TidingsError
from .model import PLOVER_TYPES, ActorRef, Event, Magnitude, Place
from .model import Span as TextSpan
from .nlp import CACHE_PREFIX, TokenColumns, children_of, per_doc, sentences, span_text

LEXICON_DIR = Path(__file__).parent / "data" / "events"

SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj"})
NOMINAL_POS = frozenset({"NOUN", "PROPN", "PRON", "NUM"})
TRIGGER_POS = frozenset({"VERB", "NOUN", "PROPN"})  # what Lexicon.trigger_for looks at
# Relations through which a governing word sets an event's modality or negation.
COMPLEMENT_DEPS = frozenset({"xcomp", "ccomp", "dobj", "pobj", "pcomp", "prep", "conj", "acomp"})
ON_PREPS = frozenset({"on", "upon"})  # "called on X to ..."
RELATIVE_PRONOUNS = frozenset({"who", "which", "that", "whom"})
EXAMPLE_PREPS = frozenset({"like", "including", "as"})  # "groups like X", "such as X"
# Relations searched (three steps down) for the word a `clause` constraint asks for: "warned
# that it would respond", "reserved the right to respond", "called the move illegal".
CLAUSE_DEPS = frozenset({"ccomp", "xcomp", "dobj", "prep", "pobj", "oprd", "acomp", "attr", "acl",
                         "pcomp", "amod", "conj"})
QUANTITY_PREPS = frozenset({"of", "in"})
_INDEX = "events.index"  # the name of the :class:`_DocIndex` cache (see nlp.per_doc)
SPEECH_LINKS = frozenset({"ccomp", "parataxis"})  # a reported clause under its speech verb
MODALITY_KINDS = ("hypothetical", "planned", "threatened", "commissive", "requested",
                  "reported_speech", "negating")


class LexiconError(TidingsError):
    """A lexicon file that cannot be used: names the file, the entry and the reason."""

    def __init__(self, path: Path, entry: str, reason: str) -> None:
        self.path, self.entry, self.reason = path, entry, reason
        super().__init__(f"{path.name}: {entry}: {reason}")


@dataclass(frozen=True, slots=True)
class Trigger:
    """One lexicon entry: a verb or noun lemma, its constraints and what it codes."""

    key: str
    lemma: str
    type: str
    cameo: str
    quad_class: int
    goldstein: float
    mode: str | None
    context: tuple[str, ...]
    particle: str | None
    prep: str | None
    objects: frozenset[str] | None  # lemmas; {"any"} any object, {"none"} no object
    modifiers: frozenset[str] | None
    object_role: str
    passive_subject: str
    preps: frozenset[str]
    symmetric: bool
    governors: frozenset[str] | None  # the noun must be the object of one of these verbs
    actor_preps: frozenset[str]
    needs_actor: bool
    subjects: frozenset[str] | None = None  # lemmas the subject's head must have
    complement: bool = False  # needs an infinitive complement that is a cooperative event
    clause: frozenset[str] | None = None  # lemmas one of its complements must contain

    @property
    def names_objects(self) -> bool:
        """True when the entry lists the objects it takes ("lift" + sanctions)."""
        return bool(self.objects) and not self.objects & {"any", "none"}

    def specificity(self, token: Token, quantities: frozenset[str]) -> int | None:
        """How many constraints ``token`` meets, or None when one is unmet."""
        met = 0
        if self.particle:
            if not any(c.dep_ in ("prt", "prep", "advmod") and c.lower_ == self.particle
                       for c in children_of(token)):
                return None
            met += 1
        if self.prep:
            if not any(c.dep_ in ("prep", "agent") and c.lower_ == self.prep
                       for c in children_of(token)):
                return None
            met += 1
        if self.objects is not None:
            obj = theme(token, quantities)
            if "none" in self.objects:
                ok = obj is None
            elif "any" in self.objects:
                ok = obj is not None
            else:
                ok = obj is not None and any(_lemmas_of(counted(o, quantities)) & self.objects
                                             for o in _conjuncts(obj))
            if not ok:
                return None
            met += 1
        if self.modifiers is not None:
            if not _modifier_lemmas(token) & self.modifiers:
                return None
            met += 1
        if self.governors is not None:
            head = token.head.head if token.dep_ == "pobj" else token.head
            if head.lemma_.lower() not in self.governors:
                return None
            met += 1
        if self.subjects is not None:
            subject = _subject(token)
            if subject is None or not _kinds_of(counted(subject, quantities)) & self.subjects:
                return None
            met += 1
        if self.clause is not None:
            if clause_word(token, self.clause) is None:
                return None
            met += 1
        return met


@dataclass(frozen=True, slots=True)
class SupportFrame:
    """A verb (with an object and a preposition) that lends its subject to a nominal event."""

    verbs: frozenset[str]
    object: str | None
    prep: str


@dataclass(frozen=True)
class Lexicon:
    """The event lexicon, compiled into lookup tables."""

    verbs: dict[str, tuple[Trigger, ...]]
    nouns: dict[str, tuple[Trigger, ...]]
    recipient_preps: dict[str, frozenset[str]]
    support_verbs: frozenset[str]
    lending_verbs: frozenset[str]
    support_frames: tuple[SupportFrame, ...]
    modality: dict[str, str]
    weak_cues: frozenset[str]
    quantity_heads: frozenset[str]
    object_control: frozenset[str]
    embedded_recipient_types: frozenset[str]
    actorless_noun_types: frozenset[str]
    magnitude: dict[str, str]
    magnitude_types: frozenset[str]
    qualifiers: tuple[tuple[str, str], ...]  # longest phrase first
    vague_quantities: dict[str, str]
    number_words: dict[str, int]
    instruments: dict[str, str]
    mode_cameo: dict[tuple[str, str], str]
    contexts: dict[str, str]
    cameo: dict[str, float]
    quad_ranges: dict[int, tuple[int, int]]
    lemma_fixes: dict[str, str]
    attributive_participles: frozenset[str]
    party_nouns: frozenset[str]
    natural_forces: frozenset[str]
    restating_purposes: dict[str, frozenset[str]]
    place_recipients: dict[str, tuple[str, ...]]
    localized_actor_types: frozenset[str]
    owner_preps: frozenset[str]
    owner_links: dict[str, str]
    naming_objects: frozenset[str]
    instrument_preps: frozenset[str]
    circumstance_preps: frozenset[str]
    receiving_verbs: frozenset[str]
    response_preps: frozenset[str]
    condition_marks: frozenset[str]
    event_nouns: frozenset[str]
    speech_verbs: frozenset[str]
    judging_types: frozenset[str]
    standalone_results: frozenset[str]
    locating_preps: frozenset[str]
    receiving_preps: frozenset[str]
    visit_place_roles: tuple[str, ...]

    def quad_class(self, code: str) -> int:
        return _quad(self.quad_ranges, code)

    def lists(self, pos: str, lemma: str, lower: str) -> bool:
        """True when the lexicon has entries for a word (its part of speech, lower-cased lemma
        and form): a cheap test that rules out most words before :meth:`trigger_for`."""
        if pos == "VERB":
            return lemma in self.verbs
        return pos in ("NOUN", "PROPN") and (lemma in self.nouns or lower in self.nouns)

    def trigger_for(self, token: Token) -> Trigger | None:
        """The most specific lexicon entry that ``token`` meets, if any."""
        pos = token.pos_
        if pos == "VERB":
            entries = self.verbs.get(token.lemma_.lower())
            if not entries or token.dep_ == "amod" or self._attributive(token):
                return None
            if self._naming(token):
                return None  # "what it called provocations" quotes a word, does nothing
        elif pos in ("NOUN", "PROPN") and token.dep_ != "compound":
            entries = self.nouns.get(token.lemma_.lower()) or self.nouns.get(token.lower_)
        else:
            return None
        best: tuple[int, Trigger] | None = None
        for entry in entries or ():
            score = entry.specificity(token, self.quantity_heads)
            if entry.complement and score is not None:
                score = score + 1 if self._cooperative_clause(token) else None
            if score is not None and (best is None or score > best[0]):
                best = (score, entry)
        return best[1] if best else None

    def _naming(self, verb: Token) -> bool:
        obj = direct_object(verb)
        return obj is not None and obj.lower_ in self.naming_objects

    def _attributive(self, token: Token) -> bool:
        """A participle used as an adjective before a noun: "striking workers"."""
        following = token.nbor() if token.i + 1 < len(token.doc) else None
        return (token.lower_ in self.attributive_participles and following is not None
                and following.pos_ in ("ADJ", "NOUN", "PROPN"))

    def _cooperative_clause(self, token: Token) -> bool:
        """True when the verb governs an infinitive that is a cooperative event
        ("refused to recognise": a rejection; "refused to condemn" is none)."""
        for clause in children_of(token):
            if clause.dep_ == "xcomp" and clause.pos_ == "VERB":
                entry = self.trigger_for(clause)
                if entry is not None and entry.quad_class <= 2:
                    return True
        return False


class _WordLoader(yaml.SafeLoader):
    """YAML 1.1 without its yes/no/on/off booleans: "on" is a preposition here."""


_WordLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:bool"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_WordLoader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF"))


def _read_yaml(path: Path) -> dict[str, Any]:
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_WordLoader)  # noqa: S506
    except (OSError, yaml.YAMLError) as error:
        raise LexiconError(path, "file", f"cannot be read: {error}") from error
    if not isinstance(data, dict):
        raise LexiconError(path, "file", "must be a mapping at the top level")
    return data


def _words(path: Path, where: str, value: Any) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
        raise LexiconError(path, where, "must be a list of non-empty strings")
    return [v.lower() for v in value]


TRIGGER_KEYS = frozenset({"lemma", "type", "cameo", "mode", "context", "particle", "prep",
                          "object", "modifier", "governor", "subject", "complement", "clause",
                          "object_role", "passive_subject", "preps", "actor_preps", "symmetric",
                          "needs_actor"})


def _compile_trigger(path: Path, pos: str, index: int, raw: Any, classes: dict[str, list[str]],
                     plover: dict[str, Any], cameo: dict[str, float],
                     contexts: set[str]) -> Trigger:
    where = f"{pos} entry {index + 1}"
    if not isinstance(raw, dict) or not isinstance(raw.get("lemma"), str) or not raw["lemma"]:
        raise LexiconError(path, where, "needs a non-empty `lemma`")
    where += f" ({raw['lemma']})"
    unknown = set(raw) - TRIGGER_KEYS
    if unknown:
        raise LexiconError(path, where, f"unknown keys {sorted(unknown)}")
    kind = raw.get("type")
    if kind not in PLOVER_TYPES:
        raise LexiconError(path, where, f"type {kind!r} is not a PLOVER type")
    code = raw.get("cameo")
    if code not in cameo:
        raise LexiconError(path, where, f"CAMEO code {code!r} is not in cameo.yaml")
    mode = raw.get("mode")
    if mode is not None and mode not in plover[kind]["modes"]:
        raise LexiconError(path, where, f"mode {mode!r} is not a mode of {kind} in plover.yaml")
    context = _words(path, where + " context", raw.get("context", []))
    if set(context) - contexts:
        raise LexiconError(path, where, f"unknown contexts {sorted(set(context) - contexts)}")

    def expand(key: str) -> frozenset[str] | None:
        if key not in raw:
            return None
        value = raw[key]
        if value in ("any", "none"):
            return frozenset({value})
        out: set[str] = set()
        for word in _words(path, f"{where} {key}", value):
            if word.startswith("@"):
                if word[1:] not in classes:
                    raise LexiconError(path, where, f"unknown class {word}")
                out.update(classes[word[1:]])
            else:
                out.add(word)
        return frozenset(out)

    for key, allowed in (("object_role", ("recipient", "theme")),
                         ("passive_subject", ("recipient", "actor"))):
        if raw.get(key, allowed[0]) not in allowed:
            raise LexiconError(path, where, f"{key} must be one of {allowed}")
    constraint = next((str(raw[k][0] if isinstance(raw[k], list) else raw[k]).lstrip("@")
                       for k in ("particle", "prep", "object", "modifier", "governor", "subject",
                                 "clause")
                       if raw.get(k)), "")
    return Trigger(
        key=f"{pos}:{raw['lemma']}" + (f"+{constraint}" if constraint else ""),
        lemma=raw["lemma"].lower(), type=kind, cameo=code, quad_class=0, goldstein=cameo[code],
        mode=mode, context=tuple(context), particle=raw.get("particle"), prep=raw.get("prep"),
        objects=expand("object"), modifiers=expand("modifier"), governors=expand("governor"),
        actor_preps=frozenset(_words(path, where + " actor_preps", raw["actor_preps"]))
        if "actor_preps" in raw else None,
        object_role=raw.get("object_role", "recipient"),
        passive_subject=raw.get("passive_subject", "recipient"),
        preps=frozenset(_words(path, where + " preps", raw["preps"])) if "preps" in raw else None,
        symmetric=bool(raw.get("symmetric", False)), needs_actor=bool(raw.get("needs_actor", False)),
        subjects=expand("subject"), complement=bool(raw.get("complement", False)),
        clause=expand("clause"),
    )


@functools.lru_cache(maxsize=4)
def load_lexicon(directory: Path = LEXICON_DIR) -> Lexicon:
    """Read, validate and compile the event lexicon; raises :class:`LexiconError`."""
    cameo_path, plover_path = directory / "cameo.yaml", directory / "plover.yaml"
    triggers_path, grammar_path = directory / "triggers.yaml", directory / "grammar.yaml"
    cameo_raw, plover_raw = _read_yaml(cameo_path), _read_yaml(plover_path)
    triggers_raw, grammar = _read_yaml(triggers_path), _read_yaml(grammar_path)

    quad_ranges = {int(q): (int(r[0]), int(r[1])) for q, r in cameo_raw["quad_classes"].items()}
    cameo: dict[str, float] = {}
    for code, row in cameo_raw["codes"].items():
        if not re.fullmatch(r"\d{3,4}", str(code)) or not isinstance(row.get("goldstein"),
                                                                      (int, float)):
            raise LexiconError(cameo_path, f"code {code}", "needs 3-4 digits and a goldstein")
        cameo[str(code)] = float(row["goldstein"])
    plover = plover_raw["types"]
    if set(plover) != set(PLOVER_TYPES):
        raise LexiconError(plover_path, "types", f"must list exactly {PLOVER_TYPES}")
    contexts = set(_words(plover_path, "contexts", plover_raw["contexts"]))

    classes = {name: _words(triggers_path, f"class {name}", words)
               for name, words in triggers_raw.get("classes", {}).items()}
    tables: dict[str, dict[str, list[Trigger]]] = {"verbs": {}, "nouns": {}}
    for pos, table in tables.items():
        for index, raw in enumerate(triggers_raw.get(pos, [])):
            entry = _compile_trigger(triggers_path, pos[:-1], index, raw, classes, plover,
                                     cameo, contexts)
            table.setdefault(entry.lemma, []).append(entry)

    recipient_preps = {kind: frozenset(_words(grammar_path, f"recipient_preps {kind}", words))
                       for kind, words in grammar["recipient_preps"].items()}
    if set(recipient_preps) != set(PLOVER_TYPES):
        raise LexiconError(grammar_path, "recipient_preps", "must name every PLOVER type")
    actor_preps = {kind: frozenset(_words(grammar_path, f"actor_preps {kind}", words))
                   for kind, words in grammar["noun_actor_preps"].items()}
    if set(actor_preps) - set(PLOVER_TYPES):
        raise LexiconError(grammar_path, "noun_actor_preps", "names an unknown PLOVER type")
    modality: dict[str, str] = {}
    for kind, words in grammar["modality"].items():
        if kind not in MODALITY_KINDS:
            raise LexiconError(grammar_path, f"modality {kind}", f"must be one of {MODALITY_KINDS}")
        for word in _words(grammar_path, f"modality {kind}", words):
            modality.setdefault(word, kind)
    magnitude_raw = dict(grammar["magnitude"])
    magnitude_types = frozenset(magnitude_raw.pop("applies_to"))
    magnitude = {word: kind for kind, words in magnitude_raw.items()
                 for word in _words(grammar_path, f"magnitude {kind}", words)}
    instruments: dict[str, str] = {}
    for mode, words in grammar["instruments"].items():
        if mode not in plover["ASSAULT"]["modes"]:
            raise LexiconError(grammar_path, f"instruments {mode}", "is not an ASSAULT mode")
        instruments.update((word, mode) for word in _words(grammar_path, "instruments", words))
    mode_cameo = {(kind, mode): str(code) for kind, modes in grammar["mode_cameo"].items()
                  for mode, code in modes.items()}
    for (kind, mode), code in mode_cameo.items():
        if code not in cameo:
            raise LexiconError(grammar_path, f"mode_cameo {kind} {mode}", f"unknown code {code}")
    context_words = {}
    for context, words in grammar["contexts"].items():
        if context not in contexts:
            raise LexiconError(grammar_path, f"contexts {context}", "not listed in plover.yaml")
        context_words.update((w, context) for w in _words(grammar_path, "contexts", words))
    frames = tuple(SupportFrame(frozenset(_words(grammar_path, "support_frames", f["verb"]
                                                 if isinstance(f["verb"], list) else [f["verb"]])),
                                f.get("object"), f["prep"])
                   for f in grammar["support_frames"])

    def finish(table: dict[str, list[Trigger]]) -> dict[str, tuple[Trigger, ...]]:
        return {lemma: tuple(
            replace(t, quad_class=_quad(quad_ranges, t.cameo),
                     preps=t.preps if t.preps is not None else recipient_preps[t.type],
                     actor_preps=(t.actor_preps if t.actor_preps is not None
                                  else actor_preps.get(t.type, frozenset())))
            for t in entries) for lemma, entries in table.items()}

    return Lexicon(
        verbs=finish(tables["verbs"]), nouns=finish(tables["nouns"]),
        recipient_preps=recipient_preps,
        support_verbs=frozenset(_words(grammar_path, "support_verbs", grammar["support_verbs"])),
        lending_verbs=frozenset(_words(grammar_path, "lending_verbs", grammar["lending_verbs"])),
        support_frames=frames, modality=modality,
        weak_cues=frozenset(_words(grammar_path, "weak_cues", grammar["weak_cues"])),
        quantity_heads=frozenset(_words(grammar_path, "quantity_heads", grammar["quantity_heads"])),
        object_control=frozenset(_words(grammar_path, "object_control",
                                        grammar["object_control"])),
        embedded_recipient_types=frozenset(grammar["embedded_recipient_types"]),
        actorless_noun_types=frozenset(grammar["actorless_noun_types"]),
        magnitude=magnitude, magnitude_types=magnitude_types,
        qualifiers=tuple(sorted(((k.lower(), v) for k, v in grammar["qualifiers"].items()),
                                key=lambda kv: -len(kv[0]))),
        vague_quantities={k.lower(): v for k, v in grammar["vague_quantities"].items()},
        number_words={k.lower(): int(v) for k, v in grammar["number_words"].items()},
        instruments=instruments, mode_cameo=mode_cameo, contexts=context_words, cameo=cameo,
        quad_ranges=quad_ranges,
        lemma_fixes={str(k).lower(): str(v).lower() for k, v in grammar["lemma_fixes"].items()},
        attributive_participles=frozenset(_words(grammar_path, "attributive_participles",
                                                 grammar["attributive_participles"])),
        party_nouns=frozenset(_words(grammar_path, "party_nouns", grammar["party_nouns"])),
        natural_forces=frozenset(_words(grammar_path, "natural_forces", grammar["natural_forces"])),
        restating_purposes={kind: frozenset(_words(grammar_path, f"restating_purposes {kind}", words))
                            for kind, words in _typed(grammar_path, grammar,
                                                      "restating_purposes").items()},
        place_recipients={kind: tuple(_words(grammar_path, f"place_recipients {kind}", roles))
                          for kind, roles in _typed(grammar_path, grammar,
                                                    "place_recipients").items()},
        localized_actor_types=frozenset(_typed(grammar_path, grammar, "localized_actor_types")),
        owner_preps=frozenset(_words(grammar_path, "owner_preps", grammar["owner_preps"])),
        owner_links={str(k).lower(): str(v).lower() for k, v in grammar["owner_links"].items()},
        **{key: frozenset(_words(grammar_path, key, grammar[key]))
           for key in ("naming_objects", "instrument_preps", "circumstance_preps",
                       "receiving_verbs", "response_preps", "condition_marks", "event_nouns", "speech_verbs", "locating_preps", "receiving_preps")},
        judging_types=frozenset(_typed(grammar_path, grammar, "judging_types")),
        visit_place_roles=tuple(_words(grammar_path, "visit_place_roles",
                                       grammar["visit_place_roles"])),
        standalone_results=frozenset(_words(grammar_path, "standalone_results",
                                            grammar["standalone_results"])),
    )


def _typed(path: Path, grammar: dict[str, Any], key: str) -> Any:
    """A grammar entry keyed by (or listing) PLOVER types; names the key when one is unknown."""
    value = grammar[key]
    unknown = set(value) - set(PLOVER_TYPES)
    if unknown:
        raise LexiconError(path, key, f"names unknown PLOVER types {sorted(unknown)}")
    return value


def _quad(quad_ranges: dict[int, tuple[int, int]], code: str) -> int:
    root = int(code[:2])
    return next(q for q, (low, high) in quad_ranges.items() if low <= root <= high)


# --- small parse helpers --------------------------------------------------------------------

class _DocIndex:
    """What the coder looks up in a Doc again and again, indexed during each run of the stage
    (kept in ``doc.user_data`` meanwhile): the sentences (found anew by ``token.sent`` on
    every call) and the places in a country by start offset."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.places_by_start: dict[int, Place] = {
            p.start: p for p in doc._.places or () if p.country}
        self._sentences: list[Span] | None = None  # read off the Doc when first asked for
        self._starts: list[int] = []  # of the sentences, in tokens
        self._start_chars: list[int] = []

    @staticmethod
    def of(doc: Doc) -> _DocIndex:
        return per_doc(doc, _INDEX, _DocIndex)

    def _read_sentences(self) -> list[Span]:
        if self._sentences is None:
            self._sentences = sentences(self.doc)
            self._starts = [s.start for s in self._sentences]
            self._start_chars = [s.start_char for s in self._sentences]
        return self._sentences

    def sentence(self, i: int) -> Span:
        """``doc[i].sent``."""
        return self._read_sentences()[bisect_right(self._starts, i) - 1]

    def sentence_at(self, start_char: int) -> Span:
        """The sentence starting at character ``start_char``."""
        return self._read_sentences()[bisect_right(self._start_chars, start_char) - 1]


def direct_object(token: Token) -> Token | None:
    """The direct object of a verb (or the object of its particle-less "open fire")."""
    for child in children_of(token):
        if child.dep_ in ("dobj", "obj"):
            return child
    return None


def theme(token: Token, quantities: frozenset[str]) -> Token | None:
    """What a verb acts on: its object (the subject when passive), looking through a
    quantity ("released dozens of prisoners")."""
    obj = direct_object(token)
    if obj is None and _is_passive(token):
        obj = _subject(token)
    return counted(obj, quantities) if obj is not None else None


def counted(token: Token, quantities: frozenset[str]) -> Token:
    """The noun a quantity counts ("dozens of prisoners" -> "prisoners"), else the token."""
    for _ in range(3):  # "tens of thousands of people", "50 million euros in aid"
        of = next((c for c in children_of(token)
                   if c.dep_ == "prep" and c.lower_ in QUANTITY_PREPS), None)
        pobj = None if of is None else next((c for c in children_of(of) if c.dep_ == "pobj"), None)
        if pobj is None or not (token.like_num or token.pos_ in ("NUM", "PRON")
                                or token.lemma_.lower() in quantities):
            break
        token = pobj
    return token


def clause_word(token: Token, words: frozenset[str], depth: int = 3) -> Token | None:
    """The nearest word of ``words`` among a verb's complements, a few steps down."""
    level = [token]
    for _ in range(depth):
        level = [c for t in level for c in children_of(t) if c.dep_ in CLAUSE_DEPS]
        found = next((t for t in level if t.lemma_.lower() in words or t.lower_ in words), None)
        if found is not None:
            return found
    return None


def _kinds_of(token: Token) -> set[str]:
    """A subject's lemmas, plus "person" for a named person ("Albanese arrived")."""
    words = _lemmas_of(token)
    if token.ent_type_ == "PERSON":
        words.add("person")
    return words


def _lemmas_of(token: Token) -> set[str]:
    """The lemma and surface form of a noun and of its compound modifiers."""
    words = {token.lemma_.lower(), token.lower_}
    words.update(c.lemma_.lower() for c in children_of(token) if c.dep_ == "compound")
    return words


def _modifier_lemmas(token: Token) -> set[str]:
    """Lemmas of a noun's compound and adjective modifiers (and of its conjunction head's)."""
    modifiers = _modifiers(token)
    return {m.lemma_.lower() for m in modifiers} | {m.lower_ for m in modifiers}


def _conj_chain(token: Token) -> list[Token]:
    """The token and the nouns it is coordinated under ("drone, jet and helicopter strikes")."""
    chain = [token]
    while chain[-1].dep_ == "conj" and chain[-1].head.pos_ in ("NOUN", "PROPN"):
        chain.append(chain[-1].head)
    return chain


def _modifiers(token: Token) -> list[Token]:
    out: list[Token] = []
    for item in _conj_chain(token):
        if item is not token:
            out.append(item)
        out.extend(c for c in children_of(item) if c.dep_ in ("compound", "amod", "nmod", "nummod"))
    return out


def _conjuncts(token: Token) -> list[Token]:
    """A nominal argument and the nouns coordinated with it."""
    return [token, *(c for c in token.conjuncts if c.pos_ in NOMINAL_POS and c.i > token.i)]


def _subject(verb: Token) -> Token | None:
    for child in children_of(verb):
        if child.dep_ in SUBJECT_DEPS:
            return child
    return verb.head if verb.dep_ == "acl" and verb.tag_ == "VBN" else None


def _is_passive(verb: Token) -> bool:
    return (any(c.dep_ in ("nsubjpass", "auxpass") for c in children_of(verb))
            or (verb.dep_ == "acl" and verb.tag_ == "VBN"))  # "troops backed by Iran"


def _agent(verb: Token) -> Token | None:
    by = next((c for c in children_of(verb) if c.dep_ == "agent"), None)
    return next((c for c in children_of(by) if c.dep_ == "pobj"), None) if by is not None else None


def _prep_objects(token: Token, preps: frozenset[str]) -> list[Token]:
    out: list[Token] = []
    for prep in children_of(token):
        if prep.dep_ == "prep" and prep.lower_ in preps:
            out.extend(o for p in children_of(prep) if p.dep_ == "pobj" for o in _conjuncts(p))
    return out


def _between(token: Token) -> list[Token]:
    return _prep_objects(token, frozenset({"between", "among"}))


# --- the component --------------------------------------------------------------------------

@dataclass
class _Draft:
    """An event being built: the trigger, its entry and its argument tokens."""

    token: Token
    entry: Trigger
    actors: list[Token]
    recipients: list[Token]
    arg_rule: str
    support: Token | None = None
    recipients_from: Token | None = None  # the recipients are the actors of this trigger's event


@Language.factory(
    "tidings_events",
    requires=["token.dep", "token.lemma", "token.tag", "doc.ents"],
    assigns=["doc._.events"],
    default_config={"lexicon": None},
)
def make_events(nlp: Language, name: str, lexicon: str | None) -> EventCoder:
    return EventCoder(load_lexicon(Path(lexicon)) if lexicon else load_lexicon())


class EventCoder:
    """Codes events from the dependency parse with the event lexicon."""

    def __init__(self, lexicon: Lexicon) -> None:
        self.lexicon = lexicon

    def __call__(self, doc: Doc) -> Doc:
        columns = TokenColumns.of(doc)
        for i, lower in enumerate(columns.lower):  # "staged" is not "stag"
            fixed = self.lexicon.lemma_fixes.get(lower)
            if fixed is not None:
                columns.tokens[i].lemma_ = fixed
        doc.user_data[CACHE_PREFIX + _INDEX] = _DocIndex(doc)  # anew for each run
        drafts = self._drafts(doc)
        article = doc._.article
        prefix = article.id if article is not None else "doc"
        events: list[Event] = []
        coded: list[_Draft] = []
        for draft in drafts:
            event = self._event(doc, draft, f"{prefix}-e{len(events) + 1}")
            if event is not None:
                events.append(event)
                coded.append(draft)
        events = self._recipients_from_events(events, coded)
        events = self._inherit_recipients(self._without_results(events), drafts)
        doc._.events = self._with_magnitudes(doc, events)
        return doc

    def _recipients_from_events(self, events: list[Event], drafts: list[_Draft]) -> list[Event]:
        """An event aimed at another event ("a move Washington called outrageous", "a crushing
        response to Pakistan's strikes") takes that event's actors as its recipients."""
        by_token = {d.token.i: e for d, e in zip(drafts, events)}
        out = []
        for draft, event in zip(drafts, events):
            target = by_token.get(draft.recipients_from.i) if draft.recipients_from else None
            if target is not None and not event.recipients:
                own = {a.id for a in event.actors}
                event = replace(event, recipients=tuple(a for a in target.actors
                                                        if a.id not in own))
            out.append(event)
        return out

    def _without_results(self, events: list[Event]) -> list[Event]:
        """Drop a casualty verb ("killing 12") coded beside the event that caused it; its
        numbers go to that event as magnitude.  An arrest is its own event unless a nominal
        event caused it ("arrested 23 and seized their boats"; "a crackdown, arresting 40")."""
        lex = self.lexicon
        causes = {(e.sentence.start, e.type, e.rule.startswith("noun:")) for e in events
                  if _lemma_of(e) not in lex.magnitude}

        def result(event: Event) -> bool:
            kind = lex.magnitude.get(_lemma_of(event))
            return kind is not None and any(
                (event.sentence.start, event.type, nominal) in causes
                for nominal in ((True,) if kind in lex.standalone_results else (True, False)))

        return [e for e in events if not result(e)]

    # triggers and arguments

    def _drafts(self, doc: Doc) -> list[_Draft]:
        lex = self.lexicon
        columns = TokenColumns.of(doc)
        found = [(t, e) for t, pos, lower in zip(columns.tokens, columns.pos, columns.lower)
                 if pos in TRIGGER_POS and lex.lists(pos, t.lemma_.lower(), lower)
                 and (e := lex.trigger_for(t)) is not None]
        # a noun trigger stands for the quantity phrase it sits in ("dozens of attacks")
        nouns = {self._stand_in(t).i: t for t, _ in found if t.pos_ != "VERB"}
        themes = {obj.i for t, e in found if t.pos_ == "VERB" and e.names_objects
                  and (obj := theme(t, lex.quantity_heads)) is not None}
        drafts: dict[int, _Draft] = {}
        results: list[tuple[Token, Token | None]] = []
        for token, entry in found:
            if token.pos_ == "VERB":
                obj = direct_object(token)
                subject = _subject(token)
                if (obj is not None and obj.i in nouns and not entry.names_objects
                        and token.lemma_.lower() in lex.support_verbs):
                    continue  # "launched an offensive": the noun is the event
                if subject is not None and subject.i in nouns and not _is_passive(token):
                    results.append((nouns[subject.i], obj))
                    continue  # "the strikes killed 12": the noun is the event
                agent = _agent(token)
                if agent is not None and agent.i in nouns and entry.quad_class == 4 \
                        and lex.trigger_for(nouns[agent.i]).quad_class == 4:
                    results.append((nouns[agent.i], subject))
                    continue  # "companies were hit by cyberattacks": the noun is the event
                drafts[token.i] = self._verb_draft(token, entry)
            elif token.i not in themes:  # "lifted sanctions": the verb is the event
                drafts[token.i] = self._noun_draft(token, entry)
        for noun, target in results:
            draft = drafts.get(noun.i)
            if draft is not None and target is not None and not draft.recipients:
                draft.recipients.extend(_conjuncts(target))
        return [draft for i, draft in sorted(drafts.items())
                if not self._restates(draft.token, drafts)]

    def _restates(self, token: Token, drafts: dict[int, _Draft]) -> bool:
        """True for a purpose or participle clause that restates the event it hangs on
        ("blocked roads to protest", "went on strike demanding higher wages")."""
        lemma, head = token.lemma_.lower(), token.head
        if token.pos_ != "VERB":  # "blocking a highway in protest at ..."
            verb = self._circumstance_verb(token)
            draft = drafts.get(verb.i) if verb is not None else None
            return draft is not None and lemma in self.lexicon.restating_purposes.get(
                draft.entry.type, frozenset())
        if token.dep_ not in ("advcl", "xcomp", "acl"):
            return False
        # the event itself, or the noun its light verb takes ("went on strike")
        nouns = [c for c in children_of(head) if c.dep_ == "dobj"] + _prep_objects(
            head, frozenset(c.lower_ for c in children_of(head) if c.dep_ == "prep"))
        return any((d := drafts.get(i)) is not None and lemma in
                   self.lexicon.restating_purposes.get(d.entry.type, frozenset())
                   for i in (head.i, *(n.i for n in nouns)))

    def _stand_in(self, noun: Token) -> Token:
        """The quantity phrase a noun is counted by ("a string of bombings" -> "string")."""
        while (noun.dep_ == "pobj" and noun.head.lower_ in QUANTITY_PREPS
               and (noun.head.head.lemma_.lower() in self.lexicon.quantity_heads
                    or noun.head.head.like_num)):
            noun = noun.head.head
        return noun

    def _verb_draft(self, verb: Token, entry: Trigger) -> _Draft:
        actors: list[Token] = []
        recipients: list[Token] = []
        subject = _subject(verb)
        if _is_passive(verb):
            agent = _agent(verb)
            if agent is not None:
                actors = _conjuncts(agent)
            if subject is not None:
                if entry.passive_subject == "actor" and agent is None:
                    actors = _conjuncts(subject)
                else:
                    recipients = _conjuncts(subject)
            rule = "passive"
        else:
            actors = _conjuncts(subject) if subject is not None else self._controller(verb)
            rule = "subject" if subject is not None else "controller"
            obj = direct_object(verb)
            if obj is not None and entry.object_role == "recipient":
                recipients = _conjuncts(obj)
            elif obj is not None:  # "severed ties with Qatar"
                recipients = _prep_objects(obj, entry.preps)
            dative = next((c for c in children_of(verb) if c.dep_ == "dative"), None)
            if dative is not None:
                recipients.extend(_conjuncts(dative))
        recipients.extend(_prep_objects(verb, entry.preps))
        for tool in _prep_objects(verb, self.lexicon.instrument_preps):  # "by telephone with X"
            recipients.extend(_prep_objects(tool, entry.preps))
        recipients_from = None
        obj = direct_object(verb)
        if (entry.type in self.lexicon.judging_types and obj is not None
                and self.lexicon.trigger_for(obj) is not None):
            recipients, recipients_from = [], obj  # "condemned the demolition by Israeli forces"
        elif entry.clause is not None and not _is_passive(verb):
            recipients, recipients_from = self._clause_targets(verb, entry, recipients)
        if not recipients and entry.type in self.lexicon.embedded_recipient_types:
            for clause in (c for c in children_of(verb) if c.dep_ == "xcomp"):  # "threatened to
                recipients.extend(_prep_objects(clause, entry.preps))     # retaliate against X"
        between = _between(verb)
        if between and entry.symmetric:
            actors, recipients, rule = actors + between, actors + between, rule + "+between"
        elif between:
            recipients.extend(between)
        return _Draft(verb, entry, actors, recipients, rule, recipients_from=recipients_from)

    def _clause_targets(self, verb: Token, entry: Trigger, named: list[Token]
                        ) -> tuple[list[Token], Token | None]:
        """Whom a threat or a judgement read off its clause is aimed at: the event it judges
        ("called the killing a crime", "a move Washington described as outrageous"), the
        object named, the target of the response it promises ("respond to any Israeli attack",
        "a crushing response to Pakistan's strikes"), the event the response would meet ("any
        attack would be met with a response"), or whoever the condition names ("if Ethiopia
        pursued its plans").  Returns argument tokens, or the trigger whose actors they are."""
        lex = self.lexicon
        obj = direct_object(verb)
        if obj is not None and obj.lower_ in RELATIVE_PRONOUNS:
            obj = None  # "a trial that rights groups called politically motivated"
        if obj is not None and lex.trigger_for(obj) is not None:
            return [], obj
        named = [t for t in named if t.lemma_.lower() not in entry.clause]
        if obj is None and verb.dep_ in ("relcl", "acl"):
            event = self._apposed_event(verb.head)
            if event is not None:
                return [], event
        if named:
            return named, None
        word = clause_word(verb, entry.clause)
        targets: list[Token] = []
        if word is not None:
            for prep in (c for c in children_of(word) if c.dep_ == "prep"
                         and c.lower_ in lex.response_preps):
                targets += [o for c in children_of(prep) for o in (
                    _conjuncts(c) if c.dep_ == "pobj" else  # "to what it called provocations"
                    [g for g in children_of(c) if c.dep_ == "oprd"] if c.dep_ == "pcomp" else [])]
        event = next((t for t in targets if lex.trigger_for(t) is not None), None)
        if event is not None or targets:
            return ([], event) if event is not None else (targets, None)
        for clause in (c for c in children_of(verb) if c.dep_ in ("ccomp", "xcomp")):
            subject = _subject(clause)
            if subject is not None and lex.trigger_for(subject) is not None:
                return [], subject
            if subject is None and entry.type in lex.judging_types:  # "called X's launch a
                owners = [c for c in children_of(clause) if c.dep_ in ("compound", "poss")]
                if owners:                                          # provocation"
                    return owners, None
            condition = next((c for c in children_of(clause) if c.dep_ == "advcl" and any(
                m.dep_ == "mark" and m.lower_ in lex.condition_marks for m in children_of(c))),
                None)
            subject = _subject(condition) if condition is not None else None
            if subject is not None and subject.pos_ != "PRON":
                return _conjuncts(subject), None
        return [], None

    def _apposed_event(self, noun: Token) -> Token | None:
        """The event a noun like "move" or "ruling" stands for, set beside it ("detained a
        journalist, a move ...", "in a ruling condemned by Britain")."""
        token = noun
        for _ in range(3):
            if token.dep_ not in ("appos", "npadvmod", "dobj", "attr", "pobj", "prep") \
                    or token.head.i == token.i:
                return None
            token = token.head
            if token.pos_ in ("VERB", "NOUN") and self.lexicon.trigger_for(token) is not None:
                return token
        return None

    def _controller(self, verb: Token, depth: int = 0) -> list[Token]:
        """The understood subject of a verb without one: its controller up the parse."""
        head, dep = verb.head, verb.dep_
        if head.i == verb.i or depth > 4:
            return []
        if dep == "pcomp" and head.dep_ == "prep":
            head = head.head
        elif dep == "acl" and head.dep_ == "dobj" and any(
                c.dep_ == "aux" and c.lower_ == "to" for c in children_of(verb)) and (
                head.head.lemma_.lower() in self.lexicon.support_verbs):
            subject = _subject(head.head)  # "signed agreements to cooperate"
            return _conjuncts(subject) if subject is not None else []
        elif dep in ("relcl", "acl") and head.pos_ in NOMINAL_POS:
            return [head]
        elif dep not in ("xcomp", "advcl", "conj", "ccomp"):
            return []
        if dep in ("xcomp", "pcomp") and head.lemma_.lower() in self.lexicon.object_control:
            obj = direct_object(head) or next(iter(_prep_objects(head, ON_PREPS)), None)
            if obj is not None:
                return _conjuncts(obj)
        subject = _subject(head)
        if subject is not None:
            if _is_passive(head) and head.lemma_.lower() not in self.lexicon.object_control:
                agent = _agent(head)
                return _conjuncts(agent) if agent is not None else _conjuncts(subject)
            return _conjuncts(subject)
        return self._controller(head, depth + 1)

    def _noun_draft(self, noun: Token, entry: Trigger) -> _Draft:
        lex = self.lexicon
        actors = [m for m in _modifiers(noun) if m.dep_ in ("compound", "amod", "nmod")
                  and m.pos_ in ("PROPN", "ADJ", "NOUN")]  # "Russian drone strikes"
        actors += [c for m in actors for c in m.conjuncts if c.pos_ in ("PROPN", "ADJ", "NOUN")]
        for item in _conj_chain(noun):
            actors.extend(c for c in children_of(item) if c.dep_ == "poss")
        rule = "modifier"
        by = _prep_objects(noun, entry.actor_preps | {"by"})
        if by:
            actors.extend(by)
            rule = "by"
        recipients = _prep_objects(noun, entry.preps)
        for quantity in _prep_objects(noun, frozenset({"of"})):  # "tariffs of 25 percent on X"
            if quantity.like_num or quantity.lemma_.lower() in lex.quantity_heads:
                recipients.extend(_prep_objects(quantity, entry.preps))
        span = self._stand_in(noun)
        support = self._support_verb(span)
        recipients_from = None
        if support is not None and (support.lemma_.lower() in lex.receiving_verbs or (
                span.dep_ == "pobj" and span.head.lower_ in lex.receiving_preps)):
            subject = _subject(support)  # "the killing drew criticism from the UN"
            if subject is not None and lex.trigger_for(subject) is not None:
                recipients_from = subject
            elif subject is not None:
                recipients.extend(_conjuncts(subject))
            elif lex.trigger_for(support.head) is not None:  # "expelled X, drawing criticism"
                recipients_from = support.head
            rule += "+received"
        elif support is not None:
            if _is_passive(support):
                agent = _agent(support)
                support_actors = _conjuncts(agent) if agent is not None else []
            else:
                subject = _subject(support)
                support_actors = (_conjuncts(subject) if subject is not None
                                  else self._controller(support))
            actors.extend(support_actors)
            rule += "+support"
            recipients.extend(_prep_objects(support, entry.preps))
            dative = next((c for c in children_of(support) if c.dep_ == "dative"), None)
            if dative is not None:
                recipients.extend(_conjuncts(dative))
        elif span.dep_ == "pobj" and span.head.lower_ in ("for", "of") \
                and span.head.head.lemma_.lower() in lex.object_control:
            judged = direct_object(span.head.head)  # "blamed ISIS for the bombing"
            if judged is not None and judged is not span:
                actors.extend(_conjuncts(judged))
                rule += "+judged"
        elif not any(t.pos_ in ("PROPN", "ADJ", "PRON") for t in actors) \
                and (during := self._circumstance_verb(span)) is not None:
            agent = _agent(during) if _is_passive(during) else _subject(during)
            actors.extend(_conjuncts(agent) if agent is not None else self._controller(during))
            rule += "+circumstance"
            if not recipients:  # "killed 23 fighters in an ambush", "congratulated X in a call"
                same = self.lexicon.trigger_for(during)
                if same is not None and same.type == entry.type or entry.symmetric:
                    target = _subject(during) if _is_passive(during) else direct_object(during)
                    recipients.extend(_conjuncts(target) if target is not None else [])
        for announced in (c for c in children_of(noun) if c.dep_ == "acl"
                          and c.lemma_.lower() in lex.support_verbs):
            agent = _agent(announced)  # "a truce announced by the factions"
            if agent is not None and not actors:
                actors.extend(_conjuncts(agent))
                rule += "+announced"
        between = _between(noun) or (_between(support) if support is not None else [])
        if between and entry.symmetric:
            actors, recipients, rule = between, between, rule + "+between"
        elif between:
            recipients.extend(between)
        return _Draft(noun, entry, actors, recipients, rule, support, recipients_from)

    def _circumstance_verb(self, noun: Token) -> Token | None:
        """The verb a nominal event is the circumstance of ("praised X during a visit", "killed
        five in a raid"): its subject did both."""
        prep = noun.head
        if noun.dep_ != "pobj" or prep.lower_ not in self.lexicon.circumstance_preps:
            return None
        verb = prep.head
        return verb if verb.pos_ == "VERB" and prep.dep_ == "prep" else None

    def _support_verb(self, noun: Token) -> Token | None:
        """The light verb whose object the noun is, if any ("held talks")."""
        head = noun.head
        lemma = head.lemma_.lower()
        if noun.dep_ in ("dobj", "nsubjpass") and (lemma in self.lexicon.support_verbs
                                                   or lemma in self.lexicon.lending_verbs
                                                   or lemma in self.lexicon.receiving_verbs):
            return head
        if noun.dep_ != "pobj":
            return None
        prep = head
        for frame in self.lexicon.support_frames:
            if prep.lower_ != frame.prep:
                continue
            governor = prep.head
            if frame.object is None and governor.lemma_.lower() in frame.verbs:
                return governor
            if (frame.object is not None and governor.lemma_.lower() == frame.object
                    and governor.head.lemma_.lower() in frame.verbs):
                return governor.head
        return None

    # from drafts to events

    def _event(self, doc: Doc, draft: _Draft, event_id: str) -> Event | None:
        entry, token = draft.entry, draft.token
        actors = _unique(r for t in draft.actors for r in self._refs(doc, t))
        recipients = _unique(r for t in draft.recipients for r in self._refs(doc, t))
        symmetric = entry.symmetric and "+between" not in draft.arg_rule
        reciprocal = any(t.lower_ in ("other", "another") for t in draft.recipients)
        if (symmetric or reciprocal) and not recipients and len(actors) > 1:
            recipients = actors
        elif not entry.symmetric and "+between" not in draft.arg_rule:
            actor_ids = {a.id for a in actors}
            recipients = tuple(r for r in recipients if r.id not in actor_ids)
        lex, sentence = self.lexicon, _DocIndex.of(doc).sentence(token.i)
        trigger = Span(doc, token.i, token.i + 1)
        if not recipients and draft.recipients_from is None and len(draft.recipients) == 1 \
                and draft.recipients[0].lemma_.lower() in lex.event_nouns:
            draft.recipients_from = self._apposed_event(draft.recipients[0])  # "a move"
        inner = self._inner_place(doc, draft.actors)  # "teachers in Nigeria"
        party = inner is not None or any(self._party(t) for t in draft.actors)
        roles = lex.visit_place_roles if entry.mode == "visit" else lex.place_recipients.get(
            entry.type)
        if roles and all(r.country is None for r in recipients):
            site = self._site(doc, trigger, sentence, roles, draft.actors)
            if site is not None and site.country not in {a.country for a in actors}:
                recipients = _placed(recipients, site)
        if (entry.type in lex.localized_actor_types and (actors or party)
                and all(a.country is None for a in actors)):
            site = inner or self._site(doc, trigger, sentence, ("site",), draft.recipients)
            actors = _placed(actors, site) if site is not None else actors
        if not actors and not party and (entry.needs_actor or not recipients or (
                entry.symmetric and any(c.dep_ == "auxpass" for c in children_of(token))) or (
                token.pos_ != "VERB" and entry.type not in lex.actorless_noun_types)
                or any(self._no_agent(t) for t in draft.actors)):
            return None  # "cooperation with Israel": whose?  "a storm destroyed homes": no one
        negated, modality = self._modality(draft)
        mode = self._mode(draft)
        cameo = lex.mode_cameo.get((entry.type, mode or ""), entry.cameo)
        place, role = geo.locate_event(doc, trigger, sentence, agents=actors)
        return Event(
            id=event_id, type=entry.type, mode=mode, context=self._context(token, entry),
            cameo=cameo, quad_class=self.lexicon.quad_class(cameo),
            goldstein=self.lexicon.cameo[cameo], actors=actors, recipients=recipients,
            trigger=_text_span(trigger), sentence=_text_span(sentence),
            location=place, location_role=role, time=time.date_event(doc, trigger, sentence),
            magnitude=self._count(token), negated=negated, modality=modality,
            rule=f"{entry.key}|{draft.arg_rule}",
        )

    def _inner_place(self, doc: Doc, arguments: list[Token]) -> Place | None:
        """A place in a country named inside an argument phrase ("teachers in Nigeria",
        "dock workers at Chile's ports")."""
        places = _DocIndex.of(doc).places_by_start
        for argument in arguments:
            for prep in (c for c in children_of(argument)
                         if c.dep_ == "prep" and c.lower_ in self.lexicon.locating_preps):
                place = next((places[t.idx] for t in prep.subtree if t.idx in places), None)
                if place is not None:
                    return place
        return None

    def _party(self, token: Token) -> bool:
        """True when an argument the actors stage left unresolved still names people or a body
        able to act ("farmers", "hundreds of supporters", "several states")."""
        token = counted(token, self.lexicon.quantity_heads)
        return token.pos_ in ("NOUN", "PROPN") and bool(
            {token.lemma_.lower(), token.lower_} & self.lexicon.party_nouns)

    def _no_agent(self, token: Token) -> bool:
        """True for a subject that acts without anyone acting ("a storm destroyed homes")."""
        token = counted(token, self.lexicon.quantity_heads)
        return bool({token.lemma_.lower(), token.lower_} & self.lexicon.natural_forces)

    def _site(self, doc: Doc, trigger: Span, sentence: Span, roles: tuple[str, ...],
              away_from: list[Token]) -> Place | None:
        """The nearest place in a country attached to the event in one of ``roles`` (in their
        order), outside the argument phrases ``away_from`` ("police in Georgia")."""
        spans = [(t.left_edge.idx, t.right_edge.idx + len(t.right_edge)) for t in away_from]
        attached = [(place, role) for place, role in geo.event_places(doc, trigger, sentence)
                    if place.country and not any(a <= place.start < b for a, b in spans)]
        return next((place for wanted in roles for place, role in attached if role == wanted),
                    None)

    def _refs(self, doc: Doc, token: Token, depth: int = 0) -> list[ActorRef]:
        """The actors a nominal argument names: the phrase's own actors (coordinated ones
        included), a pronoun's antecedent, or - for a generic head - its possessor, its "of"
        complement or the examples it lists ("members of Hamas", "groups like ISIS")."""
        if depth > 3:
            return []
        if token.lower_ in RELATIVE_PRONOUNS and token.head.dep_ == "relcl":
            token = token.head.head
        if token.pos_ in ("PRON", "ADJ"):
            ref = actor_stage.actor_for_token(doc, token)
            if ref is None and token.pos_ == "PRON" and token.head.dep_ == "ccomp":
                antecedent = _subject(token.head.head)  # "X said it attacked"
                return self._refs(doc, antecedent, depth + 1) if antecedent is not None else []
            return [ref] if ref is not None else []
        refs = self._possessed(doc, token, actor_stage.actor_for_span(
            doc, Span(doc, token.left_edge.i, token.right_edge.i + 1)))
        if (not refs or all(r.country is None for r in refs)) and self._party(token):
            place = self._inner_place(doc, [token])  # "the warring parties in Sudan"
            if place is not None:
                return list(_placed(tuple(refs), place))
        if refs:
            return refs
        for child in children_of(token):
            if child.dep_ in ("amod", "compound") and child.pos_ in ("ADJ", "PROPN"):
                refs.extend(r for c in (child, *child.conjuncts)  # "Brazilian truckers"
                            if (r := actor_stage.actor_for_token(doc, c)) is not None)
        if refs:
            return refs
        for child in children_of(token):
            if child.dep_ == "poss":
                refs.extend(self._refs(doc, child, depth + 1))
            elif child.dep_ == "prep" and child.lower_ in EXAMPLE_PREPS | {"of"}:
                for example in (c for c in children_of(child) if c.dep_ == "pobj"):
                    for item in _conjuncts(example):
                        refs.extend(self._refs(doc, item, depth + 1))
        if not refs:  # "demands from ECOWAS", "targets belonging to Hezbollah"
            for owner in self._owners(token):
                refs.extend(self._refs(doc, owner, depth + 1))
        return refs

    def _possessed(self, doc: Doc, token: Token, refs: list[ActorRef]) -> list[ActorRef]:
        """The actors of a phrase with a possessor, read as its owner: a possessive pronoun
        gives way to the phrase's own actor ("his Russian counterpart" is Russia's), and the
        possessor of a thing that is no actor is its owner ("Finland's NATO membership")."""
        poss = next((c for c in children_of(token) if c.dep_ == "poss"), None)
        if poss is None or len(refs) < 2:
            return refs
        start, end = poss.left_edge.idx, poss.right_edge.idx + len(poss.right_edge)
        inside = [r for r in refs if start <= r.start and r.end <= end]
        if poss.pos_ == "PRON":
            return [r for r in refs if r not in inside] or refs
        if inside and actor_stage.actor_for_token(doc, token) is None:
            return inside
        others = {r.country for r in refs if r not in inside}  # "Sudan's RSF" is the RSF
        return [r for r in refs if r not in inside or r.country not in others]

    def _owners(self, token: Token) -> list[Token]:
        """Who owns a thing: the object of an owner preposition ("a proposal by Qatar") or of
        an owning participle ("facilities controlled by the SDF")."""
        lex = self.lexicon
        owners = _prep_objects(token, lex.owner_preps)
        for child in children_of(token):
            link = lex.owner_links.get(child.lemma_.lower()) if child.dep_ == "acl" else None
            agent = _agent(child) if link == "by" else None
            if agent is not None:
                owners.extend(_conjuncts(agent))
            elif link:
                owners.extend(_prep_objects(child, frozenset({link})))
        return owners

    def _modality(self, draft: _Draft) -> tuple[bool, str]:
        """Negation and modality from the trigger's own modifiers and the words governing it.

        The nearest modality cue wins, except that a future or conditional auxiliary (a weak
        cue: "will", "would") gives way to a cue further up ("warned it would strike"); an
        infinitive modifying a noun, or a purpose clause, is planned ("a deal to supply
        drones", "sent troops to help X fight").  A negation anywhere on the way up negates.
        The walk stops at a governing event trigger, after reading its cue.  A light verb
        that is the event itself says nothing of its reality ("announced sanctions", "called
        a strike").  With no cue at all, a clause attributed to a speaker is reported speech,
        whichever side the attribution stands on.
        """
        lex, trigger, entry = self.lexicon, draft.token, draft.entry
        negated, modality, weak = False, None, None
        if trigger.dep_ == "acl" and any(c.dep_ == "aux" and c.lower_ == "to"
                                         for c in children_of(trigger)):
            weak = "planned"
        token, carry_negation, sibling, shared = trigger, True, False, True
        for depth in range(8):
            # a coordinated verb may share its head's auxiliaries, never the head's own meaning
            words = [token] if depth and not sibling else []
            if shared:
                words += [c for c in children_of(token)
                          if c.dep_ in ("aux", "amod", "advmod", "mark", "neg", "det", "prt")]
            for word in words:
                if carry_negation and (word.dep_ == "neg" or (word.dep_ == "det"
                                                             and word.lower_ == "no")):
                    negated = True
                kind = lex.modality.get(word.lemma_.lower()) or lex.modality.get(word.lower_)
                if draft.support is not None and word.i == draft.support.i and kind in ("reported_speech", "requested"):
                    continue
                if kind == "negating":
                    negated = negated or carry_negation
                elif kind and word.lower_ in lex.weak_cues:
                    weak = weak or kind
                elif kind and modality is None:
                    modality = kind
            if modality is not None or (depth and not sibling and token.pos_ == "VERB"
                                        and lex.trigger_for(token) is not None):
                break
            if token.dep_ == "advcl" and any(c.dep_ == "aux" and c.lower_ == "to"
                                             for c in children_of(token)):
                weak = weak or "planned"  # a purpose: "to help government forces fight"
            if token.dep_ not in COMPLEMENT_DEPS or token.head.i == token.i:
                break
            sibling = token.dep_ == "conj"
            # "would study the plan but rejected it": nothing is shared
            shared = not sibling or (_subject(token) is None and token.tag_ in ("VB", "VBN", "VBG")
                                     and not any(c.dep_ in ("aux", "auxpass")
                                                 for c in children_of(token)))
            carry_negation = not sibling or any(c.dep_ == "cc" and c.lower_ in ("or", "nor")
                                                for c in children_of(token.head))
            token = token.head
        if modality is None and weak is None and self._attributed(trigger):
            modality = "reported_speech"
        if modality is None or (weak and modality == "reported_speech"):
            modality = weak  # "said it would deport": planned
        if modality == "commissive":
            modality = "threatened" if entry.quad_class >= 3 else "planned"
        return negated, modality or "asserted"

    def _attributed(self, trigger: Token) -> bool:
        """True when the trigger's clause is reported: it hangs, as a complement or a
        parataxis, under a speech verb ("officials said the strikes killed 12"), a speech verb
        hangs on it ("the strikes killed 12, officials said"), or it is a participle of the
        speech verb ("the ministry said, accusing Minsk")."""
        speech = self.lexicon.speech_verbs
        token = trigger
        for _ in range(12):
            if any(c.dep_ in SPEECH_LINKS and c.lemma_.lower() in speech and c.i > trigger.i
                   for c in children_of(token)):
                return True
            head = token.head
            if head.i == token.i:
                return False
            if head.lemma_.lower() in speech and (token.dep_ in SPEECH_LINKS or (
                    token.dep_ == "advcl" and token.tag_ == "VBG"
                    and not any(c.dep_ == "mark" for c in children_of(token)))):
                return True
            token = head
        return False

    def _mode(self, draft: _Draft) -> str | None:
        """The entry's mode, or (for ASSAULT) the instrument named around the trigger."""
        entry, token = draft.entry, draft.token
        if entry.type != "ASSAULT":
            return entry.mode
        places: list[Token] = list(_modifiers(token))
        if token.pos_ == "VERB":
            subject = _subject(token)
            places += _prep_objects(token, frozenset({"with", "by"}))
            obj = direct_object(token)
            places += [t for t in (subject, obj) if t is not None]
        for word in places:
            for lemma in (word.lemma_.lower(), word.lower_, *(
                    c.lemma_.lower() for c in children_of(word) if c.dep_ in ("compound", "amod"))):
                if lemma in self.lexicon.instruments:
                    return self.lexicon.instruments[lemma]
        return entry.mode

    def _context(self, token: Token, entry: Trigger) -> tuple[str, ...]:
        found = list(entry.context)
        for word in _modifiers(token):
            context = self.lexicon.contexts.get(word.lemma_.lower())
            if context and context not in found:
                found.append(context)
        return tuple(found)

    # magnitude

    def _number(self, token: Token) -> tuple[int | None, str | None] | None:
        """The count a number token (or a noun with a number) gives, with its qualifier."""
        lex = self.lexicon
        number = token if token.like_num else next(
            (c for c in children_of(token) if c.dep_ == "nummod" and c.like_num), None)
        if number is None:
            vague = lex.vague_quantities.get(token.lower_)
            if vague is None:
                vague = next((lex.vague_quantities[c.lower_] for c in children_of(token)
                              if c.dep_ in ("amod", "nummod", "det")
                              and c.lower_ in lex.vague_quantities), None)
            return (None, vague) if vague else None
        value = _parse_number(number.text, lex.number_words)
        if value is None:
            return None
        before = number.doc[number.left_edge.i: number.i].text.lower()
        qualifier = next((q for phrase, q in lex.qualifiers if before.endswith(phrase)), None)
        return value, qualifier

    def _count(self, trigger: Token) -> Magnitude | None:
        """How many events a nominal trigger stands for ("over 100 strikes", "dozens of raids")."""
        if trigger.pos_ == "VERB":
            return None
        for item in _conj_chain(trigger):
            found = self._number(item)
            if found:
                return Magnitude(count=found[0], count_qualifier=found[1])
        head = trigger.head
        if trigger.dep_ == "pobj" and head.lower_ == "of":
            found = self._number(head.head)
            if found:
                return Magnitude(count=found[0], count_qualifier=found[1])
        return None

    def _casualties(self, sentence: list[Token]) -> list[tuple[Token, str, int]]:
        """Counts of dead, injured and arrested people in a sentence (its tokens), with the
        cue word."""
        out: list[tuple[Token, str, int]] = []
        for token in sentence:
            kind = self.lexicon.magnitude.get(token.lemma_.lower())
            if kind is None:
                continue
            candidates = [c for c in children_of(token)
                          if c.dep_ in ("dobj", "nsubjpass", "nsubj", "npadvmod", "nummod")]
            if token.dep_ in ("amod", "acomp", "oprd") or token.pos_ == "ADJ":
                candidates.append(token.head)
            for candidate in candidates:
                found = self._number(candidate)
                if found and found[0] is not None:
                    out.append((token, kind, found[0]))
                    break
        return out

    def _with_magnitudes(self, doc: Doc, events: list[Event]) -> list[Event]:
        """Attach casualty counts to the nearest violent event in their sentence."""
        by_sentence: dict[int, list[int]] = {}
        for index, event in enumerate(events):
            if event.type in self.lexicon.magnitude_types:
                by_sentence.setdefault(event.sentence.start, []).append(index)
        doc_index, tokens = _DocIndex.of(doc), TokenColumns.of(doc).tokens
        counts: dict[int, dict[str, int]] = {}
        for start, indexes in by_sentence.items():
            sentence = doc_index.sentence_at(start)
            for cue, kind, value in self._casualties(tokens[sentence.start:sentence.end]):
                nearest = min(indexes, key=lambda i: abs(events[i].trigger.start - cue.idx))
                counts.setdefault(nearest, {}).setdefault(kind, value)
        out = []
        for index, event in enumerate(events):
            if index in counts:
                base = event.magnitude or Magnitude()
                event = replace(event, magnitude=Magnitude(
                    count=base.count, count_qualifier=base.count_qualifier, **counts[index]))
            out.append(event)
        return out

    def _inherit_recipients(self, events: list[Event], drafts: list[_Draft]) -> list[Event]:
        """A threat or request without a recipient takes that of the event it governs."""
        out = []
        for event in events:
            if event.type in self.lexicon.embedded_recipient_types and not event.recipients:
                governed = [e for e in events if e is not event and e.recipients
                            and e.sentence.start == event.sentence.start
                            and _governs(event, e, drafts)]
                if governed:
                    event = replace(event, recipients=governed[0].recipients)
            out.append(event)
        return out


def _governs(upper: Event, lower: Event, drafts: list[_Draft]) -> bool:
    tokens = {d.token.idx: d.token for d in drafts}
    head, low = tokens.get(upper.trigger.start), tokens.get(lower.trigger.start)
    return head is not None and low is not None and head.is_ancestor(low)


def _lemma_of(event: Event) -> str:
    """The trigger lemma an event was coded from (its rule starts "verb:kill|...")."""
    return event.rule.split("|", 1)[0].split(":", 1)[1].split("+", 1)[0]


def _placed(refs: tuple[ActorRef, ...], site: Place) -> tuple[ActorRef, ...]:
    """Arguments given the country of the event's place: the country itself when there are
    none, each bare sector placed in it ("students" -> NGA-EDU), or unchanged otherwise."""
    if not refs:
        return (actor_stage.country_ref(site.country, site.start, site.end, site.text),)
    placed = [actor_stage.placed(ref, site.country) for ref in refs]
    return refs if None in placed else tuple(placed)


def _unique(refs) -> tuple[ActorRef, ...]:
    seen: dict[str, ActorRef] = {}
    for ref in refs:
        if ref is not None and ref.id not in seen:
            seen[ref.id] = ref
    return tuple(seen.values())


def _text_span(span: Span) -> TextSpan:
    return TextSpan(span.start_char, span.end_char, span_text(span))


def _parse_number(text: str, words: dict[str, int]) -> int | None:
    cleaned = text.replace(",", "").lower()
    if cleaned.isdigit():
        return int(cleaned)
    return words.get(cleaned)
