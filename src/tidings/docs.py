"""Reading what the stages put on the Doc: the accessors any stage may use instead of calling
into another stage's module.

The actor mentions (``doc._.actor_mentions``, set by ``tidings_actors``) are read here
directly.  Naming a country or placing a sector in one needs the actors stage's dictionary,
and attaching places to an event needs the geo stage's attachment rules: those two reads go
through this module, so a stage imports only ``tidings.docs``, never another stage.
"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Doc, Span, Token

from .model import ActorRef, Event, Place
from .nlp import per_doc

_ROOTS = "docs.mention_roots"  # per Doc: (start, end) of a mention -> index of its head token
_NOT_OWN = ("prep", "pobj", "relcl", "acl", "advcl", "ccomp", "xcomp", "agent")


def mentions_in(doc: Doc, start: int, end: int) -> list[ActorRef]:
    """Actor mentions lying within the character range ``[start, end)``."""
    return [m for m in doc._.actor_mentions or () if m.start >= start and m.end <= end]


def actor_for_token(doc: Doc, token: Token) -> ActorRef | None:
    """The actor mention covering a token (the one it heads first, then the shortest)."""
    covering = [m for m in doc._.actor_mentions or () if m.start <= token.idx < m.end]
    if not covering:
        return None
    return min(covering, key=lambda m: (mention_root(doc, m).i != token.i, m.end - m.start))


def actor_for_span(doc: Doc, span: Span) -> list[ActorRef]:
    """Every actor of a noun phrase, coordinated ones included ("British and American
    officials"); actors inside its prepositional or clausal modifiers ("talks *with Egypt*")
    are not the phrase's own and are left out."""
    found: list[ActorRef] = []
    refs = mentions_in(doc, span.start_char, span.end_char)
    if not refs:
        return found
    root = span.root.i  # Span.root is worked out anew on every access
    start, end = span.start, span.end
    for ref in refs:
        token = mention_root(doc, ref)
        while token.i != root and start <= token.head.i < end and token.dep_ not in _NOT_OWN:
            token = token.head
        if token.i == root and all((f.id, f.start) != (ref.id, ref.start) for f in found):
            found.append(ref)
    return found


def mention_root(doc: Doc, ref: ActorRef) -> Token:
    """The head token of a mention (where it is, is kept per Doc)."""
    roots: dict[tuple[int, int], int] = per_doc(doc, _ROOTS, lambda _: {})
    where = roots.get((ref.start, ref.end))
    if where is None:
        where = roots[ref.start, ref.end] = doc.char_span(
            ref.start, ref.end, alignment_mode="expand").root.i
    return doc[where]


def country_ref(iso3: str, start: int, end: int, text: str) -> ActorRef:
    """A country as the actor of a text span another stage found (a place name)."""
    from .actors import country_ref as name_country  # on use: the actors stage reads this module

    return name_country(iso3, start, end, text)


def placed(ref: ActorRef, iso3: str) -> ActorRef | None:
    """A sector of unknown country placed in a country, or None (see the actors stage)."""
    from .actors import placed as place_sector

    return place_sector(ref, iso3)


def attached_places(doc: Doc, trigger: Span, sentence: Span, *,
                    agents: Sequence[ActorRef] = ()) -> list[tuple[Place, str]]:
    """The places of ``doc._.places`` the parse attaches to an event trigger, with their
    roles (site, origin, destination), nearest first."""
    from .geo.locate import event_places  # on use: the geo stage reads this module

    return event_places(doc, trigger, sentence, agents=agents)


def event_spans(doc: Doc, event: Event) -> tuple[Span, Span]:
    """The Doc spans of an event's trigger and sentence (as the events stage found them)."""
    trigger = doc.char_span(event.trigger.start, event.trigger.end, alignment_mode="expand")
    sentence = doc.char_span(event.sentence.start, event.sentence.end, alignment_mode="expand")
    return trigger, sentence
