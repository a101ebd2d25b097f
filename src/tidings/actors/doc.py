"""What other stages may ask of the actors stage's dictionary (through :mod:`tidings.docs`): a
country or a placed sector as an actor.  The actor mentions of a range, a token or a noun
phrase are read from the Doc by :mod:`tidings.docs`."""

from __future__ import annotations

from dataclasses import replace

from ..model import ActorRef
from .dictionary import load_dictionary


def country_ref(iso3: str, start: int, end: int, text: str) -> ActorRef:
    """A country as the actor of a text span another stage found (a place name)."""
    countries = load_dictionary().countries
    return ActorRef(iso3, countries.get(iso3, iso3), iso3, (), start, end, text)


def placed(ref: ActorRef, iso3: str) -> ActorRef | None:
    """A sector of unknown country ("students", "protesters") placed in a country, or None
    when the actor is armed or more than a bare sector."""
    dictionary = load_dictionary()
    if (ref.country is not None or ref.id not in dictionary.codes
            or ref.id in dictionary.grammar.armed_sectors):
        return None
    name = f"{dictionary.countries.get(iso3, iso3)} {dictionary.codes[ref.id][0]}"
    return replace(ref, id=f"{iso3}-{ref.id}", name=name, country=iso3)
