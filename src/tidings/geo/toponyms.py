"""Toponyms in a parsed Doc: place entities, mislabelled places, qualified forms, demonym places."""

from __future__ import annotations

import re
from collections import Counter

from spacy.tokens import Doc, Span, Token

from .gazetteer import normalize
from .resolve import Mention, Resolver
from .rules import GeoRules

_DIRECTION_PREFIX = re.compile(r"([A-Za-z-]+)\s+$")


def _trim(span: Span) -> Span | None:
    """The span without a leading article and without edge punctuation or whitespace."""
    start, end = span.start, span.end
    doc = span.doc
    while start < end and (doc[start].lower_ == "the" or doc[start].is_space
                           or doc[start].is_punct):
        start += 1
    while end > start and (doc[end - 1].is_space or doc[end - 1].is_punct
                           or doc[end - 1].lower_ in ("'s", "’s")):
        end -= 1
    return doc[start:end] if end > start else None


def governing_preposition(token: Token) -> Token | None:
    """The preposition whose object ``token`` is (through conjunctions and appositions)."""
    while token.dep_ in ("conj", "appos", "compound") and token.head is not token:
        token = token.head
    if token.dep_ == "pobj" and token.head.pos_ == "ADP":
        return token.head
    return None


class ToponymFinder:
    """Finds the mentions of places in a Doc."""

    def __init__(self, resolver: Resolver, rules: GeoRules) -> None:
        self.resolver = resolver
        self.rules = rules

    def find(self, doc: Doc, text: str) -> tuple[list[Mention], Counter]:
        """Mentions in text order, and country weights from demonyms (context for resolution).

        ``text`` is ``doc.text``, which spaCy rebuilds from the tokens on every access.
        """
        mentions: list[Mention] = []
        context: Counter = Counter()
        covered: set[int] = set()
        for ent in doc.ents:
            covered.update(range(ent.start, ent.end))
            span = _trim(ent)
            if span is None:
                continue
            if ent.label_ == "NORP" and span.text in self.rules.demonyms:
                iso3 = self.rules.demonyms[span.text]
                context[iso3] += 0.5
                mention = self._demonym_place(span, iso3, text)
            elif ent.label_ in self.rules.place_labels:
                mention = self._mention(span, text, weak=False)
            elif ent.label_ in self.rules.other_labels:
                guarded = ent.label_ in self.rules.guarded_labels
                mentions.extend(
                    self._mention(part, text, weak=True) for part in _parts(span)
                    if not guarded or self._locative(part) or self._major(part)
                )
                continue
            else:
                mention = None
            if mention is not None:
                mentions.append(mention)
        mentions.extend(self._unlabelled(doc, covered, text))
        mentions.sort(key=lambda m: m.start)
        return mentions, context

    def _locative(self, span: Span) -> bool:
        """Governed by a locative preposition, named as "the town of X", or the object of a
        verb that takes places ("captured X")."""
        root = span.root
        if root.dep_ == "dobj" and root.head.lemma_.lower() in self.rules.place_object_verbs:
            return True
        preposition = governing_preposition(root)
        if preposition is None:
            return False
        if preposition.lower_ == "of":
            return preposition.head.lemma_.lower() in self.rules.place_head_nouns
        return preposition.lower_ in self.rules.role_of_preposition

    def _major(self, span: Span) -> bool:
        """A name the gazetteer knows as a country, an admin1 unit or a very large city,
        not after a personal title ("Mr. Georgia")."""
        if span.start > 0 and span.doc[span.start - 1].lower_.rstrip(".") in \
                self.rules.person_titles:
            return False
        gazetteer = self.resolver.gazetteer
        return any(
            gazetteer.kind[e] in ("country", "admin1")
            or (gazetteer.kind[e] == "city"
                and gazetteer.population[e] >= self.rules.major_population)
            for e in self.resolver.lookup_name(span.text)
        )

    def _mention(self, span: Span, text: str, *, weak: bool) -> Mention:
        doc = span.doc
        first = span[0]
        name_span = span
        qualifier: Token | None = None
        if first.lower_ in self.rules.directions and len(span) > 1 and not \
                self.resolver.lookup_name(span.text):
            qualifier, name_span = first, span[1:]
        elif span.start > 0 and doc[span.start - 1].lower_ in self.rules.directions:
            qualifier = doc[span.start - 1]
        start = qualifier.idx if qualifier is not None else span.start_char
        return Mention(
            start=start, end=span.end_char, text=text[start:span.end_char],
            name=name_span.text, qualifier=qualifier.lower_ if qualifier is not None else None,
            weak=weak,
        )

    def _demonym_place(self, span: Span, iso3: str, text: str) -> Mention | None:
        """"Israeli territory" -> Israel; "the Egyptian capital" -> Cairo."""
        doc = span.doc
        if span.end >= len(doc) or doc[span.end].lower_ not in self.rules.demonym_place_nouns:
            return None
        noun = doc[span.end]
        gazetteer = self.resolver.gazetteer
        entry = gazetteer.capital(iso3) if noun.lower_ == "capital" else \
            gazetteer.country_entry(iso3)
        if entry is None:
            return None
        return Mention(start=span.start_char, end=noun.idx + len(noun),
                       text=text[span.start_char:noun.idx + len(noun)],
                       name=gazetteer.name[entry], fixed=entry)

    def _unlabelled(self, doc: Doc, covered: set[int], text: str) -> list[Mention]:
        """Proper nouns after a locative preposition that no entity covers ("in Arish")."""
        found: list[Mention] = []
        for token in doc:
            if token.i in covered or token.pos_ != "PROPN" or not token.is_title:
                continue
            if token.i > 0 and (doc[token.i - 1].pos_ == "PROPN" and doc[token.i - 1].is_title):
                continue  # not the first word of the name
            end = token.i + 1
            while end < len(doc) and end not in covered and doc[end].pos_ == "PROPN" \
                    and doc[end].is_title:
                end += 1
            span = doc[token.i:end]
            if self._locative(span) and self.resolver.gazetteer.lookup_key(normalize(span.text)):
                found.append(self._mention(span, text, weak=True))
        return found


def _parts(span: Span) -> list[Span]:
    """A span split at coordinators, commas and "to" ("Niger to Burkina Faso")."""
    parts, start = [], span.start
    for token in span:
        if token.dep_ == "cc" or token.lower_ in ("and", "or", "to", ",", ";"):
            if token.i > start:
                parts.append(span.doc[start:token.i])
            start = token.i + 1
    if span.end > start:
        parts.append(span.doc[start:span.end])
    return parts


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
