"""Where: toponyms found in the text and resolved against an offline gazetteer.

The ``tidings_geo`` component sets ``doc._.places``; :func:`resolve_places` resolves spans a
caller already has; :func:`locate_event` places an event; :func:`import_geonames` upgrades the
gazetteer from a full GeoNames dump.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc, Span

from ..countries import COUNTRIES_FILE
from ..docs import event_spans
from ..model import Place
from ..nlp import doc_text
from .gazetteer import (
    GEO_DATA, Gazetteer, curated_names, load_gazetteer, supplement_rows,
)
from .geonames_dump import import_geonames
from .locate import event_places, in_dateline, locate_event
from .resolve import Mention, Resolver
from .rules import load_rules
from .toponyms import ToponymFinder, mentions_from_spans

# Ruler labels for curated places, by kind.
_RULER_LABEL = {"point": "FAC", "water": "LOC", "region": "LOC", "city": "GPE"}


@Language.factory(
    "tidings_geo",
    requires=["doc.ents", "token.dep", "token.pos", "token.lemma", "token.is_sent_start"],
    assigns=["doc._.places"],
    default_config={"data_dir": None, "countries_file": None},
)
def make_geo(nlp: Language, name: str, data_dir: str | None,
             countries_file: str | None) -> Geoparser:
    """The geoparser, with the bundled data unless ``data_dir`` names a folder holding
    ``rules.yaml``, ``supplement.tsv`` and ``aliases.tsv`` (and ``countries_file`` another
    ``countries.tsv``)."""
    return Geoparser(Path(data_dir) if data_dir else None,
                     Path(countries_file) if countries_file else None)


class Geoparser:
    """Finds toponyms and resolves them to places."""

    def __init__(self, data_dir: Path | None = None, countries_file: Path | None = None) -> None:
        self.resolver = default_resolver(data_dir, countries_file)
        self.finder = ToponymFinder(self.resolver, self.resolver.rules)

    def __call__(self, doc: Doc) -> Doc:
        text = doc_text(doc)
        mentions, context = self.finder.find(doc)
        places = self.resolver.resolve(text, mentions, context)
        metonyms = doc._.metonyms or ()  # names the actors stage read as governments acting
        doc._.places = [p for p in places if p is not None
                        and not any(a <= p.start and p.end <= b for a, b in metonyms)]
        return doc


@Language.factory(
    "tidings_event_places",
    requires=["doc._.events", "doc._.places", "token.dep", "token.pos"],
    assigns=["doc._.events"],
)
def make_event_places(nlp: Language, name: str) -> EventPlacer:
    return EventPlacer()


class EventPlacer:
    """Sets each event's location and its role from the places attached to its trigger
    (:func:`locate_event`); places named as the event's actors, or reached
    through another event's trigger, are never its location."""

    def __call__(self, doc: Doc) -> Doc:
        if doc._.events:
            spans = [event_spans(doc, event) for event in doc._.events]
            triggers = {t.i for trigger, _ in spans for t in trigger}
            doc._.events = [self.place(doc, event, span, triggers)
                            for event, span in zip(doc._.events, spans)]
        return doc

    @staticmethod
    def place(doc: Doc, event, spans: tuple[Span, Span], triggers: set[int]):
        trigger, sentence = spans
        others = triggers.difference(t.i for t in trigger)
        location, role = locate_event(doc, trigger, sentence, others=others,
                                      agents=event.actors)
        return replace(event, location=location, location_role=role)


def default_resolver(data_dir: Path | None = None, countries_file: Path | None = None) -> Resolver:
    """A resolver over the gazetteer and rules (each loaded once): the bundled ones, or those
    in ``data_dir`` and ``countries_file``."""
    if data_dir is None and countries_file is None:
        return Resolver(load_gazetteer(), load_rules())
    data_dir = data_dir or GEO_DATA
    return Resolver(load_gazetteer(data_dir),
                    load_rules(data_dir / "rules.yaml", countries_file or COUNTRIES_FILE))


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
    "EventPlacer", "Gazetteer", "Geoparser", "Mention", "entity_patterns", "event_places", "import_geonames",
    "in_dateline", "load_gazetteer", "locate_event", "resolve_places",
]
