"""When: time expressions normalised against the publication date (stub, to be deepened)."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span

from .model import EventTime


@Language.factory("tidings_time", assigns=["doc._.times"])
def make_time(nlp: Language, name: str) -> "TimeTagger":
    return TimeTagger()


class TimeTagger:
    """Finds time expressions and normalises them."""

    def __call__(self, doc: Doc) -> Doc:
        doc._.times = []
        return doc


def date_event(doc: Doc, trigger: Span, sentence: Span) -> EventTime | None:
    """When an event happened: its own time expression, the sentence's, else on or before
    publication (precision says so); ``None`` when the publication date is unknown too."""
    return None
