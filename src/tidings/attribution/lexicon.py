"""The cue lexicon: ``cues.yaml`` and ``outlets.yaml`` read, checked and expanded for look-ups."""

from __future__ import annotations

import dataclasses
import functools
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..datafiles import DataError, data_path, read_yaml, word_list
from ..model import MODALITIES, STANCES, Modality, Stance

CUE_GROUPS = (("verbs", "verb", "verb"), ("clause_verbs", "clause_verb", "verb"),
              ("attitude_verbs", "attitude_verb", "verb"), ("hedge_verbs", "hedge_verb", "verb"),
              ("nouns", "noun", "noun"), ("clause_nouns", "clause_noun", "noun"),
              ("adverbs", "adverb", "adverb"), ("adjectives", "adjective", "adjective"),
              ("role_nouns", "role_noun", "noun"))
PHRASE_KEYS = {"words", "stance", "frame", "publication", "as_clause"}
# The word lists of cues.yaml read as sets (each key is documented there).
WORD_SETS = ("media_nouns", "story_nouns", "addressee_verbs", "topic_verbs", "headline_labels",
             "negative_subjects", "negating_governors", "content_prepositions",
             "topic_prepositions", "medium_prepositions", "source_prepositions",
             "object_prepositions", "media_determiners", "person_pronouns", "quantifiers",
             "predicative_verbs", "infinitive_verbs", "person_subject_verbs", "negating_prepositions", "wrongdoing_verbs",
             "non_topics", "survey_nouns", "state_prepositions")
SPACES = re.compile(r"\s+")
LEADING_THE = re.compile(r"^the\s+")
LEADING_THE_CAPITALISED = re.compile(r"^(?:the|The)\s+")
POSSESSIVE_END = re.compile(r"['’]s$")

Phrase = tuple[tuple[frozenset[str], bool], ...]  # each word's forms, and whether it is optional


@dataclass(frozen=True, slots=True)
class CueEntry:
    """One lexicon entry: what a matched cue means."""

    text: str
    stance: Stance
    kind: str  # verb, clause_verb, attitude_verb, hedge_verb, noun, clause_noun, adverb, adjective, role_noun, phrase
    frame: bool = False
    publication: bool = False
    as_clause: bool = False  # a cue only in a clause opened by "as": "as she put it"


@dataclass(frozen=True, eq=False)
class Lexicon:
    """The cue lexicon with every inflected form expanded, ready for look-ups.  Compared and
    hashed by identity (:func:`load_lexicon` makes one per directory), so it can key caches."""

    verbs: dict[str, CueEntry]
    nouns: dict[str, CueEntry]
    adverbs: dict[str, CueEntry]
    phrases: tuple[tuple[CueEntry, Phrase], ...]
    negated_stance: dict[str, Stance]
    outlets: dict[str, str]
    outlet_words: frozenset[str]
    speech_objects: frozenset[str] = frozenset()
    responsibility_verbs: frozenset[str] = frozenset()
    responsibility_objects: frozenset[str] = frozenset()
    # the word lists of cues.yaml, by their keys there (WORD_SETS)
    media_nouns: frozenset[str] = frozenset()
    story_nouns: frozenset[str] = frozenset()
    addressee_verbs: frozenset[str] = frozenset()
    topic_verbs: frozenset[str] = frozenset()
    headline_labels: frozenset[str] = frozenset()
    negative_subjects: frozenset[str] = frozenset()
    negating_governors: frozenset[str] = frozenset()
    content_prepositions: frozenset[str] = frozenset()
    topic_prepositions: frozenset[str] = frozenset()
    medium_prepositions: frozenset[str] = frozenset()
    source_prepositions: frozenset[str] = frozenset()
    object_prepositions: frozenset[str] = frozenset()
    media_determiners: frozenset[str] = frozenset()
    person_pronouns: frozenset[str] = frozenset()
    quantifiers: frozenset[str] = frozenset()
    predicative_verbs: frozenset[str] = frozenset()
    infinitive_verbs: frozenset[str] = frozenset()
    person_subject_verbs: frozenset[str] = frozenset()
    negating_prepositions: frozenset[str] = frozenset()
    wrongdoing_verbs: frozenset[str] = frozenset()
    non_topics: frozenset[str] = frozenset()
    state_prepositions: frozenset[str] = frozenset()
    # adjectives of a state of mind held by the subject of their copula ("confident that ...")
    adjectives: dict[str, CueEntry] = dataclasses.field(default_factory=dict)
    survey_nouns: frozenset[str] = frozenset()
    # the modality of an event inside the content of a cue with this stance ("wants to sign")
    content_modality: dict[str, Modality] = dataclasses.field(default_factory=dict)

    @property
    def size(self) -> int:
        """Distinct entries (lemmas and phrases), not forms."""
        return len({e.text for table in (self.verbs, self.nouns, self.adverbs, self.adjectives)
                    for e in table.values()}) + len(self.phrases)

    @functools.cached_property
    def quantifier(self) -> re.Pattern[str]:
        """A leading quantifier of a source phrase ("Both newspapers"), to read the outlet after it."""
        words = sorted(self.quantifiers)
        return re.compile(r"^(?:" + "|".join(f"{w.capitalize()}|{w}" for w in words) + r")\s+")


