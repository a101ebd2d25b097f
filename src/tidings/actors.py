"""Actors: named and described actors resolved to canonical entities (stub, to be deepened)."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from .model import ActorRef


@Language.factory("tidings_actors", assigns=["doc._.actors", "doc._.actor_mentions"])
def make_actors(nlp: Language, name: str) -> "ActorResolver":
    return ActorResolver()


class ActorResolver:
    """Finds actor mentions and resolves them to canonical actors."""

    def __call__(self, doc: Doc) -> Doc:
        doc._.actor_mentions = []
        doc._.actors = []
        return doc


def mentions_in(doc: Doc, start: int, end: int) -> list[ActorRef]:
    """Actor mentions lying within the character range ``[start, end)``."""
    return [m for m in doc._.actor_mentions or () if m.start >= start and m.end <= end]
