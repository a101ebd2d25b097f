"""What other stages may ask of a Doc the actors stage has run on: the actor mentions in a
character range, of a token, of a noun phrase; a country or a placed sector as an actor."""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Doc, Span, Token

from ..model import ActorRef
from ..nlp import per_doc
from .dictionary import load_dictionary

# Per-Doc cache (see nlp.per_doc): the head token's index of each actor mention's characters,
# (start, end) -> i. The events and attribution stages ask for the same mentions again and
# again; the parse it depends on does not change.
_ROOTS = "actors.roots"

def mentions_in(doc: Doc, start: int, end: int) -> list[ActorRef]:
    """Actor mentions lying within the character range ``[start, end)``."""
    return [m for m in doc._.actor_mentions or () if m.start >= start and m.end <= end]


def actor_for_token(doc: Doc, token: Token) -> ActorRef | None:
    """The actor mention covering a token (the one it heads first, then the shortest)."""
    covering = [m for m in doc._.actor_mentions or ()
                if m.start <= token.idx < m.end]
    if not covering:
        return None
    return min(covering, key=lambda m: (_root(doc, m).i != token.i, m.end - m.start))


def actor_for_span(doc: Doc, span: Span) -> list[ActorRef]:
    """Every actor of a noun phrase, coordinated ones included ("British and American officials").

    Actors inside the phrase's prepositional or clausal modifiers ("talks *with Egypt*") are
    not the phrase's own and are left out.
    """
    found: list[ActorRef] = []
    refs = mentions_in(doc, span.start_char, span.end_char)
    if not refs:
        return found
    root = span.root.i  # Span.root is worked out anew on every access
    start, end = span.start, span.end
    for ref in refs:
        token = _root(doc, ref)
        while token.i != root and start <= token.head.i < end and token.dep_ not in (
            "prep", "pobj", "relcl", "acl", "advcl", "ccomp", "xcomp", "agent"
        ):
            token = token.head
        if token.i == root and all((f.id, f.start) != (ref.id, ref.start) for f in found):
            found.append(ref)
    return found


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


def _root(doc: Doc, ref: ActorRef) -> Token:
    """The head token of a mention; where it is, is kept per Doc (see :data:`_ROOTS`)."""
    roots: dict[tuple[int, int], int] = per_doc(doc, _ROOTS, lambda _: {})
    where = roots.get((ref.start, ref.end))
    if where is None:
        where = roots[ref.start, ref.end] = doc.char_span(
            ref.start, ref.end, alignment_mode="expand").root.i
    return doc[where]