def inflections(lemma: str) -> set[str]:
    """Regular inflected forms of an English verb or noun (over-generation is harmless)."""
    forms = {lemma, lemma + "s", lemma + "es", lemma + "ed", lemma + "ing"}
    if lemma.endswith("e"):
        forms |= {lemma + "d", lemma[:-1] + "ing"}
    if lemma.endswith("y") and len(lemma) > 2 and lemma[-2] not in "aeiou":
        forms |= {lemma[:-1] + "ies", lemma[:-1] + "ied"}
    if re.search(r"[^aeiou][aeiou][bdglmnprt]$", lemma):
        forms |= {lemma + lemma[-1] + "ed", lemma + lemma[-1] + "ing"}
    return forms


class _CueFile:
    """``cues.yaml`` while it is read: its text (for line numbers) and its mapping."""

    def __init__(self, path: Path) -> None:
        self.path, self.raw = path, read_yaml(path)
        self.lines = path.read_text(encoding="utf-8").splitlines()
        irregular = self.raw.get("irregular") or {}
        if not isinstance(irregular, dict):
            raise self.error("irregular must map lemmas to lists of forms", "irregular")
        self.irregular: dict[str, list[str]] = irregular
        self.fixed = frozenset(self.word_list("fixed_words"))

    def line_of(self, key: str, word: str | None = None) -> int:
        """The line of top-level ``key``, or of the first line at or after it naming ``word``."""
        start = next((n for n, line in enumerate(self.lines) if line.startswith(f"{key}:")), None)
        if start is None:
            return 0
        if word is None:
            return start + 1
        pattern = re.compile(rf"(?<![\w-]){re.escape(word)}(?![\w-])")
        return next((n + 1 for n in range(start, len(self.lines)) if pattern.search(self.lines[n])),
                    start + 1)

    def error(self, message: str, key: str, word: str | None = None) -> DataError:
        return DataError(self.path, self.line_of(key, word), message)

    def word_list(self, key: str) -> list[str]:
        return word_list(self.path, key, self.raw.get(key) or []) if key in self.raw else []

    def stance(self, value: Any, where: str, key: str, word: str | None = None) -> Stance:
        if value not in STANCES:
            raise self.error(f"{where}: unknown stance {value!r}; use one of {', '.join(STANCES)}",
                             key, word or str(value))
        return value

    def forms(self, word: str, *, in_phrase: bool = False) -> set[str]:
        if in_phrase and word in self.fixed:
            return {word}
        return inflections(word) | set(self.irregular.get(word, ()))

    def tables(self) -> dict[str, dict[str, CueEntry]]:
        """Single-word cues by part of speech, every form of each lemma a key."""
        tables: dict[str, dict[str, CueEntry]] = {"verb": {}, "noun": {}, "adverb": {}, "adjective": {}}
        seen: set[tuple[str, str]] = set()
        for group, kind, table in CUE_GROUPS:
            for stance, words in (self.raw.get(group) or {}).items():
                self.stance(stance, group, group, str(stance))
                for word in words:
                    where = f"{group}.{stance}"
                    if not isinstance(word, str) or not re.fullmatch(r"[a-zé]+", word):
                        raise self.error(f"{where}: {word!r} is not one lower-case word", group, str(word))
                    if (table, word) in seen:
                        raise self.error(f"{where}: {word!r} is listed twice", group, word)
                    seen.add((table, word))
                    entry = CueEntry(word, stance, kind)
                    for form in (self.forms(word) if kind not in ("adverb", "adjective") else {word}):
                        tables[table].setdefault(form, entry)
        return tables

    def phrases(self) -> list[tuple[CueEntry, Phrase]]:
        phrases = []
        for number, item in enumerate(self.raw.get("phrases") or ()):
            where = f"phrases[{number}]"
            text = item.get("words") if isinstance(item, dict) else None
            if not isinstance(text, str) or not text:
                raise self.error(f"{where}: needs `words` and `stance`", "phrases")
            if set(item) - PHRASE_KEYS:
                raise self.error(f"{where}: unknown keys {sorted(set(item) - PHRASE_KEYS)}", "phrases", text)
            tokens = []
            for word in text.split():
                optional = word.endswith("?")
                alternatives = word.rstrip("?").split("|")
                tokens.append((frozenset(f for a in alternatives for f in self.forms(a, in_phrase=True)),
                               optional))
            if all(optional for _, optional in tokens):
                raise self.error(f"{where}: every word is optional", "phrases", text)
            stance = self.stance(item.get("stance", ""), where, "phrases", text)
            phrases.append((CueEntry(text, stance, "phrase", bool(item.get("frame")),
                                     bool(item.get("publication")), bool(item.get("as_clause"))), tuple(tokens)))
        return phrases

    def negated_stance(self) -> dict[str, Stance]:
        negated = self.raw.get("negated_stance") or {}
        for stance in STANCES:
            if stance not in negated:
                raise self.error(f"negated_stance has no entry for {stance!r}", "negated_stance")
            self.stance(negated[stance], f"negated_stance.{stance}", "negated_stance",
                        str(negated[stance]))
        return dict(negated)

    def content_modality(self) -> dict[str, Modality]:
        mapping = self.raw.get("content_modality") or {}
        if not isinstance(mapping, dict):
            raise self.error("content_modality must map stances to modalities", "content_modality")
        for stance, modality in mapping.items():
            self.stance(stance, "content_modality", "content_modality", str(stance))
            if modality not in MODALITIES:
                raise self.error(f"content_modality.{stance}: unknown modality {modality!r}; use one of "
                                 f"{', '.join(MODALITIES)}", "content_modality", str(modality))
        return dict(mapping)

    def responsibility_claims(self) -> dict[str, list[str]]:
        claims = self.raw.get("responsibility_claims") or {}
        if not isinstance(claims, dict) or set(claims) - {"verbs", "objects"}:
            raise self.error("responsibility_claims takes `verbs` and `objects` lists",
                             "responsibility_claims")
        return {key: word_list(self.path, f"responsibility_claims.{key}", claims.get(key) or [])
                for key in ("verbs", "objects")}


