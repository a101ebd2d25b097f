"""Cue finding: the tokens and phrases of a Doc that the cue lexicon lists."""

from __future__ import annotations

import itertools
from collections.abc import Iterable
from dataclasses import dataclass

from spacy.tokens import Doc

from ..nlp import TokenColumns
from .lexicon import CueEntry, Lexicon, Phrase


@dataclass(frozen=True, slots=True)
class Hit:
    """A matched cue: token range, head token index and lexicon entry."""

    start: int
    end: int
    head: int
    entry: CueEntry


class PhraseIndex:
    """Multi-word cues matched on lower-cased tokens: each phrase is expanded once into its
    variants (optional words present or not) and indexed by its first word, so a token that
    starts no phrase costs one dictionary look-up."""

    def __init__(self, phrases: Iterable[tuple[CueEntry, Phrase]]) -> None:
        self.by_first: dict[str, list[tuple[CueEntry, tuple[frozenset[str], ...]]]] = {}
        for entry, tokens in phrases:
            for variant in itertools.product(*(((forms,), ()) if optional else ((forms,),)
                                               for forms, optional in tokens)):
                words = tuple(forms for part in variant for forms in part)
                for first in words[0] if words else ():
                    self.by_first.setdefault(first, []).append((entry, words))

    def find(self, doc: Doc) -> list[tuple[CueEntry, int, int]]:
        """Every (cue, start, end) match, overlapping ones included."""
        found = []
        lowered = TokenColumns.of(doc).lower
        for start in [i for i, word in enumerate(lowered) if word in self.by_first]:
            for entry, words in self.by_first[lowered[start]]:
                end = start + len(words)
                if end <= len(lowered) and all(lowered[start + k] in forms
                                               for k, forms in enumerate(words[1:], 1)):
                    found.append((entry, start, end))
        return found


class CueFinder:
    """Finds the cues of a Doc: phrases first and longest first; single words fill the gaps."""

    def __init__(self, lexicon: Lexicon) -> None:
        self.lexicon = lexicon
        self.phrases = PhraseIndex(lexicon.phrases)
        # every single-word cue form, to pass over the other tokens with one set look-up
        self.words = lexicon.verbs.keys() | lexicon.nouns.keys() | lexicon.adverbs.keys() | lexicon.adjectives.keys()
        self.tables = {"VERB": lexicon.verbs, "AUX": lexicon.verbs, "NOUN": lexicon.nouns,
                       "PROPN": lexicon.nouns, "ADV": lexicon.adverbs, "ADJ": lexicon.adjectives}

    def __call__(self, doc: Doc) -> list[Hit]:
        """The cue matches of ``doc`` in text order."""
        hits: list[Hit] = []
        taken = bytearray(len(doc))
        matches = sorted(self.phrases.find(doc), key=lambda m: (m[1] - m[2], m[1]))
        for entry, start, end in matches:
            if any(taken[start:end]):
                continue
            span = doc[start:end]
            hits.append(Hit(start, end, span.root.i, entry))
            taken[start:end] = b"\x01" * (end - start)
        columns = TokenColumns.of(doc)
        for i in [i for i, word in enumerate(columns.lower) if word in self.words]:
            if taken[i]:
                continue
            table = self.tables.get(columns.pos[i])
            entry = table.get(columns.lower[i]) if table is not None else None
            if entry is not None:
                hits.append(Hit(i, i + 1, i, entry))
        return sorted(hits, key=lambda h: h.start)
