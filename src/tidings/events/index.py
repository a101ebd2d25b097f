"""The per-run index of a Doc that the event coder reads again and again."""

from __future__ import annotations

from bisect import bisect_right

from spacy.tokens import Doc, Span

from ..model import Place
from ..nlp import CACHE_PREFIX, per_doc, sentences

_INDEX = "events.index"  # the name of the :class:`DocIndex` cache (see nlp.per_doc)


class DocIndex:
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
    def of(doc: Doc) -> DocIndex:
        return per_doc(doc, _INDEX, DocIndex)

    @staticmethod
    def renew(doc: Doc) -> DocIndex:
        """A fresh index, kept for the run of the stage that starts now."""
        index = doc.user_data[CACHE_PREFIX + _INDEX] = DocIndex(doc)
        return index

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
