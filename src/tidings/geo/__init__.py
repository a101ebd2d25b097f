"""Where: toponyms found in the text and resolved against an offline gazetteer.

The ``tidings_geo`` component sets ``doc._.places``; :func:`resolve_places` resolves spans a
caller already has; :func:`locate_event` places an event; :func:`import_geonames` upgrades the
gazetteer from a full GeoNames dump.
"""

from __future__ import annotations

import datetime as dt

from spacy.language import Language
from spacy.tokens import Doc

from ..model import Place
from ..nlp import doc_text
from .gazetteer import (
    Gazetteer, curated_names, import_geonames, load_gazetteer, supplement_rows,
)
from .locate import event_places, in_dateline, locate_event
from .resolve import Mention, Resolver
from .rules import load_rules
from .toponyms import ToponymFinder, mentions_from_spans

# Ruler labels for curated places, by kind.
_RULER_LABEL = {"point": "FAC", "water": "LOC", "region": "LOC", "city": "GPE"}


@Language.factory("tidings_geo", requires=["doc.ents", "token.dep"], assigns=["doc._.places"])
def make_geo(nlp: Language, name: str) -> Geoparser:
    return Geoparser()


class Geoparser:
    """Finds toponyms and resolves them to places."""

    def __init__(self) -> None:
        self.resolver = default_resolver()
        self.finder = ToponymFinder(self.resolver, self.resolver.rules)

    def __call__(self, doc: Doc) -> Doc:
        text = doc_text(doc)
        mentions, context = self.finder.find(doc)
        places = self.resolver.resolve(text, mentions, context)
        doc._.places = [p for p in places if p is not None]
        return doc


def default_resolver() -> Resolver:
    """A resolver over the default gazetteer and rules (both loaded once)."""
    return Resolver(load_gazetteer(), load_rules())


def resolve_places(
    text: str, spans: list[tuple[int, int]], published: dt.date | None = None,
) -> list[Place | None]:
    """Resolve toponym spans ``(start, end)`` of ``text``: one result per span, in the order
    given, None where the name is unknown.  The spans are resolved together, as the context of
    one another.

    ``published`` is accepted for symmetry with the other stages; resolution does not use it.

    >>> text = "Floods hit Paris, Texas, and Qwzx."
    >>> [p and (p.name, p.country, p.admin1) for p in resolve_places(text, [(11, 16), (29, 33)])]
    [('Paris', 'USA', 'Texas'), None]
    """
    resolver = default_resolver()
    return resolver.resolve(text, mentions_from_spans(text, spans, resolver.rules))


def entity_patterns() -> list[dict]:
    """EntityRuler patterns for the curated places (names the small model mislabels).

    A one-word name also gets "<name> City" when the gazetteer knows such a city, so that
    the ruler does not cut "Gaza City" down to "Gaza".
    """
    gazetteer = load_gazetteer()
    patterns = []
    for row in supplement_rows():
        label = "GPE" if row["feature"] == "TERR" else _RULER_LABEL.get(row["kind"], "LOC")
        for name, in_ruler in curated_names(row):
            if not in_ruler or not name[0].isupper() or name.isupper():
                continue
            patterns.append({"label": label, "pattern": name, "id": "geo"})
            if " " not in name and any(gazetteer.kind[e] == "city"
                                       for e in gazetteer.lookup(f"{name} City")):
                patterns.append({"label": "GPE", "pattern": f"{name} City", "id": "geo"})
    return patterns


__all__ = [
    "Gazetteer", "Geoparser", "Mention", "entity_patterns", "event_places", "import_geonames",
    "in_dateline", "load_gazetteer", "locate_event", "resolve_places",
]
