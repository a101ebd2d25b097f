"""The ``tidings_actors`` spaCy component."""

from __future__ import annotations

from spacy.language import Language

from .dictionary import load_dictionary
from .resolver import ActorResolver


@Language.factory(
    "tidings_actors",
    assigns=["doc._.actors", "doc._.actor_mentions", "doc._.metonyms", "doc._.body_start"],
    requires=["doc.ents", "token.dep", "token.tag"],
    default_config={"data_dir": None},
)
def make_actors(nlp: Language, name: str, data_dir: str | None) -> ActorResolver:
    """The actor resolver, with the bundled dictionary unless ``data_dir`` names another."""
    return ActorResolver(nlp, load_dictionary(data_dir))

