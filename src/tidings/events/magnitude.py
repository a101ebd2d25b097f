"""Magnitude: how many events a nominal trigger stands for, and the dead, injured and arrested
counted around violent events ("over 100 strikes", "killed at least 12")."""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Doc, Token

from .. import syntax
from ..model import Event, Magnitude
from ..nlp import TokenColumns, children_of
from .index import DocIndex
from .lexicon import Lexicon


def number_of(lex: Lexicon, token: Token) -> tuple[int | None, str | None] | None:
    """The count a number token (or a noun with a number) gives, with its qualifier."""
    number = token if token.like_num else next(
        (c for c in children_of(token) if c.dep_ == "nummod" and c.like_num), None)
    if number is None:
        vague = lex.vague_quantities.get(token.lower_)
        if vague is None:
            vague = next((lex.vague_quantities[c.lower_] for c in children_of(token)
                          if c.dep_ in ("amod", "nummod", "det")
                          and c.lower_ in lex.vague_quantities), None)
        return (None, vague) if vague else None
    value = parse_number(number.text, lex.number_words)
    if value is None:
        return None
    before = number.doc[number.left_edge.i: number.i].text.lower()
    qualifier = next((q for phrase, q in lex.qualifiers if before.endswith(phrase)), None)
    return value, qualifier


def event_count(lex: Lexicon, trigger: Token) -> Magnitude | None:
    """How many events a nominal trigger stands for ("over 100 strikes", "dozens of raids")."""
    if trigger.pos_ == "VERB":
        return None
    for item in syntax.coordinated_under(trigger):
        found = number_of(lex, item)
        if found:
            return Magnitude(count=found[0], count_qualifier=found[1])
    head = trigger.head
    if trigger.dep_ == "pobj" and head.lower_ == "of":
        found = number_of(lex, head.head)
        if found:
            return Magnitude(count=found[0], count_qualifier=found[1])
    return None


def casualties(lex: Lexicon, sentence: list[Token]) -> list[tuple[Token, str, int]]:
    """Counts of dead, injured and arrested people in a sentence (its tokens), with the
    cue word."""
    out: list[tuple[Token, str, int]] = []
    for token in sentence:
        kind = lex.magnitude.get(token.lemma_.lower())
        if kind is None:
            continue
        candidates = [c for c in children_of(token)
                      if c.dep_ in ("dobj", "nsubjpass", "nsubj", "npadvmod", "nummod")]
        if token.dep_ in ("amod", "acomp", "oprd") or token.pos_ == "ADJ":
            candidates.append(token.head)
        for candidate in candidates:
            found = number_of(lex, candidate)
            if found and found[0] is not None:
                out.append((token, kind, found[0]))
                break
    return out


def with_magnitudes(lex: Lexicon, doc: Doc, events: list[Event]) -> list[Event]:
    """Attach casualty counts to the nearest violent event in their sentence."""
    by_sentence: dict[int, list[int]] = {}
    for index, event in enumerate(events):
        if event.type in lex.magnitude_types:
            by_sentence.setdefault(event.sentence.start, []).append(index)
    doc_index, tokens = DocIndex.of(doc), TokenColumns.of(doc).tokens
    counts: dict[int, dict[str, int]] = {}
    for start, indexes in by_sentence.items():
        sentence = doc_index.sentence_at(start)
        for cue, kind, value in casualties(lex, tokens[sentence.start:sentence.end]):
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


def parse_number(text: str, words: dict[str, int]) -> int | None:
    cleaned = text.replace(",", "").lower()
    if cleaned.isdigit():
        return int(cleaned)
    return words.get(cleaned)
