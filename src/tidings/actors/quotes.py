"""Quotations as the actors stage needs them: which tokens lie inside quotation marks, and who
speaks them (the subject of the speech verb the quotation hangs on: "'...,' she said").

The attribution stage runs after this one, so the speaker is found here by the same cue: a
speech verb outside the quotation in its sentence or the next one, and that verb's subject."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc

from ..nlp import TokenColumns, sentences
from .mentions import ACTING_DEPS

_OPENING = {"“", "‘‘", "``"}
_CLOSING = {"”", "’’", "''"}
_STRAIGHT = '"'


@dataclass(frozen=True, slots=True)
class Quotation:
    """The tokens ``[start, end)`` inside one pair of quotation marks, and the token of its
    speaker (None when no speech verb with a subject is found)."""

    start: int
    end: int
    speaker: int | None

    def holds(self, i: int) -> bool:
        return self.start <= i < self.end


def find_quotations(doc: Doc, speech_lemmas: frozenset[str]) -> list[Quotation]:
    """The quotations of a Doc, in order, each with its speaker's token."""
    columns = TokenColumns.of(doc)
    found = []
    for start, end in _marked(columns):
        found.append(Quotation(start, end, _speaker(doc, columns, start, end, speech_lemmas)))
    return found


def _marked(columns: TokenColumns) -> list[tuple[int, int]]:
    """Token ranges between matching quotation marks, never across a paragraph break."""
    ranges: list[tuple[int, int]] = []
    opened: int | None = None
    for token in columns.tokens:
        text = token.text
        if token.is_space:
            opened = None if "\n" in text else opened
        elif opened is not None and (text in _CLOSING or text == _STRAIGHT):
            ranges.append((opened, token.i))
            opened = None
        elif opened is None and (text in _OPENING or text == _STRAIGHT):
            opened = token.i + 1
    return ranges


def _speaker(doc: Doc, columns: TokenColumns, start: int, end: int,
             speech_lemmas: frozenset[str]) -> int | None:
    """The subject of the speech verb outside the quotation, in its sentences or the next."""
    spans = sentences(doc)
    near = [s for s in spans if s.end > start - 1 and s.start <= end + 1]
    following = [s for s in spans if s.start >= end + 1][:1]
    for sentence in near + following:
        for i in range(sentence.start, sentence.end):
            if start - 1 <= i <= end:
                continue
            token = columns.tokens[i]
            if token.pos_ == "VERB" and token.lemma_.lower() in speech_lemmas:
                subject = next((c.i for c in token.children if c.dep_ in ACTING_DEPS), None)
                if subject is not None:
                    return subject
    return None
