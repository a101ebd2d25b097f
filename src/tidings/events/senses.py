"""Senses of ASSAULT triggers: physical violence, or criticism, a cyber operation or nothing.

An assault needs a physical reading.  A cyber operation is coded by the entry of
``assault_senses.cyber_rule``; a target that is no one ("the fight against terror") or an
actor that cannot strike ("ads targeting voters") leaves no event; a verb with a verbal sense
("attack", "slam", "target") aimed at a record, a policy or a rival, or with a named person
on either side and nothing physical in the sentence, is criticism (``verbal_rule``).
"""

from __future__ import annotations

from spacy.tokens import Token

from .. import syntax
from . import phrases
from .arguments import Draft
from .index import DocIndex
from .lexicon import Lexicon, Trigger


def assault_sense(lex: Lexicon, draft: Draft) -> tuple[Trigger, str] | None:
    """The entry that codes the draft and the sense rule used ("" when the draft's own entry
    stands), or None when the trigger has no event reading."""
    entry, token, senses = draft.entry, draft.token, lex.assault_senses
    if entry.type != "ASSAULT":
        return entry, ""
    sentence = DocIndex.of(token.doc).sentence(token.i)
    words = {t.lemma_.lower() for t in sentence} | {t.lower_ for t in sentence}
    if words & senses.cyber_words:
        return lex.rules[senses.cyber_rule], "cyber"
    if _heads(draft.actors) & senses.figurative_actors:
        return None
    targets = _heads(_targets(lex, draft))
    if targets & senses.abstract_targets:
        return None
    verbal = token.lemma_.lower() in senses.verbal_verbs
    if targets & senses.figurative_targets:
        return (lex.rules[senses.verbal_rule], "verbal") if verbal else None
    physical = words & (senses.physical_words | lex.instruments.keys() | lex.magnitude.keys())
    if verbal and token.pos_ == "VERB" and not physical and any(
            t.ent_type_ == "PERSON" for t in (*draft.actors, *_targets(lex, draft))):
        return lex.rules[senses.verbal_rule], "verbal"
    return entry, ""


def _targets(lex: Lexicon, draft: Draft) -> list[Token]:
    """The recipient tokens, the object and the objects of the entry's recipient prepositions."""
    token = draft.token
    found = list(draft.recipients) + syntax.prep_objects(token, draft.entry.preps)
    theme = phrases.theme(token, lex) if token.pos_ == "VERB" else None
    return found + ([theme] if theme is not None else [])


def _heads(tokens: list[Token]) -> set[str]:
    return {t.lemma_.lower() for t in tokens}