def _outlets(path: Path) -> tuple[dict[str, str], frozenset[str]]:
    """Outlet names by the key of each of their aliases, and the words ending outlet names."""
    raw = read_yaml(path)
    outlets: dict[str, str] = {}
    for name, aliases in (raw.get("outlets") or {}).items():
        if aliases is not None and not isinstance(aliases, list):
            raise DataError(path, 0, f"outlets.{name}: must be a list of other names")
        for alias in (name, *(aliases or ())):
            outlets[outlet_key(str(alias))] = name
    return outlets, frozenset(raw.get("name_words") or ())


@functools.cache
def load_lexicon(directory: Path | None = None) -> Lexicon:
    """Read and check ``cues.yaml`` and ``outlets.yaml`` (from ``data/attribution/`` unless
    another ``directory`` is given); a problem is a :class:`DataError` naming file and line.
    Cached: one lexicon per directory (``load_lexicon.cache_clear()`` forgets them)."""
    folder = Path(directory) if directory is not None else data_path("attribution")
    cues = _CueFile(folder / "cues.yaml")
    tables = cues.tables()
    phrases = cues.phrases()
    negated = cues.negated_stance()
    claims = cues.responsibility_claims()
    outlets, outlet_words = _outlets(folder / "outlets.yaml")
    return Lexicon(
        verbs=tables["verb"], nouns=tables["noun"], adverbs=tables["adverb"], adjectives=tables["adjective"],
        phrases=tuple(phrases), negated_stance=negated, outlets=outlets, outlet_words=outlet_words,
        **{key: frozenset(cues.word_list(key)) for key in WORD_SETS},
        speech_objects=frozenset(cues.word_list("speech_objects")) | {
            e.text for e in tables["noun"].values() if e.kind == "noun"},
        responsibility_verbs=frozenset(claims["verbs"]),
        responsibility_objects=frozenset(claims["objects"]),
        content_modality=cues.content_modality(),
    )


def outlet_key(name: str) -> str:
    """An outlet name as looked up: lower case, single spaces, no leading "the"."""
    return LEADING_THE.sub("", SPACES.sub(" ", name.strip().lower()))


@functools.lru_cache(maxsize=1 << 14)
def outlet_name(lexicon: Lexicon, text: str) -> str | None:
    """The outlet a name stands for: listed, or a proper name ending like an outlet's.  Cached:
    a document names the same entities again and again, and articles the same outlets."""
    key = outlet_key(POSSESSIVE_END.sub("", text))
    if key in lexicon.outlets:
        return lexicon.outlets[key]
    words = LEADING_THE_CAPITALISED.sub("", text).split()
    if len(words) >= 2 and all(w[:1].isupper() for w in words) and words[-1] in lexicon.outlet_words:
        return " ".join(words)
    return None
