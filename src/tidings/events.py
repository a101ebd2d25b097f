"""Events: who did what to whom, coded in PLOVER and CAMEO (stub, to be deepened)."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc


@Language.factory("tidings_events", assigns=["doc._.events"])
def make_events(nlp: Language, name: str) -> "EventCoder":
    return EventCoder()


class EventCoder:
    """Codes events from the dependency parse."""

    def __call__(self, doc: Doc) -> Doc:
        doc._.events = []
        return doc
