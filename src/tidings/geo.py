"""Where: toponyms resolved against an offline gazetteer (stub, to be deepened)."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span

from .model import Place


@Language.factory("tidings_geo", assigns=["doc._.places"])
def make_geo(nlp: Language, name: str) -> "Geoparser":
    return Geoparser()


class Geoparser:
    """Finds toponyms and resolves them to places."""

    def __call__(self, doc: Doc) -> Doc:
        doc._.places = []
        return doc


def locate_event(doc: Doc, trigger: Span, sentence: Span) -> tuple[Place | None, str | None]:
    """The place of an event and its role (site, origin, destination), or ``(None, None)``."""
    return None, None
