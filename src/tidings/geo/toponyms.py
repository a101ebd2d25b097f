"""Toponyms in a parsed Doc: place entities, mislabelled or missed places, demonym places.

Entities labelled as places are taken as they are (widened to the whole name when the gazetteer
knows a longer one: "Rio Grande" + "do Sul").  Other entities, and capitalised names no entity
covers, become toponyms on evidence from their context: a place noun ("the town of X",
"X province"), a container that holds the place ("X, Texas", "X in northern Mali"), a locative
preposition ("in X", for prominent places only) or, for a country, the name alone.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Doc, Token

from ..datafiles import data_path, read_yaml, word_list
from ..nlp import TokenColumns, doc_text, entities, per_doc
from .gazetteer import normalize
from .resolve import Mention, Resolver
from .rules import GeoRules

_DATELINE_MARK = re.compile(r"(?:,\s*[A-Z][\w. ]*)?\s*(?:\(|[-–—])")
_DIRECTION_PREFIX = re.compile(r"([A-Za-z-]+)\s+$")
# Lower-case words and marks that may stand inside a place name ("Rio Grande do Sul",
# "Rostov-on-Don", "Hawke's Bay", "Dar es Salaam").
_CONNECTORS = frozenset({"de", "do", "da", "dos", "das", "del", "della", "di", "du", "des", "la",
                         "le", "el", "al", "of", "on", "upon", "es", "am", "sur", "y", "-", "'s",
                         "’s"})
_POSSESSIVE = frozenset({"'s", "’s"})
_SEPARATORS = frozenset({"and", "or", "to", ",", ";", "-", "–", "/"})
_LONGEST_NAME = 7  # tokens

# Names are found and tested as token bounds ``(start, end)``; a spaCy Span is made only for its
# syntactic root.
Bounds = tuple[int, int]


def _name_word(text: str) -> bool:
    """A capitalised word that can be part of a proper name."""
    return len(text) > 1 and text[0].isupper() and any(c.isalpha() for c in text) \
        and text.lower() != "the"


@dataclass(frozen=True)
class _Words:
    """A Doc with its text and the token columns the finder reads, built once per Doc (kept in
    ``doc.user_data``): :class:`TokenColumns` plus whether each token can be part of a proper
    name (and where those are) and whether it starts a sentence, so that scanning the Doc makes
    no Token and reads no text again."""

    doc: Doc
    text: str
    tokens: list[Token]
    lower: list[str]
    pos: list[str]
    name_word: list[bool]
    name_words: list[int]
    sent_start: list[bool]

    @classmethod
    def of(cls, doc: Doc) -> _Words:
        return per_doc(doc, "geo.words", cls._build)

    @classmethod
    def _build(cls, doc: Doc) -> _Words:
        columns = TokenColumns.of(doc)
        tokens = columns.tokens
        # a lower-case word (a lexeme flag, cheaper than the text) is never a name word
        name_word = [not t.is_lower and _name_word(t.text) for t in tokens]
        return cls(doc, doc_text(doc), tokens, columns.lower, columns.pos, name_word,
                   [i for i, is_name in enumerate(name_word) if is_name],
                   [bool(t.is_sent_start) for t in tokens])

    def start_char(self, start: int) -> int:
        """The character offset where token ``start`` begins."""
        return self.tokens[start].idx

    def end_char(self, end: int) -> int:
        """The character offset where the token before ``end`` ends."""
        token = self.tokens[end - 1]
        return token.idx + len(token)

    def span_text(self, start: int, end: int) -> str:
        """The text of tokens ``start:end``."""
        return self.text[self.start_char(start):self.end_char(end)]


def _capitals(words: _Words, start: int, end: int, *, line: bool = False) -> bool:
    """Whether tokens ``start:end`` (or, with ``line``, their whole line) are written in
    capitals, as in a headline, and hold more than one word."""
    text = words.text
    low, high = words.start_char(start), words.end_char(end)
    if line:
        low, high = text.rfind("\n", 0, low) + 1, text.find("\n", high)
        high = len(text) if high < 0 else high
    letters = [c for c in text[low:high] if c.isalpha()]
    return len(text[low:high].split()) > 1 and bool(letters) and all(c.isupper() for c in letters)


def _line_position(words: _Words, start: int, end: int) -> str | None:
    """"heading" for a name alone on its line (a section heading: "Bruges"), "dateline"
    for a name in capitals opening a line before an agency or a dash ("BEIJING (AFP) -",
    "WASHINGTON --"), else None."""
    text = words.text
    start_char, end_char = words.start_char(start), words.end_char(end)
    line_start = text.rfind("\n", 0, start_char) + 1
    if text[line_start:start_char].strip():
        return None
    line_end = text.find("\n", end_char)
    rest = text[end_char:len(text) if line_end < 0 else line_end].strip()
    if not rest:
        return "heading"
    name = text[start_char:end_char]
    return "dateline" if name.isupper() and _DATELINE_MARK.match(rest) else None


def _trim(words: _Words, start: int, end: int) -> Bounds | None:
    """The bounds without a leading article and without edge punctuation or whitespace."""
    lower, tokens = words.lower, words.tokens
    while start < end and (lower[start] == "the" or tokens[start].is_space
                           or tokens[start].is_punct):
        start += 1
    while end > start and (tokens[end - 1].is_space or tokens[end - 1].is_punct
                           or lower[end - 1] in ("'s", "’s")):
        end -= 1
    return (start, end) if end > start else None


def governing_preposition(token: Token) -> Token | None:
    """The preposition whose object ``token`` is (through conjunctions and appositions)."""
    while token.dep_ in ("conj", "appos", "compound") and token.head.i != token.i:
        token = token.head
    if token.dep_ == "pobj" and token.head.pos_ == "ADP":
        return token.head
    return None


def _run_around(words: _Words, start: int, end: int) -> Bounds:
    """Token bounds of the capitalised name run (with inner connectors) around tokens
    ``start:end``."""
    name_word, sent_start, lower = words.name_word, words.sent_start, words.lower
    size = len(name_word)
    while start > 0 and not sent_start[start]:
        if name_word[start - 1]:
            start -= 1
        elif (lower[start - 1] in _CONNECTORS and start > 1 and name_word[start - 2]
              and not sent_start[start - 1]):
            start -= 2
        else:
            break
    while end < size and not sent_start[end]:
        if name_word[end]:
            end += 1
        elif (lower[end] in _CONNECTORS and end + 1 < size and name_word[end + 1]
              and not sent_start[end + 1]):
            end += 2
        else:
            break
    return start, end


def _eponyms(words: _Words, nouns: frozenset[str]) -> set[str]:
    """Names used in the text as eponyms ("West Nile virus"), as lookup keys."""
    found = set()
    for i, lower in enumerate(words.lower):
        if i and lower in nouns and words.name_word[i - 1]:
            start, _ = _run_around(words, i - 1, i)
            found.add(normalize(words.span_text(start, i)))
            found.add(normalize(words.span_text(i - 1, i)))  # "Ebola-Reston virus"
    return found


@dataclass(frozen=True)
class NameEvidence:
    """Words around a name that tell whether it is a toponym (``data/geo/evidence.yaml``)."""

    public_bodies: frozenset[str]  # heads of public bodies named after a place: "U.S. Army"
    eponym_nouns: frozenset[str]  # nouns that make the name before them an eponym: "virus"


@lru_cache(maxsize=1)
def name_evidence() -> NameEvidence:
    """The evidence lists, checked on load."""
    path = data_path("geo", "evidence.yaml")
    data = read_yaml(path)
    return NameEvidence(**{key: frozenset(word_list(path, key, data.get(key)))
                           for key in ("public_bodies", "eponym_nouns")})


class ToponymFinder:
    """Finds the mentions of places in a Doc."""

    def __init__(self, resolver: Resolver, rules: GeoRules) -> None:
        self.resolver = resolver
        self.rules = rules
        self.labels = rules.place_labels | rules.other_labels
        self.evidence = name_evidence()

    def find(self, doc: Doc) -> tuple[list[Mention], Counter]:
        """Mentions in text order, and country weights from demonyms (context for resolution)."""
        words = _Words.of(doc)
        mentions: list[Mention] = []
        context: Counter = Counter()
        covered: set[int] = set()
        # the entities are sorted and do not overlap
        ents = [(e.start, e.end, e.label_) for e in entities(doc)]
        ent_starts, ent_ends = [start for start, _, _ in ents], [end for _, end, _ in ents]
        for ent_start, ent_end, ent_label in ents:
            if all(i in covered for i in range(ent_start, ent_end)):
                continue
            covered.update(range(ent_start, ent_end))
            trimmed = _trim(words, ent_start, ent_end)
            if trimmed is None:
                continue
            start, end = trimmed
            if ent_label == "NORP":
                demonym = self.rules.demonyms.get(
                    " ".join(t.text for t in words.tokens[start:end]))
                if demonym:
                    context[demonym] += 0.5
                    mention = self._demonym_place(words, start, end, demonym)
                    if mention is not None:
                        mentions.append(mention)
                    continue
            if ent_label not in self.labels:
                continue
            if ent_label not in self.rules.place_labels and _capitals(words, start, end):
                covered.difference_update(range(ent_start, ent_end))  # a headline: scan it
                continue
            start, end = self._widen(words, start, end)
            covered.update(range(start, end))
            overlapping = ents[bisect_right(ent_ends, start):bisect_left(ent_starts, end)]
            labels = {label for _, _, label in overlapping}
            label = ent_label if not labels & self.rules.place_labels else "GPE"
            found = [m for part_start, part_end in self._parts(words, start, end)
                     if (m := self._accept(words, part_start, part_end, label)) is not None]
            if not found and label in self.rules.guarded_labels:
                found = [m for m in (self._leading_place(words, start, end),) if m is not None]
            mentions.extend(found)
        mentions.extend(self._unlabelled(words, covered))
        eponyms = _eponyms(words, self.evidence.eponym_nouns)
        mentions = [m for m in mentions if m.fixed is not None or normalize(m.name) not in eponyms]
        mentions.sort(key=lambda m: m.start)
        return mentions, context

    # ------------------------------------------------------------------ spans
    def _known(self, words: _Words, start: int, end: int) -> bool:
        return bool(self.resolver.candidates(self._mention(words, start, end, weak=False)).entries)

    def _widen(self, words: _Words, start: int, end: int) -> Bounds:
        """The longest name the gazetteer knows that contains tokens ``start:end`` within its
        name run."""
        low, high = _run_around(words, start, end)
        if (low, high) == (start, end) or high - low > _LONGEST_NAME:
            return start, end
        windows = sorted(((s, e) for s in range(low, start + 1)
                          for e in range(end, high + 1) if (s, e) != (start, end)),
                         key=lambda w: w[0] - w[1])
        for s, e in windows:
            if words.name_word[s] and words.name_word[e - 1] and self._known(words, s, e):
                return s, e
        return start, end

    def _parts(self, words: _Words, start: int, end: int) -> list[Bounds]:
        """The name, or when the gazetteer does not know it, its parts split at coordinators,
        commas, "to" and hyphens ("Niger to Burkina Faso", "the Sudan-Chad border")."""
        if self._known(words, start, end):
            return [(start, end)]
        parts, first = [], start
        for i in range(start, end):
            if words.lower[i] in _SEPARATORS or words.tokens[i].dep_ == "cc":
                if i > first:
                    parts.append((first, i))
                first = i + 1
        if end > first:
            parts.append((first, end))
        return [(s, e) for s, e in parts if words.name_word[s]]

    def _leading_place(self, words: _Words, start: int, end: int) -> Mention | None:
        """The prominent place at the start of an entity's name: one a public body is named
        after ("the U.S. Army", "the California Department of Health") or one in the
        possessive ("Chile's Radio Cooperativa")."""
        root = words.doc[start:end].root
        public_body = root.lower_ in self.evidence.public_bodies
        for stop in range(min(end - 1, start + _LONGEST_NAME), start, -1):
            if not (words.name_word[start] and words.name_word[stop - 1]):
                continue
            if not ((public_body and stop <= root.i) or words.lower[stop] in _POSSESSIVE):
                continue
            name = words.span_text(start, stop)
            if any(self._leading_entry(e, name) for e in self.resolver.lookup_name(name)):
                return self._mention(words, start, stop, weak=True)
        return None

    def _leading_entry(self, entry: int, name: str) -> bool:
        """A prominent place, a city only by its own name ("Rapid" of the Rapid Support
        Forces is no Rapid City)."""
        g = self.resolver.gazetteer
        return self.resolver.prominent(entry) and (
            g.kind[entry] != "city" or normalize(g.name[entry]) == normalize(name))

    # --------------------------------------------------------------- evidence
    def _accept(self, words: _Words, start: int, end: int, label: str | None) -> Mention | None:
        """A mention for a name with the given entity label (None: no entity), on evidence."""
        name = start + 1 if words.lower[start] in self.rules.directions and end - start > 1 \
            else start
        if not words.tokens[name].text[:1].isupper():
            return None  # "the east coast"
        kind = self._kind_noun(words, start, end)
        position = _line_position(words, start, end)
        if kind is None and position == "dateline":
            kind = "dateline"  # a dateline names a city
        strong = kind not in (None, "the") or self._in_container(words, start, end)
        if label in self.rules.place_labels or strong:
            return self._mention(words, start, end, weak=False, kind_hint=kind)
        local = True  # a smaller town counts when in a country the text is about
        if label in self.rules.guarded_labels:
            # a person's or organisation's name: a town only where a locative governs it
            local = self._locative(words, start, end)
            accepted = local or self._major(words, start, end) or position is not None
        elif label is None:
            accepted = self._locative(words, start, end) or self._country(words, start, end) \
                or position is not None or self._headline_place(words, start, end)
        else:
            accepted = True
        if not accepted:
            return None
        return self._mention(words, start, end, weak=True, kind_hint=kind, local=local)

    def _kind_noun(self, words: _Words, start: int, end: int) -> str | None:
        """The kind a place noun gives the name: "the town of X", "X province", "Gaza City"."""
        lower = words.lower
        nouns = self.rules.place_nouns_after
        if end < len(lower) and lower[end] in nouns:
            return nouns[lower[end]]
        if end - start > 1 and lower[end - 1] in nouns:
            return nouns[lower[end - 1]]
        root = words.doc[start:end].root
        while root.dep_ == "conj" and root.head.i != root.i:
            root = root.head  # "the towns of X and Y", but not an apposition
        if root.dep_ == "pobj" and root.head.lower_ == "of" and root.head.head.lower_ in nouns:
            return nouns[root.head.head.lower_]
        if start > 0 and lower[start - 1] == "the":
            return "the"  # "the Sahel", "the Red Sea": not a city or an admin unit
        return None

    def _in_container(self, words: _Words, start: int, end: int) -> bool:
        """A country or admin unit named next to the name holds one of its candidates
        ("Savannah, Georgia", "Kiryat Shmona in northern Israel")."""
        containers = self.resolver.containers_after(words.text, words.end_char(end))
        if not containers:
            return False
        gazetteer = self.resolver.gazetteer
        entries = self.resolver.lookup_name(words.span_text(start, end))
        return any(gazetteer.contains(c, e) for c in containers for e in entries)

    def _locative(self, words: _Words, start: int, end: int) -> bool:
        """Governed by a locative preposition, named as "the town of X", or the object of a
        verb that takes places ("captured X")."""
        root = words.doc[start:end].root
        while root.dep_ == "conj" and root.head.i != root.i:
            root = root.head  # "hit Kharkiv and Donetsk"
        if root.dep_ == "dobj" and root.head.lemma_.lower() in self.rules.place_object_verbs:
            return True
        if start > 0 and words.lower[start - 1] in self.rules.role_of_preposition:
            return True  # the word before, whatever the parse made of it ("queued off Colon")
        preposition = governing_preposition(root)
        if preposition is None:
            return False
        if preposition.lower_ == "of":
            return preposition.head.lemma_.lower() in self.rules.place_head_nouns
        return preposition.lower_ in self.rules.role_of_preposition

    def _headline_place(self, words: _Words, start: int, end: int) -> bool:
        """A country, state or large city in a line of capitals ("FLOODS HIT KENYA"); a word
        of two letters only as a country ("US", not "IN" for Indiana)."""
        if not _capitals(words, start, end, line=True):
            return False
        if end - start == 1 and len(words.tokens[start].text.replace(".", "")) <= 2:
            return any(self.resolver.gazetteer.kind[e] == "country"
                       for e in self.resolver.lookup_name(words.span_text(start, end)))
        return self._major(words, start, end)

    def _titled(self, words: _Words, start: int) -> bool:
        """After a personal title ("Mr. Georgia")."""
        return start > 0 and words.lower[start - 1].rstrip(".") in self.rules.person_titles

    def _major(self, words: _Words, start: int, end: int) -> bool:
        """A name the gazetteer knows as a country, an admin1 unit or a very large city,
        not after a personal title."""
        if self._titled(words, start):
            return False
        gazetteer = self.resolver.gazetteer
        return any(
            gazetteer.kind[e] in ("country", "admin1")
            or (gazetteer.kind[e] == "city"
                and gazetteer.population[e] >= self.rules.major_population)
            for e in self.resolver.lookup_name(words.span_text(start, end))
        )

    def _country(self, words: _Words, start: int, end: int) -> bool:
        """A proper name the gazetteer knows as a country ("left for Armenia")."""
        if self._titled(words, start) or any(pos != "PROPN" for pos in words.pos[start:end]):
            return False
        gazetteer = self.resolver.gazetteer
        return any(gazetteer.kind[e] == "country"
                   for e in self.resolver.lookup_name(words.span_text(start, end)))

    # ---------------------------------------------------------------- mentions
    def _mention(self, words: _Words, start: int, end: int, *, weak: bool,
                 kind_hint: str | None = None, local: bool = False) -> Mention:
        directions = self.rules.directions
        text = words.text
        start_char, end_char = words.start_char(start), words.end_char(end)
        name_char = start_char
        qualifier: int | None = None  # the direction word's token
        if words.lower[start] in directions and end - start > 1 and not \
                self.resolver.lookup_name(text[start_char:end_char]):
            qualifier, name_char = start, words.start_char(start + 1)
        elif start > 0 and words.lower[start - 1] in directions:
            qualifier = start - 1
            start_char = words.start_char(qualifier)
        return Mention(
            start=start_char, end=end_char, text=text[start_char:end_char],
            name=text[name_char:end_char],
            qualifier=words.lower[qualifier] if qualifier is not None else None,
            weak=weak, local=local, kind_hint=kind_hint,
        )

    def _demonym_place(self, words: _Words, start: int, end: int, iso3: str) -> Mention | None:
        """"Israeli territory" -> Israel; "the Egyptian capital" -> Cairo."""
        if end >= len(words.tokens) or words.lower[end] not in self.rules.demonym_place_nouns \
                or words.tokens[end].dep_ == "compound":  # "the Colombian border city"
            return None
        gazetteer = self.resolver.gazetteer
        entry = gazetteer.capital(iso3) if words.lower[end] == "capital" else \
            gazetteer.country_entry(iso3)
        if entry is None:
            return None
        start_char, end_char = words.start_char(start), words.end_char(end + 1)
        return Mention(start=start_char, end=end_char, text=words.text[start_char:end_char],
                       name=gazetteer.name[entry], fixed=entry)

    def _unlabelled(self, words: _Words, covered: set[int]) -> Iterator[Mention]:
        """Capitalised names no entity covers that the gazetteer knows, on evidence."""
        resume = 0  # the first token after the last run
        for index in words.name_words:
            if index < resume or index in covered:
                continue
            start, end = _run_around(words, index, index + 1)
            start = max(start, index)
            end = next((i for i in range(start, end) if i in covered), end)
            if words.sent_start[index] and words.pos[index] != "PROPN" \
                    and _line_position(words, start, end) is None:
                start += 1  # a capitalised first word of a sentence ("Floods hit ...")
            for part_start, part_end in self._known_names(words, start, end):
                mention = self._accept(words, part_start, part_end, None)
                if mention is not None:
                    yield mention
            resume = max(end, index + 1)

    def _known_names(self, words: _Words, start: int, end: int) -> Iterator[Bounds]:
        """Known names in a name run, longest first from the left ("Rafah" in "Rafah on
        Monday"); a run that reads as one unknown name of two capitalised words or more
        ("Jordan Henderson") yields nothing."""
        name_word, lower = words.name_word, words.lower
        if sum(name_word[start:end]) > 1 and not any(w in _SEPARATORS for w in lower[start:end]) \
                and all(w not in _CONNECTORS for w in lower[start:end]) \
                and not _capitals(words, start, end):  # a headline in capitals is scanned
            if self._known(words, start, end):
                yield start, end
            return
        index = start
        while index < end:
            stop = next((stop for stop in range(min(end, index + _LONGEST_NAME), index, -1)
                         if name_word[index] and name_word[stop - 1]
                         and self._known(words, index, stop)), None)
            if stop is None:
                index += 1
                continue
            yield index, stop
            index = stop


def mentions_from_spans(text: str, spans: list[tuple[int, int]], rules: GeoRules
                        ) -> list[Mention]:
    """Mentions for toponym spans a caller already has, with direction words taken into account."""
    mentions = []
    for start, end in spans:
        surface = text[start:end]
        words = surface.split(maxsplit=1)
        qualifier = None
        name = surface
        if len(words) == 2 and words[0].lower() in rules.directions:
            qualifier, name = words[0].lower(), words[1]
        else:
            before = _DIRECTION_PREFIX.search(text, max(0, start - 20), start)
            if before and before.group(1).lower() in rules.directions:
                qualifier = before.group(1).lower()
        name = re.sub(r"^(?:the|The)\s+", "", name)
        mentions.append(Mention(start=start, end=end, text=surface, name=name,
                                qualifier=qualifier))
    return mentions
