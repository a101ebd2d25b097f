"""Who says so: quotes, attribution cues and the sources of every event (stub, to be deepened)."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc


@Language.factory("tidings_attribution", assigns=["doc._.quotes", "doc._.events"])
def make_attribution(nlp: Language, name: str) -> "Attributor":
    return Attributor()


class Attributor:
    """Finds quotes and cues and attaches sources to events."""

    def __call__(self, doc: Doc) -> Doc:
        doc._.quotes = []
        return doc
