"""Toponyms in a parsed Doc: place entities, mislabelled or missed places, demonym places.

Entities labelled as places are taken as they are (widened to the whole name when the gazetteer
knows a longer one: "Rio Grande" + "do Sul").  Other entities, and capitalised names no entity
covers, become toponyms on evidence from their context: a place noun ("the town of X",
"X province"), a container that holds the place ("X, Texas", "X in northern Mali"), a locative
preposition ("in X", for prominent places only) or, for a country, the name alone.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from ..nlp import TokenColumns
from .resolve import Mention, Resolver
from .rules import GeoRules

_DIRECTION_PREFIX = re.compile(r"([A-Za-z-]+)\s+$")
# Lower-case words and marks that may stand inside a place name ("Rio Grande do Sul",
# "Rostov-on-Don", "Hawke's Bay", "Dar es Salaam").
_CONNECTORS = frozenset({"de", "do", "da", "dos", "das", "del", "della", "di", "du", "des", "la",
                         "le", "el", "al", "of", "on", "upon", "es", "am", "sur", "y", "-", "'s",
                         "’s"})
_SEPARATORS = frozenset({"and", "or", "to", ",", ";", "-", "–", "/"})
_LONGEST_NAME = 7  # tokens


def _name_word(text: str) -> bool:
    """A capitalised word that can be part of a proper name."""
    return len(text) > 1 and text[0].isupper() and any(c.isalpha() for c in text) \
        and text.lower() != "the"


_WORDS = "tidings.geo.words"


@dataclass(frozen=True)
class _Words:
    """The token columns the finder reads, built once per Doc (kept in ``doc.user_data``):
    :class:`TokenColumns` plus whether each token can be part of a proper name (and where
    those are) and whether it starts a sentence, so that scanning the Doc makes no Token and
    reads no text again."""

    tokens: list[Token]
    lower: list[str]
    pos: list[str]
    name_word: list[bool]
    name_words: list[int]
    sent_start: list[bool]

    @classmethod
    def of(cls, doc: Doc) -> _Words:
        words = doc.user_data.get(_WORDS)
        if words is None:
            columns = TokenColumns.of(doc)
            tokens = columns.tokens
            # a lower-case word (a lexeme flag, cheaper than the text) is never a name word
            name_word = [not t.is_lower and _name_word(t.text) for t in tokens]
            words = doc.user_data[_WORDS] = cls(
                tokens, columns.lower, columns.pos, name_word,
                [i for i, is_name in enumerate(name_word) if is_name],
                [bool(t.is_sent_start) for t in tokens])
        return words


def _trim(span: Span) -> Span | None:
    """The span without a leading article and without edge punctuation or whitespace."""
    start, end = span.start, span.end
    doc = span.doc
    words = _Words.of(doc)
    lower, tokens = words.lower, words.tokens
    while start < end and (lower[start] == "the" or tokens[start].is_space
                           or tokens[start].is_punct):
        start += 1
    while end > start and (tokens[end - 1].is_space or tokens[end - 1].is_punct
                           or lower[end - 1] in ("'s", "’s")):
        end -= 1
    return doc[start:end] if end > start else None


def governing_preposition(token: Token) -> Token | None:
    """The preposition whose object ``token`` is (through conjunctions and appositions)."""
    while token.dep_ in ("conj", "appos", "compound") and token.head is not token:
        token = token.head
    if token.dep_ == "pobj" and token.head.pos_ == "ADP":
        return token.head
    return None


def _run_around(words: _Words, start: int, end: int) -> tuple[int, int]:
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


class ToponymFinder:
    """Finds the mentions of places in a Doc."""

    def __init__(self, resolver: Resolver, rules: GeoRules) -> None:
        self.resolver = resolver
        self.rules = rules
        self.labels = rules.place_labels | rules.other_labels

    def find(self, doc: Doc, text: str) -> tuple[list[Mention], Counter]:
        """Mentions in text order, and country weights from demonyms (context for resolution).

        ``text`` is the Doc's text (:func:`tidings.nlp.doc_text`).
        """
        words = _Words.of(doc)
        mentions: list[Mention] = []
        context: Counter = Counter()
        covered: set[int] = set()
        ents = doc.ents  # a new tuple of Spans on every access
        ent_labels = [(e.start, e.end, e.label_) for e in ents]
        for ent, (_, _, ent_label) in zip(ents, ent_labels):
            if all(i in covered for i in range(ent.start, ent.end)):
                continue
            covered.update(range(ent.start, ent.end))
            span = _trim(ent)
            if span is None:
                continue
            if ent_label == "NORP":
                demonym = self.rules.demonyms.get(
                    " ".join(t.text for t in words.tokens[span.start:span.end]))
                if demonym:
                    context[demonym] += 0.5
                    mention = self._demonym_place(span, demonym, text)
                    if mention is not None:
                        mentions.append(mention)
                    continue
            if ent_label not in self.labels:
                continue
            span = self._widen(span, text)
            covered.update(range(span.start, span.end))
            labels = {label for start, end, label in ent_labels
                      if start < span.end and span.start < end}
            label = ent_label if not labels & self.rules.place_labels else "GPE"
            for part in self._parts(span, text):
                mention = self._accept(part, text, label)
                if mention is not None:
                    mentions.append(mention)
        mentions.extend(self._unlabelled(doc, covered, text))
        mentions.sort(key=lambda m: m.start)
        return mentions, context

    # ------------------------------------------------------------------ spans
    def _known(self, span: Span, text: str) -> bool:
        return bool(self.resolver.candidates(self._mention(span, text, weak=False)).entries)

    def _widen(self, span: Span, text: str) -> Span:
        """The longest name the gazetteer knows that contains ``span`` within its name run."""
        doc = span.doc
        words = _Words.of(doc)
        start, end = _run_around(words, span.start, span.end)
        if (start, end) == (span.start, span.end) or end - start > _LONGEST_NAME:
            return span
        windows = sorted(((s, e) for s in range(start, span.start + 1)
                          for e in range(span.end, end + 1) if (s, e) != (span.start, span.end)),
                         key=lambda w: w[0] - w[1])
        for s, e in windows:
            if words.name_word[s] and words.name_word[e - 1] and self._known(doc[s:e], text):
                return doc[s:e]
        return span

    def _parts(self, span: Span, text: str) -> list[Span]:
        """The span, or when the gazetteer does not know it, its parts split at coordinators,
        commas, "to" and hyphens ("Niger to Burkina Faso", "the Sudan-Chad border")."""
        if self._known(span, text):
            return [span]
        words = _Words.of(span.doc)
        parts, start = [], span.start
        for i in range(span.start, span.end):
            if words.lower[i] in _SEPARATORS or words.tokens[i].dep_ == "cc":
                if i > start:
                    parts.append(span.doc[start:i])
                start = i + 1
        if span.end > start:
            parts.append(span.doc[start:span.end])
        return [part for part in parts if words.name_word[part.start]]

    # --------------------------------------------------------------- evidence
    def _accept(self, span: Span, text: str, label: str | None) -> Mention | None:
        """A mention for a span with the given entity label (None: no entity), on evidence."""
        words = _Words.of(span.doc)
        name = span.start + 1 if words.lower[span.start] in self.rules.directions \
            and len(span) > 1 else span.start
        if not words.tokens[name].text[:1].isupper():
            return None  # "the east coast"
        kind = self._kind_noun(span)
        strong = kind not in (None, "the") or self._in_container(span, text)
        if label in self.rules.place_labels or strong:
            return self._mention(span, text, weak=False, kind_hint=kind)
        if label in self.rules.guarded_labels:
            accepted = self._locative(span) or self._major(span, text)
        elif label is None:
            accepted = self._locative(span) or self._country(span, text)
        else:
            accepted = True
        if not accepted:
            return None
        return self._mention(span, text, weak=True, kind_hint=kind,
                             local=label not in self.rules.guarded_labels)

    def _kind_noun(self, span: Span) -> str | None:
        """The kind a place noun gives the span: "the town of X", "X province", "Gaza City"."""
        lower = _Words.of(span.doc).lower
        nouns = self.rules.place_nouns_after
        if span.end < len(lower) and lower[span.end] in nouns:
            return nouns[lower[span.end]]
        if len(span) > 1 and lower[span.end - 1] in nouns:
            return nouns[lower[span.end - 1]]
        root = span.root
        while root.dep_ == "conj" and root.head is not root:
            root = root.head  # "the towns of X and Y", but not an apposition
        if root.dep_ == "pobj" and root.head.lower_ == "of" and root.head.head.lower_ in nouns:
            return nouns[root.head.head.lower_]
        if span.start > 0 and lower[span.start - 1] == "the":
            return "the"  # "the Sahel", "the Red Sea": not a city or an admin unit
        return None

    def _in_container(self, span: Span, text: str) -> bool:
        """A country or admin unit named next to the span holds one of its candidates
        ("Savannah, Georgia", "Kiryat Shmona in northern Israel")."""
        end = span.end_char
        containers = self.resolver.containers_after(text, end)
        if not containers:
            return False
        gazetteer = self.resolver.gazetteer
        entries = self.resolver.lookup_name(text[span.start_char:end])
        return any(gazetteer.contains(c, e) for c in containers for e in entries)

    def _locative(self, span: Span) -> bool:
        """Governed by a locative preposition, named as "the town of X", or the object of a
        verb that takes places ("captured X")."""
        root = span.root
        while root.dep_ == "conj" and root.head is not root:
            root = root.head  # "hit Kharkiv and Donetsk"
        if root.dep_ == "dobj" and root.head.lemma_.lower() in self.rules.place_object_verbs:
            return True
        if span.start > 0 and _Words.of(span.doc).lower[span.start - 1] in \
                self.rules.role_of_preposition:
            return True  # the word before, whatever the parse made of it ("queued off Colon")
        preposition = governing_preposition(root)
        if preposition is None:
            return False
        if preposition.lower_ == "of":
            return preposition.head.lemma_.lower() in self.rules.place_head_nouns
        return preposition.lower_ in self.rules.role_of_preposition

    def _titled(self, span: Span) -> bool:
        """After a personal title ("Mr. Georgia")."""
        return span.start > 0 and _Words.of(span.doc).lower[span.start - 1].rstrip(".") in \
            self.rules.person_titles

    def _major(self, span: Span, text: str) -> bool:
        """A name the gazetteer knows as a country, an admin1 unit or a very large city,
        not after a personal title."""
        if self._titled(span):
            return False
        gazetteer = self.resolver.gazetteer
        return any(
            gazetteer.kind[e] in ("country", "admin1")
            or (gazetteer.kind[e] == "city"
                and gazetteer.population[e] >= self.rules.major_population)
            for e in self.resolver.lookup_name(text[span.start_char:span.end_char])
        )

    def _country(self, span: Span, text: str) -> bool:
        """A proper name the gazetteer knows as a country ("left for Armenia")."""
        if self._titled(span) or any(pos != "PROPN"
                                     for pos in _Words.of(span.doc).pos[span.start:span.end]):
            return False
        gazetteer = self.resolver.gazetteer
        return any(gazetteer.kind[e] == "country"
                   for e in self.resolver.lookup_name(text[span.start_char:span.end_char]))

    # ---------------------------------------------------------------- mentions
    def _mention(self, span: Span, text: str, *, weak: bool, kind_hint: str | None = None,
                 local: bool = False) -> Mention:
        words = _Words.of(span.doc)
        directions = self.rules.directions
        start, end = span.start_char, span.end_char
        name_start = start
        qualifier: int | None = None  # the direction word's token
        if words.lower[span.start] in directions and len(span) > 1 and not \
                self.resolver.lookup_name(text[start:end]):
            qualifier, name_start = span.start, words.tokens[span.start + 1].idx
        elif span.start > 0 and words.lower[span.start - 1] in directions:
            qualifier = span.start - 1
        if qualifier is not None:
            start = words.tokens[qualifier].idx
        return Mention(
            start=start, end=end, text=text[start:end], name=text[name_start:end],
            qualifier=words.lower[qualifier] if qualifier is not None else None,
            weak=weak, local=local, kind_hint=kind_hint,
        )

    def _demonym_place(self, span: Span, iso3: str, text: str) -> Mention | None:
        """"Israeli territory" -> Israel; "the Egyptian capital" -> Cairo."""
        words = _Words.of(span.doc)
        if span.end >= len(words.tokens) or words.lower[span.end] not in \
                self.rules.demonym_place_nouns \
                or words.tokens[span.end].dep_ == "compound":  # "the Colombian border city"
            return None
        noun = words.tokens[span.end]
        gazetteer = self.resolver.gazetteer
        entry = gazetteer.capital(iso3) if noun.lower_ == "capital" else \
            gazetteer.country_entry(iso3)
        if entry is None:
            return None
        return Mention(start=span.start_char, end=noun.idx + len(noun),
                       text=text[span.start_char:noun.idx + len(noun)],
                       name=gazetteer.name[entry], fixed=entry)

    def _unlabelled(self, doc: Doc, covered: set[int], text: str) -> Iterator[Mention]:
        """Capitalised names no entity covers that the gazetteer knows, on evidence."""
        words = _Words.of(doc)
        resume = 0  # the first token after the last run
        for index in words.name_words:
            if index < resume or index in covered:
                continue
            start, end = _run_around(words, index, index + 1)
            start = max(start, index)
            end = next((i for i in range(start, end) if i in covered), end)
            if words.sent_start[index] and words.pos[index] != "PROPN":
                start += 1  # a capitalised first word of a sentence ("Floods hit ...")
            for part in self._known_names(doc, start, end, text):
                mention = self._accept(part, text, None)
                if mention is not None:
                    yield mention
            resume = max(end, index + 1)

    def _known_names(self, doc: Doc, start: int, end: int, text: str) -> Iterator[Span]:
        """Known names in a name run, longest first from the left ("Rafah" in "Rafah on
        Monday"); a run that reads as one unknown name of two capitalised words or more
        ("Jordan Henderson") yields nothing."""
        words = _Words.of(doc)
        name_word, lower = words.name_word, words.lower
        if sum(name_word[start:end]) > 1 and not any(w in _SEPARATORS for w in lower[start:end]) \
                and all(w not in _CONNECTORS for w in lower[start:end]):
            if self._known(doc[start:end], text):
                yield doc[start:end]
            return
        index = start
        while index < end:
            found = next((doc[index:stop] for stop in range(min(end, index + _LONGEST_NAME), index, -1)
                          if name_word[index] and name_word[stop - 1]
                          and self._known(doc[index:stop], text)), None)
            if found is None:
                index += 1
                continue
            yield found
            index = found.end


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
